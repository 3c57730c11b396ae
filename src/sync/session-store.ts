/**
 * The device's last session (token, user, role, welcome points, device id), kept in the device
 * database so the device stays usable offline and syncs again as soon as it is online, without
 * asking for the password while the token is valid. `current()` is synchronous (the repository
 * reads the user id on every write): `load()` fills it at start.
 *
 * It also remembers who signed in last (`lastUser`), kept after a logout, so the login page of a
 * shared tablet can say whose dossiers the device holds (ADR 0009).
 */
import type { RelaisDb } from '../db/app-db';
import { readMeta, SYNC_META, writeMeta } from '../db/sync-apply/meta';
import type { User, WelcomePoint } from '../domain/sync/protocol';

export interface DeviceSession {
  token: string;
  /** Unix ms. */
  expiresAt: number;
  user: User;
  deviceId: string;
  /** When the person logged in on this device, Unix ms. */
  loggedInAt: number;
  /**
   * The welcome points the person may place a household in, with their names (AUTH10), as the
   * server said at the last login. Absent from sessions saved by older apps or given by older
   * servers: read them with `sessionWelcomePoints`.
   */
  welcomePoints?: WelcomePoint[];
}

/**
 * The session's welcome points by name; for a session without them (older app or server), the
 * user's own welcome point ids, each named by its id.
 * @example sessionWelcomePoints(oldSession) // [{ id: 'wp-8', name: 'wp-8', archived: false }]
 */
export function sessionWelcomePoints(session: DeviceSession | undefined): WelcomePoint[] {
  if (session === undefined) return [];
  if (Array.isArray(session.welcomePoints)) return session.welcomePoints;
  return session.user.welcomePointIds.map((id) => ({ id, name: id, archived: false }));
}

/** Who signed in last on this device: enough to name them, nothing secret. */
export interface LastUser {
  id: string;
  username: string;
  displayName: string;
}

export class SessionStore {
  private cached: DeviceSession | undefined;
  private last: LastUser | undefined;
  private readonly listeners = new Set<(session: DeviceSession | undefined) => void>();

  constructor(private readonly db: RelaisDb) {}

  async load(): Promise<DeviceSession | undefined> {
    const stored = await readMeta<DeviceSession>(this.db, SYNC_META.session);
    this.cached = stored !== undefined && typeof stored.token === 'string' ? stored : undefined;
    // A session saved by an app version without lastUser still names its person.
    this.last = (await readMeta<LastUser>(this.db, SYNC_META.lastUser)) ?? lastUserOf(this.cached);
    this.emit();
    return this.cached;
  }

  current(): DeviceSession | undefined {
    return this.cached;
  }

  /** The last person who signed in here (also while signed in), or undefined on a fresh device. */
  lastUser(): LastUser | undefined {
    return this.last;
  }

  async save(session: DeviceSession): Promise<void> {
    const last = lastUserOf(session) as LastUser;
    await writeMeta(this.db, SYNC_META.session, session);
    await writeMeta(this.db, SYNC_META.lastUser, last);
    this.cached = session;
    this.last = last;
    this.emit();
  }

  /** After the device store was wiped (the meta is gone already): forget the cached values. */
  forgetAll(): void {
    this.cached = undefined;
    this.last = undefined;
    this.emit();
  }

  async clear(): Promise<void> {
    await writeMeta(this.db, SYNC_META.session, undefined);
    this.cached = undefined;
    this.emit();
  }

  subscribe(listener: (session: DeviceSession | undefined) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const listener of this.listeners) listener(this.cached);
  }
}

function lastUserOf(session: DeviceSession | undefined): LastUser | undefined {
  if (session === undefined) return undefined;
  const { id, username, displayName } = session.user;
  return { id, username, displayName };
}
