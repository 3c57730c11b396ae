/**
 * The unmerge command (docs/merges.md MERGE6): exact, last in first out, idempotent. One sequenced
 * transaction: a repeat returns the stored result; a merge with a later active merge involving
 * either household is refused (409 `merge-superseded`, naming it); otherwise what unmerge-plan.ts
 * decided is written as new versions (devices pull them), the pointer is cleared, the chain points
 * back, the duplicate children's conflicts are as before the merge (restoreConflicts), and the
 * survivor's welcome point, if restored, is a move (PULL10).
 */
import { randomUUID } from 'node:crypto';
import type { MergeResult, UnmergeResult } from '../../../src/domain/sync/coordination-protocol';
import { notFound } from '../http-errors';
import type { LockedHousehold } from '../stores/merges-tx';
import type { RelaisStore } from '../stores/store';
import type { MergeRecord, StoreTx, UserRecord } from '../stores/store-tx';
import { moveHousehold, SeqCounter, serverHlc, writeRow } from './merge-command';
import type { MergeChoices } from './merge-plan';
import { householdRowOf } from './merge-preview';
import { MergeRefused } from './merge-refusals';
import { planUnmerge } from './unmerge-plan';

/**
 * The conflicts as before the merge: those it opened are closed, those it joined get their values
 * back, those it settled (a child it tombstoned) reopen unless another conflict is open there now
 * (one open conflict per field; that one asks the same keep-or-drop question). Merges recorded
 * before the joined/settled lists named only the conflicts they opened, in the result.
 */
async function restoreConflicts(
  tx: StoreTx,
  merge: MergeRecord,
  by: { userId: string; mutationId: string; at: number },
): Promise<void> {
  const choices = merge.choices as MergeChoices;
  const opened = choices.openedConflictIds ?? (merge.result as MergeResult).conflictIds;
  for (const id of opened) await tx.resolveConflict(id, by);
  const joined = choices.joinedConflicts ?? [];
  const settled = choices.settledConflictIds ?? [];
  const open = await tx.openConflictsOf(
    (await tx.getConflicts([...joined.map((j) => j.id), ...settled])).map((c) => c.entityId),
  );
  const openIds = new Set(open.map((c) => c.id));
  for (const { id, valuesBefore } of joined) {
    if (openIds.has(id)) await tx.setConflictValues(id, valuesBefore);
  }
  for (const conflict of await tx.getConflicts(settled)) {
    const busy = open.some(
      (c) => c.entity === conflict.entity && c.entityId === conflict.entityId && c.field === conflict.field,
    );
    if (!busy) await tx.reopenConflict(conflict.id, merge.mergeId);
  }
}

export async function applyUnmerge(
  store: RelaisStore,
  user: UserRecord,
  mergeId: string,
  reason: string,
  now: number,
): Promise<UnmergeResult> {
  return store.transaction(
    async (tx) => {
      const merge = await tx.getMerge(mergeId);
      if (merge === undefined) throw notFound(`No merge ${mergeId}`);
      if (merge.status === 'undone') return merge.undoResult as UnmergeResult;
      const { survivorId, mergedId } = merge;
      const later = await tx.laterActiveMerge([survivorId, mergedId], merge.mergeSeq);
      if (later !== undefined) {
        throw new MergeRefused({
          error: `Merge ${later} came later and involves these households: undo it first`,
          reason: 'merge-superseded',
          laterMergeId: later,
        });
      }
      const locked = await tx.lockHouseholds([survivorId, mergedId]);
      const survivorScope = locked.get(survivorId) as LockedHousehold;
      const mergedScope = locked.get(mergedId) as LockedHousehold;
      const survivorRows = await tx.rowsOfHousehold(survivorId);
      const mergedRow = householdRowOf(await tx.rowsOfHousehold(mergedId), mergedId);
      if (mergedRow === undefined) throw notFound(`No household ${mergedId}`);
      const collapsed = (merge.choices as MergeChoices).collapsed;
      const chainRows = (await tx.getRows(collapsed)).filter((r) => r.entity === 'household');
      const plan = planUnmerge({
        merge,
        survivorRows,
        mergedRow,
        chainRows,
        redirects: await tx.redirectsOf(mergeId),
        writer: { userId: user.id, now, newId: randomUUID },
        hlc: serverHlc(now),
        mergeHlc: serverHlc(merge.mergedAt),
      });

      const seqs = await SeqCounter.open(tx);
      for (const row of plan.rows) await writeRow(tx, seqs, row);
      await tx.moveConflicts(survivorId, mergedId, [mergedId, ...plan.movedBack]);
      await tx.setMergedInto(mergedId, null);
      for (const id of collapsed) await tx.setMergedInto(id, mergedId);
      await restoreConflicts(tx, merge, { userId: user.id, mutationId: `unmerge:${mergeId}`, at: now });
      // DUP4: both households are matched again (the pair comes back if it still scores).
      await tx.queueHouseholds([survivorId, mergedId, ...collapsed], now);
      // RPT8, WS2: both households' facts, and the workshops that name one of them, are derived again.
      const parted = [survivorId, mergedId, ...collapsed];
      await tx.queueRoots([...parted, ...(await tx.workshopsNaming(parted))], now);
      const { before, after } = plan.welcomePoint;
      if (before !== after) await moveHousehold(tx, seqs, survivorScope, after, now);
      if (mergedScope.welcomePointId !== after) {
        // Devices of the survivor's welcome point held the merged household's children under the
        // survivor: the merged household, back in its own welcome point, leaves their scope.
        await tx.insertScopeRemoval({
          seq: seqs.next(),
          householdId: mergedId,
          oldWelcomePointId: after,
          createdBy: survivorScope.createdBy,
          removedAt: now,
        });
      }
      await seqs.save();
      const result: UnmergeResult = { mergeId, status: 'undone', undoneAt: now, flags: plan.flags };
      await tx.markMergeUndone(mergeId, { by: user.id, at: now, reason, result });
      return result;
    },
    { sequenced: true },
  );
}
