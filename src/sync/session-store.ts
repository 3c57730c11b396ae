/**
 * The device's last session (token, user, role, welcome points, device id), kept in the device
 * database so the device stays usable offline and syncs again as soon as it is online, without
 * asking for the password while the token is valid. `current()` is synchronous (the repository
 * reads the user id on every write): `load()` fills it at start.
 */
import type { RelaisDb } from '../db/app-db';
import { readMeta, SYNC_META, writeMeta } from '../db/sync-apply';
import type { User } from '../domain/sync/protocol';

export interface DeviceSession {
  token: string;
  /** Unix ms. */
  expiresAt: number;
  user: User;
  deviceId: string;
  /** When the person logged in on this device, Unix ms. */
  loggedInAt: number;
}

export class SessionStore {
  private cached: DeviceSession | undefined;
  private readonly listeners = new Set<(session: DeviceSession | undefined) => void>();

  constructor(private readonly db: RelaisDb) {}

  async load(): Promise<DeviceSession | undefined> {
    const stored = await readMeta<DeviceSession>(this.db, SYNC_META.session);
    this.cached = stored !== undefined && typeof stored.token === 'string' ? stored : undefined;
    this.emit();
    return this.cached;
  }

  current(): DeviceSession | undefined {
    return this.cached;
  }

  async save(session: DeviceSession): Promise<void> {
    await writeMeta(this.db, SYNC_META.session, session);
    this.cached = session;
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
