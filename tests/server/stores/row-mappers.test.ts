/**
 * The record tables of row-mappers.ts: each names its columns once and derives both the row
 * reader and the INSERT from that, so what is written reads back as the same record. The real
 * round trips through SQLite and PostgreSQL are in the contract suite (store.contract.ts); this
 * checks the declarations themselves, without a database.
 */
import { describe, expect, it } from 'vitest';
import type { FieldHistoryRecord } from '../../../sync-server/src/stores/records';
import {
  APPLIED_MUTATIONS,
  CONFLICTS,
  DEVICE_ALERTS,
  DEVICES,
  FIELD_HISTORY,
  QUARANTINE,
  type RecordTable,
  SESSIONS,
  SYNC_ROWS,
  USERS,
  WELCOME_POINTS,
} from '../../../sync-server/src/stores/row-mappers';
import type { SqlValue } from '../../../sync-server/src/stores/sql';

/** The row an engine would return for an INSERT's parameters: column → stored value. */
function stored<T>(table: RecordTable<T>, record: T): Record<string, SqlValue | undefined> {
  const values = table.values(record);
  return Object.fromEntries(table.columns.map((column, i) => [column, values[i]]));
}

/** A table's record, what it writes and what reading that back gives. */
interface Example {
  name: string;
  columns: readonly string[];
  insert: string;
  record: unknown;
  written: Record<string, SqlValue | undefined>;
  readBack: unknown;
}

function example<T>(name: string, table: RecordTable<T>, record: NoInfer<T>): Example {
  const written = stored(table, record);
  return {
    name,
    columns: table.columns,
    insert: table.insert,
    record,
    written,
    readBack: table.read(written),
  };
}

// One record per table, with booleans both ways, nulls and JSON where the record has them.
const EXAMPLES: Example[] = [
  example('users', USERS, {
    id: 'u1',
    username: 'ana',
    displayName: 'Ana',
    role: 'volunteer',
    passwordHash: 'h',
    disabled: true,
    createdAt: 1,
    updatedAt: 2,
  }),
  example('welcome_points', WELCOME_POINTS, { id: 'w1', name: 'Lens', archived: false, createdAt: 3 }),
  example('devices', DEVICES, {
    deviceId: 'd1',
    userId: 'u1',
    name: null,
    lastSeq: 4,
    createdAt: 5,
    lastSeenAt: 6,
  }),
  example('sessions', SESSIONS, {
    id: 's1',
    tokenHash: 't',
    userId: 'u1',
    deviceId: 'd1',
    createdAt: 1,
    expiresAt: 2,
    lastUsedAt: 3,
    revokedAt: null,
  }),
  example('sync_rows', SYNC_ROWS, {
    entity: 'debt',
    id: 'r1',
    householdId: 'h1',
    version: 2,
    seq: 9,
    deleted: false,
    data: { amountCents: 12_345, label: 'été' },
    fieldMeta: { amountCents: { v: 2, d: 'd1', u: 'u1', h: 'hlc', t: 7 } },
    updatedHlc: 'hlc',
  }),
  example('applied_mutations', APPLIED_MUTATIONS, {
    deviceId: 'd1',
    seq: 1,
    mutationId: null,
    userId: 'u1',
    payload: { op: 'patch' },
    result: { status: 'applied' },
    appliedAt: 8,
  }),
  example('field_history', FIELD_HISTORY, {
    id: 'f1',
    entity: 'debt',
    entityId: 'r1',
    householdId: 'h1',
    field: 'amountCents',
    value: null,
    version: 1,
    userId: 'u1',
    deviceId: 'd1',
    hlc: 'hlc',
    serverTime: 2,
    reason: 'lww-lost',
    byMutation: 'm1',
    recordedAt: 3,
  }),
  example('conflicts', CONFLICTS, {
    id: 'c1',
    entity: 'debt',
    entityId: 'r1',
    householdId: 'h1',
    field: 'amountCents',
    kind: 'concurrent-edit',
    status: 'resolved',
    values: [{ value: 1 }, { value: 2 }],
    openedAt: 1,
    resolvedAt: 2,
    resolvedBy: 'u1',
    resolvedByMutation: 'm2',
  }),
  example('quarantine', QUARANTINE, {
    id: 'q1',
    deviceId: 'd1',
    seq: 3,
    mutationId: 'm3',
    userId: 'u1',
    householdId: null,
    entity: null,
    reason: 'schema-invalid',
    detail: 'amountCents',
    payload: { op: 'create' },
    receivedAt: 4,
  }),
  example('device_alerts', DEVICE_ALERTS, {
    id: 'a1',
    userId: 'u1',
    // A wipe alert (WIPE7): no new device, the pending count and household ids as JSON.
    newDeviceId: null,
    previousDeviceId: 'd1',
    reason: 'wiped-lost',
    previousLastSeenAt: 5,
    previousLastSeq: 6,
    createdAt: 7,
    handledAt: null,
    handledBy: null,
    pendingChanges: 3,
    pendingHouseholdIds: ['h1', 'h2'],
  }),
];

/** The example of table `name`. */
const of = (name: string): Example => {
  const found = EXAMPLES.find((e) => e.name === name);
  if (found === undefined) throw new Error(`no example for ${name}`);
  return found;
};

describe('record tables', () => {
  it.each(EXAMPLES)('$name: a record written then read back is the same record', ({ record, readBack }) => {
    expect(readBack).toEqual(record);
  });

  it.each(EXAMPLES)('$name: the INSERT has one placeholder per column, each column once', (e) => {
    expect(new Set(e.columns).size).toBe(e.columns.length);
    const placeholders = e.columns.map((_, i) => `$${i + 1}`).join(', ');
    expect(e.insert).toBe(`INSERT INTO ${e.name} (${e.columns.join(', ')}) VALUES (${placeholders})`);
  });

  it('reads each field from its snake_case column, or from the column it names', () => {
    expect(of('sessions').columns).toEqual([
      'id',
      'token_hash',
      'user_id',
      'device_id',
      'created_at',
      'expires_at',
      'last_used_at',
      'revoked_at',
    ]);
    expect(of('conflicts').columns).toContain('conflict_values');
    expect(of('conflicts').columns).not.toContain('values');
  });

  it('stores booleans as 0/1 and JSON as text, as both engines hold them', () => {
    expect(of('users').written.disabled).toBe(1);
    expect(of('welcome_points').written.archived).toBe(0);
    expect(of('conflicts').written.conflict_values).toBe('[{"value":1},{"value":2}]');
  });

  it('writes an undefined JSON value as NULL and a null one as the text null', () => {
    const history = of('field_history').record as FieldHistoryRecord;
    expect(stored(FIELD_HISTORY, { ...history, value: undefined }).value).toBeNull();
    expect(stored(FIELD_HISTORY, { ...history, value: null }).value).toBe('null');
  });
});
