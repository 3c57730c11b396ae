/**
 * The sync service the state layer drives: the client, the session, the scheduler and live
 * observations of the outbox and of the mirrored conflicts, behind one small interface
 * (SyncService) that tests can also implement by hand.
 */

import type { RelaisDb } from '../db/app-db';
import { DeviceLockedError } from '../db/crypto/data-keyring';
import type { DeviceRecordPort } from '../db/device-record';
import type { DeviceUsage, DeviceWipeResult } from '../db/device-wipe';
import { observeLegalParameters } from '../db/legal-parameters-store';
import { observeQuery } from '../db/live-query';
import { listServerConflicts } from '../db/sync-apply/conflicts';
import { readMeta, SYNC_META } from '../db/sync-apply/meta';
import { type OutboxStats, outboxStats, type QuarantineEcho } from '../db/sync-apply/push-apply';
import type { LegalParametersDocument } from '../domain/parameters/legal-parameter-entries';
import type { Conflict } from '../domain/sync/protocol';
import type { AdminApiOptions } from './admin-api';
import type { PlanThresholdsPort } from './plan-thresholds-refresh';
import type { PullProgress } from './pull-loop';
import type { SyncReport } from './push-loop';
import type { DeviceSession, LastUser } from './session-store';
import { SessionStore } from './session-store';
import { type DraftsPort, SyncClient } from './sync-client';
import { DeviceWipeError } from './sync-errors';
import type { FetchLike } from './sync-http';
import {
  type SchedulerEnv,
  type SchedulerEvents,
  type SchedulerOptions,
  SyncScheduler,
  type SyncTrigger,
} from './sync-scheduler';

export interface SyncStatusSnapshot {
  lastSyncAt: number | undefined;
  quarantined: QuarantineEcho[];
}

export interface SyncRunEvents {
  onRunStart(trigger: SyncTrigger): void;
  onProgress(progress: PullProgress): void;
  onRunEnd(
    outcome: { ok: true; report: SyncReport } | { ok: false; error: unknown; retryInMs: number | null },
  ): void;
}

/** What src/state needs from sync. */
export interface SyncService {
  /** Loads the saved session and the last sync time. */
  load(): Promise<{ session: DeviceSession | undefined; snapshot: SyncStatusSnapshot }>;
  session(): DeviceSession | undefined;
  onSession(listener: (session: DeviceSession | undefined) => void): () => void;
  /** Starts the triggers (start, online, visible, local changes, periodic). */
  start(events: SyncRunEvents): void;
  stop(): void;
  syncNow(): Promise<void>;
  login(username: string, password: string): Promise<DeviceSession>;
  setup(input: { username: string; password: string; displayName: string }): Promise<DeviceSession>;
  setupNeeded(): Promise<boolean | undefined>;
  logout(): Promise<void>;
  /** Who signed in last on this device (kept after logout; gone after a change of user). */
  lastUser(): LastUser | undefined;
  /** What a change of user would remove, and whether it may (nothing pending). */
  deviceUsage(): Promise<DeviceUsage>;
  /**
   * Empties the device for another person (ADR 0009), with sync runs stopped meanwhile; refused
   * with nothing touched while changes wait to be sent.
   */
  switchUser(): Promise<DeviceWipeResult>;
  observeOutbox(listener: (stats: OutboxStats) => void): () => void;
  observeConflicts(listener: (conflicts: Conflict[]) => void): () => void;
  /**
   * The legal parameters kept on the device (ADR 0018), now and after each sync run that brought
   * new ones. Absent in hand-built services: the engine then uses the built-in records only.
   */
  observeLegalParameters?(listener: (document: LegalParametersDocument | undefined) => void): () => void;
  snapshot(): Promise<SyncStatusSnapshot>;
  resolveConflict(conflictId: string, value: unknown): Promise<void>;
  /**
   * Writes the session again, sealed under the data key now in the keyring (LOCK8: a sign-in
   * happens before the lock knows which key is this person's). Absent in hand-built services.
   */
  resealSession?(): Promise<void>;
  /**
   * What the administration API (src/sync/admin-api.ts, loaded with the Administration screen)
   * speaks through: the same fetch, server and session as sync. Absent in hand-built services,
   * where that screen says the server cannot be reached.
   */
  readonly adminTransport?: AdminApiOptions;
}

export interface CreateSyncServiceOptions {
  db: RelaisDb;
  /** The relaxed-durability connection pull pages are written through (ADR 0008); default `db`. */
  pullDb?: RelaisDb;
  fetch: FetchLike;
  baseUrl?: string;
  appVersion: string;
  env: SchedulerEnv;
  scheduler?: SchedulerOptions;
  now?: () => number;
  /** The current device label from Settings (AUTH9), read at each login and sync run. */
  deviceLabel?: () => Promise<string | undefined>;
  /** The device record outside the dossier database (scenario 34): kept current from here. */
  deviceRecord?: DeviceRecordPort;
  /** The form drafts: a household that leaves the device's scope takes its drafts (PULL10). */
  drafts?: DraftsPort;
  /** Where the association's plan thresholds go at each run (PLAN5). */
  planThresholds?: PlanThresholdsPort;
  /**
   * WIPE4: a run received the admin's order to erase this device; the handler
   * (src/state/remote-wipe.ts) runs inside that run, so no other run starts meanwhile.
   */
  onWipeOrder?: (order: {
    mode: DeviceWipeError['mode'];
    deviceId: string;
    token: string;
  }) => Promise<unknown>;
  /**
   * Whether a run may start now (issue 16, LOCK11): false while the app is locked or its key not
   * set up, when rows could not be opened or would be sealed under a key about to change. A run
   * refused fails with DeviceLockedError; the lock asks for one at the unlock.
   */
  canRun?: () => boolean;
}

