/**
 * Properties of the decision for one pushed mutation (sync-server/src/sync/push-decision.ts),
 * checked against the pure function through an in-memory server (push-model.ts): no store, no
 * HTTP. Random batches, edits, clocks and arrival orders; each property names the rules it checks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConflictValue, MutationResult } from '../../../src/domain/sync/protocol';
import type { ConflictRecord } from '../../../sync-server/src/stores/store-tx';
import type { RawMutation } from '../../../sync-server/src/sync/push-decision';
import { conflictKey } from '../../../sync-server/src/sync/wire-row';
import { baseOf, MemoryServer, SimDevice, T0 } from './push-model';

const RUNS = { numRuns: Number(process.env.FC_RUNS ?? 200) };
const CHARGE = 'charge-1';
/** The charge every scenario starts from, as device C created it. */
const SEED: Record<string, unknown> = {
  type: 'rent',
  amountCents: 100,
  frequency: 'monthly',
  mode: 'real',
  label: 'loyer',
  hasProof: false,
};

/** A server holding the seed charge (version 1), then `edits` later edits of it by device C. */
function seeded(edits: readonly Record<string, unknown>[] = []): MemoryServer {
  const server = new MemoryServer();
  const c = new SimDevice('dev-c', 'u-c', T0 - 60_000);
  server.push(c, [c.mutation('create', 'charge', CHARGE, SEED, { version: 0, fieldVersions: {} })]);
  for (const patch of edits) {
    server.push(c, [c.mutation('patch', 'charge', CHARGE, patch, baseOf(currentRow(server)))]);
  }
  return server;
}

function currentRow(server: MemoryServer) {
  const row = server.row('charge', CHARGE);
  if (row === undefined) throw new Error('the seed charge is missing');
  return row;
}

/** A field edit a device might make: only fields whose value differs from the seed (no no-op). */
const editArb: fc.Arbitrary<Record<string, unknown>> = fc
  .record(
    {
      amountCents: fc.integer({ min: 0, max: 4 }).map((n) => n * 100),
      capMonthlyCents: fc.integer({ min: 0, max: 2 }).map((n) => n * 50),
      label: fc.constantFrom('loyer', 'loyer mai', 'bail'),
      frequency: fc.constantFrom('monthly', 'quarterly', 'annual'),
      hasProof: fc.boolean(),
    },
    { requiredKeys: [] },
  )
  .map((patch) => Object.fromEntries(Object.entries(patch).filter(([f, v]) => SEED[f] !== v)))
  .filter((patch) => Object.keys(patch).length > 0);

/** A device's change to the charge: a field edit, or a delete. */
type Change = { edit: Record<string, unknown> } | { remove: true };
const changeArb: fc.Arbitrary<Change> = fc.oneof(
  { weight: 4, arbitrary: editArb.map((edit) => ({ edit })) },
  { weight: 1, arbitrary: fc.constant({ remove: true as const }) },
);

/** The mutation for `change`, based on what the device last pulled (`base`). */
function mutationOf(device: SimDevice, change: Change, server: MemoryServer): RawMutation {
  const base = currentRow(server);
  return 'edit' in change
    ? device.mutation('patch', 'charge', CHARGE, change.edit, baseOf(base))
    : device.remove('charge', CHARGE, base);
}

/** The tombstone's writer is left out of `writers`: see the chain property (TOMB2). */
const TOMBSTONE_FIELDS = new Set(['deleted', 'deletedAt', 'deletedBy']);

/**
 * What the devices end up seeing, for comparing arrival orders: each row's fields and the open
 * conflicts with their competing values, and the writer (device and stamp) each field keeps, which
 * decides the next concurrent write (CONF1). Not versions or server times (they count arrivals),
 * and not the tombstone's who and when: TOMB3 keeps the first of two deletes.
 */
function outcome(server: MemoryServer): unknown {
  const rows = [...server.rows.values()].map((row) => {
    const { deletedAt: _at, deletedBy: _by, ...data } = row.data;
    const writers = Object.entries(row.fieldMeta)
      .filter(([field]) => !TOMBSTONE_FIELDS.has(field))
      .map(([field, meta]) => `${field}:${meta.d}@${meta.h}`)
      .sort();
    return { entity: row.entity, id: row.id, deleted: row.deleted, data, writers };
  });
  const conflicts = [...server.openConflicts.values()].map((c) => ({
    row: `${c.entity}:${c.entityId}`,
    field: c.field,
    kind: c.kind,
    values: valuesOf(c)
      .map((v) => JSON.stringify({ value: v.value, deviceId: v.deviceId, hlc: v.hlc }))
      .sort(),
  }));
  return { rows, conflicts: conflicts.sort((a, b) => (a.field < b.field ? -1 : 1)) };
}

