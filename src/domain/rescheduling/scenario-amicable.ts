/**
 * Amicable rescheduling (mediation, plan conventionnel L732-2): each creditor is asked for a
 * new term and, if needed, a lower rate, so that the new instalments fit the capacity. The
 * capacity is shared pro rata on balances (with the minimum instalment); each debt then gets
 * the shortest term, within the counsellor's maximum, whose annuity fits its share. Terms are
 * negotiated once, so a share freed by an early end is not spread again.
 */
import type { Cents } from '../money';
import { DEFAULT_MINIMUM_INSTALMENT_CENTS } from './allocation-policy';
import { capacityByMonth } from './capacity-plan';
import { outsidePlanDebt } from './contract-debts';
import { type NewTerms, shortestFittingTerm } from './new-terms';
import type { AmicableScenario, ScenarioContext } from './scenario-input';
import { firstMonthlyPayment, type ScenarioOutcome, summariseScenario } from './scenario-outcome';
import type { ScheduleDebt } from './schedule-types';
import { simulateSchedule } from './simulate-schedule';
import { splitWithMinimum } from './split-capacity';

export const DEFAULT_AMICABLE_MAX_TERM_MONTHS = 84;

export interface AmicableDetails {
  /** Capacity the new instalments must fit in (lowest month over the term, less excluded debts), cents. */
  readonly capacityForPlanCents: Cents;
  readonly terms: readonly NewTerms[];
  /** Debts kept on their contract outside the negotiation (L711-4). */
  readonly excludedDebtIds: readonly string[];
}

/**
 * Proposes new terms per creditor and simulates them.
 * @param context - debts (cents, bps), capacity (cents/month), start date
 * @param spec - limits set by the counsellor: maximum term (months), minimum instalment (cents), rate (bps)
 * @param withSchedule - keep the month rows
 * @returns the schedule, its summary (feasible = every debt fits its share within the term) and the new terms
 * @example simulateAmicable(context, { kind: 'amicable', maxTermMonths: 60 }).details.terms[0].termMonths // 36
 */
export function simulateAmicable(
  context: ScenarioContext,
  spec: AmicableScenario,
  withSchedule = true,
): ScenarioOutcome<AmicableDetails> {
  const maxTerm = spec.maxTermMonths ?? DEFAULT_AMICABLE_MAX_TERM_MONTHS;
  const minimum = spec.minimumInstalmentCents ?? DEFAULT_MINIMUM_INSTALMENT_CENTS;
  const excluded = context.debts.filter((d) => d.excludedFromPlan);
  const negotiated = context.debts.filter((d) => !d.excludedFromPlan);
  // Fixed instalments must hold every month: take the lowest capacity over the term.
  const lowest = Math.min(...capacityByMonth(context.capacity, maxTerm).slice(1));
  const excludedInstalments = excluded.reduce((s, d) => s + (d.contractInstalmentCents ?? 0), 0);
  const available = Math.max(0, lowest - excludedInstalments);
  const shares = splitWithMinimum(
    available,
    negotiated.map((d) => d.balanceCents),
    minimum,
  );
  const terms = negotiated.map((d, i) =>
    shortestFittingTerm({
      debtId: d.id,
      balanceCents: d.balanceCents,
      contractRateBps: d.annualRateBps,
      shareCents: shares[i] ?? 0,
      maxTermMonths: maxTerm,
      ...(spec.maxRateBps !== undefined ? { maxRateBps: spec.maxRateBps } : {}),
      allowRateReduction: spec.allowRateReduction ?? true,
    }),
  );
  const debts: ScheduleDebt[] = [
    ...negotiated.map((d, i): ScheduleDebt => {
      const t = terms[i];
      return {
        id: d.id,
        creditorCategory: d.creditorCategory,
        balanceCents: d.balanceCents,
        annualRateBps: t?.rateBps ?? d.annualRateBps,
        fixed: {
          instalmentCents: t?.instalmentCents ?? 0,
          // Only a term that fits absorbs the residue; otherwise what is left stays at the end.
          ...(t?.fits ? { termMonths: t.termMonths } : {}),
        },
        writeOffAllowed: !d.paidByNaturalPersonGuarantor,
      };
    }),
    ...excluded.map(outsidePlanDebt),
  ];
  const result = simulateSchedule({
    debts,
    startDate: context.startDate,
    capacity: context.capacity,
    maxMonths: maxTerm,
    policy: { name: 'pro-rata' },
    imputation: 'interest-first',
    withSchedule,
  });
  const first = withSchedule ? firstMonthlyPayment(result) : terms.reduce((s, t) => s + t.instalmentCents, 0);
  return {
    spec,
    summary: summariseScenario(spec, result, first, result.feasible && terms.every((t) => t.fits)),
    details: {
      capacityForPlanCents: available,
      terms,
      excludedDebtIds: excluded.map((d) => d.id),
    },
    result,
  };
}
