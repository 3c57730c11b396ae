/**
 * Size: over 450 lines, deliberately not split in issue 12, which changed behaviour here;
 * issue 13 splits it along its seam, with behaviour unchanged:
 * the decision for one mutation as a pure function, apart from the transaction.
 *
 * Applying a push (docs/sync-protocol.md PUSH*, CONF*, QUAR*, CLOCK*). One sequenced transaction
 * per request:
 *
 * 1. the device must belong to the caller (PUSH2);
 * 2. every new mutation is authorised against its household BEFORE anything is written: one
 *    forged mutation rejects the whole request with 403 (AUTH6);
 * 3. mutations are processed in seq order: seq ≤ lastSeq is a replay (stored result), a seq that
 *    skips ahead stops the batch (expectedSeq), a repeated mutationId is acknowledged without
 *    effect, anything else is applied or quarantined (PUSH3–PUSH7);
 * 4. the device's lastSeq and the change sequence are saved in the same transaction.
 *
 * Each mutation is first decided in memory (validation, conflict detection, status machines) and
 * only then written, so a quarantined mutation has written nothing and no savepoint is needed.
 * Any other error aborts the transaction: the route answers 503 and the client resends.
 */
import { randomUUID } from 'node:crypto';
import { ROW_SCHEMAS, rowFieldsOf } from '../../../src/domain/dossier/rows';
import type { EntityName } from '../../../src/domain/sync/entities';
import {
  APPEND_ONLY_ENTITIES,
  fieldClass,
  isAllowedTransition,
} from '../../../src/domain/sync/field-classes';
import { formatHlc, parseHlc } from '../../../src/domain/sync/hlc';
import {
  depthBoundedCopy,
  describeInputIssue,
  type InputIssue,
  inputIssue,
  isAllowedText,
  MAX_ROW_BYTES,
  utf8Length,
} from '../../../src/domain/sync/input-rules';
import { MUTATION_SCHEMA_VERSION, type Mutation, MutationSchema } from '../../../src/domain/sync/mutation';
import {
  type ConflictValue,
  MAX_CLOCK_AHEAD_MS,
  type MutationResult,
  type PushRequest,
  type PushResponse,
  type QuarantineReason,
} from '../../../src/domain/sync/protocol';
import { ROW_META_KEYS, TOMBSTONE_KEYS } from '../../../src/domain/sync/row-meta';
import { UpcastError, upcastMutation } from '../../../src/domain/sync/upcast';
import { clearsWelcomePoint } from '../../../src/domain/sync/welcome-point-rule';
import { forbidden } from '../http-errors';
import type { RelaisStore } from '../stores/store';
import type {
  ConflictRecord,
  FieldHistoryRecord,
  FieldMeta,
  HouseholdScope,
  Scope,
  StoredRow,
  StoreTx,
  UserRecord,
} from '../stores/store-tx';
import { inScope } from './scope';

export interface PushCaller {
  user: UserRecord;
  /** The device the session was opened on. */
  deviceId: string;
  scope: Scope;
}

export interface PushOptions {
  now: number;
  /** Test hook: runs after each mutation is written, inside the transaction (crash injection). */
  afterMutation?: (index: number) => void | Promise<void>;
}

const META_KEYS = new Set<string>(ROW_META_KEYS);
const TOMBSTONES = new Set<string>(TOMBSTONE_KEYS);

