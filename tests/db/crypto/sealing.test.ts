/**
 * Rows at rest (docs/device-encryption.md): sealed in IndexedDB, opened on every read path,
 * refused while locked.
 */
import { liveQuery } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { RelaisDb } from '../../../src/db/app-db';
import { INTERIM_INDEXED_FIELDS, SEALED_FIELD } from '../../../src/db/crypto/clear-fields';
import { DataKeyring, DeviceLockedError, randomDataKey } from '../../../src/db/crypto/data-keyring';
import { SealedDataError } from '../../../src/db/crypto/row-cipher';
import { clearPathsOf } from '../../../src/db/crypto/sealing-middleware';
import { wipeDeviceStore } from '../../../src/db/device-wipe';
import { uniqueDbName } from '../helpers';
import { needles, rawPut, rawStores, SECRETS, textsOf, writeSecretDossier } from './raw-store';

const opened: RelaisDb[] = [];
function open(options: ConstructorParameters<typeof RelaisDb>[1] = {}, name = uniqueDbName('relais-sealed')) {
  const db = new RelaisDb(name, options);
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

/** A row for any table: its primary key, the index fields it needs, and personal values. */
function syntheticRow(db: RelaisDb, table: string, n: number): Record<string, unknown> {
  const primary = db.table(table).schema.primKey.keyPath as string;
  const key = table === 'outbox' || table === 'sentLog' ? n : `${table}-${n}`;
  return {
    [primary]: key,
    householdId: 'h-1',
    entity: 'household',
    entityId: 'h-1',
    status: 'open',
    state: 'pending',
    at: 1000 + n,
    updatedAt: 2000 + n,
    date: '2026-03-02',
    planId: 'p-1',
    track: 'mediation',
    welcomePointId: 'wp-1',
    birthDate: '1980-02-01',
    ackedAt: 5000 + n,
    mutationId: `m-${n}`,
    survivorId: 'h-2',
    mergedId: table === 'householdAliases' ? key : 'x',
    local: {
      activityAt: 3000 + n,
      nextAppointment: '2026-04-01T10:00',
      displayName: 'Zoé Martin',
      nameTokens: ['zoe'],
    },
    firstName: 'Zoé',
    nested: { list: [1, 'Loyer résidence Bellevue', { deep: true }], empty: {} },
    amountCents: 65_000,
    deleted: false,
  };
}

describe('every table round-trips through the seal', () => {
  it('[ENC1] get, bulkGet, index queries, toArray, each, filter, modify and cursors return the row as written', async () => {
    const db = open();
    await db.open();
    for (const table of db.tables) {
      const rows = [syntheticRow(db, table.name, 1), syntheticRow(db, table.name, 2)];
      if (table.name === 'meta')
        rows.push({ key: 'session', value: { token: 'tok', user: { name: 'Zoé' } } });
      const before = await table.count();
      await table.bulkPut(rows);
      const primary = table.schema.primKey.keyPath as string;
      const first = rows[0] as Record<string, unknown>;
      expect(await table.get(first[primary] as string)).toEqual(first);
      expect(await table.bulkGet(rows.map((r) => r[primary] as string))).toEqual(rows);
      const all = await table.toArray();
      expect(all).toHaveLength(before + rows.length);
      for (const row of rows) expect(all).toContainEqual(row);
      const seen: unknown[] = [];
      await table.each((row) => void seen.push(row));
      expect(seen).toEqual(all);
      expect(await table.filter((row) => (row as { firstName?: string }).firstName === 'Zoé').count()).toBe(
        2,
      );
      expect(await table.orderBy(':id').reverse().first()).toEqual(all[all.length - 1]);
      for (const index of table.schema.indexes) {
        if (index.compound || typeof index.keyPath !== 'string') continue;
        const value = index.keyPath
          .split('.')
          .reduce<unknown>((at, part) => (at as Record<string, unknown>)?.[part], first);
        if (value === undefined) continue;
        const found = await table
          .where(index.name)
          .equals(Array.isArray(value) ? value[0] : (value as string))
          .primaryKeys();
        expect(found, `${table.name}.${index.name}`).toContain(first[primary]);
      }
      await table.toCollection().modify((row: Record<string, unknown>) => {
        row.amountCents = 1;
      });
      expect(((await table.get(first[primary] as string)) as Record<string, unknown>).amountCents).toBe(1);
    }
  });

  it('[ENC2] nested clear paths serve their index and come back inside the row', async () => {
    const db = open();
    await db.households.bulkPut([
      syntheticRow(db, 'households', 1) as never,
      syntheticRow(db, 'households', 2) as never,
    ]);
    const ordered = await db.households.orderBy('local.activityAt').reverse().toArray();
    expect(ordered.map((h) => h.id)).toEqual(['households-2', 'households-1']);
    expect(ordered[0]?.local).toEqual(syntheticRow(db, 'households', 2).local);
    const [stored] = (await rawStores(db.name)).get('households') as Record<string, unknown>[];
    expect(stored?.local).toMatchObject({ activityAt: 3001, nextAppointment: '2026-04-01T10:00' });
    expect(stored?.local).not.toHaveProperty('displayName');
  });

  it('[ENC1] liveQuery sees writes through the seal', async () => {
    const db = open();
    const seen: string[][] = [];
    const subscription = liveQuery(() => db.households.toArray()).subscribe((rows) =>
      seen.push(rows.map((r) => r.local.displayName)),
    );
    await expect.poll(() => seen.length).toBeGreaterThan(0);
    await db.households.put(syntheticRow(db, 'households', 1) as never);
    await expect.poll(() => seen.at(-1)).toEqual(['Zoé Martin']);
    subscription.unsubscribe();
  });
});

describe('what IndexedDB holds', () => {
  it('[ENC1] no name, phone, label or creditor reference of a dossier appears in any stored value', async () => {
    const db = open();
    await writeSecretDossier(db);
    const stores = await rawStores(db.name);
    const interimIndexed = (table: string) => new Set(clearPathsOf(table, db.core.table(table).schema));
    let checked = 0;
    for (const [table, values] of stores) {
      // ENC2: interim index fields stay clear only while the schema still indexes them.
      const interim = (INTERIM_INDEXED_FIELDS[table] ?? []).filter((p) => interimIndexed(table).has(p));
      for (const value of values) {
        const stripped = structuredClone(value) as Record<string, unknown>;
        for (const path of interim) {
          const [head, tail] = path.split('.') as [string, string | undefined];
          if (tail === undefined) delete stripped[head];
          else delete (stripped[head] as Record<string, unknown> | undefined)?.[tail];
        }
        const text = textsOf(stripped).join('\n');
        for (const secret of SECRETS) {
          for (const needle of needles(secret))
            expect(text, `${table} holds ${secret}`).not.toContain(needle);
        }
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(10);
    for (const table of [
      'households',
      'members',
      'creditors',
      'debts',
      'resources',
      'charges',
      'notes',
      'outbox',
    ]) {
      for (const value of stores.get(table) ?? []) expect(value).toHaveProperty(SEALED_FIELD);
    }
  });

  it('[ENC2] meta keeps only the allow-listed values in clear; the session is sealed', async () => {
    const db = open();
    await db.meta.bulkPut([
      { key: 'nextSeq', value: 4 },
      { key: 'session', value: { token: 'secret-token', user: { displayName: 'Zoé Martin' } } },
      { key: 'lastUser', value: { displayName: 'Zoé Martin' } },
    ]);
    const meta = new Map(
      ((await rawStores(db.name)).get('meta') as { key: string }[]).map((m) => [m.key, m]),
    );
    expect(meta.get('nextSeq')).toEqual({ key: 'nextSeq', value: 4 });
    for (const key of ['session', 'lastUser']) {
      expect(Object.keys(meta.get(key) ?? {}).sort()).toEqual([SEALED_FIELD, 'key']);
    }
    expect(textsOf([...meta.values()]).join()).not.toContain('secret-token');
  });
});

describe('locked', () => {
  it('[ENC5] reading or writing a sealed row while locked throws DeviceLockedError; ids and counts still read', async () => {
    const keyring = new DataKeyring(randomDataKey());
    const db = open({ keyring });
    const householdId = await writeSecretDossier(db);
    keyring.clear();
    await expect(db.households.get(householdId)).rejects.toBeInstanceOf(DeviceLockedError);
    await expect(db.members.toArray()).rejects.toBeInstanceOf(DeviceLockedError);
    await expect(db.members.each(() => undefined)).rejects.toBeInstanceOf(DeviceLockedError);
    await expect(db.meta.put({ key: 'session', value: 'x' })).rejects.toBeInstanceOf(DeviceLockedError);
    expect(await db.households.count()).toBe(1);
    expect(await db.members.where('householdId').equals(householdId).primaryKeys()).toHaveLength(1);
    expect(typeof (await db.meta.get('deviceId'))?.value).toBe('string');
  });

  it('[ENC5] emptying the device works while locked', async () => {
    const keyring = new DataKeyring(randomDataKey());
    const db = open({ keyring });
    await writeSecretDossier(db);
    await db.outbox.clear(); // everything pushed
    keyring.clear();
    expect(await wipeDeviceStore(db, 'device-new')).toEqual({ wiped: true, deviceId: 'device-new' });
    for (const table of db.tables) if (table.name !== 'meta') expect(await table.count()).toBe(0);
    await writeSecretDossier(open({ keyring: new DataKeyring(randomDataKey()) }, db.name)).catch(
      () => undefined,
    );
    for (const table of db.tables) await table.clear();
    expect(await db.households.count()).toBe(0);
  });

  it('[ENC3] a row sealed under another key, or altered, is refused', async () => {
    const name = uniqueDbName('relais-sealed');
    const db = open({}, name);
    const householdId = await writeSecretDossier(db);
    db.close();
    const other = open({ keyring: new DataKeyring(randomDataKey()) }, name);
    await expect(other.households.get(householdId)).rejects.toBeInstanceOf(SealedDataError);
    other.close();
    const again = open({ keyring: db.keyring }, name);
    expect((await again.households.get(householdId))?.id).toBe(householdId);
    const [stored] = (await rawStores(name)).get('households') as Record<string, Uint8Array>[];
    const sealed = stored?.[SEALED_FIELD] as Uint8Array;
    const altered = new Uint8Array(sealed);
    altered[20] = (altered[20] ?? 0) ^ 1;
    again.close();
    await rawPut(name, 'households', { ...stored, [SEALED_FIELD]: altered });
    const third = open({ keyring: db.keyring }, name);
    await expect(third.households.get(householdId)).rejects.toBeInstanceOf(SealedDataError);
  });

  it('[ENC3] a sealed field moved onto another row is refused (bound to its table and key)', async () => {
    const name = uniqueDbName('relais-sealed');
    const db = open({}, name);
    await db.members.bulkPut([syntheticRow(db, 'members', 1), syntheticRow(db, 'members', 2)] as never);
    const [one, two] = (await rawStores(name)).get('members') as Record<string, unknown>[];
    db.close();
    await rawPut(name, 'members', { ...two, [SEALED_FIELD]: one?.[SEALED_FIELD] });
    const again = open({ keyring: db.keyring }, name);
    await expect(again.members.get('members-2')).rejects.toBeInstanceOf(SealedDataError);
  });
});

describe('plain mode (benchmark baseline only)', () => {
  it("[ENC7] sealing: 'off' stores rows as they are", async () => {
    const db = open({ sealing: 'off' });
    await db.households.put(syntheticRow(db, 'households', 1) as never);
    const [stored] = (await rawStores(db.name)).get('households') as Record<string, unknown>[];
    expect(stored).toEqual(syntheticRow(db, 'households', 1));
  });
});