export interface SyncServiceWithClient extends SyncService {
  client: SyncClient;
  sessions: SessionStore;
  readonly adminTransport: AdminApiOptions;
  /** The user id for local writes (the repository's currentUserId). */
  currentUserId(): string;
}

export function createSyncService(options: CreateSyncServiceOptions): SyncServiceWithClient {
  const { db } = options;
  const sessions = new SessionStore(db);
  const client = new SyncClient({
    db,
    ...(options.pullDb === undefined ? {} : { pullDb: options.pullDb }),
    sessions,
    fetch: options.fetch,
    appVersion: options.appVersion,
    ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.deviceLabel === undefined ? {} : { deviceLabel: options.deviceLabel }),
    ...(options.deviceRecord === undefined ? {} : { deviceRecord: options.deviceRecord }),
    ...(options.drafts === undefined ? {} : { drafts: options.drafts }),
    ...(options.planThresholds === undefined ? {} : { planThresholds: options.planThresholds }),
  });
  const adminTransport: AdminApiOptions = {
    fetch: options.fetch,
    ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
    session: () => sessions.current(),
  };
  let events: SyncRunEvents | undefined;
  let lastReport: SyncReport | undefined;
  const schedulerEvents: SchedulerEvents = {
    onRunStart: (trigger) => events?.onRunStart(trigger),
    onRunEnd: (outcome) => {
      if (outcome.ok) {
        if (lastReport !== undefined) events?.onRunEnd({ ok: true, report: lastReport });
      } else {
        events?.onRunEnd(outcome);
      }
    },
  };
  const scheduler = new SyncScheduler(
    async () => {
      if (options.canRun?.() === false) throw new DeviceLockedError();
      const session = sessions.current();
      try {
        lastReport = await client.sync((progress) => events?.onProgress(progress));
      } catch (error) {
        if (error instanceof DeviceWipeError && session !== undefined && options.onWipeOrder !== undefined) {
          await options.onWipeOrder({ mode: error.mode, deviceId: session.deviceId, token: session.token });
        }
        throw error;
      }
    },
    options.env,
    options.scheduler ?? {},
    schedulerEvents,
  );
  let stopOutbox: (() => void) | undefined;
  let lastPending = -1;

  async function snapshot(): Promise<SyncStatusSnapshot> {
    return {
      lastSyncAt: await readMeta<number>(db, SYNC_META.lastSyncAt),
      quarantined: (await readMeta<QuarantineEcho[]>(db, SYNC_META.quarantine)) ?? [],
    };
  }

  function observeOutbox(listener: (stats: OutboxStats) => void): () => void {
    return observeQuery(
      () => outboxStats(db),
      listener,
      () => undefined,
    );
  }

  return {
    client,
    sessions,
    adminTransport,
    currentUserId: () => client.currentUserId(),
    async load() {
      const session = await sessions.load();
      return { session, snapshot: await snapshot() };
    },
    session: () => sessions.current(),
    onSession: (listener) => sessions.subscribe(listener),
    start(runEvents) {
      events = runEvents;
      // A local commit grows the outbox: sync shortly after (debounced).
      stopOutbox = observeOutbox((stats) => {
        if (lastPending >= 0 && stats.pending > lastPending) scheduler.trigger('local-change');
        // The device record follows the outbox, so a lost database can say how much was waiting.
        if (stats.pending !== lastPending) void options.deviceRecord?.refresh().catch(() => undefined);
        lastPending = stats.pending;
      });
      if (sessions.current() !== undefined) scheduler.start();
      sessions.subscribe((session) => {
        if (session === undefined) scheduler.stop();
        else scheduler.start();
      });
    },
    stop() {
      scheduler.stop();
      stopOutbox?.();
    },
    syncNow: () => scheduler.runNow(),
    login: (username, password) => client.login(username, password),
    setup: (input) => client.setup(input),
    setupNeeded: () => client.setupNeeded(),
    logout: () => client.logout(),
    lastUser: () => sessions.lastUser(),
    deviceUsage: () => client.deviceUsage(),
    async switchUser() {
      const result = await scheduler.exclusive(() => client.switchUser());
      // Refused: the previous person is still signed in; their sync goes on.
      if (!result.wiped && sessions.current() !== undefined) scheduler.start();
      return result;
    },
    observeOutbox,
    observeConflicts(listener) {
      return observeQuery(
        async () => (await listServerConflicts(db)).map((c) => c.server),
        listener,
        () => undefined,
      );
    },
    observeLegalParameters: (listener) => observeLegalParameters(db, listener),
    snapshot,
    resolveConflict: (conflictId, value) => client.resolveConflict(conflictId, value),
    async resealSession() {
      const current = sessions.current();
      if (current !== undefined) await sessions.save(current);
    },
  };
}
