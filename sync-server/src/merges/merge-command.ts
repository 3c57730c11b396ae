/**
 * The merge command (docs/merges.md MERGE1–MERGE5, MERGE10): one sequenced transaction, like a
 * push, so the change seqs it gives out stay commit-ordered (ADR 0007). It replays a known mergeId
 * (MERGE2), locks both households in id order and refuses a merge of (or into) a merged household
 * (MERGE3), snapshots both households with every row, and writes what merge-plan.ts decided, each
 * row with a new seq so devices pull it. A survivor whose welcome point changes is moved as a push
 * moves it (PULL10); devices of the merged household's welcome point that do not see the survivor
 * are told to drop it.
 */
import { randomUUID } from 'node:crypto';
import type { MergeCommand, MergeResult } from '../../../src/domain/sync/coordination-protocol';
import { formatHlc } from '../../../src/domain/sync/hlc';
import { notFound } from '../http-errors';
import type { LockedHousehold } from '../stores/merges-tx';
import type { RelaisStore } from '../stores/store';
import type { StoredRow, StoreTx, UserRecord } from '../stores/store-tx';
import { planMerge } from './merge-plan';
import { alreadyMerged, refuseDeleted, refuseWorkshops, sameHousehold } from './merge-refusals';
import { SERVER_WRITER } from './server-write';

/** The server's stamp for what a merge or unmerge writes. */
export function serverHlc(now: number): string {
  return formatHlc({ ms: now, counter: 0, node: SERVER_WRITER });
}

/** Change seqs handed out by one merge or unmerge, saved with the transaction. */
export class SeqCounter {
  private constructor(
    private readonly tx: StoreTx,
    public value: number,
  ) {}

  static async open(tx: StoreTx): Promise<SeqCounter> {
    return new SeqCounter(tx, await tx.getCounter('change_seq'));
  }

  next(): number {
    this.value += 1;
    return this.value;
  }

  async save(): Promise<void> {
    await this.tx.setCounter('change_seq', this.value);
  }
}

/** MERGE3: both households must exist and neither be merged already. */
export async function lockBoth(tx: StoreTx, ids: readonly string[]): Promise<Map<string, LockedHousehold>> {
  const locked = await tx.lockHouseholds(ids);
  for (const id of ids) if (!locked.has(id)) throw notFound(`No household ${id}`);
  await refuseWorkshops(tx, ids);
  for (const id of ids) {
    const into = locked.get(id)?.mergedInto;
    if (into != null) throw alreadyMerged(id, into);
  }
  return locked;
}

/** Writes one row at a new seq. */
export async function writeRow(tx: StoreTx, seqs: SeqCounter, row: StoredRow): Promise<void> {
  await tx.upsertRow({ ...row, seq: seqs.next() });
}

/**
 * PULL10 for a household whose welcome point changed: devices of the old one are told to drop
 * it, and every row of the household takes a new seq so devices of the new one pull it all.
 */
export async function moveHousehold(
  tx: StoreTx,
  seqs: SeqCounter,
  household: LockedHousehold,
  to: string | null,
  now: number,
): Promise<void> {
  await tx.upsertHousehold({ id: household.id, welcomePointId: to, createdBy: household.createdBy });
  await tx.insertScopeRemoval({
    seq: seqs.next(),
    householdId: household.id,
    oldWelcomePointId: household.welcomePointId,
    createdBy: household.createdBy,
    removedAt: now,
  });
  for (const key of await tx.rowKeysOfHousehold(household.id))
    await tx.setRowSeq(key.entity, key.id, seqs.next());
}

export async function applyMerge(
  store: RelaisStore,
  user: UserRecord,
  command: MergeCommand,
  now: number,
): Promise<MergeResult> {
  return store.transaction(
    async (tx) => {
      const known = await tx.getMerge(command.mergeId);
      if (known !== undefined) return known.result as MergeResult; // MERGE2
      const { survivorId, mergedId } = command;
      if (survivorId === mergedId) throw sameHousehold();
      const locked = await lockBoth(tx, [survivorId, mergedId]);
      const survivorScope = locked.get(survivorId) as LockedHousehold;
      const mergedScope = locked.get(mergedId) as LockedHousehold;
      const survivorRows = await tx.rowsOfHousehold(survivorId);
      const mergedRows = await tx.rowsOfHousehold(mergedId);
      refuseDeleted(
        [survivorRows, mergedRows].flatMap((rows) => rows.filter((r) => r.entity === 'household')),
      );
      const chainIds = (await tx.householdsMergedInto([mergedId])).map((h) => h.id);
      const chainRows = (await tx.getRows(chainIds)).filter((r) => r.entity === 'household');
      const children = mergedRows.filter((r) => r.entity !== 'household').map((r) => r.id);
      const plan = planMerge({
        command,
        survivorRows,
        mergedRows,
        chainRows,
        openConflicts: await tx.openConflictsOf([...children, mergedId]),
        writer: { userId: user.id, now, newId: randomUUID },
        hlc: serverHlc(now),
      });

      const seqs = await SeqCounter.open(tx);
      const mergeSeq = seqs.value;
      for (const entry of plan.history)
        await tx.insertFieldHistory({ ...entry, id: randomUUID(), recordedAt: now });
      for (const row of plan.rows) await writeRow(tx, seqs, row);
      for (const conflict of plan.conflicts) await tx.insertConflict(conflict);
      for (const conflict of plan.joinedConflicts) await tx.setConflictValues(conflict.id, conflict.values);
      for (const conflict of plan.settledConflicts) {
        await tx.resolveConflict(conflict.id, { userId: user.id, mutationId: command.mergeId, at: now });
      }
      await tx.moveConflicts(mergedId, survivorId);
      await tx.setMergedInto(mergedId, survivorId);
      for (const id of chainIds) await tx.setMergedInto(id, survivorId);
      const { before, after } = plan.welcomePoint;
      if (before !== after) await moveHousehold(tx, seqs, survivorScope, after, now);
      if (mergedScope.welcomePointId !== after) {
        // MERGE10: devices that held only the merged household rewrite it to the survivor
        // (MERGE8), then drop it if the survivor is outside their welcome points.
        await tx.insertScopeRemoval({
          seq: seqs.next(),
          householdId: survivorId,
          oldWelcomePointId: mergedScope.welcomePointId,
          createdBy: mergedScope.createdBy,
          removedAt: now,
        });
      }
      await seqs.save();
      // DUP4: the merged households leave the duplicate queue, the survivor is scored again.
      await tx.queueHouseholds([survivorId, mergedId, ...chainIds], now);
      // RPT8, WS2: both households' facts, and the workshops that name one of them, are derived again.
      const merged = [survivorId, mergedId, ...chainIds];
      await tx.queueRoots([...merged, ...(await tx.workshopsNaming(merged))], now);

      const result: MergeResult = {
        mergeId: command.mergeId,
        survivorId,
        mergedId,
        status: 'active',
        mergedAt: now,
        // The conflicts the coordinator's "keep both" left to decide: opened or joined.
        conflictIds: [...plan.conflicts, ...plan.joinedConflicts].map((c) => c.id),
      };
      await tx.insertMerge({
        mergeId: command.mergeId,
        survivorId,
        mergedId,
        status: 'active',
        reason: command.reason,
        choices: plan.choices,
        snapshot: { survivor: survivorRows, merged: mergedRows, chain: chainRows },
        result,
        mergedBy: user.id,
        mergedAt: now,
        mergeSeq,
        undoneBy: null,
        undoneAt: null,
        undoReason: null,
        undoResult: null,
      });
      return result;
    },
    { sequenced: true },
  );
}
