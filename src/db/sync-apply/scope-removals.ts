/**
 * Scope removals on the device (PULL10, I8): a household that left this device's scope goes
 * with its rows, local conflicts, draft receipts and (after the transaction) form drafts, unless
 * an outbox entry still refers to it: then it waits, listed in meta, until those entries are
 * pushed (retryScopeRemovals at the end of each run).
 */
import { ENTITY_TABLES } from '../../domain/sync/entities';
import type { PullResponse } from '../../domain/sync/protocol';
import type { RelaisDb } from '../app-db';
import { writeTables } from '../change-recorder';
import { clearDraftReceiptsOf } from '../draft-receipts';
import { readMeta, SYNC_META, writeMeta } from './meta';

/**
 * PULL10 (client): the page's scope removals. A household that left this device's scope goes
 * with all its rows and its local conflicts, unless an outbox entry still refers to it: then it
 * stays, listed in meta, until a later run has pushed those entries (retryScopeRemovals). A
 * household the page brings back (a change after its removal) stays; rows of a deferred
 * household mean it is back in scope, and it leaves the list. Call inside the page transaction.
 */
export async function applyScopeRemovals(db: RelaisDb, page: PullResponse, stored: unknown): Promise<number> {
  const deferred = new Set(Array.isArray(stored) ? (stored as string[]) : []);
  const before = deferred.size;
  const latestChange = new Map<string, number>();
  for (const change of page.changes) {
    const id = change.row.householdId;
    latestChange.set(id, Math.max(latestChange.get(id) ?? 0, change.seq));
    deferred.delete(id);
  }
  const removals = (page.scopeRemovals ?? []).filter((r) => (latestChange.get(r.householdId) ?? 0) < r.seq);
  if (removals.length === 0 && deferred.size === before) return 0;
  for (const removal of removals) deferred.add(removal.householdId);
  const removed = await removeUnreferencedHouseholds(db, [...deferred]);
  for (const id of removed) deferred.delete(id);
  await writeMeta(db, SYNC_META.deferredScopeRemovals, deferred.size === 0 ? undefined : [...deferred]);
  return removed.length;
}

/**
 * Removes the households no outbox entry refers to, with every row, local conflict and draft
 * receipt of theirs, and records the ids of the households and their rows in
 * `meta.removedDraftOwners` (their form drafts go after the transaction). Returns the household
 * ids removed. Call inside a transaction over writeTables.
 */
async function removeUnreferencedHouseholds(db: RelaisDb, ids: readonly string[]): Promise<string[]> {
  const referenced = await Promise.all(ids.map((id) => db.outbox.where('householdId').equals(id).count()));
  const removable = ids.filter((_, i) => referenced[i] === 0);
  if (removable.length === 0) return [];
  await removeHouseholds(db, removable);
  return removable;
}

/**
 * Removes these households with every row, local conflict and draft receipt of theirs, and
 * records the ids of the households and their rows in `meta.removedDraftOwners` (their form
 * drafts go after the transaction). Also the erasure's path (RIGHT13). Call inside a
 * transaction over writeTables.
 */
export async function removeHouseholds(db: RelaisDb, removable: readonly string[]): Promise<void> {
  const childTables = Object.values(ENTITY_TABLES).filter((table) => table !== 'households');
  // A form's draft is named after the row it edits, or the household for a new row.
  const rowIds = await Promise.all(
    childTables.map((table) => db.table(table).where('householdId').anyOf(removable).primaryKeys()),
  );
  const owners = new Set<string>(removable);
  for (const keys of rowIds) for (const key of keys) owners.add(String(key));
  for (const id of await readRemovedDraftOwners(db)) owners.add(id);
  await Promise.all([
    db.households.bulkDelete([...removable]),
    ...childTables.map((table) => db.table(table).where('householdId').anyOf(removable).delete()),
    db.conflicts.where('householdId').anyOf(removable).delete(),
    clearDraftReceiptsOf(db, owners),
    db.meta.put({ key: SYNC_META.removedDraftOwners, value: [...owners] }),
  ]);
}

/**
 * The ids whose form drafts are still to be removed after a scope removal (PULL10): households
 * and their rows, as recorded by the removal's transaction. Empty almost always.
 */
export async function readRemovedDraftOwners(db: RelaisDb): Promise<string[]> {
  const recorded = await readMeta<unknown>(db, SYNC_META.removedDraftOwners);
  return Array.isArray(recorded) ? recorded.map(String) : [];
}

/** Forgets these ids once their drafts are gone (a removal recorded meanwhile keeps its own). */
export async function forgetRemovedDraftOwners(db: RelaisDb, done: readonly string[]): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const gone = new Set(done);
    const left = (await readRemovedDraftOwners(db)).filter((id) => !gone.has(id));
    if (left.length === 0) await db.meta.delete(SYNC_META.removedDraftOwners);
    else await db.meta.put({ key: SYNC_META.removedDraftOwners, value: left });
  });
}

/**
 * PULL10, deferred: removes the households that left the scope while an outbox entry referred
 * to them, once no entry does. The sync client calls it at the end of each run.
 */
export async function retryScopeRemovals(db: RelaisDb): Promise<number> {
  // Almost always nothing is deferred: a read, not a write transaction over every table.
  const waiting = await readMeta<unknown>(db, SYNC_META.deferredScopeRemovals);
  if (!Array.isArray(waiting) || waiting.length === 0) return 0;
  return db.transaction('rw', writeTables(db), async () => {
    const stored = await readMeta<unknown>(db, SYNC_META.deferredScopeRemovals);
    if (!Array.isArray(stored) || stored.length === 0) return 0;
    const deferred = new Set(stored as string[]);
    const removed = await removeUnreferencedHouseholds(db, [...deferred]);
    for (const id of removed) deferred.delete(id);
    if (removed.length > 0) {
      await writeMeta(db, SYNC_META.deferredScopeRemovals, deferred.size === 0 ? undefined : [...deferred]);
    }
    return removed.length;
  });
}
