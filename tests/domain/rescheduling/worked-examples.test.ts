/** domain-rules.md §2.5, examples A to D, to the cent. */
import { describe, expect, it } from 'vitest';
import { compareScenarios } from '../../../src/domain/rescheduling/compare-scenarios';
import { simulateAmicable } from '../../../src/domain/rescheduling/scenario-amicable';
import { simulateBanqueDeFrance } from '../../../src/domain/rescheduling/scenario-banque-de-france';
import type { ScenarioContext } from '../../../src/domain/rescheduling/scenario-input';
import type { simulateSchedule } from '../../../src/domain/rescheduling/simulate-schedule';

const START = '2026-03-01';

const exampleA: ScenarioContext = {
  startDate: START,
  capacity: { monthlyCents: 33_838 },
  debts: [
    {
      id: 'A',
      label: 'personal loan',
      creditorCategory: 'credit_institution',
      balanceCents: 600_000,
      annualRateBps: 0,
    },
    {
      id: 'B',
      label: 'revolving',
      creditorCategory: 'credit_institution',
      balanceCents: 450_000,
      annualRateBps: 0,
    },
    { id: 'C', label: 'telecom', creditorCategory: 'utility', balanceCents: 50_000, annualRateBps: 0 },
    { id: 'D', label: 'rent arrears', creditorCategory: 'landlord', balanceCents: 120_000, annualRateBps: 0 },
  ],
};

function amounts(result: ReturnType<typeof simulateSchedule>, month: number): Record<string, number> {
  const row = result.schedule[month - 1];
  return Object.fromEntries((row?.payments ?? []).map((p) => [p.debtId, p.amountCents]));
}

describe('example A: 12 200 € at 0 %, capacity 338.38 €, landlord first then pro rata', () => {
  const bdf = simulateBanqueDeFrance(exampleA, { kind: 'banque-de-france' });
  const r = bdf.result;
  it('takes 37 payments: 36 × 338.38 then 18.32, no write-off', () => {
    expect(r.feasible).toBe(true);
    expect(r.months).toBe(37);
    expect(r.schedule.slice(0, 36).every((m) => m.paidCents === 33_838)).toBe(true);
    expect(r.schedule[36]?.paidCents).toBe(1_832);
    expect(r.writeOffCents).toBe(0);
    expect(bdf.details.measure).toBe('plan');
  });
  it('months 1–3: the landlord gets 338.38 a month (1 015.14)', () => {
    for (const m of [1, 2, 3]) expect(amounts(r, m)).toEqual({ A: 0, B: 0, C: 0, D: 33_838 });
  });
  it('month 4: D 184.86, then 153.52 pro rata on 11 000: A 83.74, B 62.80, C 6.98', () => {
    expect(amounts(r, 4)).toEqual({ A: 8_374, B: 6_280, C: 698, D: 18_486 });
  });
  it('from month 5: A 184.57, B 138.43, C 15.38', () => {
    expect(amounts(r, 5)).toEqual({ A: 18_457, B: 13_843, C: 1_538 });
  });
  it('at 0 % the duration does not depend on the policy', () => {
    for (const name of ['pro-rata', 'avalanche', 'snowball', 'priority-classes'] as const) {
      const other = simulateBanqueDeFrance(exampleA, { kind: 'banque-de-france', policy: { name } });
      expect(other.result.months).toBe(37);
    }
  });
});

const exampleB: ScenarioContext = {
  startDate: START,
  capacity: { monthlyCents: 36_400 },
  debts: [
    { id: 'bank', creditorCategory: 'credit_institution', balanceCents: 2_500_000, annualRateBps: 0 },
    { id: 'revolving', creditorCategory: 'credit_institution', balanceCents: 1_000_000, annualRateBps: 0 },
    { id: 'tax', creditorCategory: 'tax', balanceCents: 420_000, annualRateBps: 0 },
  ],
};

