/**
 * The sync client (sync-design §9.3–§9.5, docs/sync-protocol.md, docs/sync-client.md): the
 * orchestrator the app and the scheduler drive. It wires its parts from one set of options and
 * runs them in order:
 *
 * - the session client (session-client.ts): first start, login, logout, change of user, the
 *   device label and the session refresh, authenticated requests;
 * - the push loop (push-loop.ts): the outbox in batches (≤ MAX_PUSH_MUTATIONS mutations and
 *   ≤ MAX_PUSH_BYTES);
 * - the pull loop (pull-loop.ts): pages by the server cursor until `hasMore` is false.
 *
 * One `sync()` run: push the whole outbox, at least once, then pull, then push again if local
 * changes appeared meanwhile. Each response is applied in one Dexie transaction
 * (src/db/sync-apply/). `fetch` is injected: the app passes window.fetch, tests pass a fetch
 * over the Fastify app's `inject` or a real server.
 *
 * Failures never discard anything: entries stay in the outbox and the run throws a SyncError
 * (sync-errors.ts) the scheduler retries with back-off.
 */
import type { RelaisDb } from '../db/app-db';
import type { WriteEnvironment } from '../db/change-recorder';
import type { DeviceRecordPort } from '../db/device-record';
import { type DeviceUsage, type DeviceWipeResult, eraseDeviceStore, type WipeTally } from '../db/device-wipe';
import { readLegalParameters, writeLegalParameters } from '../db/legal-parameters-store';
import { toStorageError } from '../db/storage-errors';
import { writeResolution } from '../db/sync-apply/conflicts';
import { readAliases, resolveAlias } from '../db/sync-apply/merge-redirects';
import { DeviceSwitchedError, SYNC_META, writeMeta } from '../db/sync-apply/meta';
import {
  forgetRemovedDraftOwners,
  readRemovedDraftOwners,
  retryScopeRemovals,
} from '../db/sync-apply/scope-removals';
import { createUuidV7Generator } from '../domain/ids';
import {
  DEFAULT_PULL_LIMIT,
  MAX_PULL_LIMIT,
  MAX_PUSH_BYTES,
  MAX_PUSH_MUTATIONS,
} from '../domain/sync/protocol';
import { sendDossierOpenings } from './access-openings-sync';
import { authorizedFetch } from './authorized-fetch';
import { type PlanThresholdsPort, refreshPlanThresholds } from './plan-thresholds-refresh';
import { PullLoop, type PullProgress } from './pull-loop';
import { PushLoop, type SyncReport } from './push-loop';
import { SessionClient } from './session-client';
import type { DeviceSession, SessionStore } from './session-store';
import { endsTheRun, responseError, SyncError } from './sync-errors';
import type { FetchLike } from './sync-http';

/**
 * The device's form drafts, as far as sync is concerned (src/state/drafts.ts implements it): the
 * drafts of a household that left the device's scope go with it (PULL10, I8).
 */
export interface DraftsPort {
  /** Removes the drafts of the forms naming one of these ids (households and their rows). */
  removeDraftsOf(ids: ReadonlySet<string>): Promise<unknown>;
  /**
   * MERGE8: renames the drafts of the forms naming a merged household (key) to its survivor
   * (value), so they follow the dossier. Optional: a client without it leaves them.
   */
  moveDraftsOf?(moves: ReadonlyMap<string, string>): Promise<unknown>;
}

export interface SyncClientOptions {
  db: RelaisDb;
  /**
   * The connection pull pages are written through: the app passes `openPullConnection(db)`, a
   * relaxed-durability twin of `db` (ADR 0008). Defaults to `db` (strict).
   */
  pullDb?: RelaisDb;
  sessions: SessionStore;
  fetch: FetchLike;
  /** Server origin ('' for the same origin as the app). */
  baseUrl?: string;
  appVersion: string;
  now?: () => number;
  randomBytes?: (length: number) => Uint8Array;
  pullLimit?: number;
  /**
   * Page size of a pull from no cursor (a new device, or after a reset): larger pages, fewer
   * transactions. Defaults to `pullLimit` when that is given, else the server's maximum.
   */
  initialPullLimit?: number;
  maxPushMutations?: number;
  maxPushBytes?: number;
  /**
   * The device label as set in Settings now (AUTH9), read at each login and before each sync run,
   * so a label typed after the app started is the one the server gets.
   */
  deviceLabel?: () => Promise<string | undefined>;
  /**
   * The device record kept outside the dossier database (src/db/device-record.ts): a login names
   * the lost previous device (DEV1), a successful run refreshes the record.
   */
  deviceRecord?: DeviceRecordPort;
  /**
   * The form drafts (PULL10): those of a household removed from the device are removed after
   * the transaction that removed it. Without it, the client has no drafts to remove.
   */
  drafts?: DraftsPort;
  /** Where the association's plan thresholds fetched at each run go (PLAN5); absent: not fetched. */
  planThresholds?: PlanThresholdsPort;
}

export class SyncClient {
  private readonly db: RelaisDb;
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly session: SessionClient;
  private readonly pushLoop: PushLoop;
  private readonly pullLoop: PullLoop;
  readonly sessions: SessionStore;
  readonly appVersion: string;

