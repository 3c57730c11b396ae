import { afterEach, describe, expect, it } from 'vitest';
import { openPullConnection, RelaisDb } from '../../../src/db/app-db';
import { CLEAR_FIELDS } from '../../../src/db/crypto/clear-fields';
import { DataKeyring, DeviceLockedError, randomDataKey } from '../../../src/db/crypto/data-keyring';
import { clearPathsOf } from '../../../src/db/crypto/sealing-middleware';
import { uniqueDbName } from '../helpers';

const opened: RelaisDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0).reverse()) await db.delete();
});

describe('clear fields', () => {
  it('[ENC2] every index the schema declares reads clear paths only (an index on a sealed field would be empty)', async () => {
    const db = new RelaisDb(uniqueDbName('relais-clear'));
    opened.push(db);
    await db.open();
    for (const table of db.tables) {
      const clear = new Set(clearPathsOf(table.name, db.core.table(table.name).schema));
      for (const index of [table.schema.primKey, ...table.schema.indexes]) {
        const parts = Array.isArray(index.keyPath) ? index.keyPath : [index.keyPath as string];
        for (const part of parts) expect(clear, `${table.name}: ${index.name}`).toContain(part);
      }
    }
  });

  it('[ENC2] every table of the schema is listed (a table not listed keeps only its primary key)', async () => {
    const db = new RelaisDb(uniqueDbName('relais-clear'));
    opened.push(db);
    await db.open();
    expect(db.tables.map((t) => t.name).filter((name) => CLEAR_FIELDS[name] === undefined)).toEqual([]);
    const unlisted = clearPathsOf('someFutureTable', {
      ...db.core.table('outbox').schema,
      name: 'someFutureTable',
    });
    expect(unlisted).toEqual(['seq']);
  });
});

describe('the keyring', () => {
  it('[ENC8] is shared by the pull connection; clearing it zero-fills the key and locks both', async () => {
    const keyring = new DataKeyring(randomDataKey());
    const db = new RelaisDb(uniqueDbName('relais-keyring'), { keyring });
    const pull = openPullConnection(db);
    opened.push(db, pull);
    expect(pull.keyring).toBe(keyring);
    await pull.meta.put({ key: 'session', value: { token: 't' } });
    expect((await db.meta.get('session'))?.value).toEqual({ token: 't' });
    const held = keyring.key();
    keyring.clear();
    expect([...held].every((b) => b === 0)).toBe(true);
    await expect(db.meta.get('session')).rejects.toBeInstanceOf(DeviceLockedError);
    await expect(pull.meta.get('session')).rejects.toBeInstanceOf(DeviceLockedError);
  });
});
