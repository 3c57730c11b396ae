/**
 * Merges on the device (docs/merges.md MERGE8): a pulled household row with `mergedInto` is the
 * tombstone of a household a coordinator merged into another. In the page's transaction the
 * device records an alias (merged id → survivor, the end of any chain), and moves to the
 * survivor what it holds of the merged household: its rows of every entity (generic over the
 * tables, never per type), its outbox entries, its local conflicts and its draft receipts. The
 * form drafts themselves live in another database: the sync client moves them after the
 * transaction (moveDraftsOfMergedHouseholds, from the aliases).
 *
 * A household row WITHOUT `mergedInto` (an unmerge brings the merged household back live, MERGE6)
 * removes its alias: the route stops redirecting and the rows the server re-points back arrive as
 * ordinary rows.
 *
 * Everything here is idempotent: applying the same page twice finds nothing left to move.
 */
import { childTableNames, type HouseholdAlias, type RelaisDb } from '../app-db';
import { renameDraftReceipts } from '../draft-receipts';

/** What a page's household rows say about merges. */
export interface PageMerges {
  /** Households the page tombstones as merged: merged id → the survivor the row names. */
  merged: Map<string, { survivorId: string; mergeId?: string }>;
  /** Households the page brings as rows without `mergedInto`: not merged (any more). */
  unmerged: Set<string>;
}

/** Reads the merges of a page's household rows (pure). */
export function pageMerges(households: ReadonlyMap<string, Record<string, unknown>>): PageMerges {
  const out: PageMerges = { merged: new Map(), unmerged: new Set() };
  for (const [id, row] of households) {
    const survivorId = row.mergedInto;
    if (typeof survivorId === 'string' && survivorId !== '' && survivorId !== id) {
      const mergeId = typeof row.mergeId === 'string' ? row.mergeId : undefined;
      out.merged.set(id, mergeId === undefined ? { survivorId } : { survivorId, mergeId });
    } else {
      out.unmerged.add(id);
    }
  }
  return out;
}

/**
 * Follows merged id → survivor to the end of the chain (H3→H2, H2→H1 gives H1). A cycle (which the
 * server never writes, MERGE3) stops at the last id before it repeats.
 * @example resolveAlias(new Map([['h3', 'h2'], ['h2', 'h1']]), 'h3') // 'h1'
 */
export function resolveAlias(aliases: ReadonlyMap<string, string>, id: string): string {
  const seen = new Set<string>([id]);
  let current = id;
  for (;;) {
    const next = aliases.get(current);
    if (next === undefined || seen.has(next)) return current;
    seen.add(next);
    current = next;
  }
}

/** Every alias on the device, merged id → survivor (a small table: one row per merge learnt). */
export async function readAliases(db: RelaisDb): Promise<Map<string, string>> {
  const rows = await db.householdAliases.toArray();
  return new Map(rows.map((row) => [row.mergedId, row.survivorId]));
}

/**
 * The household a write or a route naming `householdId` goes to: the survivor if it was merged,
 * else itself. Call inside a transaction that covers householdAliases, or on its own.
 */
export async function resolveHouseholdId(db: RelaisDb, householdId: string): Promise<string> {
  const first = await db.householdAliases.get(householdId);
  if (first === undefined) return householdId;
  return resolveAlias(await readAliases(db), householdId);
}

export interface MergeRedirects {
  /** The page's merged households with the survivor they move to (chains followed). */
  moves: Map<string, string>;
  /** Outbox entries rewritten to a survivor. */
  outbox: number;
}

/**
 * First step, before the rebase: records the page's merges (and forgets the aliases of
 * households the page brings back), and rewrites to the survivor every outbox entry still naming
 * a merged household (householdId, and entityId for the household itself), the local conflicts
 * and the draft receipts. Done before the rebase so that a pending household edit is rebased on
 * the survivor's row when the page brings it. Call inside the page transaction.
 *
 * Outbox entries are rewritten whatever their delivery state (today every unacknowledged entry is
 * `pending`; one whose push got no answer may have reached the server under the old id): an
 * entry the server already applied is recognised by its mutationId and not applied again, and one
 * it has not seen is applied to the survivor either way (MERGE9 redirects the old id). The alias
 * table covers every merge ever learnt, so an entry written under a merged id after its page
 * (a form open during the pull, or a queued write) is rewritten at the next page too; the
 * repository resolves the alias on write anyway.
 */