/** A conflict's competing values, as push stores them (CONF2). */
function valuesOf(conflict: ConflictRecord | undefined): ConflictValue[] {
  return (conflict?.values ?? []) as ConflictValue[];
}

/** The original result a replay reports (PUSH3). */
function originalOf(result: MutationResult): Record<string, unknown> {
  return {
    status: result.status,
    ...(result.version === undefined ? {} : { version: result.version }),
    ...(result.reason === undefined ? {} : { reason: result.reason }),
  };
}

/** One step of a device's batch in the idempotence property. */
type Step =
  | Change
  | { restore: true }
  | { createOther: Record<string, unknown> }
  | { negativeAmount: true }
  | { patchUnknown: true };
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  changeArb,
  fc.constant({ restore: true as const }),
  editArb.map((edit) => ({ createOther: { ...SEED, ...edit } })),
  fc.constant({ negativeAmount: true as const }),
  fc.constant({ patchUnknown: true as const }),
);

/** Device A's batch: every step based on the version A pulled, however stale (CONF1, TOMB2). */
function batchOf(a: SimDevice, steps: readonly Step[], base: ReturnType<typeof baseOf>): RawMutation[] {
  return steps.map((step, i) => {
    a.ms += 1;
    if ('edit' in step) return a.mutation('patch', 'charge', CHARGE, step.edit, base);
    if ('remove' in step) {
      const patch = { deleted: true, deletedAt: a.ms, deletedBy: a.userId };
      return a.mutation('delete', 'charge', CHARGE, patch, base);
    }
    if ('restore' in step) return a.mutation('restore', 'charge', CHARGE, { deleted: false }, base);
    if ('createOther' in step) return a.mutation('create', 'charge', `charge-a-${i}`, step.createOther, base);
    if ('negativeAmount' in step) return a.mutation('patch', 'charge', CHARGE, { amountCents: -5 }, base);
    return a.mutation('patch', 'charge', 'charge-nowhere', { label: 'x' }, base);
  });
}

/**
 * A device's offline chain as its screens allow it: edits and deletes of the row while it is
 * alive on the device, a restore once the device deleted it.
 */
type ChainStep = Change | { restore: true };
const chainArb: fc.Arbitrary<ChainStep[]> = fc
  .array(changeArb, { minLength: 1, maxLength: 3 })
  .map((changes) => {
    let deleted = false;
    return changes.map((change): ChainStep => {
      if (deleted) {
        deleted = false;
        return { restore: true };
      }
      deleted = 'remove' in change;
      return change;
    });
  });

/** `outcome`'s shape, for the examples that check it. */
interface Outcome {
  rows: { deleted: boolean; data: Record<string, unknown> }[];
  conflicts: { field: string; kind: string; values: string[] }[];
}

/** A conflict value of `outcome` as `device:value`. */
function deviceAndValue(value: string): string {
  const { deviceId, value: v } = JSON.parse(value) as { deviceId: string; value: unknown };
  return `${deviceId}:${String(v)}`;
}

/** Every arrival order of two devices' chains (each in its own order), as the outcome it leaves. */
function outcomesOfEveryOrder(
  chainA: readonly ChainStep[],
  chainB: readonly ChainStep[],
  skewB: number,
): unknown[] {
  const pulled = baseOf(currentRow(seeded()));
  const a = new SimDevice('dev-a', 'u-a', T0);
  const fromA = chainA.map((step) => {
    a.ms += 1;
    return chainMutation(a, step, pulled);
  });
  const b = new SimDevice('dev-b', 'u-b', T0 + skewB);
  const fromB = chainB.map((step) => {
    b.ms += 1;
    return chainMutation(b, step, pulled);
  });
  return interleavings(fromA.length, fromB.length).map((order) => {
    const server = seeded();
    let [i, j] = [0, 0];
    for (const fromFirst of order) {
      if (fromFirst) server.push(a, [fromA[i++] as RawMutation]);
      else server.push(b, [fromB[j++] as RawMutation]);
    }
    expect(server.quarantined).toEqual([]);
    return outcome(server);
  });
}

/** A chain step as the device records it: every step based on the version it pulled (CONF3). */
function chainMutation(device: SimDevice, step: ChainStep, base: ReturnType<typeof baseOf>): RawMutation {
  if ('edit' in step) return device.mutation('patch', 'charge', CHARGE, step.edit, base);
  if ('restore' in step) return device.mutation('restore', 'charge', CHARGE, { deleted: false }, base);
  const patch = { deleted: true, deletedAt: device.ms, deletedBy: device.userId };
  return device.mutation('delete', 'charge', CHARGE, patch, base);
}

