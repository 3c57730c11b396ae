/**
 * The counsellor's reminders of a plan on the device (docs/reports-and-plans.md PLAN8), as data:
 * codes, dates and amounts, which the UI words in the user's language. Computed from the plan's
 * state (planState) on the same day, so the reminders and the worklists never disagree.
 */
import type { IsoDate } from '../dates';
import type { Plan } from './plan';
import type { PlanState, PlanThresholds } from './plan-monitoring';
import { planSchedule } from './plan-schedule';
import { reviewDueOn } from './plan-state';

export type PlanReminder =
  /** The plan lapsed: the formal notice went unanswered (R732-2); lapsesOn was the last day. */
  | { code: 'plan_lapsed'; lapsesOn: IsoDate }
  /** A formal notice runs: the last day to answer it, and the days left counting today. */
  | { code: 'formal_notice'; formalNoticeOn: IsoDate; lapsesOn?: IsoDate; daysLeft?: number }
  /** Instalments missed (not made good) and what is owed on them. */
  | { code: 'instalments_missed'; missedCount: number; arrearsCents: number }
  /** The next instalment: its day and amount (none in a 0 € suspension). */
  | { code: 'instalment_due'; dueOn: IsoDate; dueCents: number }
  /** The plan's review with the household is due since `dueOn`. */
  | { code: 'review_due'; dueOn: IsoDate }
  /** The last instalment is near. */
  | { code: 'plan_ends'; endsOn: IsoDate };

const DAY_MS = 86_400_000;

function daysFrom(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * The reminders of `plan` on `today`, most urgent first. An ended plan has none.
 * @param state - planState(plan, …, today, thresholds, …)
 * @param thresholds - the thresholds the state was computed with (the review clock)
 */
export function planReminders(
  state: PlanState,
  plan: Plan,
  today: IsoDate,
  thresholds: PlanThresholds,
): PlanReminder[] {
  if (state.status === 'ended') return [];
  const out: PlanReminder[] = [];
  if (state.status === 'lapsed' && state.lapsesOn !== undefined) {
    out.push({ code: 'plan_lapsed', lapsesOn: state.lapsesOn });
  }
  if (state.status === 'formal_notice' && plan.formalNoticeOn !== undefined) {
    out.push({
      code: 'formal_notice',
      formalNoticeOn: plan.formalNoticeOn,
      ...(state.lapsesOn === undefined
        ? {}
        : { lapsesOn: state.lapsesOn, daysLeft: daysFrom(today, state.lapsesOn) + 1 }),
    });
  }
  if (state.missedCount > 0 || state.arrearsCents > 0) {
    out.push({
      code: 'instalments_missed',
      missedCount: state.missedCount,
      arrearsCents: state.arrearsCents,
    });
  }
  if (state.nextDueOn !== undefined) {
    const next = planSchedule(plan).find((instalment) => instalment.dueOn === state.nextDueOn);
    if (next !== undefined && next.dueCents > 0) {
      out.push({ code: 'instalment_due', dueOn: next.dueOn, dueCents: next.dueCents });
    }
  }
  const reviewOn = reviewDueOn(plan, thresholds);
  if (today >= reviewOn) out.push({ code: 'review_due', dueOn: reviewOn });
  if (state.status === 'ending_soon') out.push({ code: 'plan_ends', endsOn: state.endsOn });
  return out;
}
