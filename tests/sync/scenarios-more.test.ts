// @vitest-environment node
/**
 * More sync-design §10.2 scenarios against the real app: 11 (invalid body), 13 (long offline
 * over a lossy link, batches of at most 500), 30 (old app's mutations upcast), 31 (database
 * written by schema v1 with a pending outbox, upgraded, then pushed once), 34 (device database
 * lost: a fresh device signs in and gets the server's state back), 33 (rollback: a database
 * last written by a NEWER app stays readable, but this older app writes nothing into it, pulled
 * rows included; the run fails with 'outdated-app', not retried). Scenarios 2, 3 and 4 (torn
 * write, quota, lost connection) are in tests/db/storage-errors.test.ts; 32 (an upgrade that
 * throws) in tests/db/upgrade.test.ts.
 */
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_SCHEMA_VERSION, declareSchemaVersions, RelaisDb } from '../../src/db/app-db';
import { MAX_PUSH_MUTATIONS } from '../../src/domain/sync/protocol';
import { SessionStore } from '../../src/sync/session-store';
import { SyncClient } from '../../src/sync/sync-client';
import { SyncError } from '../../src/sync/sync-errors';
import {
  applicantFields,
  type Device,
  deviceView,
  householdFields,
  makeDevice,
  PASSWORD,
  rentFields,
  serverView,
  TestServer,
} from './helpers';