/** Every arrival order of two devices' batches, each in its own order: true = the first's next. */
function interleavings(first: number, second: number): boolean[][] {
  if (first === 0) return [Array(second).fill(false)];
  if (second === 0) return [Array(first).fill(true)];
  return [
    ...interleavings(first - 1, second).map((rest) => [true, ...rest]),
    ...interleavings(first, second - 1).map((rest) => [false, ...rest]),
  ];
}

describe('the push decision for one mutation (pure, no server)', () => {
  it('[PUSH3][PUSH4][PUSH10] applying the same batch twice changes nothing, under its seqs or new ones', () => {
    fc.assert(
      fc.property(
        editArb,
        fc.integer({ min: -2, max: 8 }),
        fc.array(stepArb, { minLength: 1, maxLength: 6 }),
        (otherEdit, otherSkewMs, steps) => {
          const server = seeded();
          const pulled = baseOf(currentRow(server));
          // Device B edits first, so A's stale steps meet concurrent writes, conflicts and resends.
          const b = new SimDevice('dev-b', 'u-b', T0 + otherSkewMs);
          server.push(b, [b.mutation('patch', 'charge', CHARGE, otherEdit, pulled)]);
          const a = new SimDevice('dev-a', 'u-a', T0);
          const batch = batchOf(a, steps, pulled);
          const first = server.push(a, batch);
          const after = server.snapshot();

          // PUSH3, PUSH10: the response was lost; the device resends the same batch.
          const replay = server.push(a, batch);
          expect(server.snapshot()).toEqual(after);
          expect(replay).toEqual(
            first.map((r) => ({
              seq: r.seq,
              mutationId: r.mutationId,
              status: 'duplicate',
              original: originalOf(r),
            })),
          );

          // PUSH4: the same mutations again under new seqs (an import of an old outbox).
          const again = batch.map((m, i) => ({ ...m, seq: a.seq + 1 + i }));
          const duplicates = server.push(a, again);
          expect(server.snapshot()).toEqual(after);
          expect(duplicates.map((r) => r.status)).toEqual(batch.map(() => 'duplicate'));
        },
      ),
      RUNS,
    );
  });

  it('[CONF1][CONF2][TOMB2][TOMB3] two devices’ concurrent changes reach the same state in either order of arrival', () => {
    fc.assert(
      fc.property(
        changeArb,
        changeArb,
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 2 }),
        (changeA, changeB, skewA, skewB) => {
          const start = seeded();
          // Both devices pulled the same version, then changed it offline.
          const a = new SimDevice('dev-a', 'u-a', T0 + skewA);
          const b = new SimDevice('dev-b', 'u-b', T0 + skewB);
          const fromA = mutationOf(a, changeA, start);
          const fromB = mutationOf(b, changeB, start);

          const aFirst = seeded();
          aFirst.push(a, [fromA]);
          aFirst.push(b, [fromB]);
          const bFirst = seeded();
          bFirst.push(b, [fromB]);
          bFirst.push(a, [fromA]);

          expect(aFirst.quarantined).toEqual([]);
          expect(outcome(bFirst)).toEqual(outcome(aFirst));
        },
      ),
      RUNS,
    );
  });

  it('[CONF1][CONF2][CONF3][TOMB2][TOMB3] a device’s offline chain and another device’s changes converge, wherever they arrive in the chain', () => {
    fc.assert(
      fc.property(chainArb, chainArb, fc.integer({ min: -2, max: 6 }), (chainA, changesB, skewB) => {
        // Both devices pulled the seed, then changed it offline, each a chain of 1 to 3 changes.
        const outcomes = outcomesOfEveryOrder(chainA, changesB, skewB);
        for (const other of outcomes.slice(1)) expect(other).toEqual(outcomes[0]);
      }),
      RUNS,
    );
  });

  it('[CONF2][CONF3] a money value both devices write, met mid-chain, conflicts with the chain’s later value', () => {
    // A writes 0, 50, then 0 again; B writes 50 once, stamped between A's 50 and A's last 0. Met
    // in the middle of A's chain, B's 50 agrees and opens nothing, but A's last 0 did not see it:
    // whatever the order, the conflict lists A's last value and B's.
    const chainA: ChainStep[] = [
      { edit: { capMonthlyCents: 0 } },
      { edit: { capMonthlyCents: 50 } },
      { edit: { capMonthlyCents: 0 } },
    ];
    const outcomes = outcomesOfEveryOrder(chainA, [{ edit: { capMonthlyCents: 50 } }], 0);
    for (const other of outcomes.slice(1)) expect(other).toEqual(outcomes[0]);
    const { conflicts } = outcomes[0] as Outcome;
    expect(conflicts.map((c) => [c.field, c.values.map((v) => JSON.parse(v).value)])).toEqual([
      ['capMonthlyCents', [0, 50]],
    ]);
  });

  it('[TOMB2][TOMB3][CONF3] a chain that deletes then restores the row keeps it, against another device’s delete', () => {
    // A edits, deletes, restores; B deletes. A's last word keeps the row, B's deletes it: the row
    // stays (TOMB2) and the conflict lists A's restore and B's delete, whatever the order.
    const chainA: ChainStep[] = [{ edit: { frequency: 'annual' } }, { remove: true }, { restore: true }];
    const outcomes = outcomesOfEveryOrder(chainA, [{ remove: true }], 0);
    for (const other of outcomes.slice(1)) expect(other).toEqual(outcomes[0]);
    const { rows, conflicts } = outcomes[0] as Outcome;
    expect(rows[0]?.deleted).toBe(false);
    expect(conflicts.map((c) => [c.field, c.kind, c.values.map(deviceAndValue)])).toEqual([
      ['deleted', 'edit-vs-delete', ['dev-a:false', 'dev-b:true']],
    ]);
    // A's restore is its third step: stamped T0 + 3, counter 3.
    expect(conflicts[0]?.values[0]).toContain('"hlc":"1795770000003-0003-dev-a"');
  });

  it('[TOMB2][TOMB3][CONF3] two chains that each edit then delete the row end deleted, with no conflict', () => {
    // Each delete missed the other device's edit, but each device's last word is its delete.
    const outcomes = outcomesOfEveryOrder(
      [{ edit: { hasProof: true } }, { remove: true }],
      [{ edit: { frequency: 'quarterly' } }, { remove: true }],
      0,
    );
    for (const other of outcomes.slice(1)) expect(other).toEqual(outcomes[0]);
    const { rows, conflicts } = outcomes[0] as Outcome;
    expect(rows[0]?.deleted).toBe(true);
    expect(rows[0]?.data).toMatchObject({ hasProof: true, frequency: 'quarterly' });
    expect(conflicts).toEqual([]);
  });

  it('[CONF1][CONF2] a money field edited from the same base by two devices to different values always opens a conflict', () => {
    const money = fc.constantFrom('amountCents', 'capMonthlyCents');
    const cents = fc.integer({ min: 0, max: 1_000_000 });
    fc.assert(
      fc.property(
        money,
        fc.uniqueArray(cents, { minLength: 3, maxLength: 3 }),
        fc.array(editArb, { maxLength: 2 }),
        fc.option(fc.constantFrom('loyer mai', 'bail'), { nil: undefined }),
        fc.integer({ min: -3, max: 3 }),
        fc.boolean(),
        (field, [before, valueA, valueB], earlier, label, skew, aArrivesFirst) => {
          // The row may have been edited before (its money field too): the base is its latest version.
          const server = seeded([...earlier, { [field]: before }]);
          const pulled = baseOf(currentRow(server));
          const a = new SimDevice('dev-a', 'u-a', T0);
          const b = new SimDevice('dev-b', 'u-b', T0 + skew);
          const extra = label === undefined ? {} : { label };
          const fromA = a.mutation('patch', 'charge', CHARGE, { [field]: valueA, ...extra }, pulled);
          const fromB = b.mutation('patch', 'charge', CHARGE, { [field]: valueB }, pulled);
          const [first, second] = aArrivesFirst
            ? [
                [a, fromA],
                [b, fromB],
              ]
            : [
                [b, fromB],
                [a, fromA],
              ];
          server.push(first[0] as SimDevice, [first[1] as RawMutation]);
          const [result] = server.push(second[0] as SimDevice, [second[1] as RawMutation]);

          const conflict = server.openConflicts.get(conflictKey('charge', CHARGE, field));
          expect(conflict?.kind).toBe('concurrent-edit');
          expect(
            valuesOf(conflict)
              .map((v) => [v.deviceId, v.value])
              .sort(),
          ).toEqual([
            ['dev-a', valueA],
            ['dev-b', valueB],
          ]);
          expect(result?.status).toBe('conflict-recorded');
          expect(result?.conflictIds).toContain(conflict?.id);
        },
      ),
      RUNS,
    );
  });
});
