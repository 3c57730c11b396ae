/**
 * CONF2 and CONF3 for a `review` field: the writes no device has seen yet, one per device (a
 * device's later write replaces its earlier one), decide the field whatever their arrival order.
 * While they disagree they are the values of the field's open conflict; while they agree there is
 * nothing to review, and the field's last writer keeps the others as `also` (same value, other
 * devices), so that a later write of one of those devices that changes the value conflicts with
 * them as it would have, arriving before them. The highest stamp among them is the provisional
 * winner (CONF1): the caller sets it; this decides the conflict and `also`.
 */
import type { ConflictValue } from '../../../src/domain/sync/protocol';
import type { FieldMeta } from '../stores/store-tx';
import { currentValue, type RowDraft, withDeviceValues } from './row-draft';
import { fieldValue, sameValue } from './wire-row';

/** Settles a review field after a write its device made without seeing `before`, the field's last writer then. */
export function settleReviewFrontier(
  draft: RowDraft,
  field: string,
  value: unknown,
  before: FieldMeta,
): void {
  const open = draft.openConflictOn(field);
  const listed = open === undefined ? agreeingWrites(draft, field, before) : (open.values as ConflictValue[]);
  const incoming = draft.incoming(value);
  const next = withDeviceValues(listed, [incoming]);
  const winner = next.reduce((best, v) => (v.hlc > best.hlc ? v : best));
  const agree = next.every((v) => sameValue(v.value, winner.value));
  const meta = draft.fieldMeta[field] ?? before;
  const { also: _previous, ...last } = meta;
  if (agree) {
    if (open !== undefined) draft.out.resolved.push(open);
    const others = next.filter((v) => v !== winner).map(metaOf);
    draft.fieldMeta[field] = others.length > 0 ? { ...last, also: others } : last;
  } else {
    draft.openConflict(field, 'concurrent-edit', next);
    draft.out.result = { status: 'conflict-recorded' };
    draft.fieldMeta[field] = last;
  }
  if (!sameMeta(meta, draft.fieldMeta[field])) draft.changed = true;
}

/** The writes behind the field's value, before this one: its last writer and the `also`. */
function agreeingWrites(draft: RowDraft, field: string, before: FieldMeta): ConflictValue[] {
  const held = fieldValue(draft.existing.data, field);
  return [before, ...(before.also ?? [])].map((meta) => currentValue(held, meta));
}

function metaOf(v: ConflictValue): FieldMeta {
  return { v: v.version ?? 0, d: v.deviceId, u: v.userId, h: v.hlc, t: v.serverTime };
}

function sameMeta(a: FieldMeta | undefined, b: FieldMeta | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
