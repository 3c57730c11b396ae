/**
 * From a database row to a record (records.ts). Both engines return the same JavaScript values
 * (sql.ts: strings, numbers, null; booleans as 0/1, JSON as text), so one mapper per record
 * serves both. A mapper is declared as the record's fields and how each is read: the column is
 * the field's name in snake_case (`tokenHash` → `token_hash`), named only where it differs, so
 * the column names are written once, here, and a new field cannot be read from a misspelt one.
 */
import type { HouseholdScope } from '../sync/scope';
import type {
  AppliedRecord,
  ConflictRecord,
  DeviceAlertView,
  DeviceRecord,
  FieldHistoryRecord,
  QuarantineView,
  SessionRecord,
  StoredRow,
  UserRecord,
  WelcomePointRecord,
} from './records';

export type Row = Record<string, unknown>;

/** How one column's value becomes a field's value. */
type Read<V> = (value: unknown) => V;

export const num: Read<number> = (value) => Number(value);
export const str: Read<string> = (value) => String(value);
/** A 0/1 column. */
const flag: Read<boolean> = (value) => Number(value) === 1;
const optStr: Read<string | null> = (value) => (value === null || value === undefined ? null : String(value));
const optNum: Read<number | null> = (value) => (value === null || value === undefined ? null : Number(value));
/** A nullable JSON column. */
export const json: Read<unknown> = (value) =>
  value === null || value === undefined ? null : JSON.parse(String(value));
/** A JSON column that is never null, of a known shape. */
const parsed =
  <T>(): Read<T> =>
  (value) =>
    JSON.parse(String(value)) as T;
/** A text column holding one of a union's strings. */
const oneOf =
  <T extends string>(): Read<T> =>
  (value) =>
    String(value) as T;

/** Each field of `T`: how it is read, from its snake_case column or `[column, read]`. */
type Fields<T> = { [K in keyof T]-?: Read<T[K]> | readonly [column: string, read: Read<T[K]>] };

const snakeCase = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function rowMapper<T>(fields: Fields<T>): (row: Row) => T {
  const reads = Object.entries(
    fields as Record<string, Read<unknown> | readonly [string, Read<unknown>]>,
  ).map(([field, how]) =>
    typeof how === 'function' ? ([field, snakeCase(field), how] as const) : ([field, ...how] as const),
  );
  return (row) => {
    const record: Record<string, unknown> = {};
    for (const [field, column, read] of reads) record[field] = read(row[column]);
    return record as T;
  };
}

const toUserColumns = rowMapper<Omit<UserRecord, 'welcomePointIds'>>({
  id: str,
  username: str,
  displayName: str,
  role: oneOf(),
  passwordHash: str,
  disabled: flag,
  createdAt: num,
  updatedAt: num,
});

/** A user with their welcome points, which live in their own table (user_welcome_points). */
export const toUser = (row: Row, welcomePointIds: string[]): UserRecord => ({
  ...toUserColumns(row),
  welcomePointIds,
});

export const toWelcomePoint = rowMapper<WelcomePointRecord>({
  id: str,
  name: str,
  archived: flag,
  createdAt: num,
});

export const toDevice = rowMapper<DeviceRecord>({
  deviceId: str,
  userId: str,
  name: optStr,
  lastSeq: num,
  createdAt: num,
  lastSeenAt: num,
});

export const toSession = rowMapper<SessionRecord>({
  id: str,
  tokenHash: str,
  userId: str,
  deviceId: str,
  createdAt: num,
  expiresAt: num,
  lastUsedAt: num,
  revokedAt: optNum,
});

export const toHousehold = rowMapper<HouseholdScope>({
  id: str,
  welcomePointId: optStr,
  createdBy: str,
});

export const toStoredRow = rowMapper<StoredRow>({
  entity: str,
  id: str,
  householdId: str,
  version: num,
  seq: num,
  deleted: flag,
  data: parsed(),
  fieldMeta: parsed(),
  updatedHlc: str,
});

export const toApplied = rowMapper<AppliedRecord>({
  deviceId: str,
  seq: num,
  mutationId: optStr,
  userId: str,
  payload: json,
  result: json,
  appliedAt: num,
});

export const toFieldHistory = rowMapper<FieldHistoryRecord>({
  id: str,
  entity: str,
  entityId: str,
  householdId: str,
  field: str,
  value: json,
  version: num,
  userId: str,
  deviceId: str,
  hlc: str,
  serverTime: num,
  reason: str,
  byMutation: str,
  recordedAt: num,
});

export const toConflict = rowMapper<ConflictRecord>({
  id: str,
  entity: str,
  entityId: str,
  householdId: str,
  field: str,
  kind: oneOf(),
  status: oneOf(),
  // The column is not `values`: VALUES is an SQL keyword.
  values: ['conflict_values', parsed()],
  openedAt: num,
  resolvedAt: optNum,
  resolvedBy: optStr,
  resolvedByMutation: optStr,
});

export const toQuarantine = rowMapper<QuarantineView>({
  id: str,
  deviceId: str,
  seq: num,
  mutationId: str,
  userId: str,
  householdId: optStr,
  entity: optStr,
  reason: str,
  detail: str,
  payload: json,
  receivedAt: num,
  username: optStr,
  displayName: optStr,
  deviceName: optStr,
  handledAt: optNum,
  handledBy: optStr,
  handledByUsername: optStr,
  handledByDisplayName: optStr,
});

export const toDeviceAlert = rowMapper<DeviceAlertView>({
  id: str,
  userId: str,
  username: str,
  displayName: str,
  newDeviceId: str,
  previousDeviceId: str,
  reason: oneOf(),
  previousLastSeenAt: num,
  previousLastSeq: num,
  createdAt: num,
  handledAt: optNum,
  handledBy: optStr,
  newDeviceName: optStr,
  previousDeviceName: optStr,
  handledByUsername: optStr,
  handledByDisplayName: optStr,
});
