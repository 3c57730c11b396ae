/**
 * The figures of one creditor letter, from one source. A letter that says "I can put X a month
 * towards my debts" and then proposes an amount must take both from the same place:
 *
 * - with a saved scenario (rescheduling request), the plan: what the household can put towards
 *   its debts is what the plan pays all creditors together in the month this creditor's
 *   payments start, so the creditor's amount is a part of it and the letters to every creditor
 *   add up to it;
 * - without one, the current diagnosis (the commission's repayment capacity), and no proposal.
 *
 * Resources and fixed charges are always the diagnosis's (a scenario stores no budget).
 * When nothing can be paid, the figures say why, and the letter says it in words instead of
 * "0,00 € par mois".
 */
import type { Diagnosis } from '../budget/diagnose';
import type { IsoDate } from '../dates';
import type { Cents } from '../money';
import type { DocumentLocale } from './document-model';
import { money, monthLabel } from './format';
import type { SavedPlan } from './saved-plan';
import { LETTER_OFFER } from './templates/letter-text';
import { fill } from './templates/wording';

/** What the letter proposes to this creditor. */
export type LetterProposal =
  | {
      readonly kind: 'pay';
      /** This creditor's amount in `fromMonth`, cents. */
      readonly monthlyCents: Cents;
      /** First month (1 = the plan's first) with a payment to this creditor. */
      readonly fromMonth: number;
      readonly startDate: IsoDate;
      /** Months from the first to the last payment to this creditor. */
      readonly months: number;
      /** Paid to this creditor over the plan, cents. */
      readonly totalCents: Cents;
    }
  /** The household can put nothing towards its debts (capacity 0, or a plan that pays nothing). */
  | { readonly kind: 'nothing-affordable' }
  /** The plan pays other creditors but nothing to this one. */
  | { readonly kind: 'nothing-for-this-creditor' }
  /** No saved scenario: nothing to propose until the counsellor saves one. */
  | { readonly kind: 'no-plan' };

export interface LetterFigures {
  /** Where the repayment figures come from. */
  readonly source: 'scenario' | 'diagnosis' | 'none';
  readonly resourcesCents: Cents | null;
  readonly fixedChargesCents: Cents | null;
  /**
   * What the household can put towards all its debts each month: with a plan, the sum paid to
   * every creditor in the month this creditor's payments start (else the plan's first month
   * with a payment); without one, the diagnosis's capacity. Null when neither exists.
   */
  readonly affordableMonthlyCents: Cents | null;
  /** The month `affordableMonthlyCents` is about, with a plan (1 = the plan's first month). */
  readonly affordableFromMonth: number | null;
  readonly proposal: LetterProposal;
}

/**
 * The letter's figures for one debt.
 * @param diagnosis - the live diagnosis (resources, charges, capacity), or null
 * @param plan - the saved scenario's plan, or null
 * @param debtId - the debt the letter is about
 * @example letterFigures(diagnosis, plan, 'debt-credit').affordableMonthlyCents // 30_000
 */
export function letterFigures(
  diagnosis: Diagnosis | null,
  plan: SavedPlan | null,
  debtId: string,
): LetterFigures {
  const budget = {
    resourcesCents: diagnosis ? diagnosis.resources.totalMonthlyCents : null,
    fixedChargesCents: diagnosis ? diagnosis.charges.fixedChargesCents : null,
  };
  if (!plan) {
    const capacity = diagnosis ? diagnosis.capacity.capacityMonthlyCents : null;
    return {
      ...budget,
      source: diagnosis ? 'diagnosis' : 'none',
      affordableMonthlyCents: capacity,
      affordableFromMonth: null,
      proposal: capacity === 0 ? { kind: 'nothing-affordable' } : { kind: 'no-plan' },
    };
  }
  const creditor = plan.creditors.find((c) => c.debtIds.includes(debtId));
  const firstPlanMonth = plan.monthlyTotals.findIndex((total) => total > 0) + 1;
  const creditorFirst = creditor ? creditor.monthly.findIndex((amount) => amount > 0) + 1 : 0;
  const month = creditorFirst > 0 ? creditorFirst : firstPlanMonth;
  const affordable = month > 0 ? (plan.monthlyTotals[month - 1] ?? 0) : 0;
  const common = {
    ...budget,
    source: 'scenario' as const,
    affordableMonthlyCents: affordable,
    affordableFromMonth: month > 0 ? month : null,
  };
  if (affordable === 0) return { ...common, proposal: { kind: 'nothing-affordable' } };
  if (!creditor || creditorFirst === 0) {
    return { ...common, proposal: { kind: 'nothing-for-this-creditor' } };
  }
  return {
    ...common,
    proposal: {
      kind: 'pay',
      monthlyCents: creditor.monthly[creditorFirst - 1] ?? 0,
      fromMonth: creditorFirst,
      startDate: plan.monthDates[creditorFirst - 1] ?? plan.startDate,
      months: (creditor.lastMonth ?? creditorFirst) - creditorFirst + 1,
      totalCents: creditor.paidCents,
    },
  };
}

/**
 * The letter's offer in words: what the household can afford and what it proposes to this
 * creditor, or why it proposes nothing. Undefined without a plan while something is affordable:
 * the counsellor saves a scenario first (the placeholder stays to complete).
 * @example offerSentence(figures, 'fr') // 'À partir de décembre 2026, je peux consacrer 300,00 € par mois …'
 */
export function offerSentence(figures: LetterFigures, locale: DocumentLocale): string | undefined {
  const x = LETTER_OFFER[locale];
  const affordable = money(figures.affordableMonthlyCents ?? 0, locale);
  const p = figures.proposal;
  switch (p.kind) {
    case 'pay':
      return fill(x.pay, {
        start: monthLabel(p.startDate, locale),
        affordable,
        monthly: money(p.monthlyCents, locale),
        months: p.months,
        total: money(p.totalCents, locale),
      });
    case 'nothing-affordable':
      return x.nothingAffordable;
    case 'nothing-for-this-creditor':
      return fill(x.nothingForThisCreditor, { affordable });
    case 'no-plan':
      return undefined;
  }
}
