/**
 * ENC6: rows an older app wrote in clear are read as they are, and sealed at the first unlock
 * after the update. Every table is walked by primary key in batches; each batch is re-read and
 * re-written through the sealing connection in its own transaction, so a row the app changed
 * meanwhile is written as it now is, never as the walk saw it.
 *
 * The walk reads the stored rows through a second, plain connection (`sealing: 'off'`): only
 * there does a row still in clear show as such. It writes nothing.
 */
import { RelaisDb } from '../app-db';
import { tableSealer } from './sealing-middleware';

const BATCH = 200;

/** Seals every row still in clear; resolves with how many were sealed. Needs the key (unlocked). */
export async function sealPlainRows(db: RelaisDb): Promise<number> {
  db.keyring.key(); // DeviceLockedError now, before any walk, when locked.
  await db.open();
  const plain = new RelaisDb(db.name, { ...db.connectionOptions, sealing: 'off' });
  let sealed = 0;
  try {
    for (const table of db.tables) {
      const sealer = tableSealer(table.name, db.core.table(table.name).schema, db.keyring);
      let after: unknown;
      for (;;) {
        const source = plain.table(table.name);
        const batch = await (after === undefined ? source.orderBy(':id') : source.where(':id').above(after))
          .limit(BATCH)
          .toArray();
        if (batch.length === 0) break;
        const primaryKey = table.schema.primKey.keyPath as string;
        after = (batch[batch.length - 1] as Record<string, unknown>)[primaryKey];
        const keys = batch
          .filter((row) => sealer.isPlain(row))
          .map((row) => (row as Record<string, unknown>)[primaryKey]);
        if (keys.length === 0) continue;
        sealed += await db.transaction('rw', table, async () => {
          const rows = (await table.bulkGet(keys)).filter((row) => row !== undefined);
          await table.bulkPut(rows);
          return rows.length;
        });
      }
    }
  } finally {
    plain.close();
  }
  return sealed;
}
