/**
 * The application state: signals and actions that the UI reads and calls.
 * The UI never touches IndexedDB, the network or the service worker: it goes through here.
 * `createAppState` takes its dependencies as arguments so tests can hand-build them.
 */
import { computed, effect, signal } from '@preact/signals';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { observeQuery } from '../db/live-query';
import { listDevicePlans } from '../db/plan-queries';
import { readPlanThresholds } from '../db/plan-thresholds-store';
import type { SettingsStore } from '../db/settings-store';
import { isLocale, type Locale, loadLocale, locale } from '../i18n/i18n';
import { checkDuplicatesOnline } from '../sync/duplicate-check-api';
import type { SupervisionApi } from '../sync/supervision-api';
import type { SyncService } from '../sync/sync-service';
import { createDeviceLossModel, type DeviceLossKeeper } from './device-loss-model';
import { createDeviceSettingsModel } from './device-settings-model';
import { createDraftRegistry, type DraftRegistry } from './drafts';
import { createLockModel, type LockDeps } from './lock/lock-model';
import { withLock } from './lock/lock-session';
import { createMyPlansModel, PLAN_ROLES } from './plans/my-plans-model';
import type { RemoteWipe } from './remote-wipe';
import { createServerModel, type ServerHealth } from './server-model';
import { createStorageModel } from './storage-model';
import { SUPERVISOR_ROLES } from './supervision-roles';
import { createSyncModel } from './sync-model';
import { createUpdateModel } from './update-model';
import { createWorkspaceModel, type WorkspaceDeps } from './workspace/workspace-model';

const LOCALE_KEY = 'locale';

export type ConnectionState = 'online' | 'unreachable' | 'offline';

export interface Connectivity {
  isOnline(): boolean;
  subscribe(listener: (isOnline: boolean) => void): () => void;
}

export interface AppDeps {
  settings: SettingsStore;
  storage: StorageManager | undefined;
  connectivity: Connectivity;
  serverUrl: string;
  fetchHealth: () => Promise<ServerHealth>;
  appVersion: string;
  buildId: string;
  workspace: WorkspaceDeps;
  /** Sync with the server (absent in tests of other screens: the sync model is then inert). */
  sync?: SyncService;
  /** The device record outside the dossier database (scenario 34: a lost database is noticed). */
  deviceRecord?: DeviceLossKeeper;
  /** Quarantine and device alerts for coordinators and admins (absent: the screen is inert). */
  supervision?: SupervisionApi;
  /**
   * The form drafts, when the composition root made them first (sync removes the drafts of a
   * household that leaves the device, PULL10); otherwise made here over `settings`.
   */
  drafts?: DraftRegistry;
  /** The handler of the admin's wipe order (WIPE10): resumed at start, its notice shown after. */
  remoteWipe?: RemoteWipe;
  /**
   * The device lock (issue 16, docs/device-lock.md): the key vault, the keyring, the escrow, the
   * idle clock. Absent in tests of other screens: the app is then never locked.
   */
  lock?: Omit<LockDeps, 'settings' | 'drafts'>;
}

