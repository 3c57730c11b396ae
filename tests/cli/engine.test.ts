import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runEngineCommand } from '../../src/domain/engine/engine-commands';
import { exampleB, ON } from '../domain/budget/household-fixtures';

function spawnEngine(command: string, stdin: string) {
  const result = spawnSync('npx', ['tsx', 'src/cli/engine.ts', command], {
    input: stdin,
    encoding: 'utf8',
    cwd: process.cwd(),
  });
  return { status: result.status, json: JSON.parse(result.stdout) as Record<string, unknown> };
}

describe('runEngineCommand', () => {
  it('seizable', () => {
    const out = runEngineCommand('seizable', {
      on: '2026-02-01',
      monthlyResourcesCents: 180_000,
      dependents: 0,
    });
    expect(out.exitCode).toBe(0);
    expect(out.output).toMatchObject({
      seizableMonthlyCents: 33_838,
      parameterSet: { version: 'fr-2026.1', parameterIds: ['seizure-scale-2026'] },
    });
  });
  it('rsa', () => {
    const out = runEngineCommand('rsa', {
      on: '2025-04-01',
      adults: 1,
      children: 2,
      isolatedParent: true,
      territory: 'metropole',
    });
    expect(out).toMatchObject({
      exitCode: 0,
      output: { rsaMonthlyCents: 138_369, parameterSet: { parameterIds: ['rsa-2025-04'] } },
    });
  });
  it('capacity', () => {
    const out = runEngineCommand('capacity', {
      on: '2026-02-01',
      monthlyResourcesCents: 290_000,
      dependents: 2,
      adults: 2,
      children: 2,
      livingCostsCents: 253_600,
    });
    expect(out.exitCode).toBe(0);
    expect(out.output).toMatchObject({
      capacityMonthlyCents: 36_400,
      seizableMonthlyCents: 104_593,
      rsaFloorCents: 135_770,
      bindingLimit: 'budget',
      deficitCents: 0,
    });
  });
  it('diagnose', () => {
    const out = runEngineCommand('diagnose', { on: ON, household: exampleB() });
    expect(out.exitCode).toBe(0);
    expect(out.output).toMatchObject({
      householdId: 'hh-b',
      capacity: { capacityMonthlyCents: 36_400 },
      plan: { shortfallOverMaxMonthsCents: 862_400 },
    });
  });
  it('lists every problem of an invalid input with its path', () => {
    const out = runEngineCommand('capacity', {
      on: '2026-02-30',
      monthlyResourcesCents: 12.5,
      adults: 3,
      children: 0,
      livingCostsCents: 0,
    });
    expect(out.exitCode).toBe(2);
    const problems = (out.output as { problems: { path: string }[] }).problems.map((p) => p.path).sort();
    expect(problems).toEqual(['adults', 'dependents', 'monthlyResourcesCents', 'on']);
  });
  it('gives nested paths for a household', () => {
    const h = exampleB();
    const out = runEngineCommand('diagnose', {
      on: ON,
      household: { ...h, debts: [{ ...h.debts[0], creditorId: 'x' }] },
    });
    expect(out).toMatchObject({
      exitCode: 2,
      output: { error: 'invalid-input', problems: [{ path: 'household.debts[0].creditorId' }] },
    });
  });
  it('names a missing parameter (exit 3) and rejects unknown commands (exit 2)', () => {
    expect(
      runEngineCommand('seizable', { on: '2027-01-01', monthlyResourcesCents: 1, dependents: 0 }),
    ).toMatchObject({
      exitCode: 3,
      output: { error: 'missing-parameter', parameter: 'seizureScale', date: '2027-01-01' },
    });
    expect(runEngineCommand('plan', {})).toMatchObject({ exitCode: 2, output: { error: 'unknown-command' } });
  });
});

describe('engine CLI process', () => {
  it('reads stdin and writes the result on stdout', () => {
    const { status, json } = spawnEngine(
      'rsa',
      JSON.stringify({
        on: '2025-06-01',
        adults: 2,
        children: 2,
        isolatedParent: false,
        territory: 'metropole',
      }),
    );
    expect(status).toBe(0);
    expect(json.rsaMonthlyCents).toBe(135_770);
  });
  it('exits 2 with a JSON error on invalid input', () => {
    const invalid = spawnEngine('seizable', JSON.stringify({ on: 'tomorrow', dependents: -1 }));
    expect(invalid.status).toBe(2);
    expect(invalid.json.error).toBe('invalid-input');
    expect((invalid.json.problems as { path: string }[]).map((p) => p.path).sort()).toEqual([
      'dependents',
      'monthlyResourcesCents',
      'on',
    ]);
    const notJson = spawnEngine('seizable', '{oops');
    expect(notJson.status).toBe(2);
    expect(notJson.json.error).toBe('invalid-json');
  });
});
