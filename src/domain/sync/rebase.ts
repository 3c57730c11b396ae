/**
 * Rebase (PULL2, sync-design §9.3), as a pure function: a pulled row with this device's pending
 * edits kept on top. A field that an outbox entry changed and the server has not acknowledged
 * keeps its local value; every other field takes the pulled value; the row's stamps stay local
 * only when the local edit is newer than the pulled row. Nothing leaves the outbox here: a pull
 * never acknowledges anything, so every pending edit stays pending and is pushed later.
 *
 * The device store (src/db/sync-apply/pull-apply.ts) reads the outbox and the local rows, calls
 * these functions and writes the result; this file holds the rule alone, so that it can be read
 * and property-tested without IndexedDB (tests/domain/sync/rebase.test.ts).
 */
import type { EntityName } from './entities';
import type { OutboxEntry } from './mutation';

/** A row as stored on the device or pulled from the server: its fields by name. */
export type RowRecord = Record<string, unknown>;

/** A pending outbox edit, as far as rebase is concerned: which row, which fields. */
export type PendingEdit = Pick<OutboxEntry, 'entity' | 'entityId' | 'patch'>;

/** A pulled change, as far as rebase is concerned: the entity and the server's row. */
export interface PulledChange {
  readonly entity: EntityName;
  readonly row: RowRecord & { readonly id: string };
}

/** The fields pending edits changed, by rowKey. */
export type PendingFields = ReadonlyMap<string, ReadonlySet<string>>;

/** The stamps a newer local edit keeps on the rebased row. */
const STAMP_KEYS = ['updatedHlc', 'updatedAt', 'origin'] as const;

/** One key per row across entities (ids are unique per entity only). */
export function rowKey(entity: string, id: string): string {
  return `${entity}\u0000${id}`;
}

/** The fields each pending edit changed, per row (every edit of the outbox counts). */
export function pendingFieldsByRow(edits: readonly PendingEdit[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const edit of edits) {
    const key = rowKey(edit.entity, edit.entityId);
    const fields = out.get(key) ?? new Set<string>();
    for (const field of Object.keys(edit.patch)) fields.add(field);
    out.set(key, fields);
  }
  return out;
}

/**
 * The pulled row with the local value of every pending field (a field absent locally is absent
 * from the result), and the local stamps when the local edit is newer than the pulled row.
 * Idempotent: rebasing the result again, on the same pulled row, gives the same row.
 */
export function rebaseRow(pulled: RowRecord, local: RowRecord, pendingFields: Iterable<string>): RowRecord {
  const merged = { ...pulled };
  for (const field of pendingFields) {
    if (local[field] === undefined) delete merged[field];
    else merged[field] = local[field];
  }
  const localIsNewer = typeof local.updatedHlc === 'string' && local.updatedHlc > String(pulled.updatedHlc);
  if (localIsNewer) for (const key of STAMP_KEYS) merged[key] = local[key];
  return merged;
}

/**
 * The local rows as the device holds them, with every pending field set to the value of its
 * last pending patch. Every local write goes through the outbox (ADR 0005), so that value is the
 * device's own even when the stored row has just been overwritten by the pulled one (a pull
 * page writes its child rows before it reads, ADR 0013). `null` in a patch removes the field
 * (JSON Merge Patch), so it reads as absent. `edits` are in outbox order (oldest first).
 */
export function withPendingValues(
  locals: ReadonlyMap<string, RowRecord>,
  edits: readonly PendingEdit[],
): Map<string, RowRecord> {
  const out = new Map(locals);
  for (const edit of edits) {
    const key = rowKey(edit.entity, edit.entityId);
    const row = out.get(key);
    if (row === undefined) continue;
    const next: RowRecord = { ...row };
    for (const [field, value] of Object.entries(edit.patch)) next[field] = value === null ? undefined : value;
    out.set(key, next);
  }
  return out;
}

/** The ids of a page's rows that pending edits changed, by entity: the local rows rebase needs. */
export function rowsToRebase(
  changes: readonly PulledChange[],
  pending: PendingFields,
): Map<EntityName, Set<string>> {
  const ids = new Map<EntityName, Set<string>>();
  for (const change of changes) {
    if (!pending.has(rowKey(change.entity, change.row.id))) continue;
    const set = ids.get(change.entity) ?? new Set<string>();
    set.add(change.row.id);
    ids.set(change.entity, set);
  }
  return ids;
}

/** A pulled row rebased on a pending local edit. */
export interface RebasedRow {
  readonly entity: EntityName;
  readonly row: RowRecord;
  /** The fields kept local: their outbox entries stay pending, to be pushed. */
  readonly stillPending: ReadonlySet<string>;
}

/**
 * The page's rows that pending edits changed, rebased, in page order. A pulled row without a
 * pending edit, or whose local row the device does not hold, is not listed: the pulled row is
 * stored as it came. `locals` holds the local rows by rowKey.
 */
export function rebasePage(
  changes: readonly PulledChange[],
  pending: PendingFields,
  locals: ReadonlyMap<string, RowRecord>,
): RebasedRow[] {
  const out: RebasedRow[] = [];
  if (pending.size === 0) return out;
  for (const change of changes) {
    const key = rowKey(change.entity, change.row.id);
    const fields = pending.get(key);
    const local = fields === undefined ? undefined : locals.get(key);
    if (fields === undefined || local === undefined) continue;
    out.push({ entity: change.entity, row: rebaseRow(change.row, local, fields), stillPending: fields });
  }
  return out;
}
