/**
 * What an unmerge writes (docs/merges.md MERGE6), as a pure function of the merge's record
 * (snapshot and choices), the rows as they are now and the redirects the merge received. A value
 * the merge wrote is recognised by its field version's writer and stamp (the merge's own), so
 * anything edited since stays as edited:
 *
 * - the merged household comes back from the snapshot, live, without its pointer;
 * - survivor fields the merge set and nobody edited since get their pre-merge values back; the
 *   others stay and are flagged `field-edited-after-merge`;
 * - children of the merged household in the snapshot, and children created through a redirect
 *   from it, go back to it with any edits made since; a child tombstoned by keep 'survivor' comes
 *   back, and references the merge re-pointed get their old target back;
 * - children created on the survivor after the merge stay there, flagged
 *   `child-created-after-merge`;
 * - households the merge collapsed into the survivor point to the merged household again.
 */
import type { UnmergeResult } from '../../../src/domain/sync/coordination-protocol';
import type { EntityName } from '../../../src/domain/sync/entities';
import type { FieldMeta, MergeRecord, MergeRedirectRecord, StoredRow } from '../stores/store-tx';
import type { Writer } from '../sync/row-draft';
import { fieldValue } from '../sync/wire-row';
import type { MergeChoices, MergeSnapshot } from './merge-plan';
import { householdRowOf } from './merge-preview';
import { SERVER_WRITER, ServerWrite } from './server-write';

export interface UnmergeInput {
  merge: MergeRecord;
  /** Every row of the survivor now (its household row included). */
  survivorRows: readonly StoredRow[];
  /** The merged household's tombstone now. */
  mergedRow: StoredRow;
  /** The tombstones of the households the merge collapsed, now. */
  chainRows: readonly StoredRow[];
  redirects: readonly MergeRedirectRecord[];
  writer: Writer;
  hlc: string;
  /** The stamp the merge's writes carry. */
  mergeHlc: string;
}

export interface UnmergePlan {
  rows: StoredRow[];
  /** Children that go back to the merged household (their conflicts follow them). */
  movedBack: string[];
  flags: UnmergeResult['flags'];
  /** The survivor's welcome point now and once restored (a change is a move, PULL10). */
  welcomePoint: { before: string | null; after: string | null };
}

const key = (row: { entity: string; id: string }): string => `${row.entity}|${row.id}`;

export function planUnmerge(input: UnmergeInput): UnmergePlan {
  const { merge } = input;
  const snapshot = merge.snapshot as MergeSnapshot;
  const choices = merge.choices as MergeChoices;
  const wroteIt = (meta: FieldMeta | undefined): boolean =>
    meta !== undefined && meta.d === SERVER_WRITER && meta.h === input.mergeHlc;
  const flags: UnmergeResult['flags'] = [];
  const rows: StoredRow[] = [];

  // The survivor's own fields.
  const survivorNow = householdRowOf(input.survivorRows, merge.survivorId);
  const survivorBefore = householdRowOf(snapshot.survivor, merge.survivorId);
  let welcomePoint = { before: null as string | null, after: null as string | null };
  if (survivorNow !== undefined && survivorBefore !== undefined) {
    const head = new ServerWrite(survivorNow, input.writer, input.hlc);
    for (const kept of choices.keptFields) {
      if (kept.pick !== 'merged') continue;
      if (wroteIt(survivorNow.fieldMeta[kept.field])) {
        head.set(kept.field, fieldValue(survivorBefore.data, kept.field));
      } else {
        flags.push(
          flag('household', merge.survivorId, merge.survivorId, 'field-edited-after-merge', kept.field),
        );
      }
    }
    const wp = (row: StoredRow) =>
      typeof row.data.welcomePointId === 'string' ? row.data.welcomePointId : null;
    welcomePoint = { before: wp(survivorNow), after: wp(head.row) };
    if (head.changed) rows.push(head.row);
  }

  // The merged household, as it was.
  const mergedBefore = householdRowOf(snapshot.merged, merge.mergedId);
  if (mergedBefore !== undefined) {
    const back = new ServerWrite(input.mergedRow, input.writer, input.hlc);
    for (const field of new Set([...Object.keys(input.mergedRow.data), ...Object.keys(mergedBefore.data)])) {
      back.set(field, fieldValue(mergedBefore.data, field));
    }
    back.row.deleted = mergedBefore.deleted;
    rows.push(back.row);
  }

  // The children.
  const mergedChildren = new Map(
    snapshot.merged.filter((r) => r.entity !== 'household').map((r) => [key(r), r]),
  );
  const survivorChildren = new Set(snapshot.survivor.map(key));
  const redirected = new Set(input.redirects.map((r) => key({ entity: r.entity, id: r.entityId })));
  const tombstoned = new Set(choices.tombstonedChildren.map(key));
  const movedBack: string[] = [];
  for (const row of input.survivorRows) {
    if (row.entity === 'household') continue;
    const k = key(row);
    const restore = new ServerWrite(row, input.writer, input.hlc);
    const before = mergedChildren.get(k);
    const goesBack = before !== undefined || (redirected.has(k) && !survivorChildren.has(k));
    if (goesBack) {
      restore.moveTo(merge.mergedId);
      movedBack.push(row.id);
      if (before !== undefined && tombstoned.has(k) && wroteIt(row.fieldMeta.deleted)) {
        for (const field of ['deleted', 'deletedAt', 'deletedBy'])
          restore.set(field, fieldValue(before.data, field));
      }
    } else if (!survivorChildren.has(k)) {
      flags.push(flag(row.entity as EntityName, row.id, merge.survivorId, 'child-created-after-merge'));
    }
    for (const ref of choices.repointedReferences) {
      if (ref.entity === row.entity && ref.id === row.id && wroteIt(row.fieldMeta[ref.field])) {
        restore.set(ref.field, ref.from);
      }
    }
    if (restore.changed) rows.push(restore.row);
  }

  // The chain the merge collapsed points to the merged household again.
  for (const row of input.chainRows) {
    if (!choices.collapsed.includes(row.id)) continue;
    const restore = new ServerWrite(row, input.writer, input.hlc);
    restore.set('mergedInto', merge.mergedId);
    if (restore.changed) rows.push(restore.row);
  }
  return { rows, movedBack, flags, welcomePoint };
}

function flag(
  entity: EntityName,
  entityId: string,
  householdId: string,
  why: UnmergeResult['flags'][number]['why'],
  field?: string,
): UnmergeResult['flags'][number] {
  return { entity, entityId, householdId, why, ...(field === undefined ? {} : { field }) };
}
