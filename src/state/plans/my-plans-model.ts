/**
 * "Mes plans" (docs/reports-and-plans.md PLAN8): the plans of the dossiers a counsellor is in
 * charge of (or every plan on the device), with their state computed on the device by the
 * domain's planState and the association's thresholds as last synced (defaults offline), grouped
 * by what to do: act now, reminders, on track (./plan-groups). Reads through the db layer's live
 * query.
 *
 * The grouping (the plan rules and the legal parameters behind them) is imported when a screen
 * first follows the plans, not with the app's state: the header's badge starts it once the list
 * is drawn, so the list's first load does not wait on it (docs/performance.md). The plans are
 * shown (`plans` leaves null) only once it is there, so no screen sees them ungrouped.
 */
import { computed, effect, type ReadonlySignal, signal } from '@preact/signals';
import type { DevicePlan } from '../../db/plan-queries';
import type { IsoDate } from '../../domain/dates';
import { DEFAULT_PLAN_THRESHOLDS, type PlanThresholds } from '../../domain/plans/plan-monitoring';
import type { Role } from '../../domain/sync/protocol';
import type { MyPlanRow, PlanGroup } from './plan-groups';

export type { MyPlanRow, PlanGroup } from './plan-groups';

type GroupPlans = typeof import('./plan-groups').groupPlans;

const NO_GROUPS: Readonly<Record<PlanGroup, MyPlanRow[]>> = { act: [], remind: [], onTrack: [] };

/** Who follows plans on the device (the nav entry): counsellors, coordinators, admins. */
export const PLAN_ROLES: readonly Role[] = ['counsellor', 'coordinator', 'admin'];

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
  /** The grouping once imported (null before: no plans are shown then). */
  const groupPlans = signal<GroupPlans | null>(null);
  const groups = computed(() => {
    const group = groupPlans.value;
    return group === null ? NO_GROUPS : group(shown.value, deps.today(), thresholds.value);
  });
  /** The header's badge: my plans to act on or with a reminder due. */
  const attentionCount = computed(() => {
    const group = groupPlans.value;
    if (group === null) return 0;
    const g = group(mine.value, deps.today(), thresholds.value);
    return g.act.length + g.remind.length;
  });

  let grouping: Promise<boolean> | null = null;
  /** Imports the grouping once; true when it is there. A failure is shown, and tried again when asked again. */
  function loadGrouping(): Promise<boolean> {
    grouping ??= import('./plan-groups').then(
      (module) => {
        groupPlans.value = module.groupPlans;
        return true;
      },
      (cause: unknown) => {
        grouping = null;
        error.value = cause;
        return false;
      },
    );
    return grouping;
  }

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
      // Each result waits for the grouping (in order: the same promise while it loads); a failed
      // import is tried again with the next result; none lands after the stop.
      let following = true;
      void loadGrouping();
      const stopQuery = deps.observePlans(
        (value) => {
          void loadGrouping().then((loaded) => {
            if (!following || !loaded) return;
            plans.value = value;
            error.value = null;
          });
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
        following = false;
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