describe('more reliability scenarios', () => {
  let server: TestServer;
  const devices: Device[] = [];
  beforeEach(async () => {
    server = await TestServer.start();
    await server.makeWorld();
  });
  afterEach(async () => {
    for (const d of devices.splice(0)) d.db.close();
    await server.close();
  });

  it('scenario 11 [PUSH7]: a truncated body gets 400; nothing is acknowledged, entries stay pending and are sent later', async () => {
    const a = await makeDevice(server, 'a');
    devices.push(a);
    await a.repository.createHousehold(householdFields(), [applicantFields()]);
    const client = new SyncClient({
      db: a.db,
      sessions: a.sessions,
      appVersion: '1.0.0',
      fetch: (input, init) =>
        server.fetch(input, {
          ...init,
          ...(typeof init?.body === 'string' && input.includes('/push')
            ? { body: init.body.slice(0, 40) }
            : {}),
        }),
    });
    const error = await client.sync().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect((error as SyncError).status).toBe(400);
    expect((error as SyncError).retryable).toBe(true);
    const entries = await a.db.outbox.toArray();
    expect(entries.map((e) => [e.seq, e.attempts, e.state])).toEqual([
      [1, 1, 'pending'],
      [2, 1, 'pending'],
    ]);
    expect(entries[0]?.lastError).toContain('400');
    await a.client.sync();
    expect(await a.db.outbox.count()).toBe(0);
    expect((await serverView(server)).household).toHaveLength(1);
  });

  it('scenario 13 [PUSH2][PUSH10]: 620 changes over 20 dossiers made offline go out in batches of at most 500 over a lossy link, each applied once', async () => {
    const a = await makeDevice(server, 'a');
    devices.push(a);
    const charges: string[] = [];
    for (let h = 0; h < 20; h += 1) {
      const { household } = await a.repository.createHousehold(householdFields(), [applicantFields()]);
      const rent = await a.repository.addRow('charge', household.id, rentFields());
      charges.push(rent.id);
    }
    for (let round = 1; round <= 28; round += 1) {
      for (const id of charges)
        await a.repository.updateFields('charge', id, { amountCents: 45_000 + round * 100 });
    }
    expect(await a.db.outbox.count()).toBe(620);
    const sizes: number[] = [];
    const inner = a.transport.fetch;
    a.transport.fetch = async (input, init) => {
      if (input.includes('/push') && typeof init?.body === 'string') {
        sizes.push((JSON.parse(init.body) as { mutations: unknown[] }).mutations.length);
      }
      return inner(input, init);
    };
    const client = new SyncClient({
      db: a.db,
      sessions: a.sessions,
      fetch: a.transport.fetch,
      appVersion: '1.0.0',
    });
    a.transport.faults = { dropRequest: 0.1, dropResponse: 0.1, duplicate: 0.05, reorder: 0.05 };
    let attempts = 0;
    for (;;) {
      attempts += 1;
      const ok = await client.sync().then(
        () => true,
        () => false,
      );
      if (ok) break;
      if (attempts > 100) throw new Error('never got through');
    }
    a.transport.faults = { dropRequest: 0, dropResponse: 0, duplicate: 0, reorder: 0 };
    expect(Math.max(...sizes)).toBeLessThanOrEqual(MAX_PUSH_MUTATIONS);
    expect(await a.db.outbox.count()).toBe(0);
    const view = await serverView(server);
    expect(view.charge).toHaveLength(20);
    // Created (v1) and patched 28 times: version 29 exactly, never more.
    expect(view.charge?.every((c) => c.version === 29 && c.amountCents === 47_800)).toBe(true);
    expect(await deviceView(a.db)).toEqual(view);
  });

  it('scenario 30 [UPCAST1]: mutations written by an older app (shape 0) are upcast and applied, not dropped', async () => {
    const a = await makeDevice(server, 'a');
    devices.push(a);
    const { household } = await a.repository.createHousehold(householdFields(), [applicantFields()]);
    await a.client.sync();
    await a.repository.updateFields('household', household.id, { phone: '06 98 76 54 32' });
    // Rewrite the pending entry as the pre-release app wrote it: clientTime and baseVersion.
    await a.db.outbox.toCollection().modify((entry) => {
      const old = entry as unknown as Record<string, unknown>;
      old.clientTime = Number(String(entry.hlc).slice(0, 13));
      old.baseVersion = entry.base.version;
      old.schemaVersion = 0;
      delete old.hlc;
      delete old.base;
    });
    const report = await a.client.sync();
    expect(report.quarantined).toEqual([]);
    expect((await serverView(server)).household?.[0]?.phone).toBe('06 98 76 54 32');
  });

  it('scenario 31: a database written by schema v1 with pending outbox entries is upgraded, then each entry is pushed once', async () => {
    // Write a dossier with today's code, then copy it into a database laid out as v1 wrote it
    // (no household index, outbox entries without delivery state).
    const source = await makeDevice(server, 'source', { login: false });
    await source.repository.createHousehold(householdFields(), [applicantFields()]);
    const { household } = await source.repository.createHousehold(householdFields(), [applicantFields()]);
    await source.repository.addRow('charge', household.id, rentFields());
    const name = `sync-v1-${Math.random()}`;
    const v1 = new Dexie(name);
    declareSchemaVersions(v1, 1);
    await v1.open();
    const copied = new Map<string, Record<string, unknown>[]>();
    for (const table of v1.tables.map((t) => t.name)) {
      const rows = (await source.db.table(table).toArray()) as Record<string, unknown>[];
      copied.set(
        table,
        rows.map(({ local: _local, state: _state, attempts: _attempts, ...row }) => row),
      );
    }
    await v1.transaction('rw', v1.tables, async () => {
      for (const [table, rows] of copied) await v1.table(table).bulkAdd(rows);
    });
    v1.close();
    source.db.close();

    const db = new RelaisDb(name);
    const sessions = new SessionStore(db);
    const client = new SyncClient({ db, sessions, fetch: server.fetch, appVersion: '1.0.0' });
    expect((await db.outbox.toArray()).every((e) => e.state === 'pending' && e.attempts === 0)).toBe(true);
    await client.login('admin', PASSWORD);
    const report = await client.sync();
    expect(report.pushed).toBe(5);
    expect(report.quarantined).toEqual([]);
    expect(await db.outbox.count()).toBe(0);
    expect((await client.sync()).pushed).toBe(0);
    const view = await serverView(server);
    expect(view.household).toHaveLength(2);
    expect(view.charge?.[0]?.version).toBe(1);
    expect(await deviceView(db)).toEqual(view);
    db.close();
  });

  it('scenario 34: a device whose database was evicted starts clean, signs in with a fresh device id, and gets the server state back', async () => {
    const a = await makeDevice(server, 'a');
    const { household } = await a.repository.createHousehold(householdFields(), [applicantFields()]);
    await a.client.sync();
    const lostDeviceId = a.sessions.current()?.deviceId;
    await a.db.delete();
    const fresh = await makeDevice(server, 'a-after-eviction');
    devices.push(fresh);
    expect(fresh.sessions.current()?.deviceId).not.toBe(lostDeviceId);
    await fresh.client.sync();
    expect((await fresh.repository.getDossier(household.id))?.members.map((m) => m.firstName)).toEqual([
      'Aïcha',
    ]);
  });

  it('scenario 33 (rollback): an older app reads a database a newer app wrote, but neither writes nor pulls into it; the run is not retried', async () => {
    const writer = await makeDevice(server, 'writer');
    const old = await makeDevice(server, 'old');
    devices.push(writer, old);
    const { household } = await old.repository.createHousehold(householdFields(), [applicantFields()]);
    await old.client.sync();
    // A newer app opened this device's database and recorded its schema version.
    await old.db.meta.put({ key: 'schemaVersion', value: DB_SCHEMA_VERSION + 1 });
    const cursor = (await old.db.meta.get('pullCursor'))?.value;
    const before = await deviceView(old.db);

    // Another device changes the dossier: the older app must not pull it into the newer database.
    await writer.client.sync();
    await writer.repository.addRow('member', household.id, {
      ...applicantFields(),
      role: 'co_applicant',
      firstName: 'Samir',
    });
    await writer.client.sync();

    const run = old.client.sync();
    await expect(run).rejects.toBeInstanceOf(SyncError);
    await expect(run).rejects.toMatchObject({ kind: 'outdated-app', retryable: false });
    expect((await old.db.meta.get('pullCursor'))?.value).toEqual(cursor);
    expect(await deviceView(old.db)).toEqual(before);
    // Local writes are refused as well; reads still work.
    await expect(old.repository.createHousehold(householdFields())).rejects.toMatchObject({
      code: 'outdated',
    });
    expect((await old.repository.getDossier(household.id))?.members).toHaveLength(1);
  });
});
