/**
 * Schema versions are kept forever (sync-design §9.9): a database written by the previous
 * version, with data and pending outbox entries, opens with the current RelaisDb and comes out
 * intact and upgraded.
 */
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_SCHEMA_VERSION, declareSchemaVersions, RelaisDb, SCHEMA_VERSIONS } from '../../src/db/app-db';
import { sealPlainRows } from '../../src/db/crypto/seal-plain-rows';
import { DossierRepository } from '../../src/db/repository';
import { StorageError } from '../../src/db/storage-errors';
import { ROW_SCHEMAS } from '../../src/domain/dossier/rows';
import { ENTITY_NAMES, ENTITY_TABLES } from '../../src/domain/sync/entities';
import { OutboxEntrySchema } from '../../src/domain/sync/mutation';
import { rawStores } from './crypto/raw-store';
import fixture from './fixtures/v1-database.json';
import { seededBytes, steppingClock, uniqueDbName } from './helpers';

type Row = Record<string, unknown> & { id: string };
const tables = fixture.tables as unknown as Record<string, Row[]>;

async function writeV1Database(name: string): Promise<void> {
  const v1 = new Dexie(name);
  declareSchemaVersions(v1, 1);
  await v1.open();
  expect(v1.verno).toBe(1);
  await v1.transaction('rw', v1.tables, async () => {
    for (const [table, rows] of Object.entries(tables)) await v1.table(table).bulkAdd(rows);
  });
  v1.close();
}

let db: RelaisDb | undefined;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});