describe('example B: 39 200 € at 0 %, capacity 364 €', () => {
  it('84 months pay 30 576 € and leave a partial write-off of 8 624 €', () => {
    const bdf = simulateBanqueDeFrance(exampleB, { kind: 'banque-de-france' });
    expect(bdf.summary.feasible).toBe(false);
    expect(bdf.summary.months).toBe(84);
    expect(bdf.summary.totalPaidCents).toBe(3_057_600);
    expect(bdf.summary.writeOffCents).toBe(862_400);
    expect(bdf.details.measure).toBe('plan-with-write-off');
    const perDebt = bdf.result.perDebt.map((d) => d.writeOffCents);
    expect(perDebt.reduce((a, b) => a + b, 0)).toBe(862_400);
  });
  it('orientation: over-indebtedness, plan with write-off, or a moratorium if income may recover', () => {
    const scenarios = [{ kind: 'as-today' as const }, { kind: 'banque-de-france' as const }];
    expect(compareScenarios(exampleB, scenarios).orientation).toMatchObject({
      track: 'over-indebtedness',
      measure: 'plan-with-write-off',
    });
    expect(compareScenarios({ ...exampleB, incomeMayRecover: true }, scenarios).orientation.measure).toBe(
      'moratorium',
    );
  });
});

describe('example C: capacity 0 (income at the RSA level)', () => {
  const exampleC: ScenarioContext = { ...exampleB, capacity: { monthlyCents: 0 } };
  it('no plan, never a negative instalment, and a PRP or moratorium hint', () => {
    const bdf = simulateBanqueDeFrance(exampleC, { kind: 'banque-de-france' });
    expect(bdf.details.measure).toBe('none');
    expect(bdf.summary.totalPaidCents).toBe(0);
    expect(bdf.result.schedule.every((m) => m.payments.every((p) => p.amountCents === 0))).toBe(true);
    const hint = compareScenarios(exampleC, [{ kind: 'banque-de-france' }]).orientation;
    expect(hint).toMatchObject({ track: 'over-indebtedness', measure: 'personal-recovery' });
    expect(hint.reasons[0]?.text.fr).toContain('capacité de remboursement est nulle');
    expect(hint.reasons[0]?.text.en).toContain('Repayment capacity is nil');
    const recover = compareScenarios({ ...exampleC, incomeMayRecover: true }, [{ kind: 'as-today' }]);
    expect(recover.orientation.measure).toBe('moratorium');
  });
});

describe('example D: 6 000 € over 36 months at 2.62 %', () => {
  it('annuity 173.48, last instalment 173.64, total interest 245.44', () => {
    const context: ScenarioContext = {
      startDate: START,
      capacity: { monthlyCents: 17_348 },
      debts: [{ id: 'L', creditorCategory: 'credit_institution', balanceCents: 600_000, annualRateBps: 262 }],
    };
    const amicable = simulateAmicable(context, { kind: 'amicable', maxTermMonths: 84 });
    expect(amicable.details.terms[0]).toMatchObject({
      termMonths: 36,
      instalmentCents: 17_348,
      rateBps: 262,
    });
    expect(amicable.summary.totalInterestCents).toBe(24_544);
    expect(amicable.result.schedule[34]?.paidCents).toBe(17_348);
    expect(amicable.result.schedule[35]?.paidCents).toBe(17_364);
    expect(amicable.summary.months).toBe(36);
  });
  it('at the legal rate cap in a Banque de France plan (S1 2026, non-individual creditor: 2.62 %)', () => {
    const context: ScenarioContext = {
      startDate: START,
      capacity: { monthlyCents: 17_348 },
      debts: [{ id: 'L', creditorCategory: 'credit_institution', balanceCents: 600_000, annualRateBps: 900 }],
    };
    const bdf = simulateBanqueDeFrance(context, {
      kind: 'banque-de-france',
      rateBps: 1_000,
      imputation: 'interest-first',
    });
    expect(bdf.details.rateBpsByDebt).toEqual({ L: 262 });
    expect(bdf.details.parameterIds).toContain('legal-rate-2026-s1');
    // Same interest as the annuity, the last 16 cents fall in month 37 (capacity-shared run).
    expect(bdf.summary.totalInterestCents).toBe(24_544);
    expect(bdf.summary.months).toBe(37);
  });
});
