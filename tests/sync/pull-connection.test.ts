// @vitest-environment node
/**
 * ADR 0008: pull pages are written through a second, relaxed-durability connection to the
 * device database (`openPullConnection`), while every local write stays strict on the main one.
 * - what a pull writes through the twin is seen by the main connection's reads and live
 *   queries (the UI observes the main connection only);
 * - a page whose transaction aborts leaves the cursor and the rows as they were [PULL2], and
 *   the next run pulls it again;
 * - the durability each connection actually asks IndexedDB for: relaxed for pull pages only,
 *   strict for local writes, push responses, meta and sessions;
 * - [PULL12] pages written in a pipeline: page n+1's transaction is created while page n's runs,
 *   they commit in order, and a page queued behind a failed one is dropped.
 */
import type { DBCore, DBCoreTable, Middleware } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPullConnection, RelaisDb } from '../../src/db/app-db';
import { observeQuery } from '../../src/db/live-query';
import { DossierRepository } from '../../src/db/repository';
import { applyPullPage, PullOutOfOrderError } from '../../src/db/sync-apply/pull-apply';
import type { PullResponse } from '../../src/domain/sync/protocol';
import { SessionStore } from '../../src/sync/session-store';
import { SyncClient } from '../../src/sync/sync-client';
import {
  applicantFields,
  bytesFrom,
  capturingClient,
  type Device,
  householdFields,
  makeDevice,
  PASSWORD,
  prng,
  rentFields,
  TestServer,
} from './helpers';

interface Probe {
  /** Durability and stores of every read-write transaction opened, in order. */
  readWrites: { durability: string; stores: string[] }[];
}

/** Records the durability IndexedDB reports for each read-write transaction of `db`. */
function probeDurability(db: RelaisDb): Probe {
  const probe: Probe = { readWrites: [] };
  const middleware: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'durability-probe',
    create: (down) => ({
      ...down,
      transaction(stores, mode, options) {
        const tx = down.transaction(stores, mode, options) as unknown as IDBTransaction;
        if (mode === 'readwrite') probe.readWrites.push({ durability: tx.durability, stores: [...stores] });
        return tx as never;
      },
    }),
  };
  db.use(middleware);
  return probe;
}

/** Makes every write of the pull cursor on `db` fail, which aborts the page's transaction. */
function failCursorWrites(db: RelaisDb): { enabled: boolean } {
  const switch_ = { enabled: true };
  db.use({
    stack: 'dbcore',
    name: 'fail-cursor',
    create: (down) => ({
      ...down,
      table(name): DBCoreTable {
        const table = down.table(name);
        if (name !== 'meta') return table;
        return {
          ...table,
          mutate(req) {
            const writesCursor =
              req.type === 'put' && req.values.some((v) => (v as { key?: string }).key === 'pullCursor');
            if (switch_.enabled && writesCursor) return Promise.reject(new Error('disk full (test)'));
            return table.mutate(req);
          },
        };
      },
    }),
  });
  return switch_;
}

let counter = 0;

