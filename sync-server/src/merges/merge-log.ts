/**
 * The merge audit log (docs/merges.md MERGE7): every merge and unmerge, newest first: who, when,
 * why, the value kept for each differing field, the child choices, how many late writes were
 * redirected to the survivor, and the unmerge with what it flagged for review.
 */
import type { MergeLogEntry, UnmergeResult } from '../../../src/domain/sync/coordination-protocol';
import type { StoreTx } from '../stores/store-tx';
import type { MergeChoices } from './merge-plan';

export async function listMergeLog(
  tx: StoreTx,
  query: { householdId?: string | undefined; limit: number },
): Promise<MergeLogEntry[]> {
  const records = await tx.listMerges({
    limit: query.limit,
    ...(query.householdId === undefined ? {} : { householdId: query.householdId }),
  });
  return records.map((m) => {
    const choices = m.choices as MergeChoices;
    const undo = m.undoResult as UnmergeResult | null;
    return {
      mergeId: m.mergeId,
      survivorId: m.survivorId,
      mergedId: m.mergedId,
      status: m.status,
      reason: m.reason,
      mergedBy: { userId: m.mergedBy, displayName: m.mergedByDisplayName },
      mergedAt: m.mergedAt,
      keptFields: choices.keptFields,
      childChoices: choices.childChoices,
      redirects: m.redirects,
      undoneBy: m.undoneBy === null ? null : { userId: m.undoneBy, displayName: m.undoneByDisplayName },
      undoneAt: m.undoneAt,
      undoReason: m.undoReason,
      flags: undo?.flags ?? [],
    };
  });
}
