/**
 * Helpers of the access-log suites (docs/access-log.md ALOG*): the log as stored (read straight
 * from the store, every column, so a test sees what an attacker with the database would), and
 * dossier openings shaped as a device sends them.
 */
import { randomBytes } from 'node:crypto';
import { createUuidV7Generator } from '../../../src/domain/ids';
import type { RelaisStore } from '../../../sync-server/src/stores/store';
import { type Account, bearer, type SyncServer } from '../sync/harness';

export interface LogRow {
  id: string;
  at: number;
  userId: string;
  deviceId: string | null;
  action: string;
  householdId: string | null;
  detail: Record<string, number>;
}

/** Every entry of the log, oldest first. */
export async function logRows(store: RelaisStore): Promise<LogRow[]> {
  const rows = await store.transaction((tx) =>
    tx.sql.all<Record<string, unknown>>('SELECT * FROM access_log ORDER BY at, id'),
  );
  return rows.map((r) => ({
    id: String(r.id),
    at: Number(r.at),
    userId: String(r.user_id),
    deviceId: r.device_id === null ? null : String(r.device_id),
    action: String(r.action),
    householdId: r.household_id === null ? null : String(r.household_id),
    detail: JSON.parse(String(r.detail)) as Record<string, number>,
  }));
}

/** Every stored column of every entry as one text, to scan for personal data (ALOG2). */
export async function logText(store: RelaisStore): Promise<string> {
  const rows = await store.transaction((tx) => tx.sql.all('SELECT * FROM access_log'));
  return JSON.stringify(rows);
}

/** The who/what/which of each entry, for comparisons that ignore ids and times. */
export function summary(rows: readonly LogRow[]): string[] {
  return rows
    .map(
      (r) =>
        `${r.action} ${r.householdId ?? '-'} by ${r.userId} on ${r.deviceId ?? '-'} ${JSON.stringify(r.detail)}`,
    )
    .sort();
}

export const newOpeningId = createUuidV7Generator({
  now: () => Date.now(),
  randomBytes: (length) => new Uint8Array(randomBytes(length)),
});

export async function sendOpenings(
  server: SyncServer,
  account: Account,
  openings: readonly { id?: string; householdId: string; at: number }[],
) {
  return server.app.inject({
    method: 'POST',
    url: '/api/access-log/openings',
    headers: bearer(account.token),
    payload: { openings: openings.map((o) => ({ id: o.id ?? newOpeningId(), ...o })) },
  });
}

export async function readLog(server: SyncServer, query: string, account: Account = server.world.admin) {
  return server.app.inject({
    method: 'GET',
    url: `/api/admin/access-log${query === '' ? '' : `?${query}`}`,
    headers: bearer(account.token),
  });
}
