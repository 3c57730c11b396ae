/**
 * One letter, one set of figures (issue 12, point 16): the monthly amount a rescheduling letter
 * says the household can afford is the sum of what the letters propose to the creditors, for
 * households with and without a saved scenario, with a capacity of 0 or not; when nothing can
 * be proposed the letter says why in words, never "0,00 € par mois" next to a proposal.
 */
import { describe, expect, it } from 'vitest';
import {
  draftLetter,
  letterFigures,
  letterTemplate,
  type SavedPlan,
  savedPlan,
} from '../../src/domain/documents';
import type { Dossier } from '../../src/domain/dossier/dossier';
import type { ScenarioRow } from '../../src/domain/dossier/rows';
import { diagnosisOf, makeDossier, scenarioRow, TODAY } from '../domain/documents/fixture';

const DEBTS = ['debt-credit', 'debt-rent', 'debt-tax'] as const;

/** "1 234,56 €" (any space) → 123456. */
function cents(amount: string): number {
  return Number(amount.replace(/[\s\u202f\u00a0]/g, '').replace(',', ''));
}

function planOf(dossier: Dossier, row: ScenarioRow): SavedPlan {
  const result = savedPlan(dossier, row);
  if (!result.ok) throw new Error(result.reason);
  return result.plan;
}

function letterBody(dossier: Dossier, plan: SavedPlan | null, debtId: string): string {
  const draft = draftLetter(
    letterTemplate('rescheduling_request', 'fr'),
    { dossier, diagnosis: diagnosisOf(dossier), plan, locale: 'fr', today: TODAY },
    { kind: 'rescheduling_request', debtId, reason: 'J’ai perdu mon emploi.' },
  );
  return draft.body.text;
}

/** "0,00 €" as an amount of its own (not the end of "4 800,00 €"). */
const ZERO_AMOUNT = /(?<!\d[\s\u202f\u00a0]?)0,00 €/;
const AFFORDABLE = /je peux consacrer ([\d\s\u202f\u00a0]+,\d\d) € par mois/;
const PROPOSED = /vous rembourser ([\d\s\u202f\u00a0]+,\d\d) € par mois/;

/** The amounts the letters to every creditor state: what is affordable, what is proposed. */
function lettersOf(dossier: Dossier, plan: SavedPlan | null) {
  return DEBTS.map((debtId) => {
    const body = letterBody(dossier, plan, debtId);
    const affordable = body.match(AFFORDABLE)?.[1];
    const proposed = body.match(PROPOSED)?.[1];
    return {
      body,
      affordable: affordable === undefined ? null : cents(affordable),
      proposed: proposed === undefined ? null : cents(proposed),
    };
  });
}

/** A household whose fixed charges exceed its resources: the diagnosis capacity is 0. */
function capacityZero(withScenario: boolean): Dossier {
  const dossier = makeDossier({ withScenario });
  dossier.charges = dossier.charges.map((c) => (c.id === 'c-rent' ? { ...c, amountCents: 150_000 } : c));
  expect(diagnosisOf(dossier).capacity.capacityMonthlyCents).toBe(0);
  return dossier;
}

