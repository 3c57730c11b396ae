/**
 * Dossier openings kept for the access log (issue 16, docs/access-log.md ALOG4): a row per
 * opening of a dossier page, at most one per household and person per OPENING_WINDOW_MS (a
 * re-render, a tab change or coming back to the page within the window adds nothing), kept
 * offline until the sync client hands them to the server, then deleted. Ids and a time only.
 */
import type { DossierOpening, RelaisDb } from './app-db';

/** ALOG4: one opening per household and person per ten minutes. */
export const OPENING_WINDOW_MS = 10 * 60_000;

export interface OpeningInput {
  householdId: string;
  userId: string;
  now: number;
  newId: () => string;
}

/**
 * Records an opening unless the same person opened the same dossier within the window. The check
 * and the write share one transaction, so two screens opening the dossier at once add one row.
 * @returns the row written, or undefined when the window already holds one
 */
export async function recordDossierOpening(
  db: RelaisDb,
  input: OpeningInput,
): Promise<DossierOpening | undefined> {
  return db.transaction('rw', db.accessOpenings, async () => {
    // Only the rows of the last ten minutes: a handful, whatever the backlog of an offline week.
    const recent = await db.accessOpenings
      .where('at')
      .above(input.now - OPENING_WINDOW_MS)
      .toArray();
    if (recent.some((o) => o.householdId === input.householdId && o.userId === input.userId))
      return undefined;
    const opening: DossierOpening = {
      id: input.newId(),
      householdId: input.householdId,
      userId: input.userId,
      at: input.now,
    };
    await db.accessOpenings.add(opening);
    return opening;
  });
}

/**
 * The oldest openings of `userId` still to send, at most `limit`. Another person's (a shared
 * tablet) wait for that person's session: the server logs openings under the caller only.
 */
export async function pendingOpenings(
  db: RelaisDb,
  userId: string,
  limit: number,
): Promise<DossierOpening[]> {
  return db.accessOpenings
    .orderBy('at')
    .filter((o) => o.userId === userId)
    .limit(limit)
    .toArray();
}

/** Forgets openings the server acknowledged (logged, or refused for good). */
export async function forgetOpenings(db: RelaisDb, ids: readonly string[]): Promise<void> {
  await db.accessOpenings.bulkDelete([...ids]);
}

/** How many openings wait for a sync (all people). */
export function countPendingOpenings(db: RelaisDb): Promise<number> {
  return db.accessOpenings.count();
}