describe('ADR 0008: pull pages through a relaxed-durability connection', () => {
  let server: TestServer;
  let author: Device;
  const dbs: RelaisDb[] = [];

  beforeEach(async () => {
    server = await TestServer.start();
    await server.makeWorld();
    author = await makeDevice(server, 'author');
    for (let i = 0; i < 3; i += 1) {
      const { household } = await author.repository.createHousehold(householdFields(), [applicantFields()]);
      await author.repository.addRow('charge', household.id, rentFields(40_000 + i));
    }
    await author.client.sync();
  });
  afterEach(async () => {
    author.db.close();
    for (const db of dbs.splice(0)) db.close();
    await server.close();
  });

  /** A fresh device: main (strict) connection, its pull twin, a repository and a client. */
  async function freshDevice(pullLimit?: number) {
    counter += 1;
    const random = prng(900 + counter);
    const db = new RelaisDb(`pull-connection-${counter}-${Math.random().toString(36).slice(2)}`);
    const pullDb = openPullConnection(db);
    dbs.push(db, pullDb);
    const mainProbe = probeDurability(db);
    const pullProbe = probeDurability(pullDb);
    const sessions = new SessionStore(db);
    await sessions.load();
    const client = new SyncClient({
      db,
      pullDb,
      sessions,
      fetch: server.fetch,
      appVersion: '1.0.0',
      now: server.clock.now,
      randomBytes: bytesFrom(random),
      ...(pullLimit === undefined ? {} : { pullLimit, initialPullLimit: pullLimit }),
    });
    const repository = new DossierRepository(db, {
      now: server.clock.now,
      randomBytes: bytesFrom(random),
      currentUserId: () => client.currentUserId(),
      appVersion: '1.0.0',
    });
    await client.login('admin', PASSWORD);
    return { db, pullDb, client, repository, mainProbe, pullProbe };
  }

  it('is a second connection to the same database, at the same schema version', async () => {
    const { db, pullDb } = await freshDevice();
    expect(pullDb.name).toBe(db.name);
    expect(pullDb).not.toBe(db);
    await pullDb.open();
    expect(pullDb.verno).toBe(db.verno);
  });

  it('refuses a pull connection to another database', async () => {
    const { db, pullDb } = await freshDevice();
    const other = new RelaisDb(`${db.name}-other`);
    dbs.push(other);
    const sessions = new SessionStore(db);
    const base = { db, sessions, fetch: server.fetch, appVersion: '1.0.0' };
    expect(() => new SyncClient({ ...base, pullDb })).not.toThrow();
    expect(() => new SyncClient({ ...base, pullDb: other })).toThrow(/same database/);
  });

  it("the main connection's reads and live queries see the rows a pull writes through the twin", async () => {
    const { db, client } = await freshDevice();
    const seen: number[][] = [];
    let resolveFull: () => void = () => undefined;
    const full = new Promise<void>((resolve) => {
      resolveFull = resolve;
    });
    const stop = observeQuery(
      async () => [await db.households.count(), await db.charges.count(), await db.members.count()],
      (value) => {
        seen.push(value);
        if (value[0] === 3 && value[1] === 3 && value[2] === 3) resolveFull();
      },
      (error) => {
        throw error;
      },
    );
    try {
      // The live query has delivered its first (empty) value before the pull starts.
      // 5 s as the screens wait (tests/setup-dom.ts), not expect.poll's 1 s default.
      await expect.poll(() => seen.length, { timeout: 5_000 }).toBeGreaterThan(0);
      expect(seen[0]).toEqual([0, 0, 0]);
      await client.sync();
      expect([await db.households.count(), await db.charges.count()]).toEqual([3, 3]);
      await Promise.race([
        full,
        new Promise((_, reject) => setTimeout(() => reject(new Error('live query not notified')), 5_000)),
      ]);
      expect(seen.at(-1)).toEqual([3, 3, 3]);
    } finally {
      stop();
    }
  });

  it('[PULL2] a page whose transaction aborts leaves the cursor and the rows unchanged; the next run pulls it', async () => {
    const { db, pullDb, client } = await freshDevice(4);
    const failing = failCursorWrites(pullDb);
    let pages = 0;
    // Let the first page through, fail the second.
    failing.enabled = false;
    const stopAfterFirst = client.sync((progress) => {
      pages = progress.pages;
      if (pages === 1) failing.enabled = true;
    });
    await expect(stopAfterFirst).rejects.toThrow();
    expect(pages).toBe(1);
    const cursorAfterFirst = (await db.meta.get('pullCursor'))?.value;
    expect(typeof cursorAfterFirst).toBe('string');
    const rowsAfterFirst =
      (await db.households.count()) + (await db.members.count()) + (await db.charges.count());
    expect(rowsAfterFirst).toBe(4);

    // The failed page left nothing behind: same cursor, same rows.
    await expect(client.sync()).rejects.toThrow();
    expect((await db.meta.get('pullCursor'))?.value).toBe(cursorAfterFirst);
    expect((await db.households.count()) + (await db.members.count()) + (await db.charges.count())).toBe(4);

    failing.enabled = false;
    const report = await client.sync();
    expect(report.pulled).toBe(5);
    expect([await db.households.count(), await db.members.count(), await db.charges.count()]).toEqual([
      3, 3, 3,
    ]);
  });

  it('only pull pages commit relaxed: local writes, push responses and meta stay strict', async () => {
    const { db, client, repository, mainProbe, pullProbe } = await freshDevice();
    await client.sync();
    const { household } = await repository.createHousehold(householdFields(), [applicantFields()]);
    await repository.addRow('charge', household.id, rentFields(41_000));
    await client.sync();

    const pullWrites = pullProbe.readWrites;
    expect(pullWrites.length).toBeGreaterThanOrEqual(2); // one page per run at least
    for (const tx of pullWrites) expect(tx.durability).toBe('relaxed');

    const mainWrites = mainProbe.readWrites;
    // Session and device id, the two local writes with their outbox entries, push responses...
    expect(mainWrites.length).toBeGreaterThanOrEqual(4);
    for (const tx of mainWrites) expect(tx.durability).toBe('strict');
    const outboxWrites = mainWrites.filter((tx) => tx.stores.includes('outbox'));
    expect(outboxWrites.length).toBeGreaterThanOrEqual(2);
    expect(await db.outbox.count()).toBe(0);
  });
});

