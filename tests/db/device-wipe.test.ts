/**
 * Emptying the device for the next person on a shared tablet (ADR 0009): only with an empty
 * outbox, checked inside the transaction that clears; everything else or nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DB_SCHEMA_VERSION, type RelaisDb } from '../../src/db/app-db';
import { readDeviceUsage, wipeDeviceStore } from '../../src/db/device-wipe';
import { SYNC_META } from '../../src/db/sync-apply/meta';
import { applicant, householdFields, openTestRepository, rentCharge } from './helpers';

let opened: RelaisDb[] = [];
function setup() {
  const ctx = openTestRepository();
  opened.push(ctx.db);
  return ctx;
}
afterEach(async () => {
  for (const db of opened) await db.delete();
  opened = [];
});

/** Every table's content, for "nothing changed" comparisons. */
async function snapshot(db: RelaisDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of db.tables) out[table.name] = await table.toArray();
  return out;
}

/** A device with one dossier, a sent-log, a conflict, a session and sync meta. */
async function usedDevice() {
  const ctx = setup();
  const { db, repo } = ctx;
  const { household } = await repo.createHousehold(householdFields, [applicant]);
  await repo.addRow('charge', household.id, rentCharge);
  const entries = await db.outbox.toArray();
  await db.sentLog.bulkPut(entries.map((e) => ({ ...e, ackedAt: 1 })));
  await db.conflicts.put({
    id: 'conflict-1',
    householdId: household.id,
    entity: 'charge',
    entityId: 'c1',
    source: 'import',
    status: 'open',
    fields: [],
    localHlc: '',
    incomingHlc: '',
    createdAt: 1,
  } as never);
  await db.meta.bulkPut([
    { key: SYNC_META.session, value: { token: 'tok', user: { id: 'user-1' } } },
    { key: SYNC_META.pullCursor, value: 'c1.1.9' },
    { key: SYNC_META.ackedSeq, value: entries.length },
    { key: 'draftSaved:intake', value: 'token' },
  ]);
  return { ...ctx, household, entries };
}

describe('wipeDeviceStore', () => {
  it('refuses while the outbox holds changes, says how many and whose, and leaves every table intact', async () => {
    const { db, entries } = await usedDevice();
    const before = await snapshot(db);
    expect(await readDeviceUsage(db)).toEqual({ pending: entries.length, userIds: ['user-1'], dossiers: 1 });
    const result = await wipeDeviceStore(db, 'device-next');
    expect(result).toEqual({ wiped: false, pending: entries.length, userIds: ['user-1'] });
    expect(await snapshot(db)).toEqual(before);
  });

  it('with an empty outbox, clears every table but the schema version and clock, and sets the new device id', async () => {
    const { db, repo, household } = await usedDevice();
    await db.outbox.clear(); // everything acknowledged by the server
    const hlc = (await db.meta.get('hlc'))?.value;
    const before = (await db.meta.get(SYNC_META.deviceId))?.value;
    const result = await wipeDeviceStore(db, 'device-next');
    expect(result).toEqual({ wiped: true, deviceId: 'device-next' });
    for (const table of db.tables) {
      if (table.name !== 'meta') expect([table.name, await table.count()]).toEqual([table.name, 0]);
    }
    expect(await db.meta.toArray()).toEqual(
      expect.arrayContaining([
        { key: 'schemaVersion', value: DB_SCHEMA_VERSION },
        { key: 'hlc', value: hlc },
        { key: SYNC_META.deviceId, value: 'device-next' },
        // The next login says the new id comes from a change of user (DEV1, ADR 0009).
        { key: SYNC_META.switchedFrom, value: before },
      ]),
    );
    expect(await db.meta.count()).toBe(4);
    expect(await repo.getDossier(household.id)).toBeUndefined();
    // The next person's writes start a new outbox under the new device id, from seq 1.
    await repo.createHousehold(householdFields, [applicant]);
    const [first] = await db.outbox.toArray();
    expect(first).toMatchObject({ seq: 1, deviceId: 'device-next' });
  });

  it('checks inside its transaction: a write racing the wipe is either refused-for or kept, never lost', async () => {
    for (let round = 0; round < 4; round += 1) {
      const { db, repo } = setup();
      const write = repo.createHousehold(householdFields, [applicant]);
      const wipe = wipeDeviceStore(db, `device-${round}`);
      const [{ household }, result] = await Promise.all([write, wipe]);
      expect(await repo.getDossier(household.id)).toBeDefined();
      expect(await db.outbox.count()).toBe(2);
      if (!result.wiped) expect(result.pending).toBe(2);
    }
  });
});
