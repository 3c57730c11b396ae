/**
 * The write path (sync-design §9.3): inside one rw transaction, each row change is validated
 * with its row schema, written with bumped local metadata, and recorded as one outbox mutation
 * with the next per-device `seq` from meta. Nothing here opens a transaction: the repository
 * opens one and hands it a recorder, so the row, the outbox entry and the meta counters commit
 * or fail together.
 */
import { type AnyRow, ROW_SCHEMAS } from '../domain/dossier/rows';
import { ENTITY_TABLES, type EntityName, isRootEntity } from '../domain/sync/entities';
import { receiveHlc, tickHlc } from '../domain/sync/hlc';
import {
  MUTATION_SCHEMA_VERSION,
  type MutationBase,
  type MutationOp,
  type OutboxEntry,
} from '../domain/sync/mutation';
import { ROW_META_KEYS } from '../domain/sync/row-meta';
import { DB_SCHEMA_VERSION, type RelaisDb, type StoredHousehold } from './app-db';
import { computeHouseholdLocal } from './household-index';
import { RowValidationError } from './repository-errors';
import { StorageError } from './storage-errors';

/** What the write path needs from the outside world (injected so tests control it). */
export interface WriteEnvironment {
  now(): number;
  newId(): string;
  userId(): string;
  appVersion: string;
}

const META_KEYS = new Set<string>(ROW_META_KEYS);

/**
 * The tables a write transaction covers: every synced table, the outbox, meta, conflicts and the
 * merged-household aliases (a write resolves a merged id through them, MERGE8).
 */
export function writeTables(db: RelaisDb): string[] {
  return [...Object.values(ENTITY_TABLES), 'outbox', 'meta', 'conflicts', 'householdAliases'].map(
    (t) => db.table(t).name,
  );
}

/** Structural equality of JSON-like values. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The entity fields of a row (no id, householdId or sync metadata). */
export function fieldsOf(row: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (!META_KEYS.has(key) && key !== 'local' && value !== undefined) out[key] = value;
  }
  return out;
}

/** Field names whose values differ between two rows (entity fields and tombstone fields). */
export function changedFields(before: object, after: object, withTombstone = false): string[] {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const keys = new Set([...Object.keys(fieldsOf(before)), ...Object.keys(fieldsOf(after))]);
  if (withTombstone) for (const k of ['deleted', 'deletedAt', 'deletedBy']) keys.add(k);
  return [...keys].filter((k) => !sameValue(b[k], a[k])).sort();
}

function toPatch(row: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  // JSON Merge Patch at the top level: null removes the field.
  for (const field of fields) patch[field] = row[field] === undefined ? null : row[field];
  return patch;
}

function baseOf(
  row: { version: number; fieldVersions: Record<string, number> },
  fields: readonly string[],
): MutationBase {
  const fieldVersions: Record<string, number> = {};
  for (const field of fields) fieldVersions[field] = row.fieldVersions[field] ?? 0;
  return { version: row.version, fieldVersions };
}

export interface RecordedChange {
  op: MutationOp;
  entity: EntityName;
  row: AnyRow;
  patch: Record<string, unknown>;
  base: MutationBase;
}

export class ChangeRecorder {
  private deviceId = '';
  private nextSeq = 1;
  private hlc: string | undefined;
  /** Households whose local index must be refreshed, with the latest change time. */
  private readonly touched = new Map<string, number>();
  readonly outboxEntries: OutboxEntry[] = [];

  private constructor(
    private readonly db: RelaisDb,
    private readonly env: WriteEnvironment,
  ) {}

  /** Reads the device meta; refuses to write a database of a newer schema (§9.9 rollback guard). */
  static async begin(db: RelaisDb, env: WriteEnvironment): Promise<ChangeRecorder> {
    const recorder = new ChangeRecorder(db, env);
    const records = await db.meta.bulkGet(['deviceId', 'nextSeq', 'hlc', 'schemaVersion']);
    const [deviceId, nextSeq, hlc, schemaVersion] = records.map((r) => r?.value);
    if (typeof schemaVersion === 'number' && schemaVersion > DB_SCHEMA_VERSION) {
      throw new StorageError(
        'outdated',
        `database schema ${schemaVersion} is newer than this app (${DB_SCHEMA_VERSION})`,
      );
    }
    recorder.deviceId = typeof deviceId === 'string' ? deviceId : env.newId();
    recorder.nextSeq = typeof nextSeq === 'number' ? nextSeq : 1;
    recorder.hlc = typeof hlc === 'string' ? hlc : undefined;
    return recorder;
  }

  get device(): string {
    return this.deviceId;
  }

  /** A new local HLC stamp and its wall-clock time. */
  stamp(): { hlc: string; at: number } {
    this.hlc = tickHlc(this.hlc, this.env.now(), this.deviceId);
    return { hlc: this.hlc, at: Number(this.hlc.slice(0, 13)) };
  }

  /** Advances the local clock past a stamp that came from elsewhere (an imported row). */
  observe(remoteHlc: string): void {
    this.hlc = receiveHlc(this.hlc, remoteHlc, this.env.now(), this.deviceId);
  }

  get userId(): string {
    return this.env.userId();
  }

  newId(): string {
    return this.env.newId();
  }

  now(): number {
    return this.env.now();
  }

  /** Validates a row with its entity's schema; the parsed row drops unknown keys. */
  validate(entity: EntityName, row: unknown): AnyRow {
    const result = ROW_SCHEMAS[entity].safeParse(row);
    if (!result.success) throw new RowValidationError(entity, result.error.issues);
    return result.data as AnyRow;
  }

