/**
 * The meta keys sync writes on the device (cursor, acknowledged seq, session, device id…), their
 * read and write helpers, and the device-id check every sync transaction makes first: a response
 * for a device this database no longer is (ADR 0009) is never applied.
 */
import type { RelaisDb } from '../app-db';

/** Meta keys written by the sync path. */
export const SYNC_META = {
  deviceId: 'deviceId',
  pullCursor: 'pullCursor',
  /** Highest seq the server ever acknowledged to this device. */
  ackedSeq: 'ackedSeq',
  lastSyncAt: 'lastSyncAt',
  session: 'session',
  quarantine: 'syncQuarantine',
  /** The last person who signed in on this device (kept at logout, gone with a wipe). */
  lastUser: 'lastUser',
  /** The device label the server last accepted (AUTH9): a different current label is sent. */
  deviceLabelSent: 'deviceLabelSent',
  /** The id this device had before a change of user emptied it (ADR 0009); sent at the next login. */
  switchedFrom: 'switchedFrom',
  /**
   * Households that left this device's scope while an outbox entry still referred to them
   * (PULL10): kept until those entries are pushed, then removed (retryScopeRemovals).
   */
  deferredScopeRemovals: 'deferredScopeRemovals',
  /**
   * The ids (households and their rows) removed by a scope removal whose form drafts may still be
   * on the device (PULL10, I8). Drafts live in another database (src/db/settings-store.ts), so
   * the ids are recorded in the removal's transaction and forgotten once the sync client has
   * removed the drafts naming them (forgetRemovedDraftOwners).
   */
  removedDraftOwners: 'removedDraftOwners',
} as const;

/**
 * A sync response arrived for a device id this database no longer has: the device was emptied
 * for another user meanwhile (ADR 0009). Nothing of the response is applied.
 */
export class DeviceSwitchedError extends Error {
  constructor() {
    super('The device changed user during this sync: the response is dropped');
    this.name = 'DeviceSwitchedError';
  }
}

/** Call inside a sync transaction that covers meta. */
export async function assertDeviceId(db: RelaisDb, expected: string | undefined): Promise<void> {
  if (expected === undefined) return;
  if ((await db.meta.get(SYNC_META.deviceId))?.value !== expected) throw new DeviceSwitchedError();
}

export async function readMeta<T>(db: RelaisDb, key: string): Promise<T | undefined> {
  return (await db.meta.get(key))?.value as T | undefined;
}

export async function writeMeta(db: RelaisDb, key: string, value: unknown): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    if (value === undefined) await db.meta.delete(key);
    else await db.meta.put({ key, value });
  });
}

/** The device id (meta.deviceId), created once if the device has never written anything. */
export async function ensureDeviceId(db: RelaisDb, newId: () => string): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const existing = (await db.meta.get(SYNC_META.deviceId))?.value;
    if (typeof existing === 'string' && existing !== '') return existing;
    const id = newId();
    await db.meta.put({ key: SYNC_META.deviceId, value: id });
    return id;
  });
}
