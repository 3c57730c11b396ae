/**
 * Composition root: the only module that wires the device store, the network and the
 * service worker into the application state. It renders the UI over the loading frame that
 * main.tsx painted, then starts the state (language, lost-device check, sync).
 */
import { DB_NAME, openPullConnection, RelaisDb } from './db/app-db';
import { DataKeyring, randomDataKey } from './db/crypto/data-keyring';
import { KeyVault } from './db/crypto/key-vault';
import { sealPlainRows } from './db/crypto/seal-plain-rows';
import { sealedSettingsStore } from './db/crypto/sealed-settings';
import { DeviceRecordKeeper } from './db/device-record';
import { writePlanThresholds } from './db/plan-thresholds-store';
import { DossierRepository } from './db/repository';
import { createSettingsStore } from './db/settings-store';
import { createWipeReportStore } from './db/wipe-report-store';
import { loadLocale, provideCatalogue } from './i18n/i18n';
import { firstLoadFr } from './i18n/messages-fr-first';
import { browserConnectivity, createAppState } from './state/app-state';
import { readDeviceLabel } from './state/device-settings-model';
import { createDraftRegistry } from './state/drafts';
import { browserIdleEnv } from './state/lock/idle-timer';
import { createRemoteWipe } from './state/remote-wipe';
import type { ServerHealth } from './state/server-model';
import { localToday } from './state/workspace/workspace-model';
import { confirmDeviceWiped, createDeviceKeyApi } from './sync/device-key-api';
import { createSupervisionApi } from './sync/supervision-api';
import { browserSchedulerEnv } from './sync/sync-scheduler';
import { createSyncService } from './sync/sync-service';
import { mountApp } from './ui/mount-app';
import { createLazySimulationClient } from './worker/lazy-simulation-client';
import type { SimulationClient } from './worker/simulation-client';

async function fetchHealth(): Promise<ServerHealth> {
  const response = await fetch('/api/health', { cache: 'no-store' });
  if (!response.ok) throw new Error(`health ${response.status}`);
  return (await response.json()) as ServerHealth;
}

let simulation: SimulationClient | null = null;

// The list's French strings come with the application (the frame only had the shell's); the whole
// catalogue follows once the list is on screen (boot below), and every lazy page awaits it.
provideCatalogue('fr', firstLoadFr, true);

// The data key while unlocked (issue 16): the unlock fills it, a lock empties it.
const keyring = new DataKeyring();
// Per person on this device, the data key wrapped under their PIN or password ('relais-keys').
const vault = new KeyVault();
// Every connection seals its rows under this keyring (ENC1); the pull connection shares it.
const db = new RelaisDb(DB_NAME, { keyring });
const settings = createSettingsStore();
// A copy of the device's id and sync state outside the dossier database (scenario 34).
const deviceRecord = new DeviceRecordKeeper(db, settings);
const repository = new DossierRepository(db, {
  appVersion: __APP_VERSION__,
  currentUserId: () => sync.currentUserId(),
});
// Made before sync: a household that leaves the device's scope takes its drafts (PULL10).
// Drafts hold what was typed: sealed under the data key like the rows (ENC9).
const drafts = createDraftRegistry(sealedSettingsStore(settings, db.keyring), repository);
// Sync with the server of this origin: one pusher across tabs, started with the app (issue 6).
const sync = createSyncService({
  db,
  // Pull pages commit with relaxed durability through a second connection; local writes stay
  // strict on `db` (ADR 0008).
  pullDb: openPullConnection(db),
  fetch: (input, init) => window.fetch(input, init),
  appVersion: __APP_VERSION__,
  env: browserSchedulerEnv(window),
  // Read at each login and sync run: a label typed in Settings after start is the one sent.
  deviceLabel: () => readDeviceLabel(settings),
  deviceRecord,
  drafts,
  // PLAN5: the association's plan thresholds, kept for the counsellor's plans offline.
  planThresholds: { write: (thresholds) => writePlanThresholds(settings, thresholds) },
  // LOCK11: no run while locked or before the person's key is set up (rows would not open, or
  // would be sealed under a key about to change); the unlock asks for a run.
  canRun: () => state.lock?.state.value.kind === 'unlocked',
  // WIPE4: the admin's order to erase this device, carried out inside the run that received it.
  onWipeOrder: (order) => remoteWipe.handle(order),
});
// WIPE10, WIPE11 (docs/remote-wipe.md). The key vault joins its ports with encryption at rest.
const remoteWipe = createRemoteWipe({
  pushAll: () => sync.client.pushOutbox(),
  eraseStore: () => sync.client.eraseForWipe(),
  forgetSession: () => sync.sessions.forgetAll(),
  drafts,
  deviceRecord,
  vault,
  keyring,
  reports: createWipeReportStore(settings),
  confirm: (token, report) =>
    confirmDeviceWiped({ fetch: (input, init) => window.fetch(input, init) }, token, report),
});

const state = createAppState({
  settings,
  storage: navigator.storage,
  connectivity: browserConnectivity(window),
  serverUrl: window.location.origin,
  fetchHealth,
  appVersion: __APP_VERSION__,
  buildId: __BUILD_ID__,
  workspace: {
    repository,
    today: () => localToday(),
    simulation: () => {
      simulation ??= createLazySimulationClient();
      return simulation;
    },
  },
  sync,
  deviceRecord,
  supervision: createSupervisionApi(sync.client),
  drafts,
  remoteWipe,
  lock: {
    vault,
    keyring,
    // WIPE1, WIPE2: the server's copy of the data key (deposit at setup, recovery after 10 tries).
    escrow: createDeviceKeyApi(sync.adminTransport),
    idle: browserIdleEnv(window),
    newDataKey: randomDataKey,
    // ENC6: rows an older app wrote in clear are sealed at the first setup.
    sealPlainRows: () => sealPlainRows(db),
  },
});

async function boot(): Promise<void> {
  // The shell first, then the start (mountApp): the first paint does not wait for the saved
  // language, the lost-device check and the session. The loss check still comes before any write
  // to the dossier database: sync starts after it, and on mount the screens only read.
  await mountApp(document.getElementById('app'), state);
  // The rest of the French words, off the list's path; precached, so offline too.
  void loadLocale('fr');
  void state.storage.requestPersistence();
  void state.server.check();
  if (import.meta.env.PROD) {
    const { registerServiceWorker } = await import('./pwa/register-service-worker');
    registerServiceWorker('/sw.js', {
      onUpdateWaiting: (applier) => state.update.offer(applier),
      onOfflineReady: () => {
        state.update.isOfflineReady.value = true;
      },
    });
  }
}

void boot();
