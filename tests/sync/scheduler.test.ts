// @vitest-environment node
/**
 * The scheduler (one pusher across tabs, triggers, back-off) and the multi-tab scenarios 5 and 6
 * of sync-design §10.2 against the real app.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RelaisDb } from '../../src/db/app-db';
import { DataKeyring } from '../../src/db/crypto/data-keyring';
import { DossierRepository } from '../../src/db/repository';
import { SessionStore } from '../../src/sync/session-store';
import { SyncClient } from '../../src/sync/sync-client';
import { SyncError } from '../../src/sync/sync-errors';
import {
  backoffDelay,
  type LockManagerLike,
  type SchedulerEnv,
  SYNC_LOCK_NAME,
  SyncScheduler,
} from '../../src/sync/sync-scheduler';
import {
  applicantFields,
  type Device,
  householdFields,
  makeDevice,
  rentFields,
  serverView,
  TestServer,
} from './helpers';

/** An exclusive lock manager shared by "tabs", recording the maximum concurrency seen. */
class FakeLocks implements LockManagerLike {
  private chain: Promise<unknown> = Promise.resolve();
  active = 0;
  maxActive = 0;
  names: string[] = [];
  request(name: string, callback: () => Promise<unknown>): Promise<unknown> {
    this.names.push(name);
    const run = this.chain.then(async () => {
      this.active += 1;
      this.maxActive = Math.max(this.maxActive, this.active);
      try {
        return await callback();
      } finally {
        this.active -= 1;
      }
    });
    this.chain = run.catch(() => undefined);
    return run;
  }
}

/** Timers the test fires by hand. */
class ManualTimers {
  timers: { id: number; ms: number; fn: () => void }[] = [];
  private next = 1;
  env(overrides: Partial<SchedulerEnv> = {}): SchedulerEnv {
    return {
      isOnline: () => true,
      isVisible: () => true,
      onWake: () => () => undefined,
      setTimeout: (fn, ms) => {
        const id = this.next++;
        this.timers.push({ id, ms, fn });
        return id;
      },
      clearTimeout: (id) => {
        this.timers = this.timers.filter((t) => t.id !== id);
      },
      random: () => 0.5,
      ...overrides,
    };
  }
  /**
   * Fires every timer due within `maxMs` (periodic timers excluded by a large delay), then waits
   * for the run they started to end.
   */
  async fire(scheduler: SyncScheduler, maxMs = 60_000): Promise<number[]> {
    const due = this.timers.filter((t) => t.ms <= maxMs);
    this.timers = this.timers.filter((t) => t.ms > maxMs);
    for (const t of due) t.fn();
    await scheduler.timerRunEnded();
    return due.map((t) => t.ms);
  }
}

describe('sync scheduler', () => {
  it('backs off exponentially with jitter, capped, and never gives up', () => {
    const half = () => 0.5;
    expect(backoffDelay(1, 2000, 300_000, half)).toBe(1500);
    expect(backoffDelay(2, 2000, 300_000, half)).toBe(3000);
    expect(backoffDelay(5, 2000, 300_000, half)).toBe(24_000);
    expect(backoffDelay(30, 2000, 300_000, half)).toBe(225_000);
    expect(backoffDelay(3, 2000, 300_000, () => 0)).toBe(4000);
    expect(backoffDelay(3, 2000, 300_000, () => 0.999999)).toBe(8000);
  });

  it('runs at start under the relais-sync Web Lock, retries failures with growing delays, resets on success', async () => {
    const timers = new ManualTimers();
    const locks = new FakeLocks();
    let calls = 0;
    const outcomes: string[] = [];
    const scheduler = new SyncScheduler(
      async () => {
        calls += 1;
        if (calls <= 3) throw new SyncError('offline', 'down');
      },
      timers.env({ locks }),
      { baseDelayMs: 1000, periodicMs: 10 * 60_000 },
      { onRunEnd: (o) => outcomes.push(o.ok ? 'ok' : `retry ${o.retryInMs}`) },
    );
    scheduler.start();
    await timers.fire(scheduler);
    expect(locks.names).toEqual([SYNC_LOCK_NAME]);
    await timers.fire(scheduler);
    await timers.fire(scheduler);
    await timers.fire(scheduler);
    expect(outcomes).toEqual(['retry 750', 'retry 1500', 'retry 3000', 'ok']);
    expect(scheduler.consecutiveFailures).toBe(0);
    scheduler.stop();
  });

  it('does not retry by itself an error that needs the person (signed out)', async () => {
    const timers = new ManualTimers();
    const outcomes: (number | null)[] = [];
    const scheduler = new SyncScheduler(
      async () => {
        throw new SyncError('unauthorized', 'expired');
      },
      timers.env(),
      { periodicMs: 10 * 60_000 },
      { onRunEnd: (o) => outcomes.push(o.ok ? 0 : o.retryInMs) },
    );
    scheduler.start();
    await timers.fire(scheduler);
    expect(outcomes).toEqual([null]);
    expect(timers.timers.filter((t) => t.ms < 60_000)).toEqual([]);
    scheduler.stop();
  });

  it('debounces local changes and wakes on online/visible', async () => {
    const timers = new ManualTimers();
    let wake: ((t: 'online' | 'visible') => void) | undefined;
    let calls = 0;
    const scheduler = new SyncScheduler(
      async () => {
        calls += 1;
      },
      timers.env({
        onWake: (listener) => {
          wake = listener;
          return () => undefined;
        },
      }),
      { debounceMs: 1500, periodicMs: 10 * 60_000 },
    );
    scheduler.start();
    await timers.fire(scheduler);
    expect(calls).toBe(1);
    scheduler.trigger('local-change');
    scheduler.trigger('local-change');
    scheduler.trigger('local-change');
    expect(timers.timers.filter((t) => t.ms === 1500)).toHaveLength(1);
    await timers.fire(scheduler);
    expect(calls).toBe(2);
    wake?.('online');
    await timers.fire(scheduler);
    expect(calls).toBe(3);
    scheduler.stop();
  });

  it('works without the Web Locks API: runs of one tab never overlap', async () => {
    const timers = new ManualTimers();
    let active = 0;
    let maxActive = 0;
    // Each run stays open until the three were asked for: overlapping runs would all be inside.
    let allAsked: () => void = () => {};
    const asked = new Promise<void>((resolve) => {
      allAsked = resolve;
    });
    const scheduler = new SyncScheduler(
      async () => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        await asked;
        active -= 1;
      },
      timers.env({ locks: undefined }),
      { periodicMs: 10 * 60_000 },
    );
    const runs = [scheduler.runNow(), scheduler.runNow(), scheduler.runNow()];
    allAsked();
    await Promise.all(runs);
    expect(maxActive).toBe(1);
  });
});

