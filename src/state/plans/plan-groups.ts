/**
 * How "Mes plans" groups the plans (docs/reports-and-plans.md PLAN8): each plan's state by the
 * domain's planState, its reminders, its group (act now, reminders, on track), most urgent first.
 * Its own module because it brings the plan rules and the legal parameters they read (the
 * parameters-on chunk): my-plans-model loads it when a screen first follows the plans, so the
 * dossier list's first load does not fetch it (docs/performance.md, "The list's first load").
 */
import type { DevicePlan } from '../../db/plan-queries';
import { addDays, type IsoDate } from '../../domain/dates';
import type { PlanState, PlanThresholds } from '../../domain/plans/plan-monitoring';
import { type PlanReminder, planReminders } from '../../domain/plans/plan-reminders';
import { planSchedule } from '../../domain/plans/plan-schedule';
import { planStateFor } from './plan-view';

/** How soon an instalment is a reminder. */
export const INSTALMENT_REMINDER_DAYS = 7;

export type PlanGroup = 'act' | 'remind' | 'onTrack';

export interface MyPlanRow {
  item: DevicePlan;
  state: PlanState;
  /** The reminders that put the plan in its group (all of them for "act"). */
  reminders: PlanReminder[];
  group: PlanGroup;
  /** What the next instalment asks, cents. */
  nextDueCents?: number;
}

/** act: formal notice, lapsed, late. remind: an instalment within 7 days, review due, ending soon. */
export function planGroupOf(
  state: PlanState,
  reminders: readonly PlanReminder[],
  today: IsoDate,
): PlanGroup | null {
  if (state.status === 'ended') return null;
  if (state.status === 'lapsed' || state.status === 'formal_notice' || state.status === 'late') return 'act';
  return remindersDue(reminders, today).length > 0 ? 'remind' : 'onTrack';
}

/** The reminders worth a line in the "reminders" group on `today`. */
export function remindersDue(reminders: readonly PlanReminder[], today: IsoDate): PlanReminder[] {
  const horizon = addDays(today, INSTALMENT_REMINDER_DAYS);
  return reminders.filter((r) =>
    r.code === 'instalment_due' ? r.dueOn <= horizon : r.code === 'review_due' || r.code === 'plan_ends',
  );
}

const ACT_ORDER = { lapsed: 0, formal_notice: 1, late: 2 } as Record<string, number>;

/** Most urgent first within a group. */
function compareRows(a: MyPlanRow, b: MyPlanRow): number {
  if (a.group === 'act') {
    return (
      (ACT_ORDER[a.state.status] ?? 9) - (ACT_ORDER[b.state.status] ?? 9) ||
      (a.state.lapsesOn ?? '').localeCompare(b.state.lapsesOn ?? '') ||
      b.state.arrearsCents - a.state.arrearsCents
    );
  }
  return (a.state.nextDueOn ?? '9999').localeCompare(b.state.nextDueOn ?? '9999');
}

/** The rows of `plans` on `today`, grouped, ended plans left out. */
export function groupPlans(
  plans: readonly DevicePlan[],
  today: IsoDate,
  thresholds: PlanThresholds,
): Record<PlanGroup, MyPlanRow[]> {
  const groups: Record<PlanGroup, MyPlanRow[]> = { act: [], remind: [], onTrack: [] };
  for (const item of plans) {
    const state = planStateFor(item.plan, item.payments, today, thresholds);
    const all = planReminders(state, item.plan, today, thresholds);
    const group = planGroupOf(state, all, today);
    if (group === null) continue;
    const next = planSchedule(item.plan).find((i) => i.dueOn === state.nextDueOn);
    groups[group].push({
      item,
      state,
      reminders: group === 'act' ? all : remindersDue(all, today),
      group,
      ...(next === undefined ? {} : { nextDueCents: next.dueCents }),
    });
  }
  for (const rows of Object.values(groups)) rows.sort(compareRows);
  return groups;
}
