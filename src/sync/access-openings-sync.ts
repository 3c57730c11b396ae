/**
 * Hands the device's dossier openings to the server's access log (docs/access-log.md ALOG4,
 * ALOG5), after the run's push: `POST /api/access-log/openings` in batches of at most
 * MAX_OPENINGS_PER_REQUEST, the signed-in person's only, deleted once the server answered 200
 * (logged, or refused for good: resending would change nothing). Offline, a 5xx or an unreadable
 * answer keep them for the next run, and the run goes on: the log must not hold up the dossiers.
 */
import { forgetOpenings, pendingOpenings } from '../db/access-openings';
import type { RelaisDb } from '../db/app-db';
import { AccessOpeningsResponseSchema, MAX_OPENINGS_PER_REQUEST } from '../domain/sync/access-log';
import { type AuthorizedTransport, authorizedFetch } from './authorized-fetch';
import { messageOf, statusError } from './sync-errors';

export interface OpeningsReport {
  /** Openings the server acknowledged (and the device deleted). */
  sent: number;
  /** Of those, how many the server refused (a household outside the person's welcome points). */
  refused: number;
}

/** @throws SyncError `unauthorized` on a 401, as any other request of the run */
export async function sendDossierOpenings(
  db: RelaisDb,
  transport: AuthorizedTransport,
  userId: string,
  batchSize = MAX_OPENINGS_PER_REQUEST,
): Promise<OpeningsReport> {
  const report: OpeningsReport = { sent: 0, refused: 0 };
  const size = Math.min(batchSize, MAX_OPENINGS_PER_REQUEST);
  for (;;) {
    const batch = await pendingOpenings(db, userId, size);
    if (batch.length === 0) return report;
    const openings = batch.map(({ id, householdId, at }) => ({ id, householdId, at }));
    let response: Response;
    try {
      response = await authorizedFetch(transport, 'POST', '/api/access-log/openings', { openings });
    } catch {
      return report;
    }
    if (response.status === 401) throw statusError(response.status, await messageOf(response));
    if (!response.ok) return report;
    const answer = AccessOpeningsResponseSchema.safeParse(await response.json().catch(() => undefined));
    if (!answer.success) return report;
    await forgetOpenings(
      db,
      batch.map((o) => o.id),
    );
    report.sent += batch.length;
    report.refused += answer.data.refused;
    if (batch.length < size) return report;
  }
}
