/**
 * Seeded simulation against the real Fastify app: several devices, each a minimal model of the
 * device client (local rows, outbox, sent-log, pull cursor, rebase of pending edits on pulled
 * rows), make random offline edits and sync through a faulty transport (lost requests, lost
 * responses, duplicated and reordered batches, crashes inside the push transaction, lost pull
 * pages). At quiescence every device must equal the server (I8), every mutation must be applied
 * exactly once (I3), and every open conflict must be on a review field. A failure names its seed.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 as prng } from '../../../src/domain/seeded-random';
import { fieldClass } from '../../../src/domain/sync/field-classes';
import type { Mutation } from '../../../src/domain/sync/mutation';
import { encodeCursor } from '../../../src/domain/sync/protocol';
import type { RelaisStore } from '../../../sync-server/src/stores/store';
import {
  chargeFields,
  Device,
  ENGINES,
  makeWorld,
  newDevice,
  openApp,
  TestClock,
  type World,
  WP_A,
} from './harness';

const SEEDS = Number(process.env.SYNC_SIM_SEEDS ?? 12);
const STEPS = 60;

/** JSON with sorted keys, for comparing rows whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

type Row = Record<string, unknown> & {
  id: string;
  householdId: string;
  version: number;
  fieldVersions: Record<string, number>;
};

/** What the device client does, reduced to what the protocol needs. */
class SimDevice {
  readonly rows = new Map<string, Row>();
  outbox: Mutation[] = [];
  acked = 0;
  cursor: string | null = null;

  constructor(
    readonly device: Device,
    readonly random: () => number,
    readonly trace: string[],
  ) {}

  get name(): string {
    return this.device.deviceId.slice(0, 12);
  }

  /** Optimistic local write plus an outbox entry. */
  record(m: Mutation): void {
    const key = `${m.entity}:${m.entityId}`;
    const row = this.rows.get(key) ?? {
      id: m.entityId,
      householdId: m.householdId,
      version: 0,
      fieldVersions: {},
      deleted: false,
    };
    this.rows.set(key, this.applyPatch(row, m.patch));
    this.outbox.push(m);
  }

  applyPatch(row: Row, patch: Record<string, unknown>): Row {
    const next: Row = { ...row };
    for (const [field, value] of Object.entries(patch)) {
      if (value === null) delete next[field];
      else next[field] = value;
    }
    return next;
  }

  pick<T>(items: readonly T[]): T | undefined {
    return items[Math.floor(this.random() * items.length)];
  }

  editSomething(): void {
    const charges = [...this.rows.entries()].filter(([k, r]) => k.startsWith('charge:') && r.version > 0);
    const entry = this.pick(charges);
    if (entry === undefined) return;
    const [, row] = entry;
    const roll = this.random();
    if (roll < 0.1 && row.deleted !== true) {
      this.record(this.device.remove('charge', row));
      this.trace.push(`${this.name} delete ${row.id.slice(0, 8)}`);
      return;
    }
    const field = this.pick(['amountCents', 'label', 'hasProof'] as const) ?? 'label';
    const value =
      field === 'amountCents'
        ? 40_000 + Math.floor(this.random() * 20) * 500
        : field === 'label'
          ? `l${Math.floor(this.random() * 5)}`
          : this.random() < 0.5;
    this.record(this.device.patch('charge', row, { [field]: value }));
    this.trace.push(`${this.name} set ${row.id.slice(0, 8)}.${field}=${String(value)} on v${row.version}`);
  }

  createCharge(householdId: string): void {
    this.record(this.device.create('charge', householdId, chargeFields(30_000)));
    this.trace.push(`${this.name} create charge`);
  }

  /** Pushes the outbox through a faulty transport until everything is acknowledged. */
  async push(faults: { crash: (on: boolean) => void }): Promise<void> {
    for (let attempt = 0; this.outbox.length > 0; attempt += 1) {
      if (attempt > 200) throw new Error(`${this.name}: push makes no progress`);
      const batch = this.outbox.slice(0, 1 + Math.floor(this.random() * 8));
      const fate = this.random();
      if (fate < 0.1) {
        this.trace.push(`${this.name} push lost`);
        continue;
      }
      if (fate < 0.15 && this.outbox.length > batch.length) {
        // Reordered: a later batch arrives first.
        const later = this.outbox.slice(batch.length, batch.length + 3);
        const r = await this.device.push(later);
        this.trace.push(`${this.name} push reordered → ack ${r.ackSeq} expected ${r.expectedSeq}`);
        this.ack(r.ackSeq);
        continue;
      }
      if (fate < 0.2) {
        faults.crash(true);
        const r = await this.device.pushRaw(batch);
        faults.crash(false);
        this.trace.push(`${this.name} push crashed ${r.statusCode}`);
        continue;
      }
      if (fate < 0.25) {
        const [r1, r2] = await Promise.all([this.device.push(batch), this.device.push(batch)]);
        this.trace.push(`${this.name} push duplicated → ${r1.ackSeq}/${r2.ackSeq}`);
        this.ack(Math.max(r1.ackSeq, r2.ackSeq));
        continue;
      }
      const r = await this.device.push(batch);
      if (fate < 0.35) {
        this.trace.push(`${this.name} push response lost (server ack ${r.ackSeq})`);
        continue;
      }
      this.trace.push(`${this.name} push ${batch[0]?.seq}..${batch.at(-1)?.seq} → ack ${r.ackSeq}`);
      this.ack(r.ackSeq);
    }
  }

