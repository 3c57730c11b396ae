/**
 * Size: over 450 lines, deliberately not split in issue 12, which changed behaviour here;
 * issue 13 splits it along its seam, with behaviour unchanged:
 * errors, the session client and the push loop each in a file, SyncClient the orchestrator.
 *
 * The sync client (sync-design §9.3–§9.5, docs/sync-protocol.md, docs/sync-client.md).
 *
 * One `sync()` run: push the whole outbox in batches (≤ MAX_PUSH_MUTATIONS mutations and
 * ≤ MAX_PUSH_BYTES), at least once, then pull by the server cursor until `hasMore` is false,
 * then push again if local changes appeared meanwhile. Each response is applied in one Dexie
 * transaction (src/db/sync-apply.ts). `fetch` is injected: the app passes window.fetch, tests
 * pass a fetch over the Fastify app's `inject` or a real server.
 *
 * Failures never discard anything: entries stay in the outbox and the run throws a SyncError
 * the scheduler retries with back-off.
 */
import type { RelaisDb } from '../db/app-db';
import { DB_SCHEMA_VERSION } from '../db/app-db';
import type { WriteEnvironment } from '../db/change-recorder';
import type { DeviceRecordPort } from '../db/device-record';
import { type DeviceUsage, type DeviceWipeResult, readDeviceUsage, wipeDeviceStore } from '../db/device-wipe';
import { readLegalParameters, writeLegalParameters } from '../db/legal-parameters-store';
import { toStorageError } from '../db/storage-errors';
import {
  applyPullPage,
  applyPushResponse,
  DeviceSwitchedError,
  ensureDeviceId,
  forgetRemovedDraftOwners,
  type PreparedPullRows,
  preparePullPage,
  type QuarantineEcho,
  readMeta,
  readOutbox,
  readRemovedDraftOwners,
  recordPushFailure,
  refeedFromSentLog,
  retryScopeRemovals,
  SYNC_META,
  writeMeta,
  writeResolution,
} from '../db/sync-apply';
import { createUuidV7Generator } from '../domain/ids';
import { LegalParametersResponseSchema } from '../domain/parameters/legal-parameter-entries';
import { type OutboxEntry, toMutation } from '../domain/sync/mutation';
import {
  type Cursor,
  DEFAULT_PULL_LIMIT,
  decodeCursor,
  LoginResponseSchema,
  MAX_PULL_LIMIT,
  MAX_PUSH_BYTES,
  MAX_PUSH_MUTATIONS,
  MeResponseSchema,
  PROTOCOL_VERSION,
  type PullResponse,
  PullResponseSchema,
  PushResponseSchema,
  UserSchema,
} from '../domain/sync/protocol';
import { AuthorizedFetchError, type AuthorizedTransport, authorizedFetch } from './authorized-fetch';
import type { DeviceSession, SessionStore } from './session-store';

export type SyncErrorKind =
  | 'not-logged-in'
  | 'unauthorized'
  | 'forbidden'
  | 'offline'
  | 'server'
  | 'rejected'
  | 'lost-changes'
  | 'outdated-app';

/** A failed run. `retryable` errors are retried with back-off; the others wait for the user. */
export class SyncError extends Error {
  constructor(
    readonly kind: SyncErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'SyncError';
  }

  get retryable(): boolean {
    return this.kind === 'offline' || this.kind === 'server' || this.kind === 'rejected';
  }
}

export type LoginErrorKind =
  | 'credentials'
  | 'rate-limited'
  | 'device-taken'
  | 'offline'
  | 'invalid'
  | 'server';

export class LoginError extends Error {
  constructor(
    readonly kind: LoginErrorKind,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'LoginError';
  }
}

export type SetupErrorKind = 'already-done' | 'offline' | 'invalid' | 'server';

export class SetupError extends Error {
  constructor(
    readonly kind: SetupErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'SetupError';
  }
}

export interface PullProgress {
  /** Rows received so far in this run. */
  rows: number;
  /** Pages applied so far. */
  pages: number;
  /** 0..1 when the server tells how far the cursor is; null when unknown. */
  fraction: number | null;
  done: boolean;
}

export interface SyncReport {
  pushed: number;
  pulled: number;
  rebased: number;
  quarantined: QuarantineEcho[];
  /** Entries re-fed from the sent-log to a server restored from a backup. */
  refed: number;
  at: number;
}