describe('one letter, one set of figures', () => {
  it('a saved scenario: every letter states the plan’s monthly total, and the proposals add up to it', () => {
    // The diagnosis says 146,00 € but the saved scenario was run with 300,00 € a month: the
    // letter takes both figures from the scenario. Pro rata on what is owed (4 800 / 1 300 /
    // 850 of 6 950): 207,19 + 56,12 + 36,69 = 300,00 €.
    const dossier = makeDossier();
    expect(diagnosisOf(dossier).capacity.capacityMonthlyCents).toBe(14_600);
    const letters = lettersOf(dossier, planOf(dossier, scenarioRow()));
    expect(letters.map((l) => l.affordable)).toEqual([30_000, 30_000, 30_000]);
    expect(letters.map((l) => l.proposed)).toEqual([20_719, 5_612, 3_669]);
    expect(letters.reduce((sum, l) => sum + (l.proposed ?? 0), 0)).toBe(30_000);
    for (const l of letters) expect(l.body).not.toContain('146,00');
  });

  it('capacity 0 in the diagnosis, a scenario saved with 76,62 € a month: the letter says 76,62 €, never 0,00 €', () => {
    const dossier = capacityZero(true);
    const row = scenarioRow({
      parameters: { ...scenarioRow().parameters, capacity: { monthlyCents: 7_662 } },
    } as Partial<ScenarioRow>);
    const letters = lettersOf(dossier, planOf(dossier, row));
    expect(letters.map((l) => l.affordable)).toEqual([7_662, 7_662, 7_662]);
    expect(letters.reduce((sum, l) => sum + (l.proposed ?? 0), 0)).toBe(7_662);
    for (const l of letters) expect(l.body).not.toMatch(ZERO_AMOUNT);
  });

  it('capacity 0 without a scenario: no amount is offered, and the letter says why in words', () => {
    const dossier = capacityZero(false);
    for (const debtId of DEBTS) {
      const figures = letterFigures(diagnosisOf(dossier), null, debtId);
      expect(figures).toMatchObject({
        source: 'diagnosis',
        affordableMonthlyCents: 0,
        proposal: { kind: 'nothing-affordable' },
      });
    }
    for (const l of lettersOf(dossier, null)) {
      expect(l.affordable).toBeNull();
      expect(l.proposed).toBeNull();
      expect(l.body).toContain('il ne me reste rien pour rembourser mes dettes');
      expect(l.body).not.toContain('{{plan');
      expect(l.body).not.toMatch(ZERO_AMOUNT);
    }
  });

  it('a scenario saved with a capacity of 0 pays nothing: the letter proposes nothing and says why', () => {
    const dossier = capacityZero(true);
    const row = scenarioRow({
      parameters: { ...scenarioRow().parameters, capacity: { monthlyCents: 0 } },
    } as Partial<ScenarioRow>);
    const plan = planOf(dossier, row);
    expect(plan.totalPaidCents).toBe(0);
    for (const l of lettersOf(dossier, plan)) {
      expect([l.affordable, l.proposed]).toEqual([null, null]);
      expect(l.body).toContain('je ne peux rien vous verser pour le moment');
    }
  });

  it('no scenario and a capacity above 0: the capacity is the diagnosis’s and the offer is left to complete', () => {
    const dossier = makeDossier({ withScenario: false });
    const figures = letterFigures(diagnosisOf(dossier), null, 'debt-credit');
    expect(figures).toMatchObject({
      source: 'diagnosis',
      affordableMonthlyCents: 14_600,
      proposal: { kind: 'no-plan' },
    });
    const draft = draftLetter(
      letterTemplate('rescheduling_request', 'fr'),
      { dossier, diagnosis: diagnosisOf(dossier), plan: null, locale: 'fr', today: TODAY },
      { kind: 'rescheduling_request', debtId: 'debt-credit', reason: 'x' },
    );
    expect(draft.body.missing).toContain('plan.offer');
  });

  it('the English letter states the same figures', () => {
    const dossier = makeDossier();
    const draft = draftLetter(
      letterTemplate('rescheduling_request', 'en'),
      {
        dossier,
        diagnosis: diagnosisOf(dossier),
        plan: planOf(dossier, scenarioRow()),
        locale: 'en',
        today: TODAY,
      },
      { kind: 'rescheduling_request', debtId: 'debt-rent', reason: 'I lost my job.' },
    );
    expect(draft.body.text).toContain(
      'From December 2026, I can put €300.00 a month towards repaying all my debts. I propose to repay you €56.12 a month for 24 months, that is €1,300.00 in all',
    );
  });

  it('creditors paid one after another: each letter’s affordable amount is what all creditors get that month', () => {
    // Highest rate first (avalanche): the creditors start in different months.
    const dossier = makeDossier();
    const row = scenarioRow({
      parameters: {
        spec: { kind: 'payoff', strategy: 'avalanche' },
        startDate: '2026-12-01',
        capacity: { monthlyCents: 30_000 },
        debtIds: [...DEBTS],
      },
    } as Partial<ScenarioRow>);
    const plan = planOf(dossier, row);
    for (const debtId of DEBTS) {
      const figures = letterFigures(diagnosisOf(dossier), plan, debtId);
      if (figures.proposal.kind !== 'pay') throw new Error(`no payment to ${debtId}`);
      const month = figures.proposal.fromMonth;
      const paidThatMonth = plan.creditors.reduce((sum, c) => sum + (c.monthly[month - 1] ?? 0), 0);
      expect(figures.affordableFromMonth).toBe(month);
      expect(figures.affordableMonthlyCents).toBe(paidThatMonth);
      expect(figures.proposal.monthlyCents).toBeLessThanOrEqual(paidThatMonth);
      const body = letterBody(dossier, plan, debtId);
      expect(cents(body.match(AFFORDABLE)?.[1] ?? '')).toBe(paidThatMonth);
      expect(cents(body.match(PROPOSED)?.[1] ?? '')).toBe(figures.proposal.monthlyCents);
    }
  });
});
