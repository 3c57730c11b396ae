/**
 * "Mes plans" (docs/reports-and-plans.md PLAN8): the plans of the dossiers a counsellor is in
 * charge of (or every plan on the device), with their state computed on the device by the
 * domain's planState and the association's thresholds as last synced (defaults offline), grouped
 * by what to do: act now, reminders, on track. Reads through the db layer's live query.
 */
import { computed, effect, type ReadonlySignal, signal } from '@preact/signals';
import type { DevicePlan } from '../../db/plan-queries';
import { addDays, type IsoDate } from '../../domain/dates';
import {
  DEFAULT_PLAN_THRESHOLDS,
  type PlanState,
  type PlanThresholds,
} from '../../domain/plans/plan-monitoring';
import { type PlanReminder, planReminders } from '../../domain/plans/plan-reminders';
import { planSchedule } from '../../domain/plans/plan-schedule';
import type { Role } from '../../domain/sync/protocol';
import { planStateFor } from './plan-view';

/** Who follows plans on the device (the nav entry): counsellors, coordinators, admins. */
export const PLAN_ROLES: readonly Role[] = ['counsellor', 'coordinator', 'admin'];

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

export interface MyPlansDeps {
  /** Calls `listener` with the device's plans now and after each change (a live query). */
  observePlans(listener: (plans: DevicePlan[]) => void, onError: (cause: unknown) => void): () => void;
  /** The thresholds kept on the device (the defaults when none came from the server). */
  readThresholds(): Promise<{ thresholds: PlanThresholds; fromServer: boolean }>;
  today(): IsoDate;
  /** The signed-in user's id, null when nobody is signed in. */
  userId: ReadonlySignal<string | null>;
  /** Changes after each successful sync run: the thresholds may have come with it. */
  lastSyncAt: ReadonlySignal<number | null>;
}

export function createMyPlansModel(deps: MyPlansDeps) {
  const plans = signal<DevicePlan[] | null>(null);
  const error = signal<unknown>(null);
  const thresholds = signal<PlanThresholds>(DEFAULT_PLAN_THRESHOLDS);
  const thresholdsFromServer = signal(false);
  /** "tous les plans de l’appareil": every plan, not only the dossiers in my charge. */
  const showAll = signal(false);

  const mine = computed(() => {
    const me = deps.userId.value;
    // PLAN8: the dossiers in my charge; a dossier with no counsellor named (intake does not ask)
    // follows whoever recorded its plan.
    return (plans.value ?? []).filter((p) => me !== null && (p.counsellorId ?? p.recordedBy) === me);
  });
  const shown = computed(() => (showAll.value ? (plans.value ?? []) : mine.value));
  const groups = computed(() => groupPlans(shown.value, deps.today(), thresholds.value));
  /** The header's badge: my plans to act on or with a reminder due. */
  const attentionCount = computed(() => {
    const g = groupPlans(mine.value, deps.today(), thresholds.value);
    return g.act.length + g.remind.length;
  });

  async function loadThresholds(): Promise<void> {
    const read = await deps.readThresholds().catch(() => undefined);
    if (read === undefined) return;
    thresholds.value = read.thresholds;
    thresholdsFromServer.value = read.fromServer;
  }

  let subscribers = 0;
  let stop: (() => void) | null = null;
  /** Follows the device's plans and thresholds while a screen shows them; returns the stop. */
  function start(): () => void {
    subscribers += 1;
    if (stop === null) {
      const stopQuery = deps.observePlans(
        (value) => {
          plans.value = value;
          error.value = null;
        },
        (cause) => {
          error.value = cause;
        },
      );
      // Read again after each sync run (the thresholds are fetched with it).
      const stopEffect = effect(() => {
        void deps.lastSyncAt.value;
        void loadThresholds();
      });
      stop = () => {
        stopQuery();
        stopEffect();
      };
    }
    return () => {
      subscribers -= 1;
      if (subscribers === 0) {
        stop?.();
        stop = null;
      }
    };
  }

  return {
    plans,
    error,
    thresholds,
    thresholdsFromServer,
    showAll,
    mine,
    groups,
    attentionCount,
    start,
    loadThresholds,
  };
}

export type MyPlansModel = ReturnType<typeof createMyPlansModel>;
