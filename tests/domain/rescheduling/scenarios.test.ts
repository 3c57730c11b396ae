import { describe, expect, it } from 'vitest';
import { MissingParameterError } from '../../../src/domain/parameters/lookup';
import { compareScenarios, runScenario } from '../../../src/domain/rescheduling/compare-scenarios';
import { simulateAmicable } from '../../../src/domain/rescheduling/scenario-amicable';
import { simulateAsToday } from '../../../src/domain/rescheduling/scenario-as-today';
import { simulateBanqueDeFrance } from '../../../src/domain/rescheduling/scenario-banque-de-france';
import type { ScenarioContext, ScenarioSpec } from '../../../src/domain/rescheduling/scenario-input';
import { simulatePayoff } from '../../../src/domain/rescheduling/scenario-payoff';

const household: ScenarioContext = {
  startDate: '2026-03-01',
  capacity: { monthlyCents: 40_000 },
  debts: [
    {
      id: 'loan',
      creditorCategory: 'credit_institution',
      balanceCents: 800_000,
      annualRateBps: 590,
      contractInstalmentCents: 30_000,
      remainingTermMonths: 30,
    },
    {
      id: 'revolving',
      creditorCategory: 'credit_institution',
      balanceCents: 300_000,
      annualRateBps: 1_900,
      contractInstalmentCents: 15_000,
    },
    { id: 'rent', creditorCategory: 'landlord', balanceCents: 90_000, annualRateBps: 0 },
    { id: 'friend', creditorCategory: 'private_individual', balanceCents: 50_000, annualRateBps: 800 },
  ],
};

const SIX: ScenarioSpec[] = [
  { kind: 'as-today' },
  { kind: 'amicable', maxTermMonths: 60 },
  { kind: 'banque-de-france' },
  { kind: 'payoff', strategy: 'avalanche' },
  { kind: 'payoff', strategy: 'snowball' },
  { kind: 'payoff', strategy: 'pro-rata' },
];

describe('as today', () => {
  it('reports the monthly shortfall against the capacity and when it ends', () => {
    const r = simulateAsToday(household, { kind: 'as-today' });
    expect(r.details.firstMonthInstalmentsCents).toBe(45_000);
    expect(r.details.firstMonthShortfallCents).toBe(5_000);
    expect(r.details.shortfallEndsMonth).not.toBeNull();
    expect(r.details.unscheduledDebtIds).toEqual(['rent', 'friend']);
    expect(r.summary.feasible).toBe(false);
    expect(r.summary.writeOffCents).toBe(0);
  });
});

describe('amicable', () => {
  it('finds for each creditor the shortest term that fits its share, within the maximum', () => {
    const r = simulateAmicable(household, { kind: 'amicable', maxTermMonths: 60 });
    const total = r.details.terms.reduce((s, t) => s + t.instalmentCents, 0);
    expect(total).toBeLessThanOrEqual(40_000);
    expect(r.details.terms.every((t) => t.fits && t.termMonths <= 60)).toBe(true);
    expect(r.summary.feasible).toBe(true);
  });
  it('cuts the rate to 0 % when nothing fits, or says it does not fit', () => {
    const tight: ScenarioContext = { ...household, capacity: { monthlyCents: 20_000 } };
    const r = simulateAmicable(tight, { kind: 'amicable', maxTermMonths: 84 });
    expect(r.details.terms.some((t) => t.rateReduced)).toBe(true);
    const none = simulateAmicable(tight, { kind: 'amicable', maxTermMonths: 12, allowRateReduction: false });
    expect(none.summary.feasible).toBe(false);
    expect(none.summary.writeOffCents).toBeGreaterThan(0);
  });
});

