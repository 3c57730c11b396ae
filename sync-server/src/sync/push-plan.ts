/**
 * The effects of one valid mutation on the row it names (docs/sync-protocol.md "Applying one
 * mutation", CONF1–CONF5, TOMB1–TOMB3, QUAR2, AUTH6c), step by step: a create of a new row;
 * then, for an existing row, the append-only rule, delete against edit, edit against delete, the
 * rule of each patched field's class (lww, review, status), and the row to store. Pure: it reads
 * the rows, households and open conflicts the push loaded and returns what to write; the clock
 * and the conflict id generator come from the caller. Throws `Quarantine` when the mutation
 * cannot apply; then nothing is written.
 */

import { isRootEntity } from '../../../src/domain/sync/entities';
import {
  APPEND_ONLY_ENTITIES,
  fieldClass,
  isAllowedTransition,
} from '../../../src/domain/sync/field-classes';
import type { Mutation } from '../../../src/domain/sync/mutation';
import { clearsWelcomePoint } from '../../../src/domain/sync/welcome-point-rule';
import type { FieldMeta, HouseholdScope, StoredRow } from '../stores/store-tx';
import { settleLiveness } from './liveness';
import { checkedRow, checkLosingValues, Quarantine, TOMBSTONES } from './push-input';
import { settleReviewFrontier } from './review-frontier';
import { currentValue, emptyPlan, type Plan, RowDraft, type ServerView, type Writer } from './row-draft';
import { fieldValue, maxHlc, rowKey, sameValue } from './wire-row';

/** Decides the effects of one valid mutation. Throws Quarantine when it cannot apply. */
export function planMutation(
  view: ServerView,
  writer: Writer,
  m: Mutation,
  hlc: string,
  /** MERGE9: the mutation named a merged household and was rewritten to its survivor. */
  redirected = false,
): Plan {
  const entity = m.entity;
  // A root (household, workshop) is its own scope: householdId === id.
  const root = isRootEntity(entity);
  if (root && m.entityId !== m.householdId) {
    throw new Quarantine('invalid-mutation', `a ${entity} is its own household`);
  }
  const household = view.households.get(m.householdId);
  if (!root && household === undefined) {
    throw new Quarantine('unknown-household', `household ${m.householdId} is not on the server`);
  }
  // WS1: a workshop's scope holds the workshop alone; a root id is one root's, never two.
  const workshopScope = view.workshops?.has(m.householdId) === true;
  if (!root && workshopScope) {
    throw new Quarantine('unknown-household', `${m.householdId} is a workshop, not a household`);
  }
  if (root && household !== undefined && workshopScope !== (entity === 'workshop')) {
    throw new Quarantine('household-mismatch', `${m.householdId} is another root's id`);
  }
  const existing = view.rows.get(rowKey(entity, m.entityId));
  if (existing !== undefined && existing.householdId !== m.householdId) {
    throw new Quarantine('household-mismatch', `the row belongs to household ${existing.householdId}`);
  }
  if (existing === undefined) return planCreate(writer, m, hlc, household);
  const draft = new RowDraft(existing, m, hlc, view, writer);
  if (redirected && entity === 'household') return planMergeRedirected(draft, household);
  return planChange(draft, household);
}

