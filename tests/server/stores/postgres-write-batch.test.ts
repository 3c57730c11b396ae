import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../../sync-server/src/stores/postgres-store';
import { type SendQuery, WriteBatch } from '../../../sync-server/src/stores/postgres-write-batch';
import type { AppliedRecord, StoredRow } from '../../../sync-server/src/stores/records';
import { APPLIED_MUTATIONS, SYNC_ROWS } from '../../../sync-server/src/stores/row-mappers';
import { UPSERT_ROW } from '../../../sync-server/src/stores/rows-tx';
import { DATABASE_URL } from '../../support/database-url';

// ADR 0029: PostgreSQL sends a push's one-row inserts as one statement per table.

const row = (id: string, seq: number, amountCents: number): StoredRow => ({
  entity: 'charge',
  id,
  householdId: 'h1',
  version: seq,
  seq,
  deleted: false,
  data: { amountCents },
  fieldMeta: {},
  updatedHlc: `hlc-${seq}`,
});

const applied = (seq: number): AppliedRecord => ({
  deviceId: 'd1',
  seq,
  mutationId: `m${seq}`,
  userId: 'u1',
  payload: { seq },
  result: { status: 'applied' },
  appliedAt: 1,
});

function recorder(): { send: SendQuery; sent: { name?: string; rows: Record<string, unknown>[] }[] } {
  const sent: { name?: string; rows: Record<string, unknown>[] }[] = [];
  const send: SendQuery = async (query) => {
    sent.push({
      ...(query.name === undefined ? {} : { name: query.name }),
      rows: JSON.parse(String(query.values[0])),
    });
  };
  return { send, sent };
}

describe('WriteBatch (ADR 0029)', () => {
  it('holds interleaved row and push-log inserts and sends one statement per table, in arrival order', async () => {
    const { send, sent } = recorder();
    const batch = new WriteBatch(send);
    for (let seq = 1; seq <= 3; seq += 1) {
      expect(await batch.hold(UPSERT_ROW, SYNC_ROWS.values(row(`c${seq}`, seq, seq * 100)))).toBe(true);
      expect(await batch.hold(APPLIED_MUTATIONS.insert, APPLIED_MUTATIONS.values(applied(seq)))).toBe(true);
    }
    expect(sent).toEqual([]);
    await batch.flush();
    expect(sent.map((s) => s.name)).toEqual(['relais_upsert_rows', 'relais_insert_applied']);
    expect(sent[0]?.rows.map((r) => r.id)).toEqual(['c1', 'c2', 'c3']);
    expect(sent[1]?.rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    await batch.flush();
    expect(sent).toHaveLength(2);
  });

  it('sends the held writes before a second upsert of the same row, so the later one wins', async () => {
    const { send, sent } = recorder();
    const batch = new WriteBatch(send);
    await batch.hold(UPSERT_ROW, SYNC_ROWS.values(row('c1', 1, 100)));
    await batch.hold(UPSERT_ROW, SYNC_ROWS.values(row('c2', 2, 200)));
    await batch.hold(UPSERT_ROW, SYNC_ROWS.values(row('c1', 3, 300)));
    await batch.flush();
    expect(sent.map((s) => s.rows.map((r) => `${r.id}@${r.seq}`))).toEqual([['c1@1', 'c2@2'], ['c1@3']]);
  });

  it('holds nothing else: any other statement is sent on its own', async () => {
    const batch = new WriteBatch(recorder().send);
    expect(
      await batch.hold('UPDATE sync_rows SET seq = $3 WHERE entity = $1 AND id = $2', ['a', 'b', 1]),
    ).toBe(false);
  });
});

const databaseUrl = DATABASE_URL;

describe.skipIf(!databaseUrl)('PostgresStore with held writes', () => {
  const schema = `relais_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const store = new PostgresStore({ connectionString: databaseUrl ?? '', schema });
  afterAll(async () => {
    await store.close();
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });

  it('reads its own held writes, keeps the later of two upserts of a row, and fails the whole transaction on a bad one', async () => {
    await store.migrate();
    const seen = await store.transaction(async (tx) => {
      await tx.upsertRow(row('c1', 1, 100));
      await tx.upsertRow(row('c2', 2, 200));
      await tx.upsertRow(row('c1', 3, 300));
      await tx.insertApplied(applied(1));
      return (await tx.getRows(['c1', 'c2'])).map((r) => `${r.id}@${r.seq}:${String(r.data.amountCents)}`);
    });
    expect(seen.sort()).toEqual(['c1@3:300', 'c2@2:200']);
    // The same (device, seq) again: refused when sent, and c3 written before it is rolled back.
    await expect(
      store.transaction(async (tx) => {
        await tx.upsertRow(row('c3', 4, 400));
        await tx.insertApplied(applied(1));
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await store.transaction((tx) => tx.getRows(['c3']))).toEqual([]);
    expect(await store.transaction((tx) => tx.countApplied('d1'))).toBe(1);
  });
});
