import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runEngineCommand } from '../../src/domain/engine/engine-commands';

const exampleA = {
  on: '2026-03-01',
  capacityMonthlyCents: 33_838,
  maxMonths: 84,
  policy: 'landlord-first-pro-rata',
  moratoriumMonths: 0,
  debts: [
    { id: 'A', creditorCategory: 'credit-institution', balanceCents: 600_000, annualRateBps: 0 },
    { id: 'B', creditorCategory: 'credit-institution', balanceCents: 450_000, annualRateBps: 0 },
    { id: 'C', creditorCategory: 'utility', balanceCents: 50_000, annualRateBps: 0 },
    { id: 'D', creditorCategory: 'landlord', balanceCents: 120_000, annualRateBps: 0 },
  ],
};

function spawnEngine(stdin: string) {
  const result = spawnSync('npx', ['tsx', 'src/cli/engine.ts', 'simulate'], {
    input: stdin,
    encoding: 'utf8',
    cwd: process.cwd(),
  });
  return { status: result.status, json: JSON.parse(result.stdout) as Record<string, unknown> };
}

describe('engine simulate', () => {
  it('writes the issue-4 fields for worked example A', () => {
    const out = runEngineCommand('simulate', exampleA);
    expect(out.exitCode).toBe(0);
    expect(out.output).toMatchObject({
      feasible: true,
      months: 37,
      totalPaidCents: 1_220_000,
      totalInterestCents: 0,
      writeOffCents: 0,
    });
    const output = out.output as {
      perDebt: {
        id: string;
        paidCents: number;
        interestCents: number;
        writeOffCents: number;
        lastMonth: number;
      }[];
      schedule: { month: number; payments: Record<string, unknown>[] }[];
    };
    expect(output.perDebt.find((d) => d.id === 'D')).toEqual({
      id: 'D',
      paidCents: 120_000,
      interestCents: 0,
      writeOffCents: 0,
      lastMonth: 4,
    });
    expect(Object.keys(output.schedule[3]?.payments[0] ?? {}).sort()).toEqual(
      ['amountCents', 'balanceAfterCents', 'id', 'interestCents', 'principalCents'].sort(),
    );
    expect(output.schedule[3]?.month).toBe(4);
  });

  it('moratorium months: nothing paid, no interest accrues', () => {
    const out = runEngineCommand('simulate', {
      ...exampleA,
      moratoriumMonths: 3,
      debts: [{ id: 'L', creditorCategory: 'credit-institution', balanceCents: 100_000, annualRateBps: 500 }],
    });
    const output = out.output as {
      schedule: { payments: { amountCents: number; balanceAfterCents: number }[] }[];
    };
    expect(output.schedule.slice(0, 3).map((m) => m.payments[0])).toEqual([
      expect.objectContaining({ amountCents: 0, balanceAfterCents: 100_000 }),
      expect.objectContaining({ amountCents: 0, balanceAfterCents: 100_000 }),
      expect.objectContaining({ amountCents: 0, balanceAfterCents: 100_000 }),
    ]);
  });

  it('writeOffCents is what is still owed at the end', () => {
    const out = runEngineCommand('simulate', { ...exampleA, maxMonths: 12 });
    expect(out.output).toMatchObject({ feasible: false, months: 12, writeOffCents: 1_220_000 - 12 * 33_838 });
  });

  // Two spawns of npx and tsx: seconds each on a busy machine, over Vitest's 5 s default per test.
  it('runs through the CLI (exit 0) and exits 2 with a JSON error on invalid input', () => {
    const ok = spawnEngine(JSON.stringify(exampleA));
    expect(ok.status).toBe(0);
    expect(ok.json).toMatchObject({ feasible: true, months: 37 });
    const bad = spawnEngine(
      JSON.stringify({
        ...exampleA,
        policy: 'random',
        maxMonths: 0,
        debts: [{ id: 'A', creditorCategory: 'bank' }],
      }),
    );
    expect(bad.status).toBe(2);
    expect(bad.json.error).toBe('invalid-input');
    const paths = (bad.json.problems as { path: string }[]).map((p) => p.path).sort();
    expect(paths).toEqual(
      [
        'debts[0].annualRateBps',
        'debts[0].balanceCents',
        'debts[0].creditorCategory',
        'maxMonths',
        'policy',
      ].sort(),
    );
  }, 60_000);

  it('refuses duplicate debt ids and a moratorium over 24 months', () => {
    const out = runEngineCommand('simulate', {
      ...exampleA,
      moratoriumMonths: 30,
      debts: [exampleA.debts[0], exampleA.debts[0]],
    });
    expect(out.exitCode).toBe(2);
    const paths = (out.output as { problems: { path: string }[] }).problems.map((p) => p.path);
    expect(paths).toContain('moratoriumMonths');
  });
});
