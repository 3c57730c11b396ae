/**
 * PULL2, the rebase of pending local edits over pulled rows (src/domain/sync/rebase.ts), as
 * properties over random rows, outboxes and pages. The expected values are read straight from
 * the generated local and pulled rows, not computed by the code under test.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EntityName } from '../../../src/domain/sync/entities';
import {
  type PendingEdit,
  type PulledChange,
  pendingFieldsByRow,
  type RowRecord,
  rebasePage,
  rebaseRow,
  rowKey,
  rowsToRebase,
  withPendingValues,
} from '../../../src/domain/sync/rebase';

/** Data fields an edit may change (a few, so that edits and pulled rows often meet). */
const FIELDS = ['label', 'amountCents', 'frequency', 'note', 'deleted'] as const;
/** Kept local only when the local edit is newer; never part of a patch. */
const STAMPS = ['updatedHlc', 'updatedAt', 'origin'] as const;
const ENTITIES: EntityName[] = ['household', 'member', 'charge'];
const IDS = ['r1', 'r2', 'r3'];

const value = fc.oneof(fc.integer(), fc.string({ maxLength: 4 }), fc.boolean());
/** HLC-like stamps that compare as their counter does (fixed width). */
const hlc = fc.nat({ max: 40 }).map((n) => `${String(1_700_000_000_000 + n).padStart(13, '0')}-0000-dev`);

/** A row: some data fields (any may be absent), its version and its stamps. */
const rowOf = (id: string) =>
  fc
    .record({
      fields: fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: FIELDS.length }),
      version: fc.integer({ min: 1, max: 9 }),
      updatedHlc: hlc,
      device: fc.constantFrom('a', 'b'),
    })
    .map(
      ({ fields, version, updatedHlc, device }): RowRecord => ({
        ...fields,
        id,
        version,
        updatedHlc,
        updatedAt: Number(updatedHlc.slice(0, 13)),
        origin: { deviceId: device },
      }),
    );

const editArb: fc.Arbitrary<PendingEdit> = fc.record({
  entity: fc.constantFrom(...ENTITIES),
  entityId: fc.constantFrom(...IDS),
  patch: fc.dictionary(fc.constantFrom(...FIELDS), value, { minKeys: 1, maxKeys: 3 }),
});

/** One pulled row, the device's row, and an outbox touching it (and other rows). */
const oneRow = fc
  .record({ entity: fc.constantFrom(...ENTITIES), id: fc.constantFrom(...IDS) })
  .chain(({ entity, id }) =>
    fc.record({
      entity: fc.constant(entity),
      pulled: rowOf(id),
      local: rowOf(id),
      edits: fc.array(
        fc.oneof(
          editArb,
          fc.record({
            entity: fc.constant(entity),
            entityId: fc.constant(id),
            patch: fc.dictionary(fc.constantFrom(...FIELDS), value, { minKeys: 1, maxKeys: 3 }),
          }),
        ),
        { maxLength: 6 },
      ),
      acknowledged: fc.nat({ max: 6 }),
    }),
  );

/** The fields the given edits change on this row, read from the edits themselves. */
function fieldsEditedOn(edits: readonly PendingEdit[], entity: string, id: string): Set<string> {
  const out = new Set<string>();
  for (const e of edits) if (e.entity === entity && e.entityId === id) for (const f in e.patch) out.add(f);
  return out;
}

/** The row stored after a pull of `pulled` over `local` with these edits still in the outbox. */
function storedAfterPull(entity: EntityName, pulled: RowRecord, local: RowRecord, edits: PendingEdit[]) {
  const change: PulledChange = { entity, row: pulled as PulledChange['row'] };
  const pending = pendingFieldsByRow(edits);
  const locals = new Map([[rowKey(entity, String(local.id)), local]]);
  return rebasePage([change], pending, locals)[0]?.row ?? pulled;
}

/** A device store as a map by rowKey, and a pull page applied to it as the device does. */
type Store = Map<string, RowRecord>;

function applyPage(store: Store, changes: readonly PulledChange[], edits: readonly PendingEdit[]): Store {
  const pending = pendingFieldsByRow(edits);
  const locals = new Map<string, RowRecord>();
  for (const [entity, ids] of rowsToRebase(changes, pending)) {
    for (const id of ids) {
      const row = store.get(rowKey(entity, id));
      if (row !== undefined) locals.set(rowKey(entity, id), row);
    }
  }
  const next = new Map(store);
  for (const change of changes) next.set(rowKey(change.entity, change.row.id), change.row);
  for (const { entity, row } of rebasePage(changes, pending, locals))
    next.set(rowKey(entity, String(row.id)), row);
  return next;
}

const storeArb: fc.Arbitrary<Store> = fc
  .array(
    fc
      .record({ entity: fc.constantFrom(...ENTITIES), id: fc.constantFrom(...IDS) })
      .chain(({ entity, id }) => rowOf(id).map((row) => [rowKey(entity, id), row] as const)),
    { maxLength: 6 },
  )
  .map((entries) => new Map(entries));

const pageArb: fc.Arbitrary<PulledChange[]> = fc.uniqueArray(
  fc
    .record({ entity: fc.constantFrom(...ENTITIES), id: fc.constantFrom(...IDS) })
    .chain(({ entity, id }) =>
      rowOf(id).map((row): PulledChange => ({ entity, row: row as PulledChange['row'] })),
    ),
  { maxLength: 6, selector: (c) => rowKey(c.entity, c.row.id) },
);

