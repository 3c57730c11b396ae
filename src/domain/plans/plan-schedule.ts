/**
 * A plan's schedule (docs/reports-and-plans.md PLAN1): its steps from `firstDueOn`, one instalment
 * a month on the same day, the last day of a shorter month. Each due date is computed from
 * `firstDueOn`, never from the previous one, so a plan starting on 31 January falls due on 28 (or
 * 29) February, then 31 March again.
 */
import { addMonths, type IsoDate } from '../dates';
import { planDurationOn } from '../parameters/parameters-on';
import type { Plan } from './plan';

export interface Instalment {
  dueOn: IsoDate;
  /** What is due, cents (0 in a suspension step). */
  dueCents: number;
}

/** Number of monthly instalments of the plan (the sum of its steps' months). */
export function planMonths(plan: Pick<Plan, 'steps'>): number {
  return plan.steps.reduce((sum, step) => sum + step.months, 0);
}

/**
 * The instalments of the plan, in order.
 * @example planSchedule({ firstDueOn: '2026-01-31', steps: [{ months: 3, monthlyCents: 5_000 }] })
 *   // [{ dueOn: '2026-01-31', … }, { dueOn: '2026-02-28', … }, { dueOn: '2026-03-31', … }]
 */
export function planSchedule(plan: Pick<Plan, 'firstDueOn' | 'steps'>): Instalment[] {
  const out: Instalment[] = [];
  for (const step of plan.steps) {
    for (let i = 0; i < step.months; i++) {
      out.push({ dueOn: addMonths(plan.firstDueOn, out.length), dueCents: step.monthlyCents });
    }
  }
  return out;
}

/** Why a schedule is refused (PLAN1): longer than the legal limit in force when it starts. */
export interface PlanScheduleIssue {
  code: 'too_long';
  months: number;
  maxMonths: number;
  /** The dated legal parameter that sets the limit (plan-rules.ts). */
  parameterId: string;
}

/**
 * The schedule's issue, if any: more months in all than the duration limit in force on
 * `firstDueOn` (L733-3, `planDurationOn`).
 * @throws MissingParameterError('planDuration') when no limit covers `firstDueOn`
 */
export function planScheduleIssue(plan: Pick<Plan, 'firstDueOn' | 'steps'>): PlanScheduleIssue | undefined {
  const rule = planDurationOn(plan.firstDueOn);
  const months = planMonths(plan);
  if (months <= rule.maxPlanMonths) return undefined;
  return { code: 'too_long', months, maxMonths: rule.maxPlanMonths, parameterId: rule.id };
}
