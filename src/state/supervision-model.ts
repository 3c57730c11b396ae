/**
 * The Supervision screen's state (coordinators and admins): quarantined mutations (QUAR1, QUAR3)
 * and device alerts (DEV1), loaded from the server and marked handled there. Online only: the
 * lists live on the server, nothing is kept on the device. Without a SupervisionApi (tests of
 * other screens) the model is inert.
 */
import { computed, type ReadonlySignal, signal } from '@preact/signals';
import type { DeviceAlert, QuarantineItem, QuarantineReason, Role } from '../domain/sync/protocol';
import type { SupervisionApi } from '../sync/supervision-api';
import { SyncError } from '../sync/sync-client';
import { SUPERVISOR_ROLES } from './supervision-roles';

export type { DeviceAlert, QuarantineItem, QuarantineReason };

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
    loading.value = true;
    lastHandled.value = null;
    actionError.value = null;
    try {
      const [items, deviceAlerts] = await Promise.all([api.listQuarantine(), api.listDeviceAlerts()]);
      if (mine !== generation) return;
      quarantine.value = items;
      alerts.value = deviceAlerts;
      loaded.value = true;
      loadError.value = null;
    } catch (error) {
      if (mine === generation) loadError.value = errorKind(error);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  async function markHandled(id: string, send: (id: string) => Promise<unknown>, drop: () => void) {
    if (pending.value.has(id)) return;
    if (!deps.isOnline.value) {
      actionError.value = { id, kind: 'offline' };
      return;
    }
    pending.value = new Set([...pending.value, id]);
    actionError.value = null;
    try {
      await send(id);
      drop();
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
    loading,
    loaded,
    loadError,
    pending,
    actionError,
    lastHandled,
    load,
    markQuarantineHandled(id: string): Promise<void> {
      if (api === undefined) return Promise.resolve();
      return markHandled(
        id,
        (x) => api.markQuarantineHandled(x),
        () => {
          quarantine.value = quarantine.value.filter((item) => item.id !== id);
        },
      );
    },
    markAlertHandled(id: string): Promise<void> {
      if (api === undefined) return Promise.resolve();
      return markHandled(
        id,
        (x) => api.markDeviceAlertHandled(x),
        () => {
          alerts.value = alerts.value.filter((alert) => alert.id !== id);
        },
      );
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