export async function redirectMergedHouseholds(
  db: RelaisDb,
  merges: PageMerges,
  now: number,
): Promise<MergeRedirects> {
  const stored = new Map((await db.householdAliases.toArray()).map((row) => [row.mergedId, row]));
  if (stored.size === 0 && merges.merged.size === 0) return { moves: new Map(), outbox: 0 };
  const aliases = new Map([...stored.values()].map((row) => [row.mergedId, row.survivorId]));
  for (const id of merges.unmerged) aliases.delete(id);
  for (const [mergedId, { survivorId }] of merges.merged) aliases.set(mergedId, survivorId);
  // Every alias resolved to the end: H3→H2 learnt earlier, then H2→H1, gives H3→H1.
  const resolved = new Map([...aliases.keys()].map((id) => [id, resolveAlias(aliases, id)]));
  const stale = [...stored.keys()].filter((id) => !resolved.has(id));
  const changed: HouseholdAlias[] = [];
  for (const [mergedId, survivorId] of resolved) {
    const existing = stored.get(mergedId);
    const mergeId = merges.merged.get(mergedId)?.mergeId ?? existing?.mergeId;
    if (existing?.survivorId === survivorId && existing.mergeId === mergeId) continue;
    changed.push(
      mergeId === undefined ? { mergedId, survivorId, at: now } : { mergedId, survivorId, mergeId, at: now },
    );
  }
  await Promise.all([
    stale.length > 0 ? db.householdAliases.bulkDelete(stale) : undefined,
    changed.length > 0 ? db.householdAliases.bulkPut(changed) : undefined,
  ]);
  const moves = new Map<string, string>();
  for (const mergedId of merges.merged.keys()) {
    const survivorId = resolved.get(mergedId);
    if (survivorId !== undefined && survivorId !== mergedId) moves.set(mergedId, survivorId);
  }
  const outbox = await redirectOutbox(db, resolved);
  await redirectConflicts(db, moves);
  if (moves.size > 0) await renameDraftReceipts(db, moves);
  return { moves, outbox };
}

/** Rewrites the outbox entries naming a merged household (every one in the alias map). */
async function redirectOutbox(db: RelaisDb, aliases: ReadonlyMap<string, string>): Promise<number> {
  if (aliases.size === 0) return 0;
  const ids = [...aliases.keys()];
  const [byHousehold, byEntity] = await Promise.all([
    db.outbox.where('householdId').anyOf(ids).toArray(),
    db.outbox
      .where('[entity+entityId]')
      .anyOf(ids.map((id) => ['household', id]))
      .toArray(),
  ]);
  const entries = new Map([...byHousehold, ...byEntity].map((entry) => [entry.seq, entry]));
  if (entries.size === 0) return 0;
  const rewritten = [...entries.values()].map((entry) => {
    const householdId = aliases.get(entry.householdId) ?? entry.householdId;
    const entityId =
      entry.entity === 'household' ? (aliases.get(entry.entityId) ?? entry.entityId) : entry.entityId;
    return { ...entry, householdId, entityId };
  });
  await db.outbox.bulkPut(rewritten);
  return rewritten.length;
}

/** The device's local conflicts about a merged household now concern the survivor. */
async function redirectConflicts(db: RelaisDb, moves: ReadonlyMap<string, string>): Promise<void> {
  if (moves.size === 0) return;
  await db.conflicts
    .where('householdId')
    .anyOf([...moves.keys()])
    .modify((conflict) => {
      const survivorId = moves.get(conflict.householdId) ?? conflict.householdId;
      if (conflict.entity === 'household' && conflict.entityId === conflict.householdId) {
        conflict.entityId = survivorId;
      }
      conflict.householdId = survivorId;
    });
}

/**
 * Second step, after the page's rows are written: every local row of a merged household, in
 * every child table (never a root's: workshops stay), moves to the survivor (householdId rewritten, nothing else: the server
 * sends its own re-pointed versions, MERGE5, which replace these when they arrive). The
 * survivors are marked touched so their list index is recomputed with the people moved in.
 * Call inside the page transaction. Returns how many rows moved.
 */
export async function moveRowsOfMergedHouseholds(
  db: RelaisDb,
  moves: ReadonlyMap<string, string>,
  touched: Map<string, number>,
): Promise<number> {
  if (moves.size === 0) return 0;
  const ids = [...moves.keys()];
  // Children only: a root (a workshop) is never a merged household's row and stays put.
  const childTables = childTableNames();
  const counts = await Promise.all(
    childTables.map((table) =>
      db
        .table(table)
        .where('householdId')
        .anyOf(ids)
        .modify((row: { householdId: string }) => {
          row.householdId = moves.get(row.householdId) ?? row.householdId;
        }),
    ),
  );
  // The survivor's activity: at least the merge's (the tombstone's time).
  for (const [mergedId, survivorId] of moves) {
    touched.set(survivorId, Math.max(touched.get(survivorId) ?? 0, touched.get(mergedId) ?? 0));
  }
  return counts.reduce((sum, n) => sum + n, 0);
}
