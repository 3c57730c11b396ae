/**
 * The effects of one valid mutation on the row it names (docs/sync-protocol.md "Applying one
 * mutation", CONF1–CONF5, TOMB1–TOMB3, QUAR2, AUTH6c): create, append-only, delete, edit against
 * delete, and the per-field rule of each field class (lww, review, status). Pure: it reads the
 * rows, households and open conflicts the push loaded and returns what to write; the clock and
 * the conflict id generator come from the caller. Throws `Quarantine` when the mutation cannot
 * apply; then nothing is written.
 */
import {
  APPEND_ONLY_ENTITIES,
  fieldClass,
  isAllowedTransition,
} from '../../../src/domain/sync/field-classes';
import type { Mutation } from '../../../src/domain/sync/mutation';
import type { ConflictValue, MutationResult } from '../../../src/domain/sync/protocol';
import { TOMBSTONE_KEYS } from '../../../src/domain/sync/row-meta';
import { clearsWelcomePoint } from '../../../src/domain/sync/welcome-point-rule';
import type {
  ConflictRecord,
  FieldHistoryRecord,
  FieldMeta,
  HouseholdScope,
  StoredRow,
} from '../stores/store-tx';
import { checkedRow, checkLosingValues, Quarantine, TOMBSTONES } from './push-input';
import { conflictKey, fieldValue, rowKey, sameValue, setValue } from './wire-row';

/** What the server holds of the rows a push names, as loaded (and updated) by the push. */
export interface ServerView {
  /** By `rowKey(entity, id)`. */
  rows: ReadonlyMap<string, StoredRow>;
  households: ReadonlyMap<string, HouseholdScope>;
  /** The open conflicts of those rows, by `conflictKey(entity, id, field)`. */
  openConflicts: ReadonlyMap<string, ConflictRecord>;
}

/** Who writes, and the clock and id generator the decision uses (injected, so it stays pure). */
export interface Writer {
  userId: string;
  /** Server time, ms since the epoch. */
  now: number;
  /** A new conflict id. */
  newId: () => string;
}

/** What applying one mutation will write, decided before anything is written. */
export interface Plan {
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
export function planMutation(view: ServerView, writer: Writer, m: Mutation, hlc: string): Plan {
  const entity = m.entity;
  const out: Plan = emptyPlan();
  if (entity === 'household' && m.entityId !== m.householdId) {
    throw new Quarantine('invalid-mutation', 'a household is its own household');
  }
  const household = view.households.get(m.householdId);
  if (entity !== 'household' && household === undefined) {
    throw new Quarantine('unknown-household', `household ${m.householdId} is not on the server`);
  }
  const existing = view.rows.get(rowKey(entity, m.entityId));
  if (existing !== undefined && existing.householdId !== m.householdId) {
    throw new Quarantine('household-mismatch', `the row belongs to household ${existing.householdId}`);
  }
  const now = writer.now;

  if (existing === undefined) {
    if (m.op !== 'create')
      throw new Quarantine('unknown-row', `${entity} ${m.entityId} is not on the server`);
    const author: FieldMeta = { v: 1, d: m.deviceId, u: writer.userId, h: hlc, t: now };
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
        createdBy: household?.createdBy ?? writer.userId,
      };
    }
    out.result = { status: 'applied', version: 1 };
    return out;
  }

  const version = existing.version + 1;
  const author: FieldMeta = { v: version, d: m.deviceId, u: writer.userId, h: hlc, t: now };
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
    userId: writer.userId,
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
    const open = view.openConflicts.get(conflictKey(entity, existing.id, field));
    if (open !== undefined) {
      const merged = [...open.values];
      for (const value of values) {
        if (!merged.some((v) => sameValue(v, value))) merged.push(value);
      }
      out.joinedConflicts.push({ ...open, values: merged });
    } else {
      out.newConflicts.push({
        id: writer.newId(),
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
    const open = view.openConflicts.get(conflictKey(entity, existing.id, field));
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

export function emptyPlan(): Plan {
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
