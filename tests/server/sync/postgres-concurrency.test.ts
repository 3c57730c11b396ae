/**
 * Two server processes on one PostgreSQL (two apps, two PostgresStore pools on one schema):
 * concurrent pushes get unique sequence numbers in commit order, and a device pulling all along
 * misses nothing (I6; scenario 17).
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../../src/domain/sync/protocol';
import type { RelaisStore } from '../../../sync-server/src/stores/store';
import {
  chargeFields,
  DATABASE_URL,
  Device,
  makeWorld,
  newDevice,
  openApp,
  PASSWORD,
  postgresEngine,
  TestClock,
  WP_A,
} from './harness';

describe.skipIf(!DATABASE_URL)('two server processes on one PostgreSQL', () => {
  let storeA: RelaisStore;
  let storeB: RelaisStore;
  let appA: FastifyInstance;
  let appB: FastifyInstance;
  let destroy: () => Promise<void>;
  const clock = new TestClock();
  /** Makes server A hold its push transaction open after its first mutation. */
  let holdA: Promise<void> | undefined;
  /** Called when server A reaches that hold: its transaction is open, its backend idle in it. */
  let onHoldA: () => void = () => {};
  /** Resolves the next time server A holds its push transaction open. */
  const nextHoldA = () =>
    new Promise<void>((resolve) => {
      onHoldA = resolve;
    });

  /**
   * Server A's sessions are named, so the test kills only them: every file's PostgreSQL tests share
   * one database, and another file's transaction may be "idle in transaction" at that moment.
   */
  const appNameA = `relais_a_${process.pid}_${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    const made = await postgresEngine.make();
    storeA = made.open(appNameA);
    storeB = made.store;
    destroy = made.destroy;
    appA = await openApp(storeA, clock, {
      sync: {
        afterMutation: async (index) => {
          if (index === 0 && holdA !== undefined) {
            onHoldA();
            await holdA;
          }
        },
      },
    });
    appB = await openApp(storeB, clock);
  });
  /** The world is made once; later tests log in again. */
  async function loginAgain() {
    const response = await appA.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'couns-a', password: PASSWORD, deviceId: `dev-${Date.now()}` },
    });
    const body = response.json() as { token: string; user: { id: string } };
    return {
      username: 'couns-a',
      userId: body.user.id,
      role: 'counsellor' as const,
      token: body.token,
      deviceId: 'x',
    };
  }

  afterAll(async () => {
    await appA.close();
    await appB.close();
    await destroy();
  });

  it('[PUSH9] scenario 14 on PostgreSQL: the backend killed inside the push transaction leaves nothing; the retry applies once', async () => {
    const world = await makeWorld(appA).catch(() => undefined);
    const account = world?.counsellorA ?? (await loginAgain());
    const device = new Device(appA, await newDevice(appA, account), clock);
    const h = device.createHousehold(WP_A);
    const batch = [
      h,
      device.create('charge', h.entityId, chargeFields(1)),
      device.create('charge', h.entityId, chargeFields(2)),
    ];
    let release: () => void = () => {};
    holdA = new Promise<void>((resolve) => {
      release = resolve;
    });
    const held = nextHoldA();
    const pending = device.pushRaw(batch);
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    try {
      // The mutation's query has answered, so its backend already reports 'idle in transaction'.
      await held;
      const r = await admin.query(
        `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
         WHERE datname = current_database() AND state = 'idle in transaction' AND application_name = $1`,
        [appNameA],
      );
      expect(r.rowCount).toBeGreaterThan(0);
    } finally {
      await admin.end();
      release();
    }
    const crashed = await pending;
    holdA = undefined;
    expect(crashed.statusCode).toBe(503);
    expect(await storeB.transaction((tx) => tx.getRows([h.entityId]))).toEqual([]);
    const retried = await device.push(batch);
    expect(retried.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect(await storeB.transaction((tx) => tx.countApplied(device.deviceId))).toBe(3);
  });

  it('[PULL8] scenario 17: concurrent pushes through two processes are sequenced in commit order; a puller never skips one', async () => {
    const world = await makeWorld(appA).catch(() => undefined);
    const counsellor = world?.counsellorA ?? (await loginAgain());
    // Each device pushes through both servers alternately (same store, other process).
    const writers = await Promise.all(
      Array.from({ length: 4 }, async () => new Device(appA, await newDevice(appA, counsellor), clock)),
    );
    const readerAccount = await newDevice(appA, counsellor);
    const readers = [new Device(appA, readerAccount, clock), new Device(appB, readerAccount, clock)];
    const h = writers[0]?.createHousehold(WP_A);
    if (h === undefined || writers[0] === undefined) throw new Error('setup');
    const before = await storeB.transaction((tx) => tx.getCounter('change_seq'));
    await writers[0].push([h]);

    const seen = new Map<string, number>();
    let cursor: string | null = null;
    let pulling = true;
    const puller = (async () => {
      let turn = 0;
      while (pulling) {
        const reader = readers[turn % 2];
        turn += 1;
        if (reader === undefined) break;
        const page: PullResponse = await reader.pull(cursor, 50);
        for (const change of page.changes) {
          if (change.row.householdId === h.entityId) seen.set(change.row.id, change.seq);
        }
        cursor = page.nextCursor;
      }
    })();

    const ROUNDS = 60;
    const expected = new Set<string>([h.entityId]);
    for (let round = 0; round < ROUNDS; round += 1) {
      // Server A holds its transaction open while server B pushes: B must wait for A's commit.
      let release: () => void = () => {};
      holdA = new Promise<void>((resolve) => {
        release = resolve;
      });
      const held = nextHoldA();
      const pushes = writers.map((writer, i) => {
        const batch = Array.from({ length: 3 }, () =>
          writer.create('charge', h.entityId, chargeFields(round * 10 + i)),
        );
        for (const m of batch) expected.add(m.entityId);
        const device = i % 2 === round % 2 ? writer : new Device(appB, writer.account, clock);
        if (device !== writer) device.seq = writer.seq - 3;
        return device.push(batch);
      });
      // Once A holds its transaction, B's pushes get a moment to queue behind its lock. Not a
      // wait before asserting: the assertions wait for every push, however they interleaved.
      void held.then(() => setTimeout(release, 5));
      const results = await Promise.all(pushes);
      expect(results.every((r) => r.results.every((x) => x.status === 'applied'))).toBe(true);
    }
    holdA = undefined;
    pulling = false;
    await puller;
    // Drain what the puller had not reached yet, from its cursor (never from the start).
    for (;;) {
      const page: PullResponse | undefined = await readers[0]?.pull(cursor, 500);
      if (page === undefined) break;
      for (const change of page.changes) {
        if (change.row.householdId === h.entityId) seen.set(change.row.id, change.seq);
      }
      cursor = page.nextCursor;
      if (!page.hasMore) break;
    }
    expect(new Set(seen.keys())).toEqual(expected);
    const seqs = [...seen.values()];
    expect(new Set(seqs).size).toBe(seqs.length);
    const counter = await storeB.transaction((tx) => tx.getCounter('change_seq'));
    expect(counter).toBe(before + 1 + ROUNDS * writers.length * 3);
    expect(Math.max(...seqs)).toBe(counter);
  }, 30_000);
});
