/** ENC6: rows an older app wrote in clear are read as they are, then sealed at the first unlock. */
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { declareSchemaVersions, RelaisDb } from '../../../src/db/app-db';
import { SEALED_FIELD } from '../../../src/db/crypto/clear-fields';
import { DataKeyring, DeviceLockedError, randomDataKey } from '../../../src/db/crypto/data-keyring';
import { sealPlainRows } from '../../../src/db/crypto/seal-plain-rows';
import { uniqueDbName } from '../helpers';
import { needles, rawStores, SECRETS, textsOf, writeSecretDossier } from './raw-store';

let db: RelaisDb | undefined;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});

/** A v4 database as the app before issue 16 wrote it: every row in clear. */
async function writeV4Database(name: string): Promise<Map<string, unknown[]>> {
  // The rows come from today's repository writing in clear, then go into a v4 database as is.
  const source = new RelaisDb(uniqueDbName('relais-source'), { sealing: 'off' });
  await writeSecretDossier(source);
  const tables = new Map<string, unknown[]>();
  for (const table of source.tables) tables.set(table.name, await table.toArray());
  await source.delete();
  const v4 = new Dexie(name);
  declareSchemaVersions(v4, 4);
  await v4.open();
  await v4.transaction('rw', v4.tables, async () => {
    for (const table of v4.tables) await table.bulkPut(tables.get(table.name) ?? []);
  });
  v4.close();
  return tables;
}

function holdsSecret(stores: Map<string, unknown[]>): boolean {
  const text = textsOf([...stores.values()]).join('\n');
  return SECRETS.some((secret) => needles(secret).some((n) => text.includes(n)));
}

describe('sealPlainRows', () => {
  it('[ENC6] reads an older clear database as is, then seals every row and keeps it intact', async () => {
    const name = uniqueDbName('relais-v4');
    const written = await writeV4Database(name);
    db = new RelaisDb(name, { keyring: new DataKeyring(randomDataKey()) });
    for (const table of ['households', 'members', 'debts', 'outbox']) {
      expect(await db.table(table).toArray()).toEqual(written.get(table));
    }
    expect(holdsSecret(await rawStores(name))).toBe(true);

    const expected = new Map<string, unknown[]>();
    for (const table of db.tables) expected.set(table.name, await table.toArray());
    const count = await sealPlainRows(db);
    // Every row but the clear meta counters (schemaVersion, deviceId, nextSeq, hlc).
    const rows = [...written.entries()].filter(([t]) => t !== 'meta').reduce((n, [, r]) => n + r.length, 0);
    expect(count).toBeGreaterThanOrEqual(rows);

    const stores = await rawStores(name);
    for (const [table, values] of stores) {
      if (table === 'meta') continue;
      for (const value of values) expect(value, table).toHaveProperty(SEALED_FIELD);
    }
    for (const table of db.tables)
      expect(await table.toArray(), table.name).toEqual(expected.get(table.name));
    // Nothing left to do the second time.
    expect(await sealPlainRows(db)).toBe(0);
  });

  it('[ENC6] needs the key', async () => {
    const name = uniqueDbName('relais-v4');
    await writeV4Database(name);
    const keyring = new DataKeyring(randomDataKey());
    db = new RelaisDb(name, { keyring });
    keyring.clear();
    await expect(sealPlainRows(db)).rejects.toBeInstanceOf(DeviceLockedError);
  });
});
