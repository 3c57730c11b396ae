/**
 * Emptying the device store for the next person on a shared tablet (ADR 0009, docs/sync-client.md
 * "Changing user on a shared device").
 *
 * The previous person's dossiers must not stay readable by the next one, who may not have their
 * welcome points; and nothing they typed may be lost. So the wipe happens only when the outbox is
 * empty (everything typed is on the server), and that check runs INSIDE the transaction that
 * clears: a write committed between a check and a clear cannot slip through.
 */
import { DB_SCHEMA_VERSION, type RelaisDb } from './app-db';
import { SYNC_META } from './sync-apply/meta';

/**
 * Meta kept across a wipe: the schema version (the rollback guard of the change recorder) and
 * the hybrid logical clock (never moves backwards on this device, whoever uses it).
 */
const KEPT_META = new Set(['schemaVersion', 'hlc']);

export type DeviceWipeResult =
  | { wiped: true; deviceId: string }
  /** Refused: `pending` changes wait in the outbox, written by `userIds`. Nothing was touched. */
  | { wiped: false; pending: number; userIds: string[] };

export interface DeviceUsage {
  /** Changes not yet on the server. */
  pending: number;
  /** Who wrote them (user ids as recorded on the device). */
  userIds: string[];
  /** Dossiers held on the device. */
  dossiers: number;
}

/** What a wipe would remove and whether it may (pending must be 0); read in one transaction. */
export function readDeviceUsage(db: RelaisDb): Promise<DeviceUsage> {
  return db.transaction('r', [db.outbox, db.households], async () => ({
    ...(await pendingByUser(db)),
    dossiers: await db.households.count(),
  }));
}

/**
 * Clears every table (dossier rows, outbox, sent-log, conflicts, meta but for KEPT_META) in one
 * transaction and gives the device `newDeviceId`, unless the outbox holds anything: then it
 * refuses and changes nothing.
 */
export function wipeDeviceStore(db: RelaisDb, newDeviceId: string): Promise<DeviceWipeResult> {
  return db.transaction('rw', db.tables, async (): Promise<DeviceWipeResult> => {
    const { pending, userIds } = await pendingByUser(db);
    if (pending > 0) return { wiped: false, pending, userIds };
    const kept = (await db.meta.bulkGet([...KEPT_META])).filter((r) => r !== undefined);
    const oldId = (await db.meta.get(SYNC_META.deviceId))?.value;
    for (const table of db.tables) await table.clear();
    await db.meta.bulkPut([
      ...kept,
      { key: 'schemaVersion', value: DB_SCHEMA_VERSION },
      { key: SYNC_META.deviceId, value: newDeviceId },
      // The next login says this new id comes from a change of user, not a lost device (DEV1).
      ...(typeof oldId === 'string' ? [{ key: SYNC_META.switchedFrom, value: oldId }] : []),
    ]);
    return { wiped: true, deviceId: newDeviceId };
  });
}

async function pendingByUser(db: RelaisDb): Promise<{ pending: number; userIds: string[] }> {
  // Counted first: an empty outbox needs no entry opened, so a locked device can be emptied (ENC5).
  if ((await db.outbox.count()) === 0) return { pending: 0, userIds: [] };
  const users = new Set<string>();
  let pending = 0;
  await db.outbox.each((entry) => {
    pending += 1;
    users.add(entry.userId);
  });
  return { pending, userIds: [...users] };
}