/**
 * PULL11: how far a pull is, 0..1, from the sequence numbers covered since the run started and
 * the server's `remaining` (null when an older server omits it, 1 on the last page).
 */
export function pullFraction(startSeq: number, page: PullResponse): number | null {
  if (!page.hasMore) return 1;
  if (page.remaining === undefined) return null;
  const covered = Math.max(0, decodeCursor(page.nextCursor).seq - startSeq);
  const total = covered + page.remaining;
  return total === 0 ? 0 : Math.min(1, covered / total);
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * The device's form drafts, as far as sync is concerned (src/state/drafts.ts implements it): the
 * drafts of a household that left the device's scope go with it (PULL10, I8).
 */
export interface DraftsPort {
  /** Removes the drafts of the forms naming one of these ids (households and their rows). */
  removeDraftsOf(ids: ReadonlySet<string>): Promise<unknown>;
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
}

/** A pull page and its rows parsed ahead of the transaction that writes them. */
interface PreparedPage {
  page: PullResponse;
  rows: PreparedPullRows;
}

interface ErrorBody {
  error?: string;
  message?: string;
}

export class SyncClient {
  private readonly db: RelaisDb;
  private readonly pullDb: RelaisDb;
  private readonly fetchFn: FetchLike;
  private readonly baseUrl: string;
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly pullLimit: number;
  private readonly initialPullLimit: number;
  private readonly maxMutations: number;
  private readonly maxBytes: number;
  readonly sessions: SessionStore;
  readonly appVersion: string;

  constructor(private readonly options: SyncClientOptions) {
    this.db = options.db;
    this.pullDb = options.pullDb ?? options.db;
    if (this.pullDb.name !== this.db.name) {
      // Pulled rows written elsewhere would never be read: a wiring mistake, not a runtime state.
      throw new Error('pullDb must be a connection to the same database as db (openPullConnection)');
    }
    this.sessions = options.sessions;
    this.fetchFn = options.fetch;
    this.baseUrl = options.baseUrl ?? '';
    this.appVersion = options.appVersion;
    this.now = options.now ?? (() => Date.now());
    const randomBytes = options.randomBytes ?? ((n: number) => crypto.getRandomValues(new Uint8Array(n)));
    this.newId = createUuidV7Generator({ now: this.now, randomBytes });
    this.pullLimit = options.pullLimit ?? DEFAULT_PULL_LIMIT;
    this.initialPullLimit = Math.min(
      options.initialPullLimit ?? options.pullLimit ?? MAX_PULL_LIMIT,
      MAX_PULL_LIMIT,
    );
    this.maxMutations = Math.min(options.maxPushMutations ?? MAX_PUSH_MUTATIONS, MAX_PUSH_MUTATIONS);
    this.maxBytes = Math.min(options.maxPushBytes ?? MAX_PUSH_BYTES, MAX_PUSH_BYTES);
  }

  /** The user id recorded on local writes: the signed-in user, or 'local-user' before any login. */
  currentUserId(): string {
    return this.sessions.current()?.user.id ?? 'local-user';
  }

  deviceId(): Promise<string> {
    return ensureDeviceId(this.db, this.newId);
  }

  // ------------------------------------------------------------------ accounts

  /** Whether the server still needs its first admin (GET /api/setup); undefined when unknown. */
  async setupNeeded(): Promise<boolean | undefined> {
    try {
      const response = await this.fetchFn(`${this.baseUrl}/api/setup`, { method: 'GET' });
      if (!response.ok) return undefined;
      const body = (await response.json()) as { needed?: unknown };
      return typeof body.needed === 'boolean' ? body.needed : undefined;
    } catch {
      return undefined;
    }
  }

  /** Creates the first admin (POST /api/setup), then logs in with the same credentials. */
  async setup(input: { username: string; password: string; displayName: string }): Promise<DeviceSession> {
    let response: Response;
    try {
      response = await this.post('/api/setup', input);
    } catch {
      throw new SetupError('offline', 'The server cannot be reached');
    }
    if (response.status === 409) throw new SetupError('already-done', await messageOf(response));
    if (response.status === 400) throw new SetupError('invalid', await messageOf(response));
    if (response.status !== 201) throw new SetupError('server', await messageOf(response));
    UserSchema.parse(await response.json());
    return this.login(input.username, input.password);
  }

  async login(username: string, password: string): Promise<DeviceSession> {
    const deviceId = await this.deviceId();
    const label = await this.currentLabel();
    // DEV1: a device that lost its dossier database names the device it was before.
    const previousDeviceId = await this.options.deviceRecord?.previousDeviceId();
    // ADR 0009: the first login after a change of user names the id the device had before.
    const switchedFromDeviceId = await readMeta<string>(this.db, SYNC_META.switchedFrom);
    let response: Response;
    try {
      response = await this.post('/api/auth/login', {
        username: username.trim().toLowerCase(),
        password,
        deviceId,
        ...(label === undefined ? {} : { deviceName: label }),
        ...(previousDeviceId === undefined || previousDeviceId === deviceId ? {} : { previousDeviceId }),
        ...(switchedFromDeviceId === undefined ? {} : { switchedFromDeviceId }),
      });
    } catch {
      throw new LoginError('offline', 'The server cannot be reached');
    }
    if (response.status === 401) throw new LoginError('credentials', await messageOf(response));
    if (response.status === 429) {
      const wait = Number(response.headers.get('retry-after') ?? '0');
      throw new LoginError('rate-limited', await messageOf(response), Number.isFinite(wait) ? wait : 0);
    }
    if (response.status === 403) throw new LoginError('device-taken', await messageOf(response));
    if (response.status === 400) throw new LoginError('invalid', await messageOf(response));
    if (!response.ok) throw new LoginError('server', await messageOf(response));
    const body = LoginResponseSchema.parse(await response.json());
    const session: DeviceSession = {
      token: body.token,
      expiresAt: body.expiresAt,
      user: body.user,
      deviceId,
      loggedInAt: this.now(),
      // AUTH10: refreshed at every login (older servers send none: the ids stand in for names).
      ...(body.welcomePoints === undefined ? {} : { welcomePoints: body.welcomePoints }),
    };
    await this.sessions.save(session);
    if (label !== undefined) await writeMeta(this.db, SYNC_META.deviceLabelSent, label);
    if (switchedFromDeviceId !== undefined) await writeMeta(this.db, SYNC_META.switchedFrom, undefined);
    if (previousDeviceId !== undefined)
      await this.options.deviceRecord?.markReported().catch(() => undefined);
    await this.refreshDeviceRecord();
    return session;
  }

  /** What a change of user would remove, and whether it may (nothing pending). */
  deviceUsage(): Promise<DeviceUsage> {
    return readDeviceUsage(this.db);
  }

  /**
   * Empties the device for another person (ADR 0009): refused, with nothing touched, while the
   * outbox holds changes; otherwise every table is cleared in one transaction, the device gets a
   * new id (the next login registers it) and the previous session is revoked when the server
   * answers. The caller stops sync runs first.
   */
  async switchUser(): Promise<DeviceWipeResult> {
    const previous = this.sessions.current();
    const result = await wipeDeviceStore(this.db, this.newId());
    if (!result.wiped) return result;
    this.sessions.forgetAll();
    // The record now names the new device: a reload before the next login is not a "loss".
    await this.refreshDeviceRecord();
    if (previous !== undefined) {
      try {
        await this.fetchFn(`${this.baseUrl}/api/auth/logout`, {
          method: 'POST',
          headers: { authorization: `Bearer ${previous.token}` },
        });
      } catch {
        // Offline: the old token expires on its own and no longer matches this device's id.
      }
    }
    return result;
  }

  /** The label typed in Settings, trimmed; undefined when none (or unreadable). */
  private async currentLabel(): Promise<string | undefined> {
    try {
      const label = (await this.options.deviceLabel?.())?.trim();
      return label === undefined || label === '' ? undefined : label;
    } catch {
      return undefined;
    }
  }

  /**
   * AUTH9: a label changed since the server last accepted one is sent before the run. A failure
   * (offline, an older server without the endpoint) is not the run's failure: the label is sent
   * again at the next run or login.
   */
  private async sendDeviceLabel(session: DeviceSession): Promise<void> {
    const label = await this.currentLabel();
    if (label === undefined) return;
    if ((await readMeta<string>(this.db, SYNC_META.deviceLabelSent)) === label) return;
    try {
      const response = await this.fetchFn(`${this.baseUrl}/api/auth/device`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
        body: JSON.stringify({ name: label }),
        cache: 'no-store',
      });
      if (response.ok) await writeMeta(this.db, SYNC_META.deviceLabelSent, label);
    } catch {
      // Offline: the push below says so; the label waits for the next run.
    }
  }

  /** Revokes the session on the server when reachable; forgets it on the device in any case. */
  async logout(): Promise<void> {
    const session = this.sessions.current();
    if (session !== undefined) {
      try {
        await this.fetchFn(`${this.baseUrl}/api/auth/logout`, {
          method: 'POST',
          headers: { authorization: `Bearer ${session.token}` },
        });
      } catch {
        // Offline: the token expires on its own; the device forgets it now.
      }
    }
    await this.sessions.clear();
  }

  /**
   * One authenticated JSON request with the current session (coordinator screens use it through
   * src/sync/supervision-api.ts). Resolves with the parsed body of a 2xx answer.
   * @throws SyncError: `not-logged-in`, `offline`, or the kind of the HTTP status
   */
  async authorizedRequest(method: 'GET' | 'POST', path: string): Promise<unknown> {
    let response: Response;
    try {
      response = await authorizedFetch(this.transport(), method, path);
    } catch (error) {
      if (error instanceof AuthorizedFetchError) {
        throw error.kind === 'offline'
          ? new SyncError('offline', 'The server cannot be reached')
          : new SyncError('not-logged-in', 'Log in first');
      }
      throw error;
    }
    if (!response.ok) throw statusError(response.status, await messageOf(response));
    try {
      return await response.json();
    } catch {
      throw new SyncError('server', 'The server answered with something unreadable');
    }
  }

  /** The one authorized transport (authorized-fetch.ts) over this client's fetch and session. */
  private transport(): AuthorizedTransport {
    return { fetch: this.fetchFn, baseUrl: this.baseUrl, session: () => this.sessions.current() };
  }

  /**
   * AUTH10 (client): the session's person (role, welcome point ids, display name), expiry and
   * welcome points by name, from `GET /auth/me`, so a welcome point renamed or given since the
   * login shows under its current name without a new login. Saved only when something changed,
   * and only while the same session is current (a logout meanwhile wins). Offline, a 5xx or an
   * unreadable answer leave the session as it was and the run goes on (the push says whether the
   * server is reachable); nothing is logged.
   * @throws SyncError `unauthorized` on a 401, as any other request of the run
   */
  private async refreshSession(session: DeviceSession): Promise<void> {
    let response: Response;
    try {
      response = await authorizedFetch(this.transport(), 'GET', '/api/auth/me');
    } catch {
      return;
    }
    if (response.status === 401) throw statusError(response.status, await messageOf(response));
    if (!response.ok) return;
    const parsed = MeResponseSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) return;
    const me = parsed.data;
    const current = this.sessions.current();
    if (current === undefined || current.token !== session.token) return;
    if (me.user.id !== current.user.id || me.deviceId !== current.deviceId) return;
    const next: DeviceSession = {
      ...current,
      user: me.user,
      expiresAt: me.expiresAt,
      // An older server omits the names: the session keeps those it had.
      ...(me.welcomePoints === undefined ? {} : { welcomePoints: me.welcomePoints }),
    };
    if (JSON.stringify(next) === JSON.stringify(current)) return;
    await this.sessions.save(next);
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
      response = await authorizedFetch(this.transport(), 'GET', `/api/legal-parameters${query}`);
    } catch {
      return;
    }
    if (response.status === 401) throw statusError(response.status, await messageOf(response));
    if (!response.ok) return;
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
      const owners = await readRemovedDraftOwners(this.db);
      if (owners.length === 0) return;
      await this.options.drafts?.removeDraftsOf(new Set(owners));
      await forgetRemovedDraftOwners(this.db, owners);
    } catch {
      // Retried at the start of the next run.
    }
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
      await this.refreshSession(session);
      await this.sendDeviceLabel(session);
      await this.refreshLegalParameters();
      await this.pushAll(session, report);
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
    await this.refreshDeviceRecord();
    return report;
  }

  /** The record only helps after a loss: failing to write it never fails a login or a run. */
  private async refreshDeviceRecord(): Promise<void> {
    await this.options.deviceRecord?.refresh().catch(() => undefined);
  }

  /** Pushes the outbox until it is empty (PUSH1–PUSH7). */
  async pushAll(session: DeviceSession, report: SyncReport): Promise<void> {
    let limit = this.maxMutations;
    let stalls = 0;
    for (;;) {
      const entries = await readOutbox(this.db, limit);
      if (entries.length === 0) return;
      const { body, sent } = this.buildPush(session.deviceId, entries);
      let response: Response;
      try {
        response = await this.post('/api/sync/push', body, session.token);
      } catch (error) {
        await recordPushFailure(this.db, sent, String(error));
        throw new SyncError('offline', 'The server cannot be reached');
      }
      if (response.status === 413 && limit > 1) {
        limit = Math.max(1, Math.floor(sent.length / 2));
        continue;
      }
      if (!response.ok) {
        const message = await messageOf(response);
        await recordPushFailure(this.db, sent, `${response.status} ${message}`);
        throw statusError(response.status, message);
      }
      const parsed = PushResponseSchema.safeParse(await response.json().catch(() => undefined));
      if (!parsed.success)
        throw new SyncError('server', 'The server answered a push with something unreadable');
      const push = parsed.data;
      const applied = await applyPushResponse(this.db, push, this.now(), session.deviceId);
      report.pushed += applied.acked;
      report.quarantined.push(...applied.quarantined);
      const first = sent[0] ?? 0;
      if (push.expectedSeq !== undefined && push.expectedSeq < first) {
        // PUSH5 + §9.10: the server lost seqs it had acknowledged (restored from a backup).
        await this.refeed(push.expectedSeq, report);
        stalls = 0;
        continue;
      }
      if (applied.acked === 0) {
        stalls += 1;
        if (stalls >= 3)
          throw new SyncError('rejected', `The server acknowledged nothing (ackSeq ${push.ackSeq})`);
      } else {
        stalls = 0;
      }
    }
  }

  /**
   * Pulls pages until hasMore is false (PULL1–PULL6), each applied in one transaction.
   *
   * PULL12, a pipeline: page N+1 is requested and its rows parsed while page N is written, and
   * its transaction is created (rows queued) before page N's has committed. IndexedDB runs
   * transactions on the same tables in the order they were created, and each page applies only
   * if the stored cursor is still the one it was requested from: if page N fails, page N+1 is
   * dropped with it and the run throws. At most two pages are being written at any time.
   */
  async pullAll(
    session: DeviceSession,
    report: SyncReport,
    onProgress?: (progress: PullProgress) => void,
  ): Promise<void> {
    let cursor = await readMeta<Cursor>(this.db, SYNC_META.pullCursor);
    let startSeq = decodeCursor(cursor).seq;
    // A pull from no cursor brings the whole scope: ask for the largest pages (PULL1).
    let limit = cursor === undefined ? this.initialPullLimit : this.pullLimit;
    // Read once, not per page: a read on this connection would wait for the page transactions
    // queued on the pull connection. Only a push in this run changes it.
    let acked = await this.readAckedSeq();
    let resets = 0;
    let pages = 0;
    let rows = 0;
    /** The next page, requested and its rows parsed while the current one is written. */
    let next: Promise<PreparedPage> | undefined;
    /** The page being written, not yet awaited. */
    let writing: Promise<void> | undefined;
    /** Every page write started by this run. */
    const started: Promise<void>[] = [];
    const settle = async (): Promise<void> => {
      const pending = writing;
      writing = undefined;
      await pending;
    };
    try {
      for (;;) {
        const { page, rows: preparedRows } = await (next ?? this.requestPreparedPage(session, cursor, limit));
        next = undefined;
        if (page.deviceLastSeq < acked || page.resetRequired === true) {
          await settle();
          if (page.deviceLastSeq < acked) {
            // §9.10: the server has fewer of this device's mutations than it acknowledged.
            await this.refeed(page.deviceLastSeq + 1, report);
          } else {
            // PULL6: the cursor is ahead of the server: push everything, then pull from the start.
            resets += 1;
            if (resets > 2) throw new SyncError('server', 'The server keeps asking for a reset');
            await writeMeta(this.db, SYNC_META.pullCursor, undefined);
            cursor = undefined;
            startSeq = 0;
            limit = this.initialPullLimit;
          }
          await this.pushAll(session, report);
          acked = await this.readAckedSeq();
          continue;
        }
        if (page.hasMore) {
          // The network and the server work on the next page while this one is written.
          next = this.requestPreparedPage(session, page.nextCursor, limit);
          next.catch(() => undefined);
        }
        // Relaxed durability is enough here (ADR 0008): the page and its cursor commit together,
        // and a page lost to a power cut is pulled again from the cursor that survived.
        const write = applyPullPage(this.pullDb, page, this.now(), {
          deviceId: session.deviceId,
          prepared: preparedRows,
          fromCursor: cursor ?? null,
        }).then((applied) => {
          pages += 1;
          rows += applied.rows;
          report.pulled += applied.rows;
          report.rebased += applied.rebased;
          onProgress?.({ rows, pages, fraction: pullFraction(startSeq, page), done: !page.hasMore });
        });
        // Awaited by the next settle; if the page before fails, this one fails with it.
        write.catch(() => undefined);
        started.push(write);
        await settle();
        writing = write;
        cursor = page.nextCursor;
        if (!page.hasMore) return await settle();
      }
    } finally {
      // On a throw, a page may still be being written: the run ends only once it has committed
      // or failed, so that no pull transaction outlives the run.
      await Promise.allSettled(started);
    }
  }

  private async readAckedSeq(): Promise<number> {
    return (await readMeta<number>(this.db, SYNC_META.ackedSeq)) ?? 0;
  }

  /** A pull page with its rows parsed (preparePullPage) as soon as it arrives. */
  private async requestPreparedPage(
    session: DeviceSession,
    cursor: Cursor | undefined,
    limit: number,
  ): Promise<PreparedPage> {
    const page = await this.requestPullPage(session, cursor, limit);
    return { page, rows: preparePullPage(page) };
  }

  /** One POST /api/sync/pull, validated. @throws SyncError */
  private async requestPullPage(
    session: DeviceSession,
    cursor: Cursor | undefined,
    limit: number,
  ): Promise<PullResponse> {
    let response: Response;
    try {
      response = await this.post(
        '/api/sync/pull',
        {
          protocolVersion: PROTOCOL_VERSION,
          schemaVersion: DB_SCHEMA_VERSION,
          appVersion: this.appVersion,
          deviceId: session.deviceId,
          cursor: cursor ?? null,
          limit,
        },
        session.token,
      );
    } catch {
      throw new SyncError('offline', 'The server cannot be reached');
    }
    if (!response.ok) throw statusError(response.status, await messageOf(response));
    const parsed = PullResponseSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success)
      throw new SyncError('server', 'The server answered a pull with something unreadable');
    return parsed.data;
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

  private async refeed(fromSeq: number, report: SyncReport): Promise<void> {
    const refeed = await refeedFromSentLog(this.db, fromSeq);
    report.refed += refeed.moved;
    if (!refeed.complete) {
      throw new SyncError(
        'lost-changes',
        `The server lost changes from seq ${fromSeq} that this device no longer keeps`,
      );
    }
  }

  /** The request body and the seqs it carries, cut to the byte limit (at least one mutation). */
  private buildPush(deviceId: string, entries: readonly OutboxEntry[]): { body: unknown; sent: number[] } {
    const head = {
      protocolVersion: PROTOCOL_VERSION,
      schemaVersion: DB_SCHEMA_VERSION,
      appVersion: this.appVersion,
      deviceId,
    };
    const encoder = new TextEncoder();
    let size = encoder.encode(JSON.stringify({ ...head, mutations: [] })).length;
    const mutations: unknown[] = [];
    for (const entry of entries) {
      const mutation = toMutation(entry);
      const bytes = encoder.encode(JSON.stringify(mutation)).length + 1;
      if (mutations.length > 0 && size + bytes > this.maxBytes) break;
      size += bytes;
      mutations.push(mutation);
    }
    const sent = entries.slice(0, mutations.length).map((e) => e.seq);
    return { body: { ...head, mutations }, sent };
  }

  private post(path: string, body: unknown, token?: string): Promise<Response> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    return this.fetchFn(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      cache: 'no-store',
    });
  }
}

async function messageOf(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as ErrorBody;
    return body.message ?? body.error ?? `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

function statusError(status: number, message: string): SyncError {
  if (status === 401) return new SyncError('unauthorized', message, status);
  if (status === 403) return new SyncError('forbidden', message, status);
  if (status >= 500 || status === 429 || status === 408) return new SyncError('server', message, status);
  return new SyncError('rejected', message, status);
}
