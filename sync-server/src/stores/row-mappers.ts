/**
 * Between a database row and a record (records.ts), both ways. Both engines hold the same
 * values (sql.ts: strings, numbers, null; booleans as 0/1, JSON as text), so one declaration per
 * table serves both: the record's fields and the type of each. The column is the field's name in
 * snake_case (`tokenHash` → `token_hash`), named only where it differs. From that declaration
 * come the reader of a row and the INSERT with its parameters, so a column is named once, here,
 * and reading and writing cannot disagree on it.
 */
import type { HouseholdScope } from '../sync/scope';
import type {
  AppliedRecord,
  ConflictRecord,
  DeviceAlertRecord,
  DeviceAlertView,
  DeviceRecord,
  FieldHistoryRecord,
  MergeLogRecord,
  MergeRecord,
  MergeRedirectRecord,
  QuarantineRecord,
  QuarantineView,
  SessionRecord,
  StoredRow,
  UserRecord,
  WelcomePointRecord,
} from './records';
import { placeholders, type SqlValue } from './sql';

export type Row = Record<string, unknown>;

/** How a field's value is read from its column and written to it. */
interface ColumnType<V> {
  read: (value: unknown) => V;
  write: (value: V) => SqlValue;
}

const asIs = <V extends SqlValue>(value: V): SqlValue => value;

export const num = (value: unknown): number => Number(value);
export const str = (value: unknown): string => String(value);
/** A nullable JSON column. */
export const json = (value: unknown): unknown =>
  value === null || value === undefined ? null : JSON.parse(String(value));

export const NUM: ColumnType<number> = { read: num, write: asIs };
export const STR: ColumnType<string> = { read: str, write: asIs };
/** A 0/1 column. */
const FLAG: ColumnType<boolean> = { read: (value) => Number(value) === 1, write: (on) => (on ? 1 : 0) };
export const OPT_STR: ColumnType<string | null> = {
  read: (value) => (value === null || value === undefined ? null : String(value)),
  write: asIs,
};
export const OPT_NUM: ColumnType<number | null> = {
  read: (value) => (value === null || value === undefined ? null : Number(value)),
  write: asIs,
};
/** Any JSON value; an undefined one is written as NULL. */
const JSON_VALUE: ColumnType<unknown> = {
  read: json,
  write: (value) => (value === undefined ? null : JSON.stringify(value)),
};
/** A JSON column that is never null, of a known shape. */
export const jsonOf = <T>(): ColumnType<T> => ({
  read: (value) => JSON.parse(String(value)) as T,
  write: (value) => JSON.stringify(value),
});
/** A text column holding one of a union's strings. */
export const oneOf = <T extends string>(): ColumnType<T> => ({
  read: (value) => String(value) as T,
  write: asIs,
});

/** Each field of `T`: its column type, on its snake_case column or `[column, type]`. */
type Fields<T> = { [K in keyof T]-?: ColumnType<T[K]> | readonly [column: string, type: ColumnType<T[K]>] };

const snakeCase = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

interface Column {
  field: string;
  column: string;
  type: ColumnType<unknown>;
}

function columnsOf<T>(fields: Fields<T>): Column[] {
  return Object.entries(
    fields as Record<string, ColumnType<unknown> | readonly [string, ColumnType<unknown>]>,
  ).map(([field, how]) =>
    'read' in how ? { field, column: snakeCase(field), type: how } : { field, column: how[0], type: how[1] },
  );
}

/** The reader of a row, for a query that selects every column of `fields` (a table or a view). */
function rowReader<T>(fields: Fields<T>): (row: Row) => T {
  const columns = columnsOf(fields);
  return (row) => {
    const record: Record<string, unknown> = {};
    for (const { field, column, type } of columns) record[field] = type.read(row[column]);
    return record as T;
  };
}

/** A table whose rows are records `T`: how to read one, and how to insert one. */
export interface RecordTable<T> {
  read: (row: Row) => T;
  /** Its columns, in the order of `insert`'s placeholders. */
  columns: readonly string[];
  /** `INSERT INTO table (…) VALUES ($1, …)` of every column. */
  insert: string;
  /** The parameters of `insert` for one record. */
  values: (record: T) => SqlValue[];
}

export function recordTable<T>(table: string, fields: Fields<T>): RecordTable<T> {
  const columns = columnsOf(fields);
  const names = columns.map((c) => c.column);
  return {
    read: rowReader(fields),
    columns: names,
    insert: `INSERT INTO ${table} (${names.join(', ')}) VALUES (${placeholders(1, names.length)})`,
    values: (record) => {
      const fieldsOf = record as Record<string, unknown>;
      return columns.map(({ field, type }) => type.write(fieldsOf[field]));
    },
  };
}

/** Users, without their welcome points, which live in their own table (user_welcome_points). */
export const USERS = recordTable<Omit<UserRecord, 'welcomePointIds'>>('users', {
  id: STR,
  username: STR,
  displayName: STR,
  role: oneOf(),
  passwordHash: STR,
  disabled: FLAG,
  createdAt: NUM,
  updatedAt: NUM,
});

export const toUser = (row: Row, welcomePointIds: string[]): UserRecord => ({
  ...USERS.read(row),
  welcomePointIds,
});

export const WELCOME_POINTS = recordTable<WelcomePointRecord>('welcome_points', {
  id: STR,
  name: STR,
  archived: FLAG,
  createdAt: NUM,
});

