/**
 * What a pushed mutation and the row it would produce must be before anything is written
 * (docs/sync-protocol.md UPCAST1, INPUT1–INPUT4, QUAR1): the mutation parsed and upcast, the row
 * checked against its row schema, and what a quarantine record may keep. Each check that fails
 * throws `Quarantine`, which the push decision turns into a quarantined result. Pure.
 */
import { ROW_SCHEMAS, rowFieldsOf } from '../../../src/domain/dossier/rows';
import type { EntityName } from '../../../src/domain/sync/entities';
import {
  depthBoundedCopy,
  type InputIssue,
  isAllowedText,
  MAX_ROW_BYTES,
  utf8Length,
} from '../../../src/domain/sync/input-rules';
import { MUTATION_SCHEMA_VERSION, type Mutation, MutationSchema } from '../../../src/domain/sync/mutation';
import type { QuarantineReason } from '../../../src/domain/sync/protocol';
import { ROW_META_KEYS, TOMBSTONE_KEYS } from '../../../src/domain/sync/row-meta';
import { UpcastError, upcastMutation } from '../../../src/domain/sync/upcast';
import type { StoredRow } from '../stores/store-tx';
import { setValue, toWireRow } from './wire-row';

const META_KEYS = new Set<string>(ROW_META_KEYS);
export const TOMBSTONES = new Set<string>(TOMBSTONE_KEYS);

/** Household fields only the merge command writes (docs/merges.md MERGE5, MERGE9). */
const SERVER_ONLY_FIELDS = new Set(['mergedInto', 'mergeId']);

/** Thrown by a check that refuses the mutation: it is quarantined with this reason (QUAR1). */
export class Quarantine extends Error {
  constructor(
    readonly reason: QuarantineReason,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/** The mutation upcast to the current shape and validated; its unknown fields dropped (INPUT3). */
export function parseMutation(raw: Record<string, unknown>, deviceId: string): Mutation {
  const from = raw.schemaVersion;
  if (typeof from !== 'number' || !Number.isInteger(from)) {
    throw new Quarantine('invalid-mutation', 'schemaVersion is missing');
  }
  let upcast = raw;
  if (from !== MUTATION_SCHEMA_VERSION) {
    try {
      upcast = upcastMutation(from, raw);
    } catch (error) {
      throw new Quarantine('upcast-failed', error instanceof UpcastError ? error.message : String(error));
    }
  }
  const parsed = MutationSchema.safeParse(upcast);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '/'}: ${i.message}`).join('; ');
    throw new Quarantine('invalid-mutation', detail.slice(0, 2000));
  }
  const m = parsed.data;
  if (m.deviceId !== deviceId) throw new Quarantine('invalid-mutation', 'deviceId differs from the request');
  for (const key of Object.keys(m.patch)) {
    if (key === 'local' || (META_KEYS.has(key) && !TOMBSTONES.has(key))) {
      throw new Quarantine('invalid-patch', `${key} is sync metadata, not a field`);
    }
    if (SERVER_ONLY_FIELDS.has(key)) {
      throw new Quarantine('invalid-patch', `${key} is set by a coordinator's merge only (MERGE9)`);
    }
    if (TOMBSTONES.has(key) && m.op !== 'delete' && m.op !== 'restore') {
      throw new Quarantine('invalid-patch', `${key} changes only with a delete or restore`);
    }
  }
  // INPUT3: a field the entity does not have is dropped here, before it can reach a row, the
  // field history or a conflict.
  const fields = rowFieldsOf(m.entity);
  const patch = Object.fromEntries(Object.entries(m.patch).filter(([key]) => fields.has(key)));
  const bytes = utf8Length(JSON.stringify(patch));
  if (bytes > MAX_ROW_BYTES) {
    throw new Quarantine(
      'invalid-patch',
      `INPUT4: the patch takes ${bytes} bytes, more than ${MAX_ROW_BYTES}`,
    );
  }
  return { ...m, patch };
}

/**
 * The row to store: its fields as the row schema parsed them (INPUT3: what the schema does not
 * know is not kept), at most MAX_ROW_BYTES of JSON (INPUT4). Quarantines a row that fails either.
 */
export function checkedRow(entity: EntityName, row: StoredRow): StoredRow {
  const parsed = ROW_SCHEMAS[entity].safeParse(toWireRow(row));
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '/'}: ${i.message}`).join('; ');
    throw new Quarantine('schema-invalid', detail.slice(0, 2000));
  }
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed.data as Record<string, unknown>)) {
    if (!META_KEYS.has(key) || TOMBSTONES.has(key)) data[key] = value;
  }
  const bytes = utf8Length(JSON.stringify(data));
  if (bytes > MAX_ROW_BYTES) {
    throw new Quarantine(
      'schema-invalid',
      `INPUT4: the row would take ${bytes} bytes, more than ${MAX_ROW_BYTES}`,
    );
  }
  const fields = rowFieldsOf(entity);
  const fieldMeta = Object.fromEntries(Object.entries(row.fieldMeta).filter(([key]) => fields.has(key)));
  return { ...row, data, fieldMeta };
}

/** QUAR1: the mutation as received, but never nested beyond MAX_INPUT_DEPTH (INPUT2). */
export function storedPayload(raw: Record<string, unknown>, issue: InputIssue | undefined): unknown {
  return issue?.rule === 'INPUT2' ? depthBoundedCopy(raw) : raw;
}

/**
 * INPUT3: a value that lost to a concurrent write never reaches the row, but the field history and
 * the conflict (which every device of the scope pulls) keep it, so it must be one the row schema
 * accepts in that field. Quarantines the mutation otherwise.
 */
export function checkLosingValues(
  entity: EntityName,
  row: StoredRow,
  losing: ReadonlyMap<string, unknown>,
): void {
  for (const [field, value] of losing) {
    const data = { ...row.data };
    setValue(data, field, value);
    try {
      checkedRow(entity, { ...row, data });
    } catch (error) {
      if (!(error instanceof Quarantine)) throw error;
      throw new Quarantine(
        error.reason,
        `${field} (lost to a concurrent write): ${error.detail}`.slice(0, 2000),
      );
    }
  }
}

/** A string from a refused mutation that may go into a text column (INPUT1), else null. */
export function columnText(value: unknown): string | null {
  return typeof value === 'string' && isAllowedText(value) ? value.slice(0, 100) : null;
}