/** Creation and completion of each read-write transaction of `db`, in the order they happened. */
function probeTransactionOrder(db: RelaisDb): string[] {
  const events: string[] = [];
  let created = 0;
  db.use({
    stack: 'dbcore',
    name: 'order-probe',
    create: (down) => ({
      ...down,
      transaction(stores, mode, options) {
        const tx = down.transaction(stores, mode, options) as unknown as IDBTransaction;
        if (mode === 'readwrite') {
          created += 1;
          const n = created;
          events.push(`create ${n}`);
          tx.addEventListener('complete', () => events.push(`complete ${n}`));
          tx.addEventListener('abort', () => events.push(`abort ${n}`));
        }
        return tx as never;
      },
    }),
  });
  return events;
}

describe('[PULL12] pull pages written in a pipeline', () => {
  let server: TestServer;
  const dbs: RelaisDb[] = [];

  beforeEach(async () => {
    server = await TestServer.start();
    await server.makeWorld();
    const author = await makeDevice(server, 'pipeline-author');
    for (let i = 0; i < 6; i += 1) {
      const { household } = await author.repository.createHousehold(householdFields(), [applicantFields()]);
      await author.repository.addRow('charge', household.id, rentFields(40_000 + i));
    }
    await author.client.sync();
    author.db.close();
  });
  afterEach(async () => {
    for (const db of dbs.splice(0)) db.close();
    await server.close();
  });

  function freshDb(): RelaisDb {
    counter += 1;
    const db = new RelaisDb(`pull-pipeline-${counter}-${Math.random().toString(36).slice(2)}`);
    dbs.push(db);
    return db;
  }

  /** The pages a new device pulls, `limit` changes each, as the server sent them. */
  async function pagesOf(limit: number): Promise<PullResponse[]> {
    const { client, pages } = await capturingClient(server, freshDb(), {
      pullLimit: limit,
      initialPullLimit: limit,
    });
    await client.sync();
    return pages;
  }

  async function rowCount(db: RelaisDb): Promise<number> {
    return (await db.households.count()) + (await db.members.count()) + (await db.charges.count());
  }

  it("creates a page's transaction before the previous page has committed, and ends with every row", async () => {
    const db = freshDb();
    const pullDb = openPullConnection(db);
    dbs.push(pullDb);
    const events = probeTransactionOrder(pullDb);
    const sessions = new SessionStore(db);
    await sessions.load();
    const client = new SyncClient({
      db,
      pullDb,
      sessions,
      fetch: server.fetch,
      appVersion: '1.0.0',
      now: server.clock.now,
      pullLimit: 2,
      initialPullLimit: 2,
    });
    await client.login('admin', PASSWORD);
    const report = await client.sync();
    expect(report.pulled).toBe(18);
    expect(await rowCount(db)).toBe(18);
    // Nine pages, each committed in the order it was created.
    const completes = events.filter((e) => e.startsWith('complete'));
    expect(completes).toEqual(Array.from({ length: 9 }, (_, i) => `complete ${i + 1}`));
    // At least once, page n+1's transaction existed (its rows queued) while page n was running.
    const overlaps = completes.filter(
      (_, i) =>
        events.indexOf(`create ${i + 2}`) !== -1 &&
        events.indexOf(`create ${i + 2}`) < events.indexOf(`complete ${i + 1}`),
    );
    expect(overlaps.length).toBeGreaterThan(0);
  });

  it('applies a page only after the page it follows: queued behind a failed page, it is dropped', async () => {
    const [first, second] = await pagesOf(4);
    if (first === undefined || second === undefined) throw new Error('expected two pages');
    const db = freshDb();
    const failing = failCursorWrites(db);

    // Both transactions created at once, as the pipeline does; the first fails to commit.
    const applyFirst = applyPullPage(db, first, server.clock.now(), { fromCursor: null });
    const applySecond = applyPullPage(db, second, server.clock.now(), { fromCursor: first.nextCursor });
    await expect(applyFirst).rejects.toThrow('disk full (test)');
    await expect(applySecond).rejects.toBeInstanceOf(PullOutOfOrderError);
    expect(await rowCount(db)).toBe(0);
    expect(await db.meta.get('pullCursor')).toBeUndefined();

    // Without the fault, the same two transactions commit in order.
    failing.enabled = false;
    await Promise.all([
      applyPullPage(db, first, server.clock.now(), { fromCursor: null }),
      applyPullPage(db, second, server.clock.now(), { fromCursor: first.nextCursor }),
    ]);
    expect(await rowCount(db)).toBe(8);
    expect((await db.meta.get('pullCursor'))?.value).toBe(second.nextCursor);
  });

  it('refuses a page that does not follow the stored cursor, and writes none of its rows', async () => {
    const [, second] = await pagesOf(4);
    if (second === undefined) throw new Error('expected two pages');
    const db = freshDb();
    await expect(
      applyPullPage(db, second, server.clock.now(), { fromCursor: 'c1.1.4' }),
    ).rejects.toBeInstanceOf(PullOutOfOrderError);
    expect(await rowCount(db)).toBe(0);
  });
});
