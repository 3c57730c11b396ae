/**
 * Writing the access log (docs/access-log.md). `recordAccess` is the one write path: the push and
 * pull routes, the exports, the openings a device sends and the household rights routes (export,
 * erasure) call it with the transaction of the action itself, so an entry exists exactly when
 * the action committed (ALOG3). Entries carry ids, an action and counts, never a value (ALOG2).
 */
import { randomBytes } from 'node:crypto';
import { createUuidV7Generator } from '../../../src/domain/ids';
import {
  type AccessAction,
  type AccessDetail,
  AccessDetailSchema,
} from '../../../src/domain/sync/access-log';
import { chunks, type SqlValue } from '../stores/sql';
import type { StoreTx } from '../stores/store-tx';

export interface AccessEntry {
  action: AccessAction;
  /** Who did it: the signed-in user. */
  userId: string;
  /** The session's device; null for an action with no device (a CLI command). */
  deviceId: string | null;
  /** The household concerned; null for an action on the whole network (ALOG1). */
  householdId: string | null;
  /** Unix ms. */
  at: number;
  /** Counts only (ALOG2). */
  detail?: AccessDetail;
  /** The device's own id for an opening (ALOG4); the server makes one otherwise. */
  id?: string;
}

const COLUMNS = 7;
/** Rows per INSERT: 7 parameters each stays far below both engines' limits. */
const ROWS_PER_STATEMENT = 300;

const newServerId = createUuidV7Generator({
  now: () => Date.now(),
  randomBytes: (length) => new Uint8Array(randomBytes(length)),
});

function insertStatement(rows: number): string {
  const tuples = Array.from({ length: rows }, (_, row) => {
    const first = row * COLUMNS;
    return `(${Array.from({ length: COLUMNS }, (_, column) => `$${first + column + 1}`).join(', ')})`;
  });
  return `INSERT INTO access_log (id, at, user_id, device_id, action, household_id, detail)
    VALUES ${tuples.join(', ')} ON CONFLICT (id) DO NOTHING`;
}

/**
 * Records `entries` in as few statements as possible (one per 300 entries): a pull page logs its
 * households with one INSERT. An entry whose id is already in the log is left as it is (a
 * resent opening, ALOG4).
 * @returns how many entries were new
 * @throws ZodError when a detail holds anything but counts (ALOG2): a programming error
 */
export async function recordAccess(tx: StoreTx, entries: readonly AccessEntry[]): Promise<number> {
  let added = 0;
  for (const part of chunks(entries, ROWS_PER_STATEMENT)) {
    const values: SqlValue[] = [];
    for (const entry of part) {
      const detail = AccessDetailSchema.parse(entry.detail ?? {});
      values.push(
        entry.id ?? newServerId(),
        entry.at,
        entry.userId,
        entry.deviceId,
        entry.action,
        entry.householdId,
        JSON.stringify(detail),
      );
    }
    added += await tx.sql.run(insertStatement(part.length), values);
  }
  return added;
}

/** Rows written or sent per household: the detail of a push's or a pull page's entries. */
export type RowsPerHousehold = Map<string, { rows: number }>;

/** Counts a row for its household; a workshop session is no household (ALOG1). */
export function countRow(counts: RowsPerHousehold, row: { entity: string; householdId: string }): void {
  if (row.entity === 'workshop') return;
  const count = counts.get(row.householdId);
  if (count === undefined) counts.set(row.householdId, { rows: 1 });
  else count.rows += 1;
}

/** The same action by the same caller on each household, one entry each (a push, a pull page). */
export function entriesFor(
  caller: { userId: string; deviceId: string | null; at: number },
  action: AccessAction,
  households: ReadonlyMap<string, AccessDetail>,
): AccessEntry[] {
  return [...households].map(([householdId, detail]) => ({
    userId: caller.userId,
    deviceId: caller.deviceId,
    at: caller.at,
    action,
    householdId,
    detail,
  }));
}

/** ALOG7: deletes the entries older than `before` (Unix ms). @returns how many went */
export async function purgeAccessLog(tx: StoreTx, before: number): Promise<number> {
  return tx.sql.run('DELETE FROM access_log WHERE at < $1', [before]);
}
