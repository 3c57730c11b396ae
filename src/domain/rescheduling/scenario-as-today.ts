/**
 * "As today": every contract runs on (instalment, rate, remaining term); nothing is written
 * off. The question is the monthly shortfall against the capacity, and when it ends.
 */
import type { Cents } from '../money';
import { capacityByMonth } from './capacity-plan';
import { contractDebt } from './contract-debts';
import type { AsTodayScenario, ScenarioContext } from './scenario-input';
import { type ScenarioOutcome, summariseScenario } from './scenario-outcome';
import type { ScheduleDebt } from './schedule-types';
import { simulateSchedule } from './simulate-schedule';

/** Default horizon of the as-today run: 30 years, so that mortgages end inside it. */
export const DEFAULT_AS_TODAY_HORIZON_MONTHS = 360;

export interface AsTodayDetails {
  /** Instalments due in month 1, cents. */
  readonly firstMonthInstalmentsCents: Cents;
  /** Capacity of month 1, cents. */
  readonly firstMonthCapacityCents: Cents;
  /** Instalments above the capacity in month 1, cents (0 when affordable). */
  readonly firstMonthShortfallCents: Cents;
  readonly maxMonthlyShortfallCents: Cents;
  readonly monthsInShortfall: number;
  readonly totalShortfallCents: Cents;
  /** Last month in which instalments exceed the capacity; null when never. */
  readonly shortfallEndsMonth: number | null;
  /** Debts owed with no instalment scheduled (arrears, debts due now). */
  readonly unscheduledDebtIds: readonly string[];
}

/**
 * Runs the current contracts.
 * @param context - debts (cents, bps), capacity (cents/month), start date
 * @param spec - the as-today scenario (horizon in months)
 * @param withSchedule - keep the month rows in the result
 * @returns the schedule, its summary (feasible = repaid within the horizon and never above capacity) and the shortfall
 * @example simulateAsToday(context, { kind: 'as-today' }).details.firstMonthShortfallCents // 78_600
 */
export function simulateAsToday(
  context: ScenarioContext,
  spec: AsTodayScenario,
  withSchedule = true,
): ScenarioOutcome<AsTodayDetails> {
  const horizon = spec.horizonMonths ?? DEFAULT_AS_TODAY_HORIZON_MONTHS;
  const debts: ScheduleDebt[] = context.debts.map(contractDebt);
  // The shortfall needs every month's total: always simulate with the rows, drop them after.
  const full = simulateSchedule({
    debts,
    startDate: context.startDate,
    capacity: context.capacity,
    maxMonths: horizon,
    policy: { name: 'pro-rata' },
    imputation: 'interest-first',
  });
  const capacity = capacityByMonth(context.capacity, horizon);
  let max = 0;
  let count = 0;
  let total = 0;
  let endsMonth: number | null = null;
  for (const row of full.schedule) {
    const shortfall = Math.max(0, row.paidCents - (capacity[row.month] ?? 0));
    if (shortfall > 0) {
      count += 1;
      total += shortfall;
      max = Math.max(max, shortfall);
      endsMonth = row.month;
    }
  }
  const first = full.schedule[0]?.paidCents ?? 0;
  const details: AsTodayDetails = {
    firstMonthInstalmentsCents: first,
    firstMonthCapacityCents: capacity[1] ?? 0,
    firstMonthShortfallCents: Math.max(0, first - (capacity[1] ?? 0)),
    maxMonthlyShortfallCents: max,
    monthsInShortfall: count,
    totalShortfallCents: total,
    shortfallEndsMonth: endsMonth,
    unscheduledDebtIds: context.debts
      .filter((d) => d.balanceCents > 0 && (d.contractInstalmentCents ?? 0) === 0)
      .map((d) => d.id),
  };
  const result = withSchedule ? full : { ...full, schedule: [] };
  return {
    spec,
    summary: summariseScenario(spec, full, first, full.feasible && count === 0),
    details,
    result,
  };
}
