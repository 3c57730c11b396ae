/**
 * The admin's reading of the access log (ALOG6): newest first, filtered by household, by person
 * and by period, paged by an opaque cursor (the last entry's time and id). Each filter is one
 * range of an index of migration 014 (by household, by user, by time). Names are looked up at
 * read time: the log holds ids only (ALOG2).
 */
import { z } from 'zod';
import type {
  AccessAction,
  AccessDetail,
  AccessLogPage,
  AccessLogQuerySchema,
} from '../../../src/domain/sync/access-log';
import { HttpError } from '../http-errors';
import { json, num, OPT_STR, type Row, str } from '../stores/row-mappers';
import type { SqlValue } from '../stores/sql';
import type { StoreTx } from '../stores/store-tx';

type Query = z.output<typeof AccessLogQuerySchema>;

const CursorSchema = z.tuple([z.number().int(), z.string().min(1).max(100)]);

export function encodeAccessCursor(at: number, id: string): string {
  return Buffer.from(JSON.stringify([at, id]), 'utf8').toString('base64url');
}

/** @throws HttpError 400 when `cursor` is not one this log gave */
export function decodeAccessCursor(cursor: string): { at: number; id: string } {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const parsed = CursorSchema.safeParse(value);
  if (!parsed.success) throw new HttpError(400, 'cursor: not a cursor of the access log');
  return { at: parsed.data[0], id: parsed.data[1] };
}

export async function listAccessLog(tx: StoreTx, query: Query): Promise<AccessLogPage> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  const add = (condition: (n: string) => string, value: SqlValue) => {
    params.push(value);
    where.push(condition(`$${params.length}`));
  };
  if (query.householdId !== undefined) add((n) => `household_id = ${n}`, query.householdId);
  if (query.userId !== undefined) add((n) => `user_id = ${n}`, query.userId);
  if (query.from !== undefined) add((n) => `at >= ${n}`, query.from);
  if (query.to !== undefined) add((n) => `at < ${n}`, query.to);
  if (query.cursor !== undefined) {
    const after = decodeAccessCursor(query.cursor);
    params.push(after.at, after.id);
    const [at, id] = [`$${params.length - 1}`, `$${params.length}`];
    where.push(`(at < ${at} OR (at = ${at} AND id < ${id}))`);
  }
  params.push(query.limit + 1);
  const rows = await tx.sql.all<Row>(
    `SELECT id, at, user_id, device_id, action, household_id, detail FROM access_log
     ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`}
     ORDER BY at DESC, id DESC LIMIT $${params.length}`,
    params,
  );
  const page = rows.slice(0, query.limit);
  const names = await displayNames(tx, page);
  const entries = page.map((r) => {
    const userId = str(r.user_id);
    const deviceId = OPT_STR.read(r.device_id);
    return {
      id: str(r.id),
      at: num(r.at),
      userId,
      userDisplayName: names.users.get(userId) ?? null,
      deviceId,
      deviceName: deviceId === null ? null : (names.devices.get(deviceId) ?? null),
      action: str(r.action) as AccessAction,
      householdId: OPT_STR.read(r.household_id),
      detail: (json(r.detail) ?? {}) as AccessDetail,
    };
  });
  const last = entries.at(-1);
  return {
    entries,
    nextCursor: rows.length > query.limit && last !== undefined ? encodeAccessCursor(last.at, last.id) : null,
  };
}

/** Each distinct person's display name and device label of the page, read once. */
async function displayNames(
  tx: StoreTx,
  rows: readonly Row[],
): Promise<{ users: Map<string, string>; devices: Map<string, string> }> {
  const users = new Map<string, string>();
  const devices = new Map<string, string>();
  for (const id of new Set(rows.map((r) => str(r.user_id)))) {
    const user = await tx.getUser(id);
    if (user !== undefined) users.set(id, user.displayName);
  }
  for (const id of new Set(rows.flatMap((r) => (r.device_id === null ? [] : [str(r.device_id)])))) {
    const label = (await tx.getDevice(id))?.name?.trim();
    if (label !== undefined && label !== '') devices.set(id, label);
  }
  return { users, devices };
}