describe('upgrade from schema v1', () => {
  it('the current schema is at least version 2', () => {
    expect(DB_SCHEMA_VERSION).toBeGreaterThanOrEqual(2);
  });

  it('keeps every row and every pending outbox entry, and upgrades them', async () => {
    const name = uniqueDbName('relais-upgrade');
    await writeV1Database(name);
    db = new RelaisDb(name);
    await db.open();
    expect(db.verno).toBe(DB_SCHEMA_VERSION);

    // Every row intact (the v2 `local` index fields aside) and valid under today's schemas.
    for (const entity of ENTITY_NAMES) {
      const table = ENTITY_TABLES[entity];
      const expected = tables[table] ?? [];
      const stored = (await db.table(table).toArray()) as Row[];
      expect(stored.map(({ local: _local, ...row }) => row)).toEqual(expected);
      for (const row of stored) expect(ROW_SCHEMAS[entity].safeParse(row).success).toBe(true);
    }

    // Every outbox entry intact, with the v2 delivery state added.
    const outbox = await db.outbox.orderBy('seq').toArray();
    expect(outbox).toEqual(
      (tables.outbox ?? []).map((entry) => ({ ...entry, state: 'pending', attempts: 0 })),
    );
    for (const entry of outbox) expect(OutboxEntrySchema.safeParse(entry).success).toBe(true);

    // Derived v2 index fields computed from members, phone, reference and appointments.
    const household = await db.households.get('0195a1b2-c3d4-7000-8000-000000000001');
    expect(household?.local).toEqual({
      activityAt: 1767225607000,
      nextAppointment: '2026-01-20T10:00',
      nameTokens: ['helene', 'le', 'boeuf', 'leo'],
      phoneKeys: ['0612345678', '612345678'],
      referenceKey: 'rl20250007',
      displayName: 'Hélène Le Bœuf',
    });
    expect((await db.meta.get('schemaVersion'))?.value).toBe(DB_SCHEMA_VERSION);
    expect((await db.meta.get('nextSeq'))?.value).toBe(12);
  });

  it('the upgraded database works: search by the new indexes, and writes continue the seq', async () => {
    const name = uniqueDbName('relais-upgrade');
    await writeV1Database(name);
    db = new RelaisDb(name);
    const repo = new DossierRepository(db, { now: steppingClock(), randomBytes: seededBytes(1) });
    expect((await repo.listDossiers({ search: 'boeuf' })).map((s) => s.displayName)).toEqual([
      'Hélène Le Bœuf',
    ]);
    expect((await repo.listDossiers({ search: '06 12 34' })).map((s) => s.household.reference)).toEqual([
      'RL-2025-0007',
    ]);
    expect((await repo.listDossiers()).map((s) => s.household.departement)).toEqual(['974', '69']);
    const duplicates = await repo.findPossibleDuplicates({
      people: [{ firstName: 'helene', lastName: 'LE BOEUF', birthDate: '1975-06-30' }],
      phones: [],
      emails: [],
    });
    expect(duplicates.map((d) => d.householdId)).toEqual(['0195a1b2-c3d4-7000-8000-000000000001']);

    await repo.updateFields('household', '0195a1b2-c3d4-7000-8000-000000000002', { status: 'active' });
    const last = await db.outbox.orderBy('seq').last();
    expect(last?.seq).toBe(12);
    expect(last?.deviceId).toBe('0195a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b');
    expect(last && last.hlc > '1767225609000-0001').toBe(true);
    expect(await db.outbox.count()).toBe(6);
  });

  it('scenario 32: an upgrade function that throws aborts the upgrade; the database stays at v1 with all its data, and the app gets a storage error', async () => {
    const name = uniqueDbName('relais-upgrade');
    await writeV1Database(name);
    const broken = new Dexie(name);
    declareSchemaVersions(broken, 1);
    broken
      .version(2)
      .stores(SCHEMA_VERSIONS[1]?.stores ?? {})
      .upgrade(() => {
        throw new Error('a bug in the upgrade function');
      });
    const repo = new DossierRepository(broken as RelaisDb, {
      now: steppingClock(),
      randomBytes: seededBytes(1),
    });
    const failure = await repo.listDossiers().then(
      () => undefined,
      (error: unknown) => error,
    );
    // The screen shows a storage problem in plain words (describeWriteError), never a false list.
    expect(failure).toBeInstanceOf(StorageError);
    expect(failure).toMatchObject({ code: 'upgrade' });
    broken.close();

    const v1 = new Dexie(name);
    declareSchemaVersions(v1, 1);
    await v1.open();
    expect(v1.verno).toBe(1);
    for (const [table, rows] of Object.entries(tables)) {
      // Same rows (toArray is in primary-key order, the fixture in writing order).
      expect(await v1.table(table).toArray()).toEqual(expect.arrayContaining(rows));
      expect(await v1.table(table).count()).toBe(rows.length);
    }
    v1.close();
    // The fixed app upgrades the same database normally afterwards.
    db = new RelaisDb(name);
    await db.open();
    expect(db.verno).toBe(DB_SCHEMA_VERSION);
    expect(await db.outbox.count()).toBe((tables.outbox ?? []).length);
  });
});

/** The v1 fixture brought to schema `version` by the app of that version. */
async function writeDatabaseAt(name: string, version: number): Promise<void> {
  await writeV1Database(name);
  const old = new Dexie(name);
  declareSchemaVersions(old, version);
  await old.open();
  expect(old.verno).toBe(version);
  if (version >= 3) {
    await old.table('householdAliases').put({
      mergedId: '0195a1b2-c3d4-7000-8000-0000000000ff',
      survivorId: '0195a1b2-c3d4-7000-8000-000000000001',
      at: 1767225609000,
    });
  }
  old.close();
}

