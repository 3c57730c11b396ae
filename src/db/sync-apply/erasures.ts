/**
 * Erasures on the device (docs/household-rights.md RIGHT13): a household a coordinator erased
 * (RGPD art. 17) leaves every device at its next pull, with its rows, local conflicts, draft
 * receipts and (after the transaction) form drafts, whatever the outbox holds. Unsent changes to
 * it cannot be kept: each outbox entry naming it is emptied in place (its seq stays, so the
 * device's seqs stay gapless, PUSH5) and the sent-log's copies are emptied too. The next push
 * sends the empty entries; the server refuses them as `erased-household` (RIGHT6), and that
 * refusal is what tells the user their changes to the erased dossier were dropped.
 */
import type { PullResponse } from '../../domain/sync/protocol';
import type { RelaisDb } from '../app-db';
import { readMeta, SYNC_META, writeMeta } from './meta';
import { removeHouseholds } from './scope-removals';

export interface ErasuresApplied {
  /** Households this page erased (whether or not the device held them). */
  households: number;
  /** Outbox entries emptied: unsent changes to an erased dossier. */
  dropped: number;
}

/** Empties a change of its values: an empty patch is a valid mutation that names only ids. */
const emptied = <T extends { op: string; patch: Record<string, unknown>; base: unknown }>(entry: T): T => ({
  ...entry,
  op: 'patch',
  patch: {},
  base: { version: 0, fieldVersions: {} },
});

/** RIGHT13 (client): the page's erasures. Call inside the page transaction, over writeTables. */
export async function applyErasures(db: RelaisDb, page: PullResponse): Promise<ErasuresApplied> {
  const ids = [...new Set((page.erasures ?? []).map((e) => e.householdId))];
  if (ids.length === 0) return { households: 0, dropped: 0 };
  const erased = new Set(ids);
  const pending = await db.outbox.where('householdId').anyOf(ids).toArray();
  const toEmpty = pending.filter((entry) => Object.keys(entry.patch).length > 0 || entry.op !== 'patch');
  if (toEmpty.length > 0) await db.outbox.bulkPut(toEmpty.map(emptied));
  await db.sentLog
    .filter((entry) => erased.has(entry.householdId))
    .modify((entry) => {
      Object.assign(entry, emptied(entry));
    });
  await removeHouseholds(db, ids);
  // A scope removal waiting for these households has nothing left to wait for.
  const deferred = await readMeta<unknown>(db, SYNC_META.deferredScopeRemovals);
  if (Array.isArray(deferred) && deferred.some((id) => erased.has(String(id)))) {
    const left = deferred.filter((id) => !erased.has(String(id)));
    await writeMeta(db, SYNC_META.deferredScopeRemovals, left.length === 0 ? undefined : left);
  }
  return { households: ids.length, dropped: toEmpty.length };
}
