/**
 * TOMB1–TOMB3 with CONF3: whether a row is alive, decided by the votes no device has seen yet, one
 * per device (a device's later vote replaces its earlier one): a delete votes `deleted: true`; a
 * restore, or an edit that takes a field (CONF1), votes `false`. Any `false` keeps the row alive
 * (edit against delete keeps the edit); while the votes disagree they are the values of the row's
 * open `edit-vs-delete` conflict on `deleted`; once they agree it closes, and the other devices'
 * agreeing votes stay as the `deleted` field's `also`. A vote made on a version that holds another
 * vote has seen it, and that vote drops out. So the outcome does not depend on the arrival order.
 */
import type { ConflictValue } from '../../../src/domain/sync/protocol';
import { TOMBSTONE_KEYS } from '../../../src/domain/sync/row-meta';
import type { FieldMeta } from '../stores/store-tx';
import { currentValue, type RowDraft, withDeviceValues } from './row-draft';
import { setValue } from './wire-row';

/** Applies one device's vote on whether the row is deleted. */
export function settleLiveness(draft: RowDraft, deleted: boolean): void {
  const { m, existing } = draft;
  const open = draft.openConflictOn('deleted');
  const unseen = votesBefore(draft).filter(
    (v) => (v.version ?? 0) > m.base.version && v.deviceId !== m.deviceId,
  );
  const next = withDeviceValues(unseen, [draft.incoming(deleted)]);
  const alive = next.some((v) => v.value === false);
  const agree = next.every((v) => v.value === next[0]?.value);
  if (agree) {
    if (open !== undefined) draft.out.resolved.push(open);
  } else {
    draft.putConflict('deleted', 'edit-vs-delete', next);
    draft.out.result = { status: 'conflict-recorded' };
  }
  if (deleted && alive) draft.record('deleted', true, draft.author, 'delete-refused-concurrent-edit');
  const deletion = existing.fieldMeta.deleted;
  if (!deleted && alive && existing.deleted && deletion !== undefined) {
    draft.record('deleted', true, deletion, 'undeleted-by-concurrent-edit');
  }
  if (alive && existing.deleted) revive(draft);
  else if (!alive && !existing.deleted) bury(draft);
  else if (!alive) draft.changed = true; // TOMB3: the first tombstone stays; the row is re-sent (PULL9)
  keepAgreeingVotes(draft, agree ? next.map(metaOf) : []);
}

/**
 * The votes the row holds before this mutation: its open conflict's, else its tombstone's writer
 * and `also`; on a live row, a device's latest write the row holds (an edit or restore: a vote
 * to keep it) stands for it when it is later than its listed vote, or it has none.
 */
function votesBefore(draft: RowDraft): ConflictValue[] {
  const { existing } = draft;
  const open = draft.openConflictOn('deleted');
  const deletion = existing.fieldMeta.deleted;
  // Without an open conflict the tombstone's writer and `also` hold the agreeing votes, the row's state.
  const listed: ConflictValue[] =
    open !== undefined
      ? [...(open.values as ConflictValue[])]
      : deletion !== undefined
        ? [deletion, ...(deletion.also ?? [])].map((meta) => currentValue(existing.deleted, meta))
        : [];
  if (existing.deleted) return listed;
  const latestByDevice = new Map<string, FieldMeta>();
  for (const [field, meta] of Object.entries(existing.fieldMeta)) {
    if (field === 'deletedAt' || field === 'deletedBy') continue;
    const known = latestByDevice.get(meta.d);
    if (known === undefined || meta.v > known.v) latestByDevice.set(meta.d, meta);
  }
  for (const meta of latestByDevice.values()) {
    const at = listed.findIndex((v) => v.deviceId === meta.d);
    if (at === -1) listed.push(currentValue(false, meta));
    else if (meta.v > (listed[at]?.version ?? 0)) listed[at] = currentValue(false, meta);
  }
  return listed;
}

/** TOMB2: the row comes back; this mutation is the tombstone's writer. */
function revive(draft: RowDraft): void {
  for (const key of TOMBSTONE_KEYS) {
    setValue(draft.data, key, key === 'deleted' ? false : null);
    draft.fieldMeta[key] = draft.author;
  }
  draft.deleted = false;
  draft.changed = true;
}

/** TOMB1: the row is deleted with this mutation's tombstone. */
function bury(draft: RowDraft): void {
  for (const key of TOMBSTONE_KEYS) {
    const value = key === 'deleted' ? true : (draft.m.patch[key] ?? null);
    setValue(draft.data, key, value);
    draft.fieldMeta[key] = draft.author;
  }
  draft.deleted = true;
  draft.changed = true;
}

/**
 * The agreeing votes, kept as the tombstone's writer (the latest vote of its device while it
 * votes, else this mutation) and `also` for the others (see the module).
 */
function keepAgreeingVotes(draft: RowDraft, votes: FieldMeta[]): void {
  if (votes.length === 0) return;
  const meta = draft.fieldMeta.deleted;
  const writer = votes.find((v) => v.d === meta?.d) ?? draft.author;
  const kept = votes.filter((o) => o.d !== writer.d);
  const next = kept.length > 0 ? { ...writer, also: kept } : writer;
  if (JSON.stringify(next) !== JSON.stringify(meta)) {
    draft.fieldMeta.deleted = next;
    draft.changed = true;
  }
}

function metaOf(v: ConflictValue): FieldMeta {
  return { v: v.version ?? 0, d: v.deviceId, u: v.userId, h: v.hlc, t: v.serverTime };
}
