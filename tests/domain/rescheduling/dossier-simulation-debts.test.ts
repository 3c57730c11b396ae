/**
 * The one mapping from a dossier's debts to the engine's debts (dossier-simulation-debts.ts),
 * and its two callers: the Scenarios screen (compare-input.ts) and the saved plan the documents
 * print (saved-plan.ts). If either caller maps the debts its own way again (no rate cap, a
 * fine kept in the plan…), the plan on paper stops being the plan on screen: these tests fail.
 */
import { describe, expect, it } from 'vitest';
import { savedPlan } from '../../../src/domain/documents/saved-plan';
import type { Dossier } from '../../../src/domain/dossier/dossier';
import { runScenario } from '../../../src/domain/rescheduling/compare-scenarios';
import { dossierSimulationDebts } from '../../../src/domain/rescheduling/dossier-simulation-debts';
import type { ScenarioSpec, SimulationDebt } from '../../../src/domain/rescheduling/scenario-input';
import { buildCompareInput, type ScenarioParams } from '../../../src/state/scenarios/compare-input';
import { makeDossier, meta, scenarioRow } from '../documents/fixture';

const row = (id: string, fields: Record<string, unknown>) => ({ ...meta(id), ...fields });

// The fixture's revolving credit, its figures and flags set by each debt below.
const debt = (id: string, fields: Record<string, unknown>) => ({
  ...makeDossier().debts[0],
  ...meta(id),
  capitalRemainingCents: 0,
  arrearsCents: 0,
  nominalRateBps: 0,
  instalmentMonthlyCents: 0,
  ...fields,
});

/**
 * A home owner with a mortgage, a loan typed at 150 % (a slip), a criminal fine, a guarantee a
 * friend called in, a debt whose creditor was deleted, and a deleted debt.
 */
function dossierWithEveryRule(): Dossier {
  const base = makeDossier({ withScenario: false });
  return {
    ...base,
    household: { ...base.household, housingStatus: 'owner_with_mortgage' },
    creditors: [
      row('cr-bank', { name: 'Banque', category: 'credit_institution' }),
      row('cr-court', { name: 'Trésor public', category: 'tax' }),
      row('cr-friend', { name: 'Paul', category: 'private_individual' }),
      row('cr-gone', { name: 'Ancien', category: 'landlord', deleted: true }),
    ],
    debts: [
      debt('d-mortgage', {
        creditorId: 'cr-bank',
        product: 'mortgage',
        capitalRemainingCents: 1_000_000,
        arrearsCents: 20_000,
        accruedInterestCents: 1_500,
        nominalRateBps: 350,
        instalmentMonthlyCents: 60_000,
        remainingTermMonths: 180,
        label: 'Maison',
      }),
      debt('d-slip', {
        creditorId: 'cr-bank',
        product: 'amortising_loan',
        capitalRemainingCents: 300_000,
        nominalRateBps: 15_000,
        instalmentMonthlyCents: 10_000,
      }),
      debt('d-fine', { creditorId: 'cr-court', product: 'criminal_fine', arrearsCents: 50_000 }),
      debt('d-guarantee', { creditorId: 'cr-friend', product: 'guarantee_called', arrearsCents: 80_000 }),
      debt('d-orphan', { creditorId: 'cr-gone', product: 'other', arrearsCents: 10_000 }),
      debt('d-deleted', { creditorId: 'cr-bank', product: 'overdraft', arrearsCents: 9_900, deleted: true }),
    ],
  } as unknown as Dossier;
}

// Written out by hand from the rules, not from the code.
const EXPECTED: SimulationDebt[] = [
  {
    id: 'd-mortgage',
    label: 'Maison',
    creditorId: 'cr-bank',
    creditorCategory: 'credit_institution',
    balanceCents: 1_021_500, // capital 1 000 000 + arrears 20 000 + interest 1 500
    annualRateBps: 350,
    contractInstalmentCents: 60_000,
    remainingTermMonths: 180,
    isMainResidenceMortgage: true,
  },
  {
    id: 'd-slip',
    creditorId: 'cr-bank',
    creditorCategory: 'credit_institution',
    balanceCents: 300_000,
    annualRateBps: 10_000, // 150 % typed, capped at 100 %
    contractInstalmentCents: 10_000,
  },
  {
    id: 'd-fine',
    creditorId: 'cr-court',
    creditorCategory: 'tax',
    balanceCents: 50_000,
    annualRateBps: 0,
    contractInstalmentCents: 0,
    excludedFromPlan: true, // L711-4
  },
  {
    id: 'd-guarantee',
    creditorId: 'cr-friend',
    creditorCategory: 'private_individual',
    balanceCents: 80_000,
    annualRateBps: 0,
    contractInstalmentCents: 0,
    paidByNaturalPersonGuarantor: true,
  },
  {
    id: 'd-orphan',
    creditorId: 'cr-gone',
    creditorCategory: 'other', // its creditor is deleted
    balanceCents: 10_000,
    annualRateBps: 0,
    contractInstalmentCents: 0,
  },
];