export function createAppState(deps: AppDeps) {
  const drafts = deps.drafts ?? createDraftRegistry(deps.settings, deps.workspace.repository);
  const isOnline = signal(deps.connectivity.isOnline());
  const server = createServerModel(deps.serverUrl, deps.fetchHealth);
  const resealSession = deps.sync?.resealSession?.bind(deps.sync);
  const lock =
    deps.lock === undefined
      ? undefined
      : createLockModel({
          ...(resealSession === undefined ? {} : { resealSession }),
          ...deps.lock,
          settings: deps.settings,
          drafts,
        });
  const sync = withLock(createSyncModel(deps.sync, undefined, drafts), lock, drafts);
  const deviceLoss = createDeviceLossModel(deps.deviceRecord);
  deps.connectivity.subscribe((online) => {
    isOnline.value = online;
    if (online) void server.check();
  });

  const role = computed(() => sync.session.value?.user.role ?? null);
  /**
   * What the header's status says: no network at all; a network, but the last request did not
   * reach the sync server; or online (the last request reached it, or none was made yet, or
   * this app has no sync).
   */
  const connection = computed<ConnectionState>(() => {
    if (!isOnline.value) return 'offline';
    return sync.serverReached.value === false ? 'unreachable' : 'online';
  });
  const adminTransport = deps.sync?.adminTransport;
  const workspace = createWorkspaceModel({
    ...deps.workspace,
    // DUP3: the intake also asks the server when a session and the network are there.
    networkDuplicates: () =>
      adminTransport === undefined || connection.value !== 'online' || sync.session.value === null
        ? undefined
        : (probe, excludeHouseholdId) => checkDuplicatesOnline(adminTransport, probe, excludeHouseholdId),
  });
  // PLAN8: the counsellor's plans on the device, with the thresholds of the last sync run.
  const plans = createMyPlansModel({
    observePlans: (listener, onError) =>
      observeQuery(() => listDevicePlans(deps.workspace.repository.db), listener, onError),
    readThresholds: () => readPlanThresholds(deps.settings),
    today: deps.workspace.today,
    userId: computed(() => sync.session.value?.user.id ?? null),
    lastSyncAt: sync.lastSuccessAt,
  });
  // The notice of a wiped device stays until someone signs in again.
  deps.sync?.onSession((session) => {
    if (session !== undefined) deps.remoteWipe?.dismissNotice();
  });
  // The admins' legal parameters, as last synced, feed every diagnosis (ADR 0018). Imported
  // rather than bundled with the state: the dossier list's first load does not wait on their
  // schemas; the stored document was read asynchronously before as well.
  void import('./legal-parameters-model').then(({ followLegalParameters }) =>
    followLegalParameters(deps.sync, workspace.diagnosisOptions),
  );
  // LOCK11: what a lock drops from memory (the screens unmount and stop their live queries).
  lock?.onLock(() => {
    workspace.clearMemory();
    plans.plans.value = null;
  });
  let syncStarted = false;
  const startSync = async () => {
    syncStarted = true;
    await sync.start().catch(() => undefined);
  };
  // Runs tried while locked (the one a sign-in starts) could not read or write sealed rows: one now.
  lock?.onUnlock(() => {
    if (syncStarted) void sync.syncNow();
  });
  // LOCK10: a deposit that failed offline is sent after the next successful sync run.
  if (lock !== undefined) {
    effect(() => {
      if (sync.lastSuccessAt.value !== null) void lock.retryDeposit();
    });
  }

  async function setLocale(next: Locale): Promise<void> {
    await loadLocale(next);
    locale.value = next;
    await deps.settings.set(LOCALE_KEY, next);
  }

  /** Loads what the first screen needs; the rest (storage, server) fills in afterwards. */
  async function start(): Promise<void> {
    const saved = await deps.settings.get<string>(LOCALE_KEY);
    if (isLocale(saved)) {
      // The language already showing needs nothing more for the first screen (French: its first
      // load's strings, the rest follows); another one is loaded whole before the switch.
      if (saved !== locale.value) await loadLocale(saved);
      locale.value = saved;
    }
    // WIPE10: an erasure a closed tab interrupted is finished first (an emptied database is then
    // not taken for a lost one), and a report the server has not had yet goes again.
    await deps.remoteWipe?.resume().catch(() => undefined);
    // Before sync starts: nothing may write to the dossier database before the loss check.
    await deviceLoss.start().catch(() => undefined);
    if (lock === undefined) {
      await startSync();
      return;
    }
    await lock.start().catch(() => undefined);
    // Locked at start: sync reads and writes sealed rows, so it waits for the unlock.
    if (lock.state.value.kind === 'locked') {
      const stop = lock.onUnlock(() => {
        stop();
        void startSync();
      });
      return;
    }
    await startSync();
    await lock.decide(sync.session.value?.user).catch(() => undefined);
  }

  return {
    app: { version: deps.appVersion, buildId: deps.buildId },
    isOnline,
    connection,
    locale,
    setLocale,
    start,
    drafts,
    server,
    storage: createStorageModel(deps.storage),
    update: createUpdateModel(drafts),
    // A new label reaches the server with a sync run now, when someone is signed in (AUTH9).
    deviceSettings: createDeviceSettingsModel(deps.settings, drafts, () => {
      if (sync.session.value !== null) void sync.syncNow();
    }),
    workspace,
    sync,
    /** The device lock (undefined: this app is never locked, as in tests of other screens). */
    lock,
    deviceLoss,
    /** WIPE10: which order erased this device on this page (the wiped screen), null otherwise. */
    wipedNotice: deps.remoteWipe?.wipedNotice,
    plans,
    /** Whether the signed-in person follows plans (the header shows "Plans"): not volunteers. */
    followsPlans: computed(() => role.value !== null && PLAN_ROLES.includes(role.value)),
    /** Whether the signed-in person may use the Supervision screen (the header shows its link). */
    isSupervisor: computed(() => role.value !== null && SUPERVISOR_ROLES.includes(role.value)),
    /** What the Supervision screen's model (supervisionModelFor, with that lazy page) is made of. */
    supervisionDeps: { api: deps.supervision, isOnline, role } as const,
    /**
     * What the coordinator's console (coordinationModelFor, with that lazy page) is made of: the
     * same authorized transport as the Administration screen, for coordinators and admins.
     */
    coordinationDeps: { transport: deps.sync?.adminTransport, isOnline, role } as const,
    /** Whether the signed-in person may use the Administration screen (the header shows its link). */
    isAdmin: computed(() => role.value === 'admin'),
    /**
     * What the Administration screen's model (admin-model.ts, which comes with that lazy page:
     * adminModelFor) is made of.
     */
    adminDeps: { transport: deps.sync?.adminTransport, isOnline, role } as const,
  };
}

export type AppState = ReturnType<typeof createAppState>;

export const AppStateContext = createContext<AppState | null>(null);

export function useAppState(): AppState {
  const state = useContext(AppStateContext);
  if (!state) throw new Error('useAppState must be used inside <AppStateContext.Provider>');
  return state;
}

/** Browser connectivity: navigator.onLine plus the online/offline events. */
export function browserConnectivity(target: Window): Connectivity {
  return {
    isOnline: () => target.navigator.onLine,
    subscribe(listener) {
      const onOnline = () => listener(true);
      const onOffline = () => listener(false);
      target.addEventListener('online', onOnline);
      target.addEventListener('offline', onOffline);
      return () => {
        target.removeEventListener('online', onOnline);
        target.removeEventListener('offline', onOffline);
      };
    },
  };
}