class Quarantine extends Error {
  constructor(
    readonly reason: QuarantineReason,
    readonly detail: string,
  ) {
    super(detail);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

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

function rowKey(entity: string, id: string): string {
  return `${entity}\u0000${id}`;
}

function conflictKey(entity: string, id: string, field: string): string {
  return `${entity}\u0000${id}\u0000${field}`;
}

interface Batch {
  tx: StoreTx;
  caller: PushCaller;
  deviceId: string;
  now: number;
  rows: Map<string, StoredRow>;
  households: Map<string, HouseholdScope>;
  openConflicts: Map<string, ConflictRecord>;
  nextSeq: () => number;
}

/** What applying one mutation will write, decided before anything is written. */
interface Plan {
  row?: StoredRow;
  household?: HouseholdScope;
  /** The household moved to another welcome point: its rows are re-sequenced (PULL5). */
  rescope?: boolean;
  history: Omit<FieldHistoryRecord, 'id' | 'recordedAt'>[];
  newConflicts: ConflictRecord[];
  joinedConflicts: ConflictRecord[];
  resolved: ConflictRecord[];
  result: Omit<MutationResult, 'seq' | 'mutationId'>;
}

function parseMutation(raw: Record<string, unknown>, deviceId: string): Mutation {
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
function checkedRow(entity: EntityName, row: StoredRow): StoredRow {
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
function storedPayload(raw: Record<string, unknown>, issue: InputIssue | undefined): unknown {
  return issue?.rule === 'INPUT2' ? depthBoundedCopy(raw) : raw;
}

/**
 * INPUT3: a value that lost to a concurrent write never reaches the row, but the field history and
 * the conflict (which every device of the scope pulls) keep it, so it must be one the row schema
 * accepts in that field. Quarantines the mutation otherwise.
 */
function checkLosingValues(entity: EntityName, row: StoredRow, losing: ReadonlyMap<string, unknown>): void {
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
function columnText(value: unknown): string | null {
  return typeof value === 'string' && isAllowedText(value) ? value.slice(0, 100) : null;
}

function fieldValue(data: Record<string, unknown>, field: string): unknown {
  return data[field] === undefined ? null : data[field];
}

function setValue(data: Record<string, unknown>, field: string, value: unknown): void {
  if (value === null || value === undefined) delete data[field];
  else data[field] = value;
}

function currentValue(value: unknown, meta: FieldMeta): ConflictValue {
  return {
    value: value ?? null,
    userId: meta.u,
    deviceId: meta.d,
    hlc: meta.h,
    serverTime: meta.t,
    version: meta.v,
  };
}

/** Decides the effects of one valid mutation. Throws Quarantine when it cannot apply. */
function plan(batch: Batch, m: Mutation, hlc: string): Plan {
  const entity = m.entity;
  const out: Plan = {
    history: [],
    newConflicts: [],
    joinedConflicts: [],
    resolved: [],
    result: { status: 'applied' },
  };
  if (entity === 'household' && m.entityId !== m.householdId) {
    throw new Quarantine('invalid-mutation', 'a household is its own household');
  }
  const household = batch.households.get(m.householdId);
  if (entity !== 'household' && household === undefined) {
    throw new Quarantine('unknown-household', `household ${m.householdId} is not on the server`);
  }
  const existing = batch.rows.get(rowKey(entity, m.entityId));
  if (existing !== undefined && existing.householdId !== m.householdId) {
    throw new Quarantine('household-mismatch', `the row belongs to household ${existing.householdId}`);
  }
  const now = batch.now;

  if (existing === undefined) {
    if (m.op !== 'create')
      throw new Quarantine('unknown-row', `${entity} ${m.entityId} is not on the server`);
    const author: FieldMeta = { v: 1, d: m.deviceId, u: batch.caller.user.id, h: hlc, t: now };
    const data: Record<string, unknown> = { deleted: false };
    const fieldMeta: Record<string, FieldMeta> = {};
    for (const [field, value] of Object.entries(m.patch)) {
      if (value === null || value === undefined) continue;
      data[field] = value;
      fieldMeta[field] = author;
    }
    const row: StoredRow = {
      entity,
      id: m.entityId,
      householdId: m.householdId,
      version: 1,
      seq: 0,
      deleted: false,
      data,
      fieldMeta,
      updatedHlc: hlc,
    };
    out.row = checkedRow(entity, row);
    if (entity === 'household') {
      const wp = out.row.data.welcomePointId;
      out.household = {
        id: m.entityId,
        welcomePointId: typeof wp === 'string' ? wp : null,
        createdBy: household?.createdBy ?? batch.caller.user.id,
      };
    }
    out.result = { status: 'applied', version: 1 };
    return out;
  }

  const version = existing.version + 1;
  const author: FieldMeta = { v: version, d: m.deviceId, u: batch.caller.user.id, h: hlc, t: now };
  const data = { ...existing.data };
  const fieldMeta = { ...existing.fieldMeta };
  let changed = false;
  /** The device showed a value the server did not keep: the row must reach it again (PULL9). */
  let resend = false;
  /** Values that lost to a concurrent write: kept in the history and conflicts, so checked too. */
  const losing = new Map<string, unknown>();
  let deleted = existing.deleted;
  const incoming = (value: unknown): ConflictValue => ({
    value: value ?? null,
    userId: batch.caller.user.id,
    deviceId: m.deviceId,
    hlc,
    serverTime: now,
    version,
    mutationId: m.mutationId,
  });
  const record = (field: string, value: unknown, meta: FieldMeta, reason: string): void => {
    out.history.push({
      entity,
      entityId: existing.id,
      householdId: existing.householdId,
      field,
      value: value ?? null,
      version: meta.v,
      userId: meta.u,
      deviceId: meta.d,
      hlc: meta.h,
      serverTime: meta.t,
      reason,
      byMutation: m.mutationId,
    });
  };
  const openConflict = (field: string, kind: ConflictRecord['kind'], values: ConflictValue[]): void => {
    const open = batch.openConflicts.get(conflictKey(entity, existing.id, field));
    if (open !== undefined) {
      const merged = [...open.values];
      for (const value of values) {
        if (!merged.some((v) => sameValue(v, value))) merged.push(value);
      }
      out.joinedConflicts.push({ ...open, values: merged });
    } else {
      out.newConflicts.push({
        id: randomUUID(),
        entity,
        entityId: existing.id,
        householdId: existing.householdId,
        field,
        kind,
        status: 'open',
        values,
        openedAt: now,
        resolvedAt: null,
        resolvedBy: null,
        resolvedByMutation: null,
      });
    }
  };
  const resolveIfOpen = (field: string): void => {
    const open = batch.openConflicts.get(conflictKey(entity, existing.id, field));
    if (open !== undefined) out.resolved.push(open);
  };

  // Notes are append-only (CONF5): an edit in place is refused; a resent identical create is a no-op.
  if (APPEND_ONLY_ENTITIES.has(entity) && (m.op === 'create' || m.op === 'patch')) {
    const differs = Object.entries(m.patch).some(
      ([field, value]) => !sameValue(fieldValue(data, field), value),
    );
    if (differs) throw new Quarantine('append-only', `${entity} rows are never edited: write a new revision`);
    out.result = { status: 'applied', version: existing.version };
    return out;
  }

  // AUTH6c (ADR 0019): a household keeps a welcome point once it has one; it moves, never to none.
  const patchesWelcomePoint = entity === 'household' && 'welcomePointId' in m.patch;
  if (patchesWelcomePoint && clearsWelcomePoint(data.welcomePointId, m.patch.welcomePointId)) {
    throw new Quarantine(
      'transition-not-allowed',
      `household.welcomePointId: ${String(data.welcomePointId)} → none: a household keeps a welcome point once it has one`,
    );
  }

  if (m.op === 'delete') {
    if (existing.deleted) {
      // TOMB3: delete against delete converges; the first tombstone stays. The row is re-sent
      // (PULL9): the device's own tombstone carries its own deletedAt.
      out.row = { ...existing, version };
      out.result = { status: 'applied', version };
      return out;
    }
    const concurrentEdits = Object.entries(existing.fieldMeta)
      .filter(([field, meta]) => !TOMBSTONES.has(field) && meta.v > m.base.version && meta.d !== m.deviceId)
      .map(([, meta]) => meta)
      .sort((a, b) => b.v - a.v);
    const latest = concurrentEdits[0];
    if (latest !== undefined) {
      // TOMB2: a delete concurrent with another device's edit keeps the edited row, alive.
      record('deleted', true, author, 'delete-refused-concurrent-edit');
      openConflict('deleted', 'edit-vs-delete', [currentValue(false, latest), incoming(true)]);
      out.row = { ...existing, version, data, fieldMeta, updatedHlc: maxHlc(existing.updatedHlc, hlc) };
      out.result = { status: 'conflict-recorded', version };
      return finishConflicts(out);
    }
  }

  if ((m.op === 'patch' || m.op === 'create') && existing.deleted) {
    const deletion = existing.fieldMeta.deleted;
    if (deletion !== undefined && deletion.v > m.base.version && deletion.d !== m.deviceId) {
      // TOMB2: an edit concurrent with another device's delete brings the row back.
      record('deleted', true, deletion, 'undeleted-by-concurrent-edit');
      openConflict('deleted', 'edit-vs-delete', [currentValue(true, deletion), incoming(false)]);
      for (const key of TOMBSTONE_KEYS) {
        setValue(data, key, key === 'deleted' ? false : null);
        fieldMeta[key] = author;
      }
      deleted = false;
      changed = true;
      out.result = { status: 'conflict-recorded' };
    }
  }

  for (const [field, value] of Object.entries(m.patch)) {
    const meta = fieldMeta[field];
    const current = fieldValue(data, field);
    const baseVersion = m.base.fieldVersions[field] ?? m.base.version;
    const informed = meta === undefined || baseVersion >= meta.v;
    const concurrent = !informed && meta.d !== m.deviceId;
    const cls = fieldClass(entity, field);
    if (concurrent && sameValue(current, value)) continue; // both wrote the same value: nothing to review
    const wins = !concurrent || hlc > meta.h;
    if (
      cls === 'status' &&
      wins &&
      !sameValue(current, value) &&
      !isAllowedTransition(entity, field, current, value)
    ) {
      throw new Quarantine(
        'transition-not-allowed',
        `${entity}.${field}: ${String(current)} → ${String(value)}`,
      );
    }
    if (concurrent) {
      // CONF1/CONF2: the provisional winner is the higher HLC; the other value is kept.
      if (wins) record(field, current, meta, 'replaced-by-concurrent-write');
      else {
        record(field, value, author, 'lost-to-concurrent-write');
        losing.set(field, value);
        resend = true;
      }
      if (cls === 'review') {
        openConflict(field, 'concurrent-edit', [currentValue(current, meta), incoming(value)]);
        out.result = { status: 'conflict-recorded' };
      }
    } else if (informed) {
      // CONF4: an edit made on the latest version of the field settles its open conflict.
      resolveIfOpen(field);
    }
    if (wins && (!sameValue(current, value) || concurrent)) {
      setValue(data, field, value);
      fieldMeta[field] = author;
      changed = true;
    }
    if (field === 'deleted') deleted = data.deleted === true;
  }

  if (!changed && out.newConflicts.length === 0 && out.joinedConflicts.length === 0) {
    if (resend) {
      checkLosingValues(entity, existing, losing);
      out.row = { ...existing, version };
      out.result = { ...out.result, version };
      return out;
    }
    out.result = { ...out.result, version: existing.version };
    if (out.resolved.length > 0) out.result.resolvedConflictIds = out.resolved.map((c) => c.id);
    return out;
  }
  const row: StoredRow = {
    ...existing,
    version,
    deleted,
    data: { ...data, deleted },
    fieldMeta,
    updatedHlc: maxHlc(existing.updatedHlc, hlc),
  };
  out.row = checkedRow(entity, row);
  checkLosingValues(entity, out.row, losing);
  if (entity === 'household' && household !== undefined) {
    const wp = typeof out.row.data.welcomePointId === 'string' ? out.row.data.welcomePointId : null;
    if (wp !== household.welcomePointId) {
      out.household = { ...household, welcomePointId: wp };
      out.rescope = true;
    }
  }
  out.result = { ...out.result, version };
  if (out.resolved.length > 0) out.result.resolvedConflictIds = out.resolved.map((c) => c.id);
  return finishConflicts(out);
}

function emptyPlan(): Plan {
  return { history: [], newConflicts: [], joinedConflicts: [], resolved: [], result: { status: 'applied' } };
}

function finishConflicts(out: Plan): Plan {
  const ids = [...out.newConflicts, ...out.joinedConflicts].map((c) => c.id);
  if (ids.length > 0) out.result = { ...out.result, conflictIds: ids };
  return out;
}

function maxHlc(a: string, b: string): string {
  return a > b ? a : b;
}

async function write(batch: Batch, p: Plan): Promise<void> {
  const { tx, now } = batch;
  for (const entry of p.history) await tx.insertFieldHistory({ ...entry, id: randomUUID(), recordedAt: now });
  for (const c of p.newConflicts) {
    await tx.insertConflict(c);
    batch.openConflicts.set(conflictKey(c.entity, c.entityId, c.field), c);
  }
  for (const c of p.joinedConflicts) {
    await tx.setConflictValues(c.id, c.values);
    batch.openConflicts.set(conflictKey(c.entity, c.entityId, c.field), c);
  }
  if (p.row !== undefined) {
    const row = { ...p.row, seq: batch.nextSeq() };
    await tx.upsertRow(row);
    batch.rows.set(rowKey(row.entity, row.id), row);
  }
  if (p.household !== undefined) {
    const before = batch.households.get(p.household.id);
    await tx.upsertHousehold(p.household);
    batch.households.set(p.household.id, p.household);
    if (p.rescope === true && before !== undefined) {
      // PULL10: devices of the old welcome point are told to drop the household.
      await tx.insertScopeRemoval({
        seq: batch.nextSeq(),
        householdId: before.id,
        oldWelcomePointId: before.welcomePointId,
        createdBy: before.createdBy,
        removedAt: now,
      });
    }
    if (p.rescope === true) {
      for (const key of await tx.rowKeysOfHousehold(p.household.id)) {
        const seq = batch.nextSeq();
        await tx.setRowSeq(key.entity, key.id, seq);
        const cached = batch.rows.get(rowKey(key.entity, key.id));
        if (cached !== undefined) cached.seq = seq;
      }
    }
  }
  return undefined;
}

async function resolveConflicts(batch: Batch, p: Plan, m: Mutation): Promise<void> {
  for (const c of p.resolved) {
    await batch.tx.resolveConflict(c.id, {
      userId: batch.caller.user.id,
      mutationId: m.mutationId,
      at: batch.now,
    });
    batch.openConflicts.delete(conflictKey(c.entity, c.entityId, c.field));
  }
}

/**
 * AUTH6: every new mutation's household must be in the caller's scope, or nothing is applied.
 * AUTH6b: a household that WAS in the caller's scope until a move took it out is not a forgery:
 * the device made its change before it heard of the move. Such mutations are returned, to be
 * quarantined one by one (`left-scope`), and the rest of the batch goes on.
 */
function authorise(
  caller: PushCaller,
  mutations: readonly Record<string, unknown>[],
  households: Map<string, HouseholdScope>,
  rows: Map<string, StoredRow>,
  leftScope: ReadonlySet<string>,
): Set<Record<string, unknown>> {
  const simulated = new Map(households);
  const rowsById = new Map<string, StoredRow[]>();
  for (const row of rows.values()) rowsById.set(row.id, [...(rowsById.get(row.id) ?? []), row]);
  const outOfScope = new Set<Record<string, unknown>>();
  let current: Record<string, unknown> | undefined;
  const denied = (id: string): void => {
    if (leftScope.has(id) && current !== undefined) {
      outOfScope.add(current);
      return;
    }
    throw forbidden(`Household ${id} is outside your welcome points: nothing was applied`);
  };
  for (const m of mutations) {
    current = m;
    const hid = typeof m.householdId === 'string' ? m.householdId : undefined;
    if (typeof m.entityId === 'string') {
      for (const row of rowsById.get(m.entityId) ?? []) {
        const owner = simulated.get(row.householdId);
        if (owner !== undefined && !inScope(caller.scope, owner)) denied(row.householdId);
      }
    }
    if (hid === undefined) continue;
    const known = simulated.get(hid);
    if (known !== undefined && !inScope(caller.scope, known)) denied(hid);
    const patch = isRecord(m.patch) ? m.patch : {};
    if (m.entity === 'household' && 'welcomePointId' in patch) {
      const wp = patch.welcomePointId;
      // AUTH6c: emptying the welcome point is quarantined (plan), so the household stays put.
      if (known !== undefined && clearsWelcomePoint(known.welcomePointId, wp)) continue;
      const target: HouseholdScope = {
        id: hid,
        welcomePointId: typeof wp === 'string' ? wp : null,
        createdBy: known?.createdBy ?? caller.user.id,
      };
      if (!inScope(caller.scope, target)) denied(hid);
      simulated.set(hid, target);
    } else if (known === undefined && m.entity === 'household') {
      simulated.set(hid, { id: hid, welcomePointId: null, createdBy: caller.user.id });
    }
  }
  return outOfScope;
}

export async function applyPush(
  store: RelaisStore,
  caller: PushCaller,
  request: PushRequest,
  options: PushOptions,
): Promise<PushResponse> {
  const { now } = options;
  if (request.deviceId !== caller.deviceId) {
    throw forbidden('This session was opened on another device');
  }
  for (const m of request.mutations) {
    if (m.deviceId !== undefined && m.deviceId !== request.deviceId) {
      throw forbidden('A mutation names another device: nothing was applied');
    }
  }
  return store.transaction(
    async (tx) => {
      const device = await tx.getDevice(request.deviceId);
      if (device === undefined || device.userId !== caller.user.id) {
        throw forbidden('This device is not registered to you');
      }
      let lastSeq = device.lastSeq;
      const fresh = request.mutations.filter((m) => m.seq > lastSeq);
      const replayed = request.mutations.filter((m) => m.seq <= lastSeq).map((m) => m.seq);
      // INPUT1, INPUT2: a mutation that breaks the input rules is quarantined below, and none of
      // its values reaches a query (PostgreSQL refuses U+0000 in text: that was a 503 forever).
      const refused = new Map<Record<string, unknown>, InputIssue>();
      for (const m of fresh) {
        const issue = inputIssue(m);
        if (issue !== undefined) refused.set(m, issue);
      }
      const checked = fresh.filter((m) => !refused.has(m));
      const strings = (key: string): string[] =>
        fresh.map((m) => m[key]).filter((v): v is string => typeof v === 'string' && isAllowedText(v));
      const rowList = await tx.getRows(strings('entityId'));
      const rows = new Map(rowList.map((r) => [rowKey(r.entity, r.id), r]));
      const households = await tx.getHouseholds([
        ...strings('householdId'),
        ...rowList.map((r) => r.householdId),
      ]);
      const foreign = [...households.values()].filter((h) => !inScope(caller.scope, h)).map((h) => h.id);
      const leftScope = await tx.householdsThatLeftScope(foreign, caller.scope);
      const outOfScope = authorise(caller, checked, households, rows, leftScope);

      const applied = await tx.getApplied(request.deviceId, replayed);
      const seenIds = await tx.existingMutationIds(fresh.map((m) => m.mutationId));
      const openConflicts = new Map<string, ConflictRecord>();
      for (const c of await tx.openConflictsOf(rowList.map((r) => r.id))) {
        openConflicts.set(conflictKey(c.entity, c.entityId, c.field), c);
      }
      let counter = await tx.getCounter('change_seq');
      const batch: Batch = {
        tx,
        caller,
        deviceId: request.deviceId,
        now,
        rows,
        households,
        openConflicts,
        nextSeq: () => {
          counter += 1;
          return counter;
        },
      };

      const results: MutationResult[] = [];
      let expectedSeq: number | undefined;
      for (const [index, raw] of request.mutations.entries()) {
        const head = { seq: raw.seq, mutationId: raw.mutationId };
        if (raw.seq <= lastSeq) {
          // PUSH3: a replay gets the stored result, marked duplicate.
          const stored = applied.get(raw.seq)?.result as MutationResult | undefined;
          const original =
            stored === undefined
              ? undefined
              : {
                  status: stored.status,
                  ...(stored.version === undefined ? {} : { version: stored.version }),
                  ...(stored.reason === undefined ? {} : { reason: stored.reason }),
                };
          results.push({ ...head, status: 'duplicate', ...(original === undefined ? {} : { original }) });
          continue;
        }
        if (raw.seq !== lastSeq + 1) {
          // PUSH5: a gap stops the batch; the device resends from expectedSeq.
          expectedSeq = lastSeq + 1;
          break;
        }
        let result: MutationResult;
        let mutationIdToStore: string | null = raw.mutationId;
        if (seenIds.has(raw.mutationId)) {
          // PUSH4: the same mutation id under another seq is acknowledged, not applied again.
          result = { ...head, status: 'duplicate' };
          mutationIdToStore = null;
        } else {
          const issue = refused.get(raw);
          try {
            if (issue !== undefined) throw new Quarantine('invalid-mutation', describeInputIssue(issue));
            if (outOfScope.has(raw)) {
              throw new Quarantine(
                'left-scope',
                'The household moved to a welcome point this user does not have (AUTH6b)',
              );
            }
            const m = parseMutation(raw, request.deviceId);
            const p = plan(batch, m, clampHlc(m.hlc, now));
            await write(batch, p);
            await resolveConflicts(batch, p, m);
            result = { ...head, ...p.result };
          } catch (error) {
            if (!(error instanceof Quarantine)) throw error;
            // QUAR1: kept verbatim with the reason, acknowledged, listed for coordinators.
            await tx.insertQuarantine({
              id: randomUUID(),
              deviceId: request.deviceId,
              seq: raw.seq,
              mutationId: raw.mutationId,
              userId: caller.user.id,
              householdId: columnText(raw.householdId),
              entity: columnText(raw.entity),
              reason: error.reason,
              detail: error.detail,
              payload: storedPayload(raw, issue),
              receivedAt: now,
            });
            result = { ...head, status: 'quarantined', reason: error.reason };
            // PULL9: the device applied it locally; send it the server's row again.
            const existing =
              typeof raw.entity === 'string' && typeof raw.entityId === 'string'
                ? batch.rows.get(rowKey(raw.entity, raw.entityId))
                : undefined;
            // Not for a household that left the device's scope: the device drops it (PULL10).
            // Nor for a household outside it: a refused mutation (INPUT1, INPUT2) was never
            // authorised (AUTH6).
            const owner = existing === undefined ? undefined : batch.households.get(existing.householdId);
            if (
              existing !== undefined &&
              error.reason !== 'left-scope' &&
              owner !== undefined &&
              inScope(caller.scope, owner)
            ) {
              await write(batch, { ...emptyPlan(), row: { ...existing, version: existing.version + 1 } });
            }
          }
          seenIds.add(raw.mutationId);
        }
        await tx.insertApplied({
          deviceId: request.deviceId,
          seq: raw.seq,
          mutationId: mutationIdToStore,
          userId: caller.user.id,
          payload: storedPayload(raw, refused.get(raw)),
          result,
          appliedAt: now,
        });
        lastSeq = raw.seq;
        results.push(result);
        await options.afterMutation?.(index);
      }
      await tx.setDeviceLastSeq(request.deviceId, lastSeq, now);
      await tx.setCounter('change_seq', counter);
      return {
        ackSeq: lastSeq,
        results,
        ...(expectedSeq === undefined ? {} : { expectedSeq }),
        serverTime: now,
      };
    },
    { sequenced: true },
  );
}
