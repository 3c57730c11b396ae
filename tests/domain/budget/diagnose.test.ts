import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/domain/budget/diagnose';
import type { Household } from '../../../src/domain/household/household';
import { MissingParameterError } from '../../../src/domain/parameters/lookup';
import { exampleA, exampleB, exampleC, ON } from './household-fixtures';

const codes = (h: Household, options?: Parameters<typeof diagnose>[0]['options']) =>
  diagnose({ on: ON, household: h, ...(options ? { options } : {}) }).alerts.map((a) => a.code);

describe('diagnose: example A (single, 1 800 €)', () => {
  const d = diagnose({ on: ON, household: exampleA() });
  it('computes every figure to the cent', () => {
    expect(d.resources.totalMonthlyCents).toBe(180_000);
    expect(d.charges.livingCostsCents).toBe(143_300);
    expect(d.charges.forfaits).toEqual([{ kind: 'base', amountCents: 57_300 }]);
    expect(d.capacity).toMatchObject({
      capacityMonthlyCents: 33_838,
      seizableMonthlyCents: 33_838,
      rsaFloorCents: 64_652,
      bindingLimit: 'seizable',
      deficitCents: 0,
    });
    expect(d.debts.inPlanCents).toBe(1_220_000);
    // 12 200 / 338.38 = 36.05 → 37 monthly payments, within 84 months.
    expect(d.plan).toEqual({ maxPlanMonths: 84, monthsAtZeroRate: 37, shortfallOverMaxMonthsCents: 0 });
  });
  it('records the parameter set it used', () => {
    expect(d.parameterSet).toEqual({
      version: 'fr-2026.3',
      parameterIds: [
        'hcsf-2022',
        'legal-rate-2026-s1',
        'oecd-modified-scale',
        'plan-duration-2016',
        'rsa-2025-04',
        'seizure-scale-2026',
      ],
    });
  });
  it('explains every figure with inputs, parameters, rule and two sentences', () => {
    const figures = Object.keys(d.explanations).sort();
    expect(figures).toEqual(
      [
        'capacityMonthlyCents',
        'debtRatioBps',
        'deficitCents',
        'dependents',
        'fixedChargesCents',
        'instalmentsMonthlyCents',
        'livingCostsCents',
        'monthlyResourcesCents',
        'ravAfterPlanPerUcCents',
        'ravBeforePlanCents',
        'rsaMonthlyCents',
        'seizableMonthlyCents',
        'seizureBaseMonthlyCents',
        'shortfallOverMaxMonthsCents',
      ].sort(),
    );
    const capacity = d.explanations.capacityMonthlyCents;
    expect(capacity?.rule).toBe('L731-1, L731-2, R731-1');
    expect(capacity?.parameterIds).toEqual(['seizure-scale-2026', 'rsa-2025-04']);
    expect(capacity?.parameterSetVersion).toBe('fr-2026.3');
    expect(capacity?.inputs.capacityMonthlyCents).toBe(33_838);
    expect(capacity?.text.fr).toContain('La limite retenue est la quotité saisissable');
    expect(capacity?.text.en).toContain('The binding limit is the seizable fraction');
    expect(d.explanations.livingCostsCents?.parameterIds).toEqual(['forfaits-national-2024']);
  });
  it('flags rent arrears, eviction risk and the national default forfait', () => {
    expect(d.alerts.map((a) => a.code)).toEqual([
      'forfait-national-default',
      'priority-arrears',
      'eviction-risk',
    ]);
    expect(d.alerts.find((a) => a.code === 'priority-arrears')?.subjectIds).toEqual(['d4']);
  });
});

describe('diagnose: example B (couple, two children)', () => {
  const d = diagnose({ on: ON, household: exampleB() });
  it('counts the spouse earning 900 € out of the dependents, UC = 2.3', () => {
    expect(d.composition).toMatchObject({
      adults: 2,
      children: 2,
      dependents: 2,
      dependentIds: ['m3', 'm4'],
      consumptionUnitsMilli: 2_300,
    });
  });
  it('gives C = 364.00 € (budget binds), QS 1 045.93 €, RSA 1 357.70 €', () => {
    expect(d.charges.livingCostsCents).toBe(253_600);
    expect(d.capacity).toMatchObject({
      capacityMonthlyCents: 36_400,
      seizableMonthlyCents: 104_593,
      rsaFloorCents: 135_770,
      bindingLimit: 'budget',
    });
  });
  it('gives the counsellor indicators: 39.66 % debt ratio, 511.30 € per UC after the plan', () => {
    expect(d.indicators).toMatchObject({
      debtRatioBps: 3_966,
      debtRatioThresholdBps: 3_500,
      ravAfterPlanCents: 117_600,
      ravAfterPlanPerUcCents: 51_130,
    });
    expect(d.charges.fixedChargesCents).toBe(136_000);
  });
  it('shows the 8 624 € shortfall over 84 months', () => {
    expect(d.plan.shortfallOverMaxMonthsCents).toBe(862_400);
    expect(d.alerts.map((a) => a.code)).toEqual([
      'liability-exceeds-plan',
      'debt-ratio-over-threshold',
      'low-rav-per-uc',
      'forfait-national-default',
    ]);
  });
  it('counts the spouse as a dependent when she has no income (n = 3, QS 908.18 €)', () => {
    const h = exampleB();
    h.resources = h.resources.filter((r) => r.id !== 'r2');
    h.resources[0] = { ...h.resources[0]!, amountCents: 290_000 };
    const without = diagnose({ on: ON, household: h });
    expect(without.composition.dependents).toBe(3);
    expect(without.capacity.seizableMonthlyCents).toBe(90_818);
  });
  it('adds rent to the debt ratio when configured', () => {
    const withRent = diagnose({ on: ON, household: exampleB(), options: { debtRatioIncludesRent: true } });
    expect(withRent.indicators.debtRatioBps).toBe(6_897);
  });
  it("uses the counsellor's forfait table when it covers the département", () => {
    const table = [
      {
        id: 'f-54-2026',
        departement: '54',
        year: 2026,
        isNationalDefault: false,
        source: 'règlement intérieur 54',
        amounts: {
          base: { firstPersonCents: 60_000, secondPersonCents: 20_000, perAdditionalPersonCents: 20_000 },
        },
      },
    ];
    const local = diagnose({ on: ON, household: exampleB(), options: { forfaitTable: table } });
    expect(local.charges.livingCostsCents).toBe(253_600 - 117_600 + 120_000);
    expect(local.charges.forfaitEntryId).toBe('f-54-2026');
    expect(local.alerts.map((a) => a.code)).not.toContain('forfait-national-default');
  });
});