/** A new row: the patch without nulls, every field at version 1, as its schema parses it. */
function planCreate(writer: Writer, m: Mutation, hlc: string, household: HouseholdScope | undefined): Plan {
  const entity = m.entity;
  if (m.op !== 'create') throw new Quarantine('unknown-row', `${entity} ${m.entityId} is not on the server`);
  const out = emptyPlan();
  const author: FieldMeta = { v: 1, d: m.deviceId, u: writer.userId, h: hlc, t: writer.now };
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
  // A root's create registers its scope (AUTH6); a workshop's schema requires its welcome point.
  if (isRootEntity(entity)) {
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

/** A change to an existing row (a `create` of an existing id is a patch against its base). */
function planChange(draft: RowDraft, household: HouseholdScope | undefined): Plan {
  const { m } = draft;
  if (APPEND_ONLY_ENTITIES.has(m.entity) && (m.op === 'create' || m.op === 'patch')) {
    return planAppendOnly(draft);
  }
  // AUTH6c (ADR 0019): a household keeps a welcome point once it has one; it moves, never to none.
  const patchesWelcomePoint = m.entity === 'household' && 'welcomePointId' in m.patch;
  if (patchesWelcomePoint && clearsWelcomePoint(draft.data.welcomePointId, m.patch.welcomePointId)) {
    throw new Quarantine(
      'transition-not-allowed',
      `household.welcomePointId: ${String(draft.data.welcomePointId)} → none: a household keeps a welcome point once it has one`,
    );
  }
  if (m.op === 'delete' || m.op === 'restore') settleLiveness(draft, m.op === 'delete');
  else if (editRevotesLiveness(draft)) settleLiveness(draft, false);
  for (const [field, value] of Object.entries(m.patch)) {
    if (!TOMBSTONES.has(field)) planField(draft, field, value);
  }
  return planRow(draft, household);
}

/**
 * MERGE9: a household edit pushed for a merged household, applied to its survivor. Its base is
 * the merged household's pre-merge version, so versions say nothing here: a value that differs
 * from the survivor's opens a `merge-redirect` conflict, the survivor's value (the coordinator's
 * choice) staying the provisional winner; a field the survivor does not have takes the value.
 * A delete of the merged household never deletes the survivor: its `deleted` disagrees, so it
 * becomes that conflict.
 */
function planMergeRedirected(draft: RowDraft, household: HouseholdScope | undefined): Plan {
  for (const [field, value] of Object.entries(draft.m.patch)) {
    if (TOMBSTONES.has(field) && field !== 'deleted') continue;
    const current = field === 'deleted' ? draft.existing.deleted : fieldValue(draft.data, field);
    if (sameValue(current, value)) continue;
    if (field !== 'deleted' && (draft.fieldMeta[field] === undefined || current === null)) {
      draft.setField(field, value);
      continue;
    }
    // A survivor created live has no version for `deleted`: its latest writer stands for it.
    const meta = draft.fieldMeta[field] ?? latestMeta(draft.existing);
    draft.record(field, value, draft.author, 'lost-to-merge');
    draft.losing.set(field, value);
    draft.resend = true;
    draft.openConflict(field, 'merge-redirect', [currentValue(current, meta), draft.incoming(value)]);
    draft.out.result = { status: 'conflict-recorded' };
  }
  return planRow(draft, household);
}

function latestMeta(row: StoredRow): FieldMeta {
  const metas = Object.values(row.fieldMeta).sort((a, b) => b.v - a.v || (a.h < b.h ? 1 : -1));
  return metas[0] ?? { v: row.version, d: 'server', u: 'server', h: row.updatedHlc, t: 0 };
}

/** Notes are append-only (CONF5): an edit in place is refused; a resent identical create is a no-op. */
function planAppendOnly(draft: RowDraft): Plan {
  const { m, out } = draft;
  const differs = Object.entries(m.patch).some(
    ([field, value]) => !sameValue(fieldValue(draft.data, field), value),
  );
  if (differs) throw new Quarantine('append-only', `${m.entity} rows are never edited: write a new revision`);
  out.result = { status: 'applied', version: draft.existing.version };
  return out;
}

/**
 * TOMB2: an edit votes to keep the row (liveness.ts) when the row was deleted by a delete it did
 * not see, or an edit-vs-delete conflict is open, and the edit takes a field (CONF1): an edit every
 * field of which loses to the writes the row holds is no edit a delete missed (arriving before the
 * delete, it would hold no field to refuse it with).
 */
function editRevotesLiveness(draft: RowDraft): boolean {
  const { m, existing } = draft;
  const deletion = existing.fieldMeta.deleted;
  const unseenDeletion =
    existing.deleted && deletion !== undefined && deletion.v > m.base.version && deletion.d !== m.deviceId;
  const openOnDeleted = !existing.deleted && draft.openConflictOn('deleted') !== undefined;
  return (unseenDeletion || openOnDeleted) && takesAnyField(draft);
}

/** Whether one of the mutation's field writes (tombstone aside) would take its field. */
function takesAnyField(draft: RowDraft): boolean {
  return Object.entries(draft.m.patch).some(([field, value]) => {
    if (TOMBSTONES.has(field)) return false;
    const { wins, same, informed } = fieldWrite(draft, field, value);
    return takesField(wins, same, informed);
  });
}

/**
 * One patched field, by its class (CONF1–CONF4, QUAR2). The field conflicts iff its server
 * version is newer than the mutation's base for it and another device wrote it; the higher HLC
 * is the provisional winner, the other value goes to the history, and a `review` field opens a
 * conflict. A status the machine does not allow is quarantined when it would win.
 */
function planField(draft: RowDraft, field: string, value: unknown): void {
  const { m } = draft;
  const entity = m.entity;
  const current = fieldValue(draft.data, field);
  const { informed, concurrent, same, wins, meta } = fieldWrite(draft, field, value);
  const cls = fieldClass(entity, field);
  if (cls === 'status' && wins && !same && !isAllowedTransition(entity, field, current, value)) {
    throw new Quarantine(
      'transition-not-allowed',
      `${entity}.${field}: ${String(current)} → ${String(value)}`,
    );
  }
  if (concurrent && !same && meta !== undefined) {
    // CONF1/CONF2: the provisional winner is the higher HLC; the other value is kept.
    if (wins) draft.record(field, current, meta, 'replaced-by-concurrent-write');
    else {
      draft.record(field, value, draft.author, 'lost-to-concurrent-write');
      draft.losing.set(field, value);
      draft.resend = true;
    }
  } else if (informed) {
    // CONF4: an edit made on the latest version of the field settles its open conflict.
    draft.resolveIfOpen(field);
  } else if (concurrent && !wins) draft.resend = true;
  if (takesField(wins, same, informed)) draft.setField(field, value);
  if (cls === 'review' && !informed && meta !== undefined) settleReviewFrontier(draft, field, value, meta);
  if (field === 'deleted') draft.deleted = draft.data.deleted === true;
}

/** How one patched field's write stands against the field's last writer (CONF1, CONF3). */
function fieldWrite(draft: RowDraft, field: string, value: unknown) {
  const { m, hlc } = draft;
  const meta = draft.fieldMeta[field];
  const baseVersion = m.base.fieldVersions[field] ?? m.base.version;
  const informed = meta === undefined || baseVersion >= meta.v;
  // CONF3: the field's last writer is this device, so this write follows it in the device's chain.
  const ownChain = !informed && meta.d === m.deviceId;
  const concurrent = !informed && !ownChain;
  const same = sameValue(fieldValue(draft.data, field), value);
  const wins = !concurrent || hlc > meta.h;
  return { informed, concurrent, same, wins, meta };
}

/**
 * Whether the write becomes the field's value and last writer. CONF1: the field's last writer is
 * always the highest stamp of the writes nobody has seen yet, even when a write repeats the value
 * (the next concurrent write is compared with it); a write made on the latest version that
 * repeats the value changes nothing (CONF4 may still close a conflict with it).
 */
function takesField(wins: boolean, same: boolean, informed: boolean): boolean {
  return wins && (!same || !informed);
}

/**
 * The row to store once every field is decided: unchanged (or only re-sent, PULL9), or at the
 * next version, checked against its schema with the values that lost (INPUT3); a household whose
 * welcome point changed is re-scoped (PULL10).
 */
function planRow(draft: RowDraft, household: HouseholdScope | undefined): Plan {
  const { m, existing, out, version } = draft;
  if (!draft.changed && out.newConflicts.length === 0 && out.joinedConflicts.length === 0) {
    if (draft.resend) {
      checkLosingValues(m.entity, existing, draft.losing);
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
    deleted: draft.deleted,
    data: { ...draft.data, deleted: draft.deleted },
    fieldMeta: draft.fieldMeta,
    updatedHlc: maxHlc(existing.updatedHlc, draft.hlc),
  };
  out.row = checkedRow(m.entity, row);
  checkLosingValues(m.entity, out.row, draft.losing);
  if (isRootEntity(m.entity) && household !== undefined) {
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

function finishConflicts(out: Plan): Plan {
  const ids = [...out.newConflicts, ...out.joinedConflicts].map((c) => c.id);
  if (ids.length > 0) out.result = { ...out.result, conflictIds: ids };
  return out;
}