const PARAMS: ScenarioParams = {
  startDate: '2026-12-01' as ScenarioParams['startDate'],
  capacityOverrideCents: 40_000,
  steps: [],
  moratoriumMonths: 0,
  maxDurationMonths: 84,
  monthsUsedByEarlierPlans: 0,
  bdfRate: 'zero',
  bdfPolicy: 'pro-rata',
  amicableMaxTermMonths: 84,
  amicableMinimumInstalmentCents: 1_500,
  amicableMaxRateBps: null,
  incomeMayRecover: false,
  scenarios: ['as-today'],
};

describe('the dossier debts the rescheduling engine sees', () => {
  it('caps the rate, flags the excluded debts, the main-residence mortgage and the private guarantee', () => {
    expect(dossierSimulationDebts(dossierWithEveryRule())).toEqual(EXPECTED);
  });

  it('the Scenarios screen sends exactly these debts', () => {
    const input = buildCompareInput(dossierWithEveryRule(), PARAMS, { kind: 'ok', monthlyCents: 40_000 });
    expect(input.debts).toEqual(EXPECTED);
  });

  it.each<ScenarioSpec>([
    { kind: 'as-today' },
    { kind: 'amicable', maxTermMonths: 84, minimumInstalmentCents: 1_500 },
    {
      kind: 'banque-de-france',
      decisionDate: '2026-12-01' as ScenarioParams['startDate'],
      monthsUsedByEarlierPlans: 0,
      rateBps: 0,
      moratoriumMonths: 0,
      policy: { name: 'pro-rata' },
    },
  ])('the saved plan the documents print is computed on the same debts ($kind)', (spec) => {
    const dossier = dossierWithEveryRule();
    const saved = scenarioRow({
      parameters: {
        spec,
        startDate: '2026-12-01',
        capacity: { monthlyCents: 40_000 },
        debtIds: EXPECTED.map((d) => d.id),
      },
    });
    const result = savedPlan(dossier, saved);
    if (!result.ok) throw new Error(result.reason);
    const reference = runScenario(
      {
        startDate: '2026-12-01' as ScenarioParams['startDate'],
        capacity: { monthlyCents: 40_000 },
        debts: EXPECTED,
      },
      spec,
      true,
    ).result;
    expect(result.plan.totalPaidCents).toBe(reference.totalPaidCents);
    expect(result.plan.writeOffCents).toBe(reference.writeOffCents);
    expect(result.plan.months).toBe(Math.max(0, reference.lastPaymentMonth));
    // Per creditor, what the engine gives on the expected debts.
    const creditorOf = new Map(EXPECTED.map((d) => [d.id, d.creditorId]));
    const perCreditor = new Map<string, { initial: number; paid: number; writeOff: number; owed: number }>(
      result.plan.creditors.map((c) => [c.creditorId, { initial: 0, paid: 0, writeOff: 0, owed: 0 }]),
    );
    for (const d of reference.perDebt) {
      const key = creditorOf.get(d.debtId) ?? '';
      const sum = perCreditor.get(key) ?? { initial: 0, paid: 0, writeOff: 0, owed: 0 };
      sum.initial += d.initialBalanceCents;
      sum.paid += d.paidCents;
      sum.writeOff += d.writeOffCents;
      sum.owed += d.remainingCents - d.writeOffCents;
      perCreditor.set(key, sum);
    }
    expect(
      result.plan.creditors.map((c) => ({
        creditorId: c.creditorId,
        initial: c.initialCents,
        paid: c.paidCents,
        writeOff: c.writeOffCents,
        owed: c.remainingCents,
      })),
    ).toEqual(
      [...perCreditor].map(([creditorId, sum]) => ({ creditorId, ...sum, owed: Math.max(0, sum.owed) })),
    );
  });
});
