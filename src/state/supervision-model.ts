/**
 * The Supervision screen's state (coordinators and admins): quarantined mutations (QUAR1, QUAR3)
 * and device alerts (DEV1), loaded from the server and marked handled there. Online only: the
 * lists live on the server, nothing is kept on the device. Which items are listed (open, handled
 * or all) is the screen's filter, sent as the lists' `?status=`. Without a SupervisionApi (tests
 * of other screens) the model is inert.
 */
import { computed, type ReadonlySignal, signal } from '@preact/signals';
import type {
  DeviceAlert,
  QuarantineItem,
  QuarantineReason,
  Role,
  SupervisionStatus,
} from '../domain/sync/protocol';
import type { SupervisionApi } from '../sync/supervision-api';
import { SyncError } from '../sync/sync-errors';
import { SUPERVISOR_ROLES } from './supervision-roles';

export type { DeviceAlert, QuarantineItem, QuarantineReason, SupervisionStatus };

/** Why loading or an action failed, as an i18n key suffix: `supervision.error.<kind>`. */
export type SupervisionErrorKind =
  | 'offline'
  | 'not-logged-in'
  | 'unauthorized'
  | 'forbidden'
  | 'gone'
  | 'server';

export interface ActionFailure {
  id: string;
  kind: SupervisionErrorKind;
}

function errorKind(error: unknown): SupervisionErrorKind {
  if (!(error instanceof SyncError)) return 'server';
  switch (error.kind) {
    case 'offline':
    case 'not-logged-in':
    case 'unauthorized':
    case 'forbidden':
      return error.kind;
    default:
      return error.status === 404 ? 'gone' : 'server';
  }
}

export function createSupervisionModel(
  api: SupervisionApi | undefined,
  deps: { isOnline: ReadonlySignal<boolean>; role: ReadonlySignal<Role | null> },
) {
  const quarantine = signal<QuarantineItem[]>([]);
  const alerts = signal<DeviceAlert[]>([]);
  /** The items asked for: open ones (the default), handled ones, or all. */
  const filter = signal<SupervisionStatus>('open');
  /** The status the lists shown were loaded with (the filter's, once its load succeeded). */
  const listed = signal<SupervisionStatus>('open');
  /** A load is running. */
  const loading = signal(false);
  /** At least one load succeeded since the screen opened. */
  const loaded = signal(false);
  const loadError = signal<SupervisionErrorKind | null>(null);
  /** Items whose "handled" request is running. */
  const pending = signal<ReadonlySet<string>>(new Set());
  const actionError = signal<ActionFailure | null>(null);
  /** The last item marked handled, for the status message. */
  const lastHandled = signal<string | null>(null);

  const allowed = computed(() => deps.role.value !== null && SUPERVISOR_ROLES.includes(deps.role.value));
  let generation = 0;

  async function load(): Promise<void> {
    if (api === undefined || !allowed.value) return;
    if (!deps.isOnline.value) {
      loadError.value = 'offline';
      return;
    }
    const mine = ++generation;
    const status = filter.value;
    loading.value = true;
    lastHandled.value = null;
    actionError.value = null;
    try {
      const [items, deviceAlerts] = await Promise.all([
        api.listQuarantine({ status }),
        api.listDeviceAlerts({ status }),
      ]);
      if (mine !== generation) return;
      quarantine.value = items;
      alerts.value = deviceAlerts;
      listed.value = status;
      loaded.value = true;
      loadError.value = null;
    } catch (error) {
      if (mine === generation) loadError.value = errorKind(error);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  /**
   * Marks one item handled on the server, then updates the list shown: an open-only list drops
   * it, a list of all items shows it handled (by whom, when) in its place.
   */
  async function markHandled<T extends { id: string }>(
    id: string,
    send: (id: string) => Promise<T>,
    list: { value: T[] },
  ) {
    if (pending.value.has(id)) return;
    if (!deps.isOnline.value) {
      actionError.value = { id, kind: 'offline' };
      return;
    }
    pending.value = new Set([...pending.value, id]);
    actionError.value = null;
    try {
      const handled = await send(id);
      list.value =
        listed.value === 'open'
          ? list.value.filter((item) => item.id !== id)
          : list.value.map((item) => (item.id === id ? handled : item));
      lastHandled.value = id;
    } catch (error) {
      const kind = errorKind(error);
      actionError.value = { id, kind };
    } finally {
      const next = new Set(pending.value);
      next.delete(id);
      pending.value = next;
    }
  }

  return {
    /** Whether the signed-in person may use the screen (coordinator or admin). */
    allowed,
    quarantine,
    alerts,
    filter,
    listed,
    loading,
    loaded,
    loadError,
    pending,
    actionError,
    lastHandled,
    load,
    /** Shows open, handled or all items: loads the lists again with that status. */
    setFilter(status: SupervisionStatus): Promise<void> {
      if (filter.value === status) return Promise.resolve();
      filter.value = status;
      return load();
    },
    markQuarantineHandled(id: string): Promise<void> {
      if (api === undefined) return Promise.resolve();
      return markHandled(id, (x) => api.markQuarantineHandled(x), quarantine);
    },
    markAlertHandled(id: string): Promise<void> {
      if (api === undefined) return Promise.resolve();
      return markHandled(id, (x) => api.markDeviceAlertHandled(x), alerts);
    },
  };
}

export type SupervisionModel = ReturnType<typeof createSupervisionModel>;

const models = new WeakMap<object, SupervisionModel>();

/**
 * The screen's model, made on its first visit from `state.supervisionDeps` (so it comes with the
 * page's chunk, as the Administration screen's does: ADR 0015), then kept for the app's life.
 */
export function supervisionModelFor(state: {
  supervisionDeps: {
    api: SupervisionApi | undefined;
    isOnline: ReadonlySignal<boolean>;
    role: ReadonlySignal<Role | null>;
  };
}): SupervisionModel {
  let model = models.get(state);
  if (model === undefined) {
    const { api, isOnline, role } = state.supervisionDeps;
    model = createSupervisionModel(api, { isOnline, role });
    models.set(state, model);
  }
  return model;
}
