/**
 * Payoff strategies for the support track (no legal measure): contracts and rates stay, the
 * household pays every contractual instalment, and whatever the capacity leaves goes to the
 * highest rate first (avalanche), the smallest balance first (snowball) or pro rata.
 */
import type { Cents } from '../money';
import type { PayoffScenario, ScenarioContext } from './scenario-input';
import { firstMonthlyPayment, type ScenarioOutcome, summariseScenario } from './scenario-outcome';
import { simulateSchedule } from './simulate-schedule';

export const DEFAULT_PAYOFF_HORIZON_MONTHS = 84;

export interface PayoffDetails {
  readonly strategy: PayoffScenario['strategy'];
  /** Contractual instalments of month 1, cents; above the capacity they are shared pro rata. */
  readonly contractInstalmentsCents: Cents;
}

/**
 * Simulates a payoff strategy.
 * @param context - debts (cents, bps), capacity (cents/month), start date
 * @param spec - strategy and horizon (months)
 * @param withSchedule - keep the month rows
 * @returns schedule and summary (nothing is written off: what is left stays owed)
 * @example simulatePayoff(context, { kind: 'payoff', strategy: 'avalanche' }).summary.totalInterestCents // 12_345
 */
export function simulatePayoff(
  context: ScenarioContext,
  spec: PayoffScenario,
  withSchedule = true,
): ScenarioOutcome<PayoffDetails> {
  const result = simulateSchedule({
    debts: context.debts.map((d) => ({
      id: d.id,
      creditorCategory: d.creditorCategory,
      balanceCents: d.balanceCents,
      annualRateBps: d.annualRateBps,
      contractInstalmentCents: d.contractInstalmentCents ?? 0,
      writeOffAllowed: false,
    })),
    startDate: context.startDate,
    capacity: context.capacity,
    maxMonths: spec.horizonMonths ?? DEFAULT_PAYOFF_HORIZON_MONTHS,
    policy: {
      name: spec.strategy,
      contractualInstalmentsFirst: true,
      ...(spec.minimumInstalmentCents !== undefined
        ? { minimumInstalmentCents: spec.minimumInstalmentCents }
        : {}),
    },
    imputation: 'interest-first',
    withSchedule,
  });
  return {
    spec,
    summary: summariseScenario(spec, result, firstMonthlyPayment(result)),
    details: {
      strategy: spec.strategy,
      contractInstalmentsCents: context.debts.reduce((s, d) => s + (d.contractInstalmentCents ?? 0), 0),
    },
    result,
  };
}
