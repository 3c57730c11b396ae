/**
 * The session side of the sync client (AUTH*, ADR 0009, docs/sync-client.md): the first start,
 * login and logout, the change of user, the device label (AUTH9), the session refreshed from
 * `/auth/me` (AUTH10), the device record, and authenticated requests with the current session.
 * SyncClient exposes these to the app and calls the run's steps (refreshSession,
 * sendDeviceLabel, refreshDeviceRecord) from `sync()`.
 */
import type { RelaisDb } from '../db/app-db';
import type { DeviceRecordPort } from '../db/device-record';
import { type DeviceUsage, type DeviceWipeResult, readDeviceUsage, wipeDeviceStore } from '../db/device-wipe';
import { ensureDeviceId, readMeta, SYNC_META, writeMeta } from '../db/sync-apply/meta';
import { LoginResponseSchema, MeResponseSchema, UserSchema } from '../domain/sync/protocol';
import { AuthorizedFetchError, type AuthorizedTransport, authorizedFetch } from './authorized-fetch';
import type { DeviceSession, SessionStore } from './session-store';
import { endsTheRun, LoginError, messageOf, responseError, SetupError, SyncError } from './sync-errors';
import { postJson, type SyncHttp } from './sync-http';

/** What the session client works with (SyncClient builds it from its options). */
export interface SessionClientDeps {
  db: RelaisDb;
  sessions: SessionStore;
  http: SyncHttp;
  now: () => number;
  newId: () => string;
  /** The device label as set in Settings now (AUTH9), read at each login and before each run. */
  deviceLabel?: () => Promise<string | undefined>;
  /** The device record kept outside the dossier database (DEV1). */
  deviceRecord?: DeviceRecordPort;
}

export class SessionClient {
  constructor(private readonly deps: SessionClientDeps) {}

  deviceId(): Promise<string> {
    return ensureDeviceId(this.deps.db, this.deps.newId);
  }

  /** Whether the server still needs its first admin (GET /api/setup); undefined when unknown. */
  async setupNeeded(): Promise<boolean | undefined> {
    try {
      const response = await this.deps.http.fetch(`${this.deps.http.baseUrl}/api/setup`, { method: 'GET' });
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
      response = await postJson(this.deps.http, '/api/setup', input);
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
    const previousDeviceId = await this.deps.deviceRecord?.previousDeviceId();
    // ADR 0009: the first login after a change of user names the id the device had before.
    const switchedFromDeviceId = await readMeta<string>(this.deps.db, SYNC_META.switchedFrom);
    let response: Response;
    try {
      response = await postJson(this.deps.http, '/api/auth/login', {
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
      loggedInAt: this.deps.now(),
      // AUTH10: refreshed at every login (older servers send none: the ids stand in for names).
      ...(body.welcomePoints === undefined ? {} : { welcomePoints: body.welcomePoints }),
    };
    await this.deps.sessions.save(session);
    if (label !== undefined) await writeMeta(this.deps.db, SYNC_META.deviceLabelSent, label);
    if (switchedFromDeviceId !== undefined) await writeMeta(this.deps.db, SYNC_META.switchedFrom, undefined);
    if (previousDeviceId !== undefined) await this.deps.deviceRecord?.markReported().catch(() => undefined);
    await this.refreshDeviceRecord();
    return session;
  }

  /** What a change of user would remove, and whether it may (nothing pending). */
  deviceUsage(): Promise<DeviceUsage> {
    return readDeviceUsage(this.deps.db);
  }

  /**
   * Empties the device for another person (ADR 0009): refused, with nothing touched, while the
   * outbox holds changes; otherwise every table is cleared in one transaction, the device gets a
   * new id (the next login registers it) and the previous session is revoked when the server
   * answers. The caller stops sync runs first.
   */
  async switchUser(): Promise<DeviceWipeResult> {
    const previous = this.deps.sessions.current();
    const result = await wipeDeviceStore(this.deps.db, this.deps.newId());
    if (!result.wiped) return result;
    this.deps.sessions.forgetAll();
    // The record now names the new device: a reload before the next login is not a "loss".
    await this.refreshDeviceRecord();
    // Offline, the old token expires on its own and no longer matches this device's id.
    if (previous !== undefined) await this.revoke(previous.token);
    return result;
  }

  /** The label typed in Settings, trimmed; undefined when none (or unreadable). */
  private async currentLabel(): Promise<string | undefined> {
    try {
      const label = (await this.deps.deviceLabel?.())?.trim();
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
  async sendDeviceLabel(session: DeviceSession): Promise<void> {
    const label = await this.currentLabel();
    if (label === undefined) return;
    if ((await readMeta<string>(this.deps.db, SYNC_META.deviceLabelSent)) === label) return;
    try {
      const response = await this.deps.http.fetch(`${this.deps.http.baseUrl}/api/auth/device`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
        body: JSON.stringify({ name: label }),
        cache: 'no-store',
      });
      if (response.ok) await writeMeta(this.deps.db, SYNC_META.deviceLabelSent, label);
    } catch {
      // Offline: the push below says so; the label waits for the next run.
    }
  }

  /** Revokes the session on the server when reachable; forgets it on the device in any case. */
  async logout(): Promise<void> {
    const session = this.deps.sessions.current();
    // Offline, the token expires on its own; the device forgets it now.
    if (session !== undefined) await this.revoke(session.token);
    await this.deps.sessions.clear();
  }

  /** POST /api/auth/logout with this token; an unreachable server is not an error (offline). */
  private async revoke(token: string): Promise<void> {
    try {
      await this.deps.http.fetch(`${this.deps.http.baseUrl}/api/auth/logout`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      });
    } catch {
      // The caller says why that is fine.
    }
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
    if (!response.ok) throw await responseError(response);
    try {
      return await response.json();
    } catch {
      throw new SyncError('server', 'The server answered with something unreadable');
    }
  }

  /** The one authorized transport (authorized-fetch.ts) over this client's fetch and session. */
  transport(): AuthorizedTransport {
    return {
      fetch: this.deps.http.fetch,
      baseUrl: this.deps.http.baseUrl,
      session: () => this.deps.sessions.current(),
    };
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
  async refreshSession(session: DeviceSession): Promise<void> {
    let response: Response;
    try {
      response = await authorizedFetch(this.transport(), 'GET', '/api/auth/me');
    } catch {
      return;
    }
    if (endsTheRun(response.status)) throw await responseError(response);
    if (!response.ok) return;
    const parsed = MeResponseSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) return;
    const me = parsed.data;
    const current = this.deps.sessions.current();
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
    await this.deps.sessions.save(next);
  }

  /** The record only helps after a loss: failing to write it never fails a login or a run. */
  async refreshDeviceRecord(): Promise<void> {
    await this.deps.deviceRecord?.refresh().catch(() => undefined);
  }
}