describe('diagnose: example C and edge cases', () => {
  it('example C: income at the RSA gives C = 0, with deficit and alerts', () => {
    const d = diagnose({ on: ON, household: exampleC() });
    expect(d.capacity.capacityMonthlyCents).toBe(0);
    expect(d.capacity.seizableMonthlyCents).toBe(4_599);
    expect(d.capacity.deficitCents).toBe(143_300 - 64_652);
    expect(d.plan.monthsAtZeroRate).toBeNull();
    expect(d.alerts.map((a) => a.code)).toEqual(
      expect.arrayContaining(['budget-deficit', 'resources-at-rsa-floor', 'no-repayment-capacity']),
    );
  });
  it('applies the residence exception only with consent and a main residence', () => {
    const h = exampleA();
    const options = { residenceException: { consent: true, requestedMonthlyCents: 40_000 } };
    expect(diagnose({ on: ON, household: h, options }).capacity.capacityMonthlyCents).toBe(33_838);
    expect(codes(h, options)).toContain('residence-exception-ignored');
    h.assets = [
      { id: 'a1', kind: 'real_estate', isMainResidence: true, valueCents: 15_000_000, shareBps: 10_000 },
    ];
    // Above both QS and the budget margin (R − BVC = 367 €): allowed by consent, RSA floor kept.
    expect(diagnose({ on: ON, household: h, options }).capacity).toMatchObject({
      capacityMonthlyCents: 40_000,
      residenceExceptionApplied: true,
    });
  });
  it('keeps L711-4 debts out of the plan and flags professional debts, enforcement and high rates', () => {
    const h = exampleA();
    h.creditors.push({ id: 'k5', name: 'Trésor public', category: 'tax' });
    h.debts.push(
      {
        ...h.debts[0]!,
        id: 'd5',
        creditorId: 'k5',
        product: 'criminal_fine',
        capitalRemainingCents: 0,
        arrearsCents: 30_000,
        instalmentMonthlyCents: 0,
      },
      { ...h.debts[0]!, id: 'd6', isProfessional: true, enforcementInProgress: true, nominalRateBps: 1_990 },
    );
    const d = diagnose({ on: ON, household: h });
    expect(d.debts.excludedCents).toBe(30_000);
    expect(d.debts.inPlanCents).toBe(1_220_000 + 600_000);
    const all = d.alerts.map((a) => a.code);
    expect(all).toEqual(
      expect.arrayContaining([
        'excluded-from-plan',
        'professional-debt',
        'enforcement-in-progress',
        'rate-above-legal-rate',
      ]),
    );
    expect(d.alerts.find((a) => a.code === 'rate-above-legal-rate')?.params).toEqual({
      nominalRateBps: 1_990,
      legalRateBps: 262,
    });
  });
  it('runs the data-quality checks', () => {
    const h = exampleA();
    h.charges = h.charges.filter((c) => c.type !== 'rent');
    h.members[0] = { ...h.members[0]!, birthDate: '2015-01-01' };
    h.debts[0] = { ...h.debts[0]!, instalmentMonthlyCents: 0 };
    h.resources.push({
      id: 'r2',
      type: 'other',
      amountCents: 120_000,
      frequency: 'annual',
      regular: false,
      endDate: '2026-06-30',
    });
    for (let i = 0; i < 11; i += 1) h.members.push({ id: `k${i}`, role: 'child', birthDate: '2012-01-01' });
    expect(codes(h)).toEqual(
      expect.arrayContaining([
        'missing-rent',
        'implausible-age',
        'implausible-instalment',
        'too-many-dependents',
        'irregular-income',
        'income-change-ahead',
      ]),
    );
  });
  it('throws a MissingParameterError naming the parameter for an uncovered date', () => {
    expect(() => diagnose({ on: '2023-06-01', household: exampleA() })).toThrow(MissingParameterError);
    expect(() => diagnose({ on: '2023-06-01', household: exampleA() })).toThrow(
      /"rsa\.amounts" covers 2023-06-01/,
    );
  });
  it('does not mutate the household', () => {
    const h = exampleB();
    const before = structuredClone(h);
    diagnose({ on: ON, household: h, options: { debtRatioIncludesRent: true } });
    expect(h).toEqual(before);
  });
});
