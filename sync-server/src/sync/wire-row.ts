/**
 * The row as it travels and compares: its wire form (entity fields plus RowMeta), value
 * equality as the push rules mean it (null and absent are the same), the CLOCK1 clamp, and the
 * keys the push decision indexes rows and open conflicts by. Pure: shared by push, pull and the
 * push decision.
 */
import { formatHlc, parseHlc } from '../../../src/domain/sync/hlc';
import { MAX_CLOCK_AHEAD_MS } from '../../../src/domain/sync/protocol';
import type { FieldMeta, StoredRow } from '../stores/store-tx';

/** Value equality for the push rules: deep, and null, undefined and an absent key are the same. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((a === undefined || a === null) && (b === undefined || b === null)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra).filter((k) => ra[k] !== undefined);
  const kb = Object.keys(rb).filter((k) => rb[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameValue(ra[k], rb[k]));
}

/** CLOCK1: a stamp more than MAX_CLOCK_AHEAD_MS ahead of the server is pulled back to that bound. */
export function clampHlc(hlc: string, now: number): string {
  const parsed = parseHlc(hlc);
  const limit = now + MAX_CLOCK_AHEAD_MS;
  return parsed.ms > limit ? formatHlc({ ...parsed, ms: limit }) : hlc;
}

/** The row as devices see it: entity fields plus RowMeta. */
export function toWireRow(row: StoredRow): Record<string, unknown> {
  const fieldVersions: Record<string, number> = {};
  for (const [field, meta] of Object.entries(row.fieldMeta)) fieldVersions[field] = meta.v;
  const last = Object.values(row.fieldMeta).reduce<FieldMeta | undefined>(
    (best, meta) =>
      best === undefined || meta.v > best.v || (meta.v === best.v && meta.h > best.h) ? meta : best,
    undefined,
  );
  return {
    ...row.data,
    id: row.id,
    householdId: row.householdId,
    version: row.version,
    fieldVersions,
    deleted: row.deleted,
    updatedHlc: row.updatedHlc,
    updatedAt: parseHlc(row.updatedHlc).ms,
    origin: { deviceId: last?.d ?? 'server', userId: last?.u ?? 'server' },
  };
}

/** The key of a row in the push's in-memory maps. */
export function rowKey(entity: string, id: string): string {
  return `${entity}\u0000${id}`;
}

/** The key of an open conflict: one per (row, field) (CONF2). */
export function conflictKey(entity: string, id: string, field: string): string {
  return `${entity}\u0000${id}\u0000${field}`;
}

/** A field's value in a row's data; absent is null. */
export function fieldValue(data: Record<string, unknown>, field: string): unknown {
  return data[field] === undefined ? null : data[field];
}

/** Sets a field in a row's data; null removes it (rows do not store nulls). */
export function setValue(data: Record<string, unknown>, field: string, value: unknown): void {
  if (value === null || value === undefined) delete data[field];
  else data[field] = value;
}

/** The later of two HLC stamps (they sort as strings). */
export function maxHlc(a: string, b: string): string {
  return a > b ? a : b;
}