describe('Banque de France', () => {
  it('caps the rate per creditor type at the legal rate of the decision date', () => {
    const r = simulateBanqueDeFrance(household, { kind: 'banque-de-france', rateBps: 500 });
    expect(r.details.rateBpsByDebt).toEqual({ loan: 262, revolving: 262, rent: 0, friend: 500 });
    const low = simulateBanqueDeFrance(household, { kind: 'banque-de-france', rateBps: 700 });
    expect(low.details.rateBpsByDebt.friend).toBe(667);
  });
  it('needs no legal-rate parameter at 0 %, and names it when a rate is asked out of range', () => {
    const later = { ...household, startDate: '2027-03-01' };
    expect(simulateBanqueDeFrance(later, { kind: 'banque-de-france' }).details.measure).toBe('plan');
    expect(() => simulateBanqueDeFrance(later, { kind: 'banque-de-france', rateBps: 100 })).toThrow(
      MissingParameterError,
    );
  });
  it('counts earlier measures against the 84 months and pays nothing in a moratorium', () => {
    const r = simulateBanqueDeFrance(household, {
      kind: 'banque-de-france',
      monthsUsedByEarlierPlans: 30,
      moratoriumMonths: 6,
    });
    expect(r.details.maxPlanMonths).toBe(54);
    expect(r.result.schedule.slice(0, 6).every((m) => m.paidCents === 0 && m.isMoratorium)).toBe(true);
    expect(r.result.schedule[6]?.paidCents).toBe(40_000);
    expect(r.result.perDebt.every((d) => d.interestCents === 0)).toBe(true);
  });
  it('keeps L711-4 debts out of the plan with their instalment off the capacity', () => {
    const withFine: ScenarioContext = {
      ...household,
      debts: [
        ...household.debts,
        {
          id: 'fine',
          creditorCategory: 'tax',
          balanceCents: 60_000,
          annualRateBps: 0,
          contractInstalmentCents: 5_000,
          excludedFromPlan: true,
        },
      ],
    };
    const r = simulateBanqueDeFrance(withFine, { kind: 'banque-de-france' });
    expect(r.details.excludedInstalmentsCents).toBe(5_000);
    const month1 = r.result.schedule[0];
    expect(month1?.payments.find((p) => p.debtId === 'fine')?.amountCents).toBe(5_000);
    expect(month1?.paidCents).toBe(40_000);
    expect(r.result.perDebt.find((d) => d.debtId === 'fine')?.inPlan).toBe(false);
  });
  it('lets a main-residence mortgage run past 84 months, never written off', () => {
    const owner: ScenarioContext = {
      ...household,
      debts: [
        ...household.debts,
        {
          id: 'home',
          creditorCategory: 'credit_institution',
          balanceCents: 12_000_000,
          annualRateBps: 150,
          contractInstalmentCents: 60_000,
          remainingTermMonths: 240,
          isMainResidenceMortgage: true,
        },
      ],
      capacity: { monthlyCents: 75_000 },
    };
    const r = simulateBanqueDeFrance(owner, { kind: 'banque-de-france' });
    const home = r.result.perDebt.find((d) => d.debtId === 'home');
    expect(home?.lastMonth).toBeGreaterThan(84);
    expect(home?.lastMonth).toBeLessThanOrEqual(240);
    expect(home?.remainingCents).toBe(0);
    expect(home?.writeOffCents).toBe(0);
    expect(r.result.schedule[0]?.paidCents).toBe(75_000);
    expect(r.details.mainResidenceMortgageIds).toEqual(['home']);
  });
  it('imputes payments to capital first: less interest than interest first', () => {
    const context: ScenarioContext = { ...household, capacity: { monthlyCents: 14_000 } };
    const capitalFirst = simulateBanqueDeFrance(context, { kind: 'banque-de-france', rateBps: 262 });
    const interestFirst = simulateBanqueDeFrance(context, {
      kind: 'banque-de-france',
      rateBps: 262,
      imputation: 'interest-first',
    });
    const first = capitalFirst.result.schedule[4]?.payments.find((p) => p.debtId === 'loan');
    expect(first?.interestCents).toBe(0);
    expect(capitalFirst.summary.totalInterestCents).toBeLessThanOrEqual(
      interestFirst.summary.totalInterestCents,
    );
  });
});

describe('payoff strategies', () => {
  it('avalanche pays the highest rate first and costs no more interest than snowball', () => {
    const context = { ...household, capacity: { monthlyCents: 60_000 } };
    const avalanche = simulatePayoff(context, { kind: 'payoff', strategy: 'avalanche' });
    const snowball = simulatePayoff(context, { kind: 'payoff', strategy: 'snowball' });
    const month1 = avalanche.result.schedule[0]?.payments;
    // Contract instalments first (45 000), the other 15 000 to the revolving (19 %).
    expect(month1?.find((p) => p.debtId === 'revolving')?.amountCents).toBe(30_000);
    expect(avalanche.summary.totalInterestCents).toBeLessThanOrEqual(snowball.summary.totalInterestCents);
    expect(snowball.result.schedule[0]?.payments.find((p) => p.debtId === 'friend')?.amountCents).toBe(
      15_000,
    );
  });
});

describe('compareScenarios', () => {
  it('runs six scenarios with summaries and schedules, and an orientation hint with reasons', () => {
    const c = compareScenarios(household, SIX);
    expect(c.outcomes.map((o) => o.summary.kind)).toEqual(SIX.map((s) => s.kind));
    expect(c.outcomes.every((o) => o.result.schedule.length > 0)).toBe(true);
    expect(c.orientation.track).toBe('mediation');
    expect(c.orientation.reasons.length).toBeGreaterThan(0);
    for (const r of c.orientation.reasons) {
      expect(r.key).toMatch(/^orientation\./);
      expect(r.text.fr.length).toBeGreaterThan(0);
      expect(r.text.en.length).toBeGreaterThan(0);
    }
  });
  it('suggests support when the contracts fit the capacity', () => {
    const easy: ScenarioContext = {
      ...household,
      capacity: { monthlyCents: 200_000 },
      debts: household.debts.filter((d) => d.id === 'loan'),
    };
    expect(compareScenarios(easy, [{ kind: 'as-today' }]).orientation.track).toBe('support');
  });
  it('refuses more than six scenarios and does not mutate its input', () => {
    expect(() => compareScenarios(household, [...SIX, { kind: 'as-today' }])).toThrow(RangeError);
    const copy = structuredClone(household);
    runScenario(household, { kind: 'banque-de-france' });
    compareScenarios(household, SIX, false);
    expect(household).toEqual(copy);
  });
});
