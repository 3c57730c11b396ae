/** What every scenario returns: a summary the comparison table shows, and the schedule. */
import type { Cents } from '../money';
import type { ScenarioSpec } from './scenario-input';
import type { ScheduleResult } from './schedule-types';

export interface ScenarioSummary {
  readonly kind: ScenarioSpec['kind'];
  readonly label: string;
  /** The scenario's own test (e.g. as today: repaid and never above the capacity). */
  readonly feasible: boolean;
  /** End month (see ScheduleResult.months). */
  readonly months: number;
  /** Capacity-bound duration of the scenario, months. */
  readonly maxMonths: number;
  readonly totalPaidCents: Cents;
  readonly totalInterestCents: Cents;
  readonly writeOffCents: Cents;
  /** Still owed at the end on debts that cannot be written off, cents. */
  readonly remainingNotWrittenOffCents: Cents;
  /** Sum of the payments of the first month with a payment, cents. */
  readonly firstMonthlyPaymentCents: Cents;
}

export interface ScenarioOutcome<D = unknown> {
  readonly spec: ScenarioSpec;
  readonly summary: ScenarioSummary;
  /** Scenario-specific figures (shortfall, new terms, plan limits). */
  readonly details: D;
  readonly result: ScheduleResult;
}

/**
 * Builds the summary of a scenario from its schedule result.
 * @param spec - the scenario
 * @param result - its simulated schedule
 * @param feasible - the scenario's own feasibility (defaults to the schedule's)
 * @example summarise(spec, result).writeOffCents // 862_400
 */
export function summariseScenario(
  spec: ScenarioSpec,
  result: ScheduleResult,
  firstMonthlyPaymentCents: Cents,
  feasible: boolean = result.feasible,
): ScenarioSummary {
  return {
    kind: spec.kind,
    label: spec.label ?? spec.kind,
    feasible,
    months: result.months,
    maxMonths: result.maxMonths,
    totalPaidCents: result.totalPaidCents,
    totalInterestCents: result.totalInterestCents,
    writeOffCents: result.writeOffCents,
    remainingNotWrittenOffCents: result.remainingNotWrittenOffCents,
    firstMonthlyPaymentCents,
  };
}

/**
 * Sum of the first month that has a payment, from the month rows.
 * @param result - a schedule result simulated with its month rows
 * @returns cents (0 when nothing is ever paid or rows were not kept)
 * @example firstMonthlyPayment(result) // 33_838
 */
export function firstMonthlyPayment(result: ScheduleResult): Cents {
  return result.schedule.find((m) => m.paidCents > 0)?.paidCents ?? 0;
}
