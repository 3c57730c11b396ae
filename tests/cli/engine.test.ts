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
      parameterSet: { version: 'fr-2026.3', parameterIds: ['seizure-scale-2026'] },
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

const SOURCE = 'https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000000000001';
const rsaDecree = {
  id: 'rsa-2026-04',
  validFrom: '2026-04-01',
  validTo: null,
  legalBasis: 'Décret de revalorisation du RSA au 1er avril 2026; CASF L262-2',
  sourceUrls: [SOURCE],
  confidence: 'C',
  baseMonthlyCents: 65_100,
};
const legalRateS2 = {
  id: 'legal-rate-2026-s2',
  validFrom: '2026-07-01',
  validTo: '2026-12-31',
  legalBasis: 'Arrêté fixant le taux de l’intérêt légal, 2e semestre 2026; C. mon. fin. L313-2',
  sourceUrls: [SOURCE],
  confidence: 'C',
  individualCreditorBps: 650,
  otherCreditorBps: 250,
};
const single = { adults: 1, children: 0, isolatedParent: false, territory: 'metropole' } as const;

describe('parameter supplements through the commands', () => {
  it('rsa from April 2026 uses the estimate and flags it; a supplement replaces it', () => {
    const estimate = runEngineCommand('rsa', { on: '2026-11-27', ...single });
    expect(estimate).toMatchObject({
      exitCode: 0,
      output: {
        rsaMonthlyCents: 65_234,
        parameterSet: { version: 'fr-2026.3', parameterIds: ['rsa-2026-04-estimate'] },
        alerts: [{ code: 'unconfirmed-parameter', params: { parameterIds: 'rsa-2026-04-estimate' } }],
      },
    });
    const official = runEngineCommand('rsa', {
      on: '2026-11-27',
      ...single,
      parameterSupplements: { rsaAmounts: [rsaDecree] },
    });
    expect(official).toMatchObject({
      exitCode: 0,
      output: { rsaMonthlyCents: 65_100, parameterSet: { parameterIds: ['local:rsa-2026-04'] }, alerts: [] },
    });
  });
  it('capacity and seizable accept supplements and report alerts', () => {
    const capacity = runEngineCommand('capacity', {
      on: '2026-11-27',
      monthlyResourcesCents: 70_000,
      dependents: 0,
      adults: 1,
      children: 0,
      livingCostsCents: 50_000,
      parameterSupplements: { rsaAmounts: [{ ...rsaDecree, confidence: 'U' }] },
    });
    expect(capacity).toMatchObject({
      exitCode: 0,
      output: {
        rsaFloorCents: 65_100,
        capacityMonthlyCents: 4_900,
        alerts: [{ code: 'unconfirmed-parameter', params: { parameterIds: 'local:rsa-2026-04' } }],
      },
    });
    expect(
      runEngineCommand('seizable', { on: '2026-11-27', monthlyResourcesCents: 180_000, dependents: 0 }),
    ).toMatchObject({ exitCode: 0, output: { seizableMonthlyCents: 33_838, alerts: [] } });
  });
  it('diagnose today works, and takes the supplements at the top level or in options (not both)', () => {
    const plain = runEngineCommand('diagnose', { on: '2026-11-27', household: exampleB() });
    expect(plain.exitCode).toBe(0);
    const alerts = (plain.output as { alerts: { code: string }[] }).alerts.map((a) => a.code);
    expect(alerts).toEqual(expect.arrayContaining(['unconfirmed-parameter', 'legal-rate-missing']));
    const parameterSupplements = { rsaAmounts: [rsaDecree], legalInterestRates: [legalRateS2] };
    const top = runEngineCommand('diagnose', {
      on: '2026-11-27',
      household: exampleB(),
      parameterSupplements,
    });
    const inOptions = runEngineCommand('diagnose', {
      on: '2026-11-27',
      household: exampleB(),
      options: { parameterSupplements },
    });
    expect(top).toEqual(inOptions);
    expect(top).toMatchObject({
      exitCode: 0,
      output: {
        parameterSet: {
          parameterIds: expect.arrayContaining(['local:rsa-2026-04', 'local:legal-rate-2026-s2']),
        },
      },
    });
    const both = runEngineCommand('diagnose', {
      on: '2026-11-27',
      household: exampleB(),
      parameterSupplements,
      options: { parameterSupplements },
    });
    expect(both).toMatchObject({
      exitCode: 2,
      output: {
        error: 'invalid-input',
        problems: [
          {
            path: 'parameterSupplements',
            message: 'give parameterSupplements once: at the top level or in options',
          },
        ],
      },
    });
  });
  it('rejects overlapping supplements with the path of the offending record', () => {
    const out = runEngineCommand('rsa', {
      on: '2026-11-27',
      ...single,
      parameterSupplements: {
        rsaAmounts: [rsaDecree, { ...rsaDecree, id: 'rsa-2026-10', validFrom: '2026-10-01' }],
      },
    });
    expect(out).toMatchObject({
      exitCode: 2,
      output: {
        error: 'invalid-input',
        problems: [
          {
            path: 'parameterSupplements.rsaAmounts[1].validFrom',
            message:
              'supplement "rsa-2026-10" (2026-10-01 to open end) overlaps "rsa-2026-04" (2026-04-01 to open end): one rsaAmounts record per date',
          },
        ],
      },
    });
  });
  it('still names a missing legal parameter (exit 3) before 2024', () => {
    expect(runEngineCommand('rsa', { on: '2023-12-31', ...single })).toMatchObject({
      exitCode: 3,
      output: { error: 'missing-parameter', parameter: 'rsa.amounts', date: '2023-12-31' },
    });
  });
});

// Each spawn starts npx and tsx: seconds on a busy machine, over Vitest's 5 s default per test.
describe('engine CLI process', { timeout: 60_000 }, () => {
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
  it('passes parameter supplements from stdin', () => {
    const { status, json } = spawnEngine(
      'rsa',
      JSON.stringify({ on: '2026-11-27', ...single, parameterSupplements: { rsaAmounts: [rsaDecree] } }),
    );
    expect(status).toBe(0);
    expect(json.rsaMonthlyCents).toBe(65_100);
    expect(json.parameterSet).toEqual({ version: 'fr-2026.3', parameterIds: ['local:rsa-2026-04'] });
  });
});