export const DEVICES = recordTable<DeviceRecord>('devices', {
  deviceId: STR,
  userId: STR,
  name: OPT_STR,
  lastSeq: NUM,
  createdAt: NUM,
  lastSeenAt: NUM,
});

export const SESSIONS = recordTable<SessionRecord>('sessions', {
  id: STR,
  tokenHash: STR,
  userId: STR,
  deviceId: STR,
  createdAt: NUM,
  expiresAt: NUM,
  lastUsedAt: NUM,
  revokedAt: OPT_NUM,
});

export const toHousehold = rowReader<HouseholdScope>({
  id: STR,
  welcomePointId: OPT_STR,
  createdBy: STR,
});

export const SYNC_ROWS = recordTable<StoredRow>('sync_rows', {
  entity: STR,
  id: STR,
  householdId: STR,
  version: NUM,
  seq: NUM,
  deleted: FLAG,
  data: jsonOf(),
  fieldMeta: jsonOf(),
  updatedHlc: STR,
});

export const APPLIED_MUTATIONS = recordTable<AppliedRecord>('applied_mutations', {
  deviceId: STR,
  seq: NUM,
  mutationId: OPT_STR,
  userId: STR,
  payload: JSON_VALUE,
  result: JSON_VALUE,
  appliedAt: NUM,
});

export const FIELD_HISTORY = recordTable<FieldHistoryRecord>('field_history', {
  id: STR,
  entity: STR,
  entityId: STR,
  householdId: STR,
  field: STR,
  value: JSON_VALUE,
  version: NUM,
  userId: STR,
  deviceId: STR,
  hlc: STR,
  serverTime: NUM,
  reason: STR,
  byMutation: STR,
  recordedAt: NUM,
});

export const CONFLICTS = recordTable<ConflictRecord>('conflicts', {
  id: STR,
  entity: STR,
  entityId: STR,
  householdId: STR,
  field: STR,
  kind: oneOf(),
  status: oneOf(),
  // The column is not `values`: VALUES is an SQL keyword.
  values: ['conflict_values', jsonOf()],
  openedAt: NUM,
  resolvedAt: OPT_NUM,
  resolvedBy: OPT_STR,
  resolvedByMutation: OPT_STR,
});

const QUARANTINE_FIELDS: Fields<QuarantineRecord> = {
  id: STR,
  deviceId: STR,
  seq: NUM,
  mutationId: STR,
  userId: STR,
  householdId: OPT_STR,
  entity: OPT_STR,
  reason: STR,
  detail: STR,
  payload: JSON_VALUE,
  receivedAt: NUM,
};

/** Its `handled_at` and `handled_by` start NULL: they are set by marking the item handled. */
export const QUARANTINE = recordTable<QuarantineRecord>('quarantine', QUARANTINE_FIELDS);

/** Who handled a supervision item and when, with the handler's names (supervision-tx.ts joins them). */
const HANDLED_FIELDS = {
  handledAt: OPT_NUM,
  handledBy: OPT_STR,
  handledByUsername: OPT_STR,
  handledByDisplayName: OPT_STR,
};

export const toQuarantineView = rowReader<QuarantineView>({
  ...QUARANTINE_FIELDS,
  username: OPT_STR,
  displayName: OPT_STR,
  deviceName: OPT_STR,
  ...HANDLED_FIELDS,
});

const DEVICE_ALERT_FIELDS: Fields<DeviceAlertRecord> = {
  id: STR,
  userId: STR,
  newDeviceId: OPT_STR,
  previousDeviceId: STR,
  reason: oneOf(),
  previousLastSeenAt: NUM,
  previousLastSeq: NUM,
  createdAt: NUM,
  handledAt: OPT_NUM,
  handledBy: OPT_STR,
  pendingChanges: OPT_NUM,
  pendingHouseholdIds: ['pending_households', JSON_VALUE as ColumnType<string[] | null>],
};

export const DEVICE_ALERTS = recordTable<DeviceAlertRecord>('device_alerts', DEVICE_ALERT_FIELDS);

export const toDeviceAlertView = rowReader<DeviceAlertView>({
  ...DEVICE_ALERT_FIELDS,
  username: STR,
  displayName: STR,
  newDeviceName: OPT_STR,
  previousDeviceName: OPT_STR,
  ...HANDLED_FIELDS,
});

const MERGE_FIELDS: Fields<MergeRecord> = {
  mergeId: STR,
  survivorId: STR,
  mergedId: STR,
  status: oneOf(),
  reason: STR,
  choices: JSON_VALUE,
  snapshot: JSON_VALUE,
  result: JSON_VALUE,
  mergedBy: STR,
  mergedAt: NUM,
  mergeSeq: NUM,
  undoneBy: OPT_STR,
  undoneAt: OPT_NUM,
  undoReason: OPT_STR,
  undoResult: JSON_VALUE,
};

export const HOUSEHOLD_MERGES = recordTable<MergeRecord>('household_merges', MERGE_FIELDS);

export const toMergeLog = rowReader<MergeLogRecord>({
  ...MERGE_FIELDS,
  mergedByDisplayName: OPT_STR,
  undoneByDisplayName: OPT_STR,
  redirects: NUM,
});

export const MERGE_REDIRECTS = recordTable<MergeRedirectRecord>('merge_redirects', {
  mutationId: STR,
  mergeId: STR,
  fromHouseholdId: STR,
  toHouseholdId: STR,
  entity: STR,
  entityId: STR,
  deviceId: STR,
  userId: STR,
  at: NUM,
});
