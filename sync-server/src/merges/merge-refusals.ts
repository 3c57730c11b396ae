/**
 * The refusals of the merge API (docs/merges.md MERGE3, MERGE6): a 409 whose body is a
 * MergeRefusal, which the route sends as is. Shared by the preview and the merge command, so the
 * review refuses a pair exactly when its merge would be refused.
 */
import type { MergeRefusal } from '../../../src/domain/sync/coordination-protocol';
import { HttpError, notFound } from '../http-errors';
import type { StoreTx } from '../stores/store-tx';

export class MergeRefused extends HttpError {
  constructor(readonly body: MergeRefusal) {
    super(409, body.error);
  }
}

/** MERGE3: a household merged already; the body names its survivor (chains are one hop). */
export function alreadyMerged(householdId: string, survivorId: string): MergeRefused {
  return new MergeRefused({
    error: `Household ${householdId} is already merged into ${survivorId}`,
    reason: 'already-merged',
    survivorId,
  });
}

export function sameHousehold(): MergeRefused {
  return new MergeRefused({ error: 'A household cannot be merged into itself', reason: 'same-household' });
}

/**
 * MERGE3: a deleted household (deleted by a counsellor, not merged) is neither merged nor merged
 * into: its rows would land under a tombstone, or a tombstone's rows on a live dossier. Restore it
 * first, or set the pair aside.
 */
export function deletedHousehold(householdId: string): MergeRefused {
  return new MergeRefused({
    error: `Household ${householdId} is deleted: restore it before merging`,
    reason: 'deleted-household',
  });
}

/** Throws the refusal for the first household row of the pair that is deleted. */
export function refuseDeleted(rows: readonly { id: string; deleted: boolean }[]): void {
  const deleted = rows.find((row) => row.deleted);
  if (deleted !== undefined) throw deletedHousehold(deleted.id);
}

/**
 * WS1: a workshop session is a root with its own scope but no household: it is never merged nor
 * merged into. The merge API knows households only, so it answers as for an unknown household
 * (404), saying why.
 */
export async function refuseWorkshops(tx: StoreTx, ids: readonly string[]): Promise<void> {
  const workshops = await tx.workshopIdsAmong(ids);
  const first = ids.find((id) => workshops.has(id));
  if (first !== undefined) throw notFound(`No household ${first}: it is a workshop session, never merged`);
}