  /**
   * Writes a validated row and its outbox mutation. `row` must carry its final metadata;
   * `hlc` is the mutation's clock (the row's updatedHlc unless told otherwise).
   */
  async write(change: RecordedChange, hlc: string = change.row.updatedHlc): Promise<OutboxEntry> {
    const { entity, row } = change;
    const table = this.db.table(ENTITY_TABLES[entity]);
    if (entity === 'household') {
      const existing = (await this.db.households.get(row.id)) as StoredHousehold | undefined;
      const local = existing?.local ?? computeHouseholdLocal(row as StoredHousehold, [], [], row.updatedAt);
      await table.put({ ...row, local });
    } else {
      await table.put(row);
    }
    const entry: OutboxEntry = {
      seq: this.nextSeq,
      mutationId: this.env.newId(),
      deviceId: this.deviceId,
      userId: this.env.userId(),
      op: change.op,
      entity,
      entityId: row.id,
      householdId: row.householdId,
      patch: change.patch,
      base: change.base,
      hlc,
      schemaVersion: MUTATION_SCHEMA_VERSION,
      appVersion: this.env.appVersion,
      state: 'pending',
      attempts: 0,
      createdAt: this.env.now(),
    };
    this.nextSeq += 1;
    await this.db.outbox.add(entry);
    this.outboxEntries.push(entry);
    this.touch(row.householdId, row.updatedAt);
    return entry;
  }

  /** Creates a row from entity fields: version 0, fresh stamp, this device and user as origin. */
  async create(
    entity: EntityName,
    householdId: string | undefined,
    fields: object,
    id?: string,
  ): Promise<AnyRow> {
    const rowId = id ?? this.env.newId();
    const { hlc, at } = this.stamp();
    const row = this.validate(entity, {
      ...fieldsOf(fields),
      id: rowId,
      // A root (household, workshop) is its own scope: householdId === id.
      householdId: isRootEntity(entity) ? rowId : householdId,
      version: 0,
      fieldVersions: {},
      deleted: false,
      updatedHlc: hlc,
      updatedAt: at,
      origin: { deviceId: this.deviceId, userId: this.env.userId() },
    });
    const patch = fieldsOf(row);
    await this.write({ op: 'create', entity, row, patch, base: { version: 0, fieldVersions: {} } });
    return row;
  }

  /**
   * Applies a field patch to an existing row (`undefined` removes an optional field). Returns
   * the row unchanged, with no outbox entry, when nothing changes.
   */
  async patch(entity: EntityName, current: AnyRow, patch: Record<string, unknown>): Promise<AnyRow> {
    const next: Record<string, unknown> = { ...current };
    for (const [key, value] of Object.entries(patch)) {
      if (META_KEYS.has(key) || key === 'local') continue;
      if (value === undefined) delete next[key];
      else next[key] = value;
    }
    const fields = changedFields(current, next);
    if (fields.length === 0) return current;
    const { hlc, at } = this.stamp();
    const row = this.validate(entity, {
      ...next,
      updatedHlc: hlc,
      updatedAt: at,
      origin: { deviceId: this.deviceId, userId: this.env.userId() },
    });
    await this.write({
      op: 'patch',
      entity,
      row,
      patch: toPatch(row as Record<string, unknown>, fields),
      base: baseOf(current, fields),
    });
    return row;
  }

  /** Tombstones (deleted = true) or restores a row. No-op when already in that state. */
  async setDeleted(entity: EntityName, current: AnyRow, deleted: boolean): Promise<AnyRow> {
    if (current.deleted === deleted) return current;
    const { hlc, at } = this.stamp();
    const next: Record<string, unknown> = {
      ...current,
      deleted,
      updatedHlc: hlc,
      updatedAt: at,
      origin: { deviceId: this.deviceId, userId: this.env.userId() },
    };
    if (deleted) {
      next.deletedAt = at;
      next.deletedBy = this.env.userId();
    } else {
      delete next.deletedAt;
      delete next.deletedBy;
    }
    const row = this.validate(entity, next);
    const fields = ['deleted', 'deletedAt', 'deletedBy'];
    await this.write({
      op: deleted ? 'delete' : 'restore',
      entity,
      row,
      patch: toPatch(row as Record<string, unknown>, fields),
      base: baseOf(current, fields),
    });
    return row;
  }

  /** Marks a household for an index refresh (a change not recorded through write()). */
  touch(householdId: string, at: number): void {
    this.touched.set(householdId, Math.max(this.touched.get(householdId) ?? 0, at));
  }

  /** Saves the meta counters and refreshes the touched households' local index. */
  async finish(): Promise<void> {
    await this.db.meta.bulkPut([
      { key: 'deviceId', value: this.deviceId },
      { key: 'nextSeq', value: this.nextSeq },
      ...(this.hlc === undefined ? [] : [{ key: 'hlc', value: this.hlc }]),
    ]);
    for (const [householdId, at] of this.touched) {
      const household = await this.db.households.get(householdId);
      if (!household) continue;
      const [members, appointments] = await Promise.all([
        this.db.members.where('householdId').equals(householdId).toArray(),
        this.db.appointments.where('householdId').equals(householdId).toArray(),
      ]);
      const activityAt = Math.max(household.local?.activityAt ?? 0, at);
      household.local = computeHouseholdLocal(household, members, appointments, activityAt);
      await this.db.households.put(household);
    }
    this.touched.clear();
  }
}
