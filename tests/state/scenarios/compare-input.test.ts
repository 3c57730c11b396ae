import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { compareScenarios } from '../../../src/domain/rescheduling/compare-scenarios';
import { dossierSimulationDebts } from '../../../src/domain/rescheduling/dossier-simulation-debts';
import { CompareInputSchema } from '../../../src/domain/rescheduling/scenario-input';
import {
  buildCompareInput,
  defaultStartDate,
  initialParamValues,
  type ParamField,
  validateParams,
} from '../../../src/state/scenarios/compare-input';
import {
  balanceSeries,
  savedScenarioFields,
  savedScenarios,
  scenarioRows,
} from '../../../src/state/scenarios/comparison-view';
import { makeTestState } from '../../ui/make-test-state';
import { seedDossierWithDebts } from '../../ui/scenarios/fixture';

const TODAY = '2026-11-27' as const;

async function dossier() {
  const { repository } = makeTestState();
  const id = await seedDossierWithDebts(repository);
  const d = await repository.getDossier(id);
  if (!d) throw new Error('no dossier');
  return d;
}

function values(patch: Partial<Record<ParamField, string>> = {}) {
  return { ...initialParamValues(TODAY), ...patch };
}

describe('scenario parameters', () => {
  it('start on the first day of next month, December rolls over the year', () => {
    expect(defaultStartDate(TODAY)).toBe('2026-12-01');
    expect(defaultStartDate('2026-12-15' as never)).toBe('2027-01-01');
  });

  it('parses typed text into cents, months and bps, with errors per field', () => {
    const ok = validateParams(
      values({ capacity: '1 234,56', step1Month: '13', step1Amount: '250', amicableMaxRate: '2,5' }),
      { kind: 'ok', monthlyCents: 50_000 },
    );
    expect(ok.ok && ok.value.capacityOverrideCents).toBe(123_456);
    expect(ok.ok && ok.value.steps).toEqual([{ fromMonth: 13, monthlyCents: 25_000 }]);
    expect(ok.ok && ok.value.amicableMaxRateBps).toBe(250);

    const bad = validateParams(
      values({
        capacity: '12,345',
        moratoriumMonths: '30',
        step2Month: '5',
        'use:as-today': '',
        'use:amicable': '',
        'use:banque-de-france': '',
      }),
      { kind: 'ok', monthlyCents: 50_000 },
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors).toEqual({
        capacity: 'error.amount.tooManyDecimals',
        moratoriumMonths: 'scenarios.error.months',
        step2Amount: 'error.amount.empty',
        scenarios: 'scenarios.error.noneChosen',
      });
    }
  });

  it('requires a typed capacity when the diagnosis has none', () => {
    const result = validateParams(values(), { kind: 'incomplete', detail: 'members' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.capacity).toBe('scenarios.error.capacityRequired');
    expect(validateParams(values({ capacity: '300' }), { kind: 'incomplete', detail: '' }).ok).toBe(true);
  });
});

describe('CompareInput from the dossier', () => {
  it('maps every live debt with its balance, rate, category and plan flags; the input is valid', async () => {
    const d = await dossier();
    const debts = dossierSimulationDebts(d);
    expect(debts).toHaveLength(6);
    const loan = debts.find((x) => x.annualRateBps === 590);
    expect(loan?.balanceCents).toBe(865_000);
    expect(loan?.creditorCategory).toBe('credit_institution');
    expect(loan?.contractInstalmentCents).toBe(23_000);
    expect(debts.find((x) => x.creditorCategory === 'landlord')?.balanceCents).toBe(180_000);

    const checked = validateParams(
      values({ 'use:avalanche': '1', bdfRate: 'legal', moratoriumMonths: '3' }),
      {
        kind: 'ok',
        monthlyCents: 82_143,
      },
    );
    if (!checked.ok) throw new Error('invalid');
    const input = buildCompareInput(d, checked.value, { kind: 'ok', monthlyCents: 82_143 });
    expect(CompareInputSchema.safeParse(input).success).toBe(true);
    expect(input.capacity).toEqual({ monthlyCents: 82_143 });
    expect(input.startDate).toBe('2026-12-01');
    expect(input.scenarios.map((s) => s.kind)).toEqual([
      'as-today',
      'amicable',
      'banque-de-france',
      'payoff',
    ]);
    expect(input.scenarios[2]).toMatchObject({
      rateBps: 10_000,
      moratoriumMonths: 3,
      decisionDate: '2026-12-01',
    });
  });

  it('summarises the engine result: rows, series from the start balance, and a saved row snapshot', async () => {
    const d = await dossier();
    const checked = validateParams(values(), { kind: 'ok', monthlyCents: 82_143 });
    if (!checked.ok) throw new Error('invalid');
    const input = buildCompareInput(d, checked.value, { kind: 'ok', monthlyCents: 82_143 });
    const comparison = compareScenarios(input, input.scenarios);
    const rows = scenarioRows(input, comparison, d);
    expect(rows.map((r) => r.totalPaidCents)).toEqual(
      comparison.outcomes.map((o) => o.summary.totalPaidCents),
    );
    expect(rows[2]?.creditors.map((c) => c.name).sort()).toEqual(
      ['Bailleur Habitat', 'Banque Lyonnaise', 'Crédit Facile', 'EDF', 'Trésor public', 'Tante Marie'].sort(),
    );
    const series = balanceSeries(input, comparison);
    expect(series[0]?.points[0]).toBe(1_718_000);
    const bdf = comparison.outcomes[2];
    expect(series[2]?.points.length).toBe((bdf?.result.schedule.length ?? 0) + 1);

    const fields = savedScenarioFields({
      input,
      comparison,
      index: 2,
      name: 'Plan BdF',
      isChosen: true,
      savedAt: 1,
    });
    expect(fields.parameters).toMatchObject({ choice: 'banque-de-france', startDate: '2026-12-01' });
    expect(fields.summary).toMatchObject({
      totalPaidCents: bdf?.summary.totalPaidCents,
      months: bdf?.summary.months,
    });
    const view = savedScenarios([
      {
        ...fields,
        id: 'a',
        householdId: 'h',
        version: 0,
        fieldVersions: {},
        deleted: false,
        updatedHlc: 'x',
        updatedAt: 1,
        origin: { deviceId: 'd', userId: 'u' },
      } as never,
    ]);
    expect(view[0]?.summary?.totalPaidCents).toBe(bdf?.summary.totalPaidCents);
    expect(view[0]?.capacityMonthlyCents).toBe(82_143);
  });
});
