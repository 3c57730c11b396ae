/**
 * "Plans à suivre" on the Network page (issue 15, PLAN7): the coordinators' worklist of the plans
 * that need someone's attention across the network, one list at a time (late, formal notice,
 * lapsed, failing, ending soon, review due), filtered by welcome point, a page at a time. The
 * server gives no client's name: a dossier reference, a welcome point, a counsellor and figures.
 */
import { type ReadonlySignal, signal } from '@preact/signals';
import type { PlanWorklistItem } from '../domain/plans/plan-monitoring';
import type { NetworkApi } from '../sync/network-api';
import { type NetworkFailure, networkFailureOf } from './network-report-model';

/** The lists, in the order of their tabs. */
export const WORKLIST_TABS = [
  'late',
  'formal_notice',
  'lapsed',
  'failing',
  'ending_soon',
  'review_due',
] as const;
export type WorklistTab = (typeof WORKLIST_TABS)[number];

/** Lines asked for at a time ("Voir plus" asks for the next ones). */
export const WORKLIST_PAGE = 50;

export interface WorklistDeps {
  isOnline: ReadonlySignal<boolean>;
  allowed: ReadonlySignal<boolean>;
  pageSize?: number;
}

export function createPlanWorklistModel(api: NetworkApi | undefined, deps: WorklistDeps) {
  const pageSize = deps.pageSize ?? WORKLIST_PAGE;
  const tab = signal<WorklistTab>('late');
  /** null: every welcome point of the coordinator's scope. */
  const welcomePointFilter = signal<string | null>(null);
  const items = signal<PlanWorklistItem[]>([]);
  const counts = signal<Readonly<Record<string, number>>>({});
  const next = signal<string | undefined>(undefined);
  const loading = signal(false);
  const loaded = signal(false);
  const error = signal<NetworkFailure | null>(null);
  let generation = 0;

  async function fetchPage(after: string | undefined): Promise<void> {
    if (api === undefined || !deps.allowed.value) return;
    if (!deps.isOnline.value) {
      error.value = 'offline';
      return;
    }
    const mine = ++generation;
    loading.value = true;
    const welcomePoint = welcomePointFilter.value;
    try {
      const page = await api.worklist({
        status: [tab.value],
        ...(welcomePoint === null ? {} : { welcomePoint: [welcomePoint] }),
        limit: pageSize,
        ...(after === undefined ? {} : { after }),
      });
      if (mine !== generation) return;
      items.value = after === undefined ? page.items : [...items.value, ...page.items];
      counts.value = page.counts;
      next.value = page.next;
      loaded.value = true;
      error.value = null;
    } catch (caught) {
      if (mine === generation) error.value = networkFailureOf(caught);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  return {
    tab,
    welcomePointFilter,
    items,
    counts,
    next,
    loading,
    loaded,
    error,
    /** The first page of the current list (again). */
    load: () => fetchPage(undefined),
    /** The next page, added under the lines already shown. */
    loadMore(): Promise<void> {
      const after = next.value;
      if (after === undefined || loading.value) return Promise.resolve();
      return fetchPage(after);
    },
    setTab(value: WorklistTab): Promise<void> {
      if (tab.value === value && loaded.value) return Promise.resolve();
      tab.value = value;
      items.value = [];
      next.value = undefined;
      return fetchPage(undefined);
    },
    setWelcomePoint(id: string | null): Promise<void> {
      if (welcomePointFilter.value === id) return Promise.resolve();
      welcomePointFilter.value = id;
      items.value = [];
      next.value = undefined;
      return fetchPage(undefined);
    },
  };
}

export type PlanWorklistModel = ReturnType<typeof createPlanWorklistModel>;