describe('upgrade from every previous version', () => {
  const previous = SCHEMA_VERSIONS.map((v) => v.version).filter((v) => v < DB_SCHEMA_VERSION);

  it.each(previous)(
    'a database of schema v%i opens at the current version with its rows, outbox and aliases',
    async (version) => {
      const name = uniqueDbName('relais-upgrade');
      await writeDatabaseAt(name, version);
      db = new RelaisDb(name);
      await db.open();
      expect(db.verno).toBe(DB_SCHEMA_VERSION);
      expect((await db.meta.get('schemaVersion'))?.value).toBe(DB_SCHEMA_VERSION);
      for (const [table, rows] of Object.entries(tables)) {
        if (table === 'outbox' || table === 'meta') continue;
        expect((await db.table(table).toArray()).map(({ local: _l, ...row }) => row)).toEqual(rows);
      }
      expect(await db.outbox.count()).toBe((tables.outbox ?? []).length);
      expect(await db.householdAliases.count()).toBe(version >= 3 ? 1 : 0);
    },
  );

  it('v3 → v4 (issue 15): the plan, payment, micro-credit and workshop tables are there, empty, indexed, and written to', async () => {
    const name = uniqueDbName('relais-upgrade');
    await writeDatabaseAt(name, 3);
    db = new RelaisDb(name);
    await db.open();
    // v4's tables, at whatever version the app writes now (v5, issue 16, came after).
    expect(DB_SCHEMA_VERSION).toBeGreaterThanOrEqual(4);
    expect(db.verno).toBe(DB_SCHEMA_VERSION);
    const indexes = (table: string) =>
      db
        ?.table(table)
        .schema.indexes.map((i) => i.name)
        .sort();
    expect(indexes('plans')).toEqual(['householdId']);
    expect(indexes('planPayments')).toEqual(['householdId', 'planId']);
    expect(indexes('microcredits')).toEqual(['householdId']);
    expect(indexes('workshops')).toEqual(['date', 'householdId', 'welcomePointId']);
    for (const table of ['plans', 'planPayments', 'microcredits', 'workshops']) {
      expect(await db.table(table).count()).toBe(0);
    }
    const repo = new DossierRepository(db, { now: steppingClock(), randomBytes: seededBytes(1) });
    const householdId = '0195a1b2-c3d4-7000-8000-000000000001';
    const plan = await repo.addRow('plan', householdId, {
      kind: 'amicable',
      firstDueOn: '2026-04-01',
      steps: [{ months: 12, monthlyCents: 5_000 }],
    });
    expect((await repo.getDossier(householdId))?.plans.map((p) => p.id)).toEqual([plan.id]);
    // The seq continues from the v1 outbox (12 was the next).
    expect((await db.outbox.orderBy('seq').last())?.seq).toBe(12);
  });

  it('[IDX1] v4 → v5 (issue 16): no personal index is left on households or members; search and the duplicate check still find the household', async () => {
    const name = uniqueDbName('relais-upgrade');
    await writeDatabaseAt(name, 4);
    db = new RelaisDb(name);
    await db.open();
    const indexes = (table: string) =>
      db
        ?.table(table)
        .schema.indexes.map((i) => i.name)
        .sort();
    expect(indexes('households')).toEqual([
      'local.activityAt',
      'local.nextAppointment',
      'status',
      'track',
      'updatedAt',
      'welcomePointId',
    ]);
    expect(indexes('members')).toEqual(['householdId']);
    const repo = new DossierRepository(db, { now: steppingClock(), randomBytes: seededBytes(1) });
    const householdId = '0195a1b2-c3d4-7000-8000-000000000001';
    for (const search of ['boeuf hel', '06 12 34', 'RL-2025-0007']) {
      expect(
        (await repo.listDossiers({ search })).map((s) => s.householdId),
        search,
      ).toContain(householdId);
    }
    const duplicates = await repo.findPossibleDuplicates({
      people: [{ firstName: 'Hélène', lastName: 'Le Bœuf', birthDate: '1975-06-30' }],
      phones: [],
      emails: [],
    });
    expect(duplicates.map((d) => d.householdId)).toContain(householdId);
  });

  it('[IDX1] v1 → v5: the name words the v2 upgrade left in clear are read back, then sealed by sealPlainRows', async () => {
    const name = uniqueDbName('relais-upgrade');
    await writeV1Database(name);
    db = new RelaisDb(name);
    await db.open();
    const id = '0195a1b2-c3d4-7000-8000-000000000001';
    expect((await db.households.get(id))?.local.nameTokens).toEqual(['helene', 'le', 'boeuf', 'leo']);
    expect(await sealPlainRows(db)).toBeGreaterThan(0);
    const raw = JSON.stringify((await rawStores(name)).get('households'));
    expect(raw).not.toContain('helene');
    expect(raw).not.toContain('0612345678');
    expect((await db.households.get(id))?.local.nameTokens).toEqual(['helene', 'le', 'boeuf', 'leo']);
  });
});
