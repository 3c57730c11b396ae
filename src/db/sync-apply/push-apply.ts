/**
 * The push side of sync on the device (sync-design §9.3, §9.10): the outbox read in seq order,
 * a failed delivery noted on its entries, a push response applied in ONE transaction
 * (acknowledged entries move to the sent-log, I2; quarantined results are kept for the user, I5),
 * and the re-feed of the sent-log to a server restored from a backup.
 *
 * Nothing here ever deletes a local change that the server has not acknowledged.
 */
import type { OutboxEntry } from '../../domain/sync/mutation';
import type { MutationResult, PushResponse } from '../../domain/sync/protocol';
import type { RelaisDb, SentLogEntry } from '../app-db';
import { assertDeviceId, SYNC_META } from './meta';

/** Acknowledged entries stay in the sent-log this long (sync-design §9.10). */
export const SENT_LOG_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
const MAX_QUARANTINE_ECHO = 200;

/** A mutation the server kept in quarantine, as shown to the user. */
export interface QuarantineEcho {
  seq: number;
  mutationId: string;
  entity: string;
  entityId: string;
  householdId: string;
  reason: string;
  at: number;
}

/** The first `limit` outbox entries in seq order. */
export function readOutbox(db: RelaisDb, limit: number): Promise<OutboxEntry[]> {
  return db.outbox.orderBy('seq').limit(limit).toArray();
}

export interface OutboxStats {
  pending: number;
  /** createdAt of the oldest unsynced change, Unix ms. */
  oldestAt: number | undefined;
}

export async function outboxStats(db: RelaisDb): Promise<OutboxStats> {
  const [pending, first] = await Promise.all([db.outbox.count(), db.outbox.orderBy('seq').first()]);
  return { pending, oldestAt: first?.createdAt };
}

/** Notes a failed delivery on the entries (they stay pending: never dropped). */
export async function recordPushFailure(db: RelaisDb, seqs: readonly number[], error: string): Promise<void> {
  await db.transaction('rw', db.outbox, async () => {
    await db.outbox
      .where('seq')
      .anyOf([...seqs])
      .modify((entry) => {
        entry.attempts += 1;
        entry.lastError = error.slice(0, 500);
        entry.state = 'pending';
      });
  });
}

export interface PushApplied {
  acked: number;
  quarantined: QuarantineEcho[];
  /**
   * Acknowledged mutations the server applied to the survivor of a merged household (MERGE9):
   * applied like any other, no error, no retry; the pull brings the merge (MERGE8).
   */
  redirected: number;
}

/**
 * Applies a push response in one transaction: entries with seq ≤ ackSeq leave the outbox for
 * the sent-log (I2), quarantined results are kept for the user, the sent-log is pruned.
 * A quarantined mutation means the device holds a value the server refused: the pull cursor is
 * reset so the next pull brings the server's rows back (the local change stays in the echo).
 */
export async function applyPushResponse(
  db: RelaisDb,
  response: PushResponse,
  now: number,
  /** The device id the push was sent for; the response is dropped if the device changed since. */
  forDeviceId?: string,
): Promise<PushApplied> {
  return db.transaction('rw', [db.outbox, db.sentLog, db.meta], async () => {
    await assertDeviceId(db, forDeviceId);
    const acked = await db.outbox.where('seq').belowOrEqual(response.ackSeq).toArray();
    if (acked.length > 0) {
      const logged: SentLogEntry[] = acked.map((entry) => ({ ...entry, state: 'pending', ackedAt: now }));
      await db.sentLog.bulkPut(logged);
      await db.outbox.bulkDelete(acked.map((entry) => entry.seq));
    }
    const previous = (await db.meta.get(SYNC_META.ackedSeq))?.value;
    const known = typeof previous === 'number' ? previous : 0;
    if (response.ackSeq > known) await db.meta.put({ key: SYNC_META.ackedSeq, value: response.ackSeq });

    const bySeq = new Map(acked.map((entry) => [entry.seq, entry]));
    const quarantined: QuarantineEcho[] = [];
    let redirected = 0;
    for (const result of response.results) {
      if (isRedirected(result)) redirected += 1;
      const status = quarantineStatus(result);
      if (status === undefined) continue;
      const entry = bySeq.get(result.seq) ?? (await db.sentLog.get(result.seq));
      quarantined.push({
        seq: result.seq,
        mutationId: result.mutationId,
        entity: entry?.entity ?? 'unknown',
        entityId: entry?.entityId ?? '',
        householdId: entry?.householdId ?? '',
        reason: status,
        at: now,
      });
    }
    if (quarantined.length > 0) {
      const echo = ((await db.meta.get(SYNC_META.quarantine))?.value as QuarantineEcho[] | undefined) ?? [];
      const known = new Set(echo.map((q) => q.mutationId));
      const merged = [...echo, ...quarantined.filter((q) => !known.has(q.mutationId))];
      await db.meta.put({ key: SYNC_META.quarantine, value: merged.slice(-MAX_QUARANTINE_ECHO) });
      await db.meta.delete(SYNC_META.pullCursor);
    }
    await db.sentLog
      .where('ackedAt')
      .below(now - SENT_LOG_RETENTION_MS)
      .delete();
    return { acked: acked.length, quarantined, redirected };
  });
}

/** MERGE9: applied to the survivor (first time, or its duplicate echoing the first result). */
function isRedirected(result: MutationResult): boolean {
  return (
    result.status === 'redirected' ||
    (result.status === 'duplicate' && result.original?.status === 'redirected')
  );
}

/**
 * The reason to show for a refused mutation; undefined for every other status: `applied`,
 * `conflict-recorded` and `redirected` (MERGE9, applied to the survivor) are acknowledged changes,
 * never errors.
 */
function quarantineStatus(result: MutationResult): string | undefined {
  if (result.status === 'quarantined') return result.reason ?? 'quarantined';
  if (result.status === 'duplicate' && result.original?.status === 'quarantined') {
    return result.original.reason ?? 'quarantined';
  }
  return undefined;
}

export interface Refeed {
  /** Entries moved back from the sent-log to the outbox. */
  moved: number;
  /** False when the sent-log no longer holds every seq from `fromSeq` (pruned): some are lost. */
  complete: boolean;
}

/**
 * The server has forgotten everything from `fromSeq` on (restored from a backup, §9.10): move
 * those sent-log entries back into the outbox, in one transaction, so they are pushed again with
 * the same seq and mutationId (the server dedupes them if it still has some).
 */
export async function refeedFromSentLog(db: RelaisDb, fromSeq: number): Promise<Refeed> {
  return db.transaction('rw', [db.outbox, db.sentLog, db.meta], async () => {
    const entries = await db.sentLog.where('seq').aboveOrEqual(fromSeq).toArray();
    const outbox: OutboxEntry[] = entries.map(({ ackedAt: _ackedAt, ...entry }) => ({
      ...entry,
      state: 'pending',
    }));
    if (outbox.length > 0) {
      await db.outbox.bulkPut(outbox);
      await db.sentLog.bulkDelete(entries.map((e) => e.seq));
    }
    await db.meta.put({ key: SYNC_META.ackedSeq, value: fromSeq - 1 });
    const first = await db.outbox.orderBy('seq').first();
    return { moved: outbox.length, complete: first === undefined || first.seq <= fromSeq };
  });
}