  constructor(private readonly options: SyncClientOptions) {
    this.db = options.db;
    const pullDb = options.pullDb ?? options.db;
    if (pullDb.name !== this.db.name) {
      // Pulled rows written elsewhere would never be read: a wiring mistake, not a runtime state.
      throw new Error('pullDb must be a connection to the same database as db (openPullConnection)');
    }
    this.sessions = options.sessions;
    const http = { fetch: options.fetch, baseUrl: options.baseUrl ?? '' };
    this.appVersion = options.appVersion;
    this.now = options.now ?? (() => Date.now());
    const randomBytes = options.randomBytes ?? ((n: number) => crypto.getRandomValues(new Uint8Array(n)));
    this.newId = createUuidV7Generator({ now: this.now, randomBytes });
    this.session = new SessionClient({
      db: this.db,
      sessions: this.sessions,
      http,
      now: this.now,
      newId: this.newId,
      deviceLabel: options.deviceLabel,
      deviceRecord: options.deviceRecord,
    });
    this.pushLoop = new PushLoop({
      db: this.db,
      http,
      appVersion: this.appVersion,
      now: this.now,
      maxMutations: Math.min(options.maxPushMutations ?? MAX_PUSH_MUTATIONS, MAX_PUSH_MUTATIONS),
      maxBytes: Math.min(options.maxPushBytes ?? MAX_PUSH_BYTES, MAX_PUSH_BYTES),
    });
    this.pullLoop = new PullLoop({
      db: this.db,
      pullDb,
      http,
      appVersion: this.appVersion,
      now: this.now,
      pullLimit: options.pullLimit ?? DEFAULT_PULL_LIMIT,
      initialPullLimit: Math.min(
        options.initialPullLimit ?? options.pullLimit ?? MAX_PULL_LIMIT,
        MAX_PULL_LIMIT,
      ),
      pushAll: (session, report) => this.pushAll(session, report),
    });
  }

  /** The user id recorded on local writes: the signed-in user, or 'local-user' before any login. */
  currentUserId(): string {
    return this.sessions.current()?.user.id ?? 'local-user';
  }

  deviceId(): Promise<string> {
    return this.session.deviceId();
  }

  // ------------------------------------------------------------------ accounts (session-client.ts)

  /** Whether the server still needs its first admin (GET /api/setup); undefined when unknown. */
  setupNeeded(): Promise<boolean | undefined> {
    return this.session.setupNeeded();
  }

  /** Creates the first admin (POST /api/setup), then logs in with the same credentials. */
  setup(input: { username: string; password: string; displayName: string }): Promise<DeviceSession> {
    return this.session.setup(input);
  }

  login(username: string, password: string): Promise<DeviceSession> {
    return this.session.login(username, password);
  }

  /** What a change of user would remove, and whether it may (nothing pending). */
  deviceUsage(): Promise<DeviceUsage> {
    return this.session.deviceUsage();
  }

  /** Empties the device for another person (ADR 0009); see SessionClient.switchUser. */
  switchUser(): Promise<DeviceWipeResult> {
    return this.session.switchUser();
  }

  /**
   * WIPE10: the admin's order to erase this device. Every table goes, outbox included (counted
   * first), the device gets a new id, and the session is forgotten without a call to the server.
   */
  async eraseForWipe(): Promise<WipeTally> {
    const tally = await eraseDeviceStore(this.db, this.newId());
    this.sessions.forgetAll();
    return tally;
  }

  /** WIPE11: pushes the outbox until it is empty with the current session, outside a run. */
  async pushOutbox(): Promise<void> {
    const session = this.sessions.current();
    if (session === undefined) throw new SyncError('not-logged-in', 'Log in to sync');
    await this.pushAll(session, { pushed: 0, pulled: 0, rebased: 0, quarantined: [], refed: 0, at: 0 });
  }

  /** Revokes the session on the server when reachable; forgets it on the device in any case. */
  logout(): Promise<void> {
    return this.session.logout();
  }

  /**
   * One authenticated JSON request with the current session (coordinator screens use it through
   * src/sync/supervision-api.ts). Resolves with the parsed body of a 2xx answer.
   * @throws SyncError: `not-logged-in`, `offline`, or the kind of the HTTP status
   */
  authorizedRequest(method: 'GET' | 'POST', path: string): Promise<unknown> {
    return this.session.authorizedRequest(method, path);
  }