describe('two tabs (scenarios 5 and 6)', () => {
  let server: TestServer;
  let tabA: Device;
  beforeEach(async () => {
    server = await TestServer.start();
    await server.makeWorld();
    tabA = await makeDevice(server, 'tab-a');
  });
  afterEach(async () => {
    tabA.db.close();
    await server.close();
  });

  function secondTab(): { db: RelaisDb; repository: DossierRepository; client: SyncClient } {
    // Another tab of the same device, unlocked with the same PIN: the same data key (ENC1).
    const db = new RelaisDb(tabA.db.name, { keyring: new DataKeyring(tabA.db.keyring.key()) });
    const sessions = new SessionStore(db);
    const client = new SyncClient({ db, sessions, fetch: server.fetch, appVersion: '1.0.0' });
    const repository = new DossierRepository(db, { currentUserId: () => client.currentUserId() });
    return { db, repository, client };
  }

  it('scenario 5 [PUSH1][PUSH3]: two tabs edit and sync; seqs are distinct and gapless, one pusher at a time, each applied once', async () => {
    const tabB = secondTab();
    await tabB.client.sessions.load();
    const locks = new FakeLocks();
    const timers = new ManualTimers();
    const schedulerA = new SyncScheduler(() => tabA.client.sync(), timers.env({ locks }), { periodicMs: 0 });
    const schedulerB = new SyncScheduler(() => tabB.client.sync(), timers.env({ locks }), { periodicMs: 0 });
    const { household } = await tabA.repository.createHousehold(householdFields(), [applicantFields()]);
    const writes: Promise<unknown>[] = [];
    for (let i = 0; i < 5; i += 1) {
      writes.push(tabA.repository.addRow('charge', household.id, rentFields(40_000 + i)));
      writes.push(tabB.repository.addRow('charge', household.id, rentFields(50_000 + i)));
    }
    await Promise.all(writes);
    const seqs = (await tabA.db.outbox.toArray()).map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    await Promise.all([schedulerA.runNow(), schedulerB.runNow(), schedulerA.runNow()]);
    expect(locks.maxActive).toBe(1);
    expect(await tabA.db.outbox.count()).toBe(0);
    const view = await serverView(server);
    expect(view.charge).toHaveLength(10);
    expect(view.charge?.every((c) => c.version === 1)).toBe(true);
    tabB.db.close();
  });

  it('scenario 6 [PUSH3]: the pushing tab closes after the request left; the other tab re-pushes the same seqs, no duplicates', async () => {
    const { household } = await tabA.repository.createHousehold(householdFields(), [applicantFields()]);
    await tabA.repository.addRow('charge', household.id, rentFields());
    tabA.transport.faults.dropResponse = 1; // the tab is gone before the answer arrives
    await expect(tabA.client.sync()).rejects.toBeInstanceOf(SyncError);
    const tabB = secondTab();
    await tabB.client.sessions.load();
    const report = await tabB.client.sync();
    expect(report.pushed).toBe(3);
    expect(await tabB.db.outbox.count()).toBe(0);
    const view = await serverView(server);
    expect(view.charge).toHaveLength(1);
    expect(view.charge?.[0]?.version).toBe(1);
    tabB.db.close();
  });
});