describe('PULL2: rebase of pending edits over pulled rows', () => {
  it('[PULL2] a pending edit wins over the pulled value of the same field until it is acknowledged', () => {
    fc.assert(
      fc.property(oneRow, ({ entity, pulled, local, edits, acknowledged }) => {
        const id = String(pulled.id);
        // The server acknowledged the first `acknowledged` entries: they left the outbox.
        const stillPending = edits.slice(acknowledged);
        const stored = storedAfterPull(entity, pulled, local, stillPending);
        const pendingFields = fieldsEditedOn(stillPending, entity, id);
        for (const field of pendingFields) {
          expect(stored[field]).toEqual(local[field]);
          expect(field in stored).toBe(local[field] !== undefined);
        }
        // A field whose every edit was acknowledged takes the pulled value again.
        for (const field of fieldsEditedOn(edits, entity, id)) {
          if (pendingFields.has(field)) continue;
          expect(stored[field]).toEqual(pulled[field]);
          expect(field in stored).toBe(field in pulled);
        }
      }),
    );
  });

  it('[PULL2] fields not edited locally take the pulled value; the stamps are the newer side’s', () => {
    fc.assert(
      fc.property(oneRow, ({ entity, pulled, local, edits }) => {
        const id = String(pulled.id);
        const stored = storedAfterPull(entity, pulled, local, edits);
        const edited = fieldsEditedOn(edits, entity, id);
        const stamps: readonly string[] = STAMPS;
        for (const field of new Set([...Object.keys(pulled), ...Object.keys(local)])) {
          if (edited.has(field) || stamps.includes(field)) continue;
          expect(stored[field]).toEqual(pulled[field]);
          expect(field in stored).toBe(field in pulled);
        }
        const newer =
          edited.size > 0 && String(local.updatedHlc) > String(pulled.updatedHlc) ? local : pulled;
        for (const stamp of STAMPS) expect(stored[stamp]).toEqual(newer[stamp]);
      }),
    );
  });

  it('[PULL2] rebasing on an empty pull changes nothing', () => {
    fc.assert(
      fc.property(storeArb, fc.array(editArb, { maxLength: 6 }), (store, edits) => {
        expect(applyPage(store, [], edits)).toEqual(store);
        const locals = new Map(store);
        expect(rebasePage([], pendingFieldsByRow(edits), locals)).toEqual([]);
      }),
    );
  });

  it('[PULL2] rebasing twice equals rebasing once (a page pulled again stores the same rows)', () => {
    fc.assert(
      fc.property(storeArb, pageArb, fc.array(editArb, { maxLength: 6 }), (store, page, edits) => {
        const once = applyPage(store, page, edits);
        expect(applyPage(once, page, edits)).toEqual(once);
      }),
    );
    fc.assert(
      fc.property(oneRow, ({ pulled, local, edits, entity }) => {
        const fields = fieldsEditedOn(edits, entity, String(pulled.id));
        const once = rebaseRow(pulled, local, fields);
        expect(rebaseRow(once, local, fields)).toEqual(once);
        expect(rebaseRow(pulled, once, fields)).toEqual(once);
      }),
    );
  });

  it('[PULL2] a pulled row without a pending edit, or not on the device, is stored as pulled', () => {
    fc.assert(
      fc.property(pageArb, fc.array(editArb, { maxLength: 6 }), (page, edits) => {
        // Nothing on the device: there is no local value to keep.
        expect(rebasePage(page, pendingFieldsByRow(edits), new Map())).toEqual([]);
        // Nothing pending: the device's rows do not matter.
        const locals = new Map(page.map((c) => [rowKey(c.entity, c.row.id), { ...c.row, label: 'local' }]));
        expect(rebasePage(page, pendingFieldsByRow([]), locals)).toEqual([]);
      }),
    );
  });

  it('[PULL2] takes each pending field from its last pending patch, even when the stored row was already overwritten by the pulled one', () => {
    const key = rowKey('charge', 'c1');
    // What the device reads back after the page's child rows were written: the server's row.
    const readBack = new Map<string, RowRecord>([[key, { id: 'c1', amountCents: 45_000, label: 'Loyer' }]]);
    const edits: PendingEdit[] = [
      { entity: 'charge', entityId: 'c1', patch: { amountCents: 10_000 } },
      { entity: 'charge', entityId: 'c1', patch: { amountCents: 12_345, note: null } },
      { entity: 'charge', entityId: 'other', patch: { amountCents: 1 } },
    ];
    const locals = withPendingValues(readBack, edits);
    expect(locals.get(key)).toEqual({ id: 'c1', amountCents: 12_345, label: 'Loyer', note: undefined });
    // A row the device does not hold stays absent: nothing is invented from the outbox.
    expect(locals.has(rowKey('charge', 'other'))).toBe(false);
    const [rebased] = rebasePage(
      [{ entity: 'charge', row: { id: 'c1', amountCents: 45_000, label: 'Loyer (avril)', note: 'x' } }],
      pendingFieldsByRow(edits),
      locals,
    );
    expect(rebased?.row).toEqual({ id: 'c1', amountCents: 12_345, label: 'Loyer (avril)' });
  });
});