  /**
   * The legal parameters the admins maintain (ADR 0018): downloaded when the server's version
   * differs from the device's, and kept for offline use. Offline, a 5xx or an unreadable answer
   * keep what the device has and the run goes on.
   * @throws SyncError `unauthorized` on a 401, as any other request of the run
   */
  private async refreshLegalParameters(): Promise<void> {
    const known = (await readLegalParameters(this.db))?.version;
    let response: Response;
    try {
      const query = known === undefined || known < 0 ? '' : `?known=${known}`;
      response = await authorizedFetch(this.session.transport(), 'GET', `/api/legal-parameters${query}`);
    } catch {
      return;
    }
    if (endsTheRun(response.status)) throw await responseError(response);
    if (!response.ok) return;
    // Imported when an answer is there to read, so the dossier list's first load does not fetch it.
    const { LegalParametersResponseSchema } = await import('../domain/parameters/legal-parameter-entries');
    const parsed = LegalParametersResponseSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success || !parsed.data.changed) return;
    await writeLegalParameters(this.db, { version: parsed.data.version, entries: parsed.data.entries });
  }

  /**
   * PULL10, I8: the form drafts of the households a scope removal took off the device (recorded
   * in the removal's transaction, `meta.removedDraftOwners`) are removed, then forgotten. A
   * failure leaves them recorded for the next run; it never fails this one.
   */
  private async removeDraftsOfRemovedHouseholds(): Promise<void> {
    try {
      // MERGE8 first: a draft of a merged household follows it to the survivor, and goes with
      // the survivor if a scope removal took it (MERGE10).
      await this.moveDraftsOfMergedHouseholds();
      const owners = await readRemovedDraftOwners(this.db);
      if (owners.length === 0) return;
      await this.options.drafts?.removeDraftsOf(new Set(owners));
      await forgetRemovedDraftOwners(this.db, owners);
    } catch {
      // Retried at the start of the next run.
    }
  }

  /**
   * MERGE8: the drafts naming a merged household are renamed to its survivor. Every alias is
   * applied at each run (a handful of rows and draft keys), so a draft a form wrote under the
   * merged id after the pull (it was open) follows at the next run.
   */
  private async moveDraftsOfMergedHouseholds(): Promise<void> {
    const move = this.options.drafts?.moveDraftsOf;
    if (move === undefined) return;
    const aliases = await readAliases(this.db);
    if (aliases.size === 0) return;
    const resolved = new Map([...aliases.keys()].map((id) => [id, resolveAlias(aliases, id)]));
    await move.call(this.options.drafts, resolved);
  }

  // ------------------------------------------------------------------ sync

  /**
   * One full run: refresh the session (AUTH10), push everything, pull everything, push what
   * appeared meanwhile.
   * @throws SyncError (nothing is ever discarded: a failed run is simply retried)
   */
  async sync(onProgress?: (progress: PullProgress) => void): Promise<SyncReport> {
    const session = this.sessions.current();
    if (session === undefined) throw new SyncError('not-logged-in', 'Log in to sync');
    const report: SyncReport = { pushed: 0, pulled: 0, rebased: 0, quarantined: [], refed: 0, at: 0 };
    try {
      // Drafts left by a run that stopped between a scope removal and their removal.
      await this.removeDraftsOfRemovedHouseholds();
      await this.session.refreshSession(session);
      await this.session.sendDeviceLabel(session);
      await this.refreshLegalParameters();
      await refreshPlanThresholds(this.session.transport(), this.options.planThresholds);
      await this.pushAll(session, report);
      // ALOG4: the dossiers opened on this device, once the changes they led to are pushed.
      await sendDossierOpenings(this.db, this.session.transport(), session.user.id);
      await this.pullAll(session, report, onProgress);
      // PULL10: the drafts of households the pull removed go as soon as the pull has committed.
      await this.removeDraftsOfRemovedHouseholds();
      // Changes made during the pull (or re-fed after a server restore) go out in the same run.
      await this.pushAll(session, report);
      // PULL10: households that left the scope with unsent changes go once those are pushed.
      if ((await retryScopeRemovals(this.db)) > 0) await this.removeDraftsOfRemovedHouseholds();
    } catch (error) {
      // A page that removed households may have committed before the failure.
      await this.removeDraftsOfRemovedHouseholds();
      if (error instanceof DeviceSwitchedError) throw new SyncError('not-logged-in', error.message);
      // Scenario 33: a newer app wrote this device's database; retrying cannot help.
      if (toStorageError(error)?.code === 'outdated') {
        throw new SyncError('outdated-app', 'A newer version of the app wrote this device database');
      }
      throw error;
    }
    report.at = this.now();
    await writeMeta(this.db, SYNC_META.lastSyncAt, report.at);
    await this.session.refreshDeviceRecord();
    return report;
  }

  /** Pushes the outbox until it is empty (PUSH1–PUSH7). */
  pushAll(session: DeviceSession, report: SyncReport): Promise<void> {
    return this.pushLoop.pushAll(session, report);
  }

  /** Pulls pages until hasMore is false (PULL1–PULL6, PULL12 pipeline). */
  pullAll(
    session: DeviceSession,
    report: SyncReport,
    onProgress?: (progress: PullProgress) => void,
  ): Promise<void> {
    return this.pullLoop.pullAll(session, report, onProgress);
  }

  /** Writes the chosen value of a conflict as an ordinary synced change (CONF4). */
  async resolveConflict(conflictId: string, value: unknown): Promise<void> {
    const env: WriteEnvironment = {
      now: this.now,
      newId: this.newId,
      userId: () => this.currentUserId(),
      appVersion: this.appVersion,
    };
    await writeResolution(this.db, env, conflictId, value);
  }
}