  ack(ackSeq: number): void {
    this.acked = Math.max(this.acked, ackSeq);
    this.outbox = this.outbox.filter((m) => m.seq > this.acked);
  }

  /** Pulls every page; a lost page is asked again from the previous cursor. */
  async pull(): Promise<void> {
    for (let pages = 0; ; pages += 1) {
      if (pages > 500) throw new Error(`${this.name}: pull makes no progress`);
      const page = await this.device.pull(this.cursor, 1 + Math.floor(this.random() * 10));
      if (this.random() < 0.1) {
        this.trace.push(`${this.name} pull page lost`);
        continue;
      }
      for (const change of page.changes) {
        const key = `${change.entity}:${change.row.id}`;
        let row = change.row as Row;
        // Rebase: pending local edits stay on top of the server row.
        for (const m of this.outbox)
          if (`${m.entity}:${m.entityId}` === key) row = this.applyPatch(row, m.patch);
        this.rows.set(key, row);
      }
      this.cursor = page.nextCursor;
      if (!page.hasMore) return;
    }
  }
}

for (const engine of ENGINES) {
  describe(`seeded simulation on ${engine.name}`, () => {
    let app: FastifyInstance;
    let store: RelaisStore;
    let destroy: () => Promise<void>;
    let world: World;
    const clock = new TestClock();
    let crashing = false;

    beforeAll(async () => {
      const made = await engine.make();
      store = made.store;
      destroy = made.destroy;
      app = await openApp(store, clock, {
        sync: {
          afterMutation: () => {
            if (crashing) throw new Error('injected crash');
          },
        },
      });
      world = await makeWorld(app);
    });
    afterAll(async () => {
      await app.close();
      await destroy();
    });

    for (let seed = 1; seed <= SEEDS; seed += 1) {
      it(`[PUSH10][PULL8][CONF1] seed ${seed}: devices converge, every mutation applied once`, {
        timeout: 30_000,
      }, async () => {
        const random = prng(seed * 7919);
        const trace: string[] = [];
        const accounts = [world.counsellorA, world.volunteerA, world.coordinator];
        const devices = await Promise.all(
          accounts.map(
            async (account) =>
              new SimDevice(new Device(app, await newDevice(app, account), clock), random, trace),
          ),
        );
        // Devices start at the current head, so each seed sees only its own households.
        const head = await store.transaction(async (tx) => ({
          seq: await tx.getCounter('change_seq'),
          epoch: await tx.getCounter('epoch'),
        }));
        for (const d of devices) d.cursor = encodeCursor(head.epoch, head.seq);
        const faults = { crash: (on: boolean) => (crashing = on) };
        const first = devices[0];
        if (first === undefined) throw new Error('setup');
        const households = [first.device.createHousehold(WP_A), first.device.createHousehold(WP_A)];
        for (const h of households) first.record(h);
        for (const h of households) for (let i = 0; i < 2; i += 1) first.createCharge(h.entityId);
        const scope = new Set(households.map((h) => h.entityId));
        try {
          await first.push(faults);
          for (const d of devices) await d.pull();
          for (let step = 0; step < STEPS; step += 1) {
            clock.advance(Math.floor(random() * 60_000));
            const d = devices[Math.floor(random() * devices.length)];
            if (d === undefined) continue;
            const roll = random();
            if (roll < 0.6) d.editSomething();
            else if (roll < 0.7)
              d.createCharge(households[Math.floor(random() * households.length)]?.entityId ?? '');
            else if (roll < 0.85) await d.push(faults);
            else await d.pull();
          }
          // Quiescence: everyone pushes, then everyone pulls.
          for (const d of devices) await d.push(faults);
          for (const d of devices) await d.pull();
          const server = await store.transaction((tx) => tx.rowsAfter(head.seq, 100_000, { all: true }));
          const { toWireRow } = await import('../../../sync-server/src/sync/push');
          const expected = new Map(
            server.filter((r) => scope.has(r.householdId)).map((r) => [`${r.entity}:${r.id}`, toWireRow(r)]),
          );
          for (const d of devices) {
            const local = new Map([...d.rows].filter(([, r]) => scope.has(r.householdId)));
            // I8: the device's view of the scope equals the server's.
            const keys = new Set([...local.keys(), ...expected.keys()]);
            const diffs = [...keys]
              .filter((k) => canonical(local.get(k)) !== canonical(expected.get(k)))
              .map(
                (k) =>
                  `${d.name} ${k}: device ${canonical(local.get(k))} server ${canonical(expected.get(k))}`,
              );
            if (diffs.length > 0) throw new Error(`diverged:\n${diffs.slice(0, 3).join('\n')}`);
            const applied = await store.transaction((tx) => tx.countApplied(d.device.deviceId));
            expect(applied).toBe(d.device.seq); // I3: each seq recorded once
          }
          const conflicts = await store.transaction((tx) =>
            tx.openConflictsOf([...expected.values()].map((r) => String(r.id))),
          );
          for (const c of conflicts) {
            expect(c.field === 'deleted' || fieldClass('charge', c.field) === 'review').toBe(true);
          }
        } catch (error) {
          throw new Error(
            `seed ${seed} failed: ${error instanceof Error ? error.message : String(error)}\n${trace.slice(-40).join('\n')}`,
          );
        } finally {
          crashing = false;
        }
      });
    }
  });
}

it('the simulation PRNG is deterministic', () => {
  const a = prng(42);
  const b = prng(42);
  expect(Array.from({ length: 5 }, a)).toEqual(Array.from({ length: 5 }, b));
  expect(randomUUID()).not.toBe(randomUUID());
});
