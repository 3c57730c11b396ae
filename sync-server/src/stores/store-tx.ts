/**
 * Size: over 450 lines, deliberately not split in issue 12, which changed behaviour here;
 * issue 13 splits it along its seam, with behaviour unchanged:
 * one file per aggregate behind a thin StoreTx facade.
 *
 * Typed access to the sync and account tables, written once over SqlExecutor and used inside a
 * RelaisStore transaction. Both engines run exactly these statements, so the contract suite
 * (tests/server/stores/store.contract.ts) checks one implementation against two databases.
 */
import type { Role } from '../../../src/domain/sync/protocol';
import { type HouseholdScope, type Scope, type ScopeColumns, scopeSql } from '../sync/scope';
import { placeholders, type SqlExecutor, type SqlValue } from './sql';

export type { HouseholdScope, Scope };

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  disabled: boolean;
  welcomePointIds: string[];
  createdAt: number;
  updatedAt: number;
}

export interface WelcomePointRecord {
  id: string;
  name: string;
  archived: boolean;
  createdAt: number;
}

export interface DeviceRecord {
  deviceId: string;
  userId: string;
  name: string | null;
  lastSeq: number;
  createdAt: number;
  lastSeenAt: number;
}

export interface SessionRecord {
  id: string;
  tokenHash: string;
  userId: string;
  deviceId: string;
  createdAt: number;
  expiresAt: number;
  lastUsedAt: number;
  revokedAt: number | null;
}

/** Who last set a field: version, device, user, HLC, server time. */
export interface FieldMeta {
  v: number;
  d: string;
  u: string;
  h: string;
  t: number;
}

export interface StoredRow {
  entity: string;
  id: string;
  householdId: string;
  version: number;
  seq: number;
  deleted: boolean;
  /** Entity fields and tombstone fields, without the sync metadata. */
  data: Record<string, unknown>;
  fieldMeta: Record<string, FieldMeta>;
  updatedHlc: string;
}

export interface AppliedRecord {
  deviceId: string;
  seq: number;
  mutationId: string | null;
  userId: string;
  payload: unknown;
  result: unknown;
  appliedAt: number;
}

export interface FieldHistoryRecord {
  id: string;
  entity: string;
  entityId: string;
  householdId: string;
  field: string;
  value: unknown;
  version: number;
  userId: string;
  deviceId: string;
  hlc: string;
  serverTime: number;
  reason: string;
  byMutation: string;
  recordedAt: number;
}

export interface ConflictRecord {
  id: string;
  entity: string;
  entityId: string;
  householdId: string;
  field: string;
  kind: 'concurrent-edit' | 'edit-vs-delete';
  status: 'open' | 'resolved';
  values: unknown[];
  openedAt: number;
  resolvedAt: number | null;
  resolvedBy: string | null;
  resolvedByMutation: string | null;
}

export interface QuarantineRecord {
  id: string;
  deviceId: string;
  seq: number;
  mutationId: string;
  userId: string;
  householdId: string | null;
  entity: string | null;
  reason: string;
  detail: string;
  payload: unknown;
  receivedAt: number;
}

/** A quarantine record with what a coordinator reads: who, which device, whether handled (QUAR3). */
export interface QuarantineView extends QuarantineRecord {
  /** The pushing user's names (null only if the account no longer exists). */
  username: string | null;
  displayName: string | null;
  /** The device label set in Settings (AUTH9), null when none. */
  deviceName: string | null;
  handledAt: number | null;
  handledBy: string | null;
  /** The handler's names (QUAR3), null while open or when that account no longer exists. */
  handledByUsername: string | null;
  handledByDisplayName: string | null;
}

/** Which items a supervision list returns (QUAR3): open ones, handled ones, or all. */
export type SupervisionFilter = { status: 'open' | 'handled' | 'all'; limit: number };

export type DeviceAlertReason = 'reported-by-device' | 'recent-activity';

/** DEV1: a user signed in with a new device id while an earlier device may hold lost changes. */
export interface DeviceAlertRecord {
  id: string;
  userId: string;
  newDeviceId: string;
  previousDeviceId: string;
  reason: DeviceAlertReason;
  /** The previous device as the server last knew it: last seen (push) time, last applied seq. */
  previousLastSeenAt: number;
  previousLastSeq: number;
  createdAt: number;
  handledAt: number | null;
  handledBy: string | null;
}

/** A device alert with the names a coordinator reads. */
export interface DeviceAlertView extends DeviceAlertRecord {
  username: string;
  displayName: string;
  /** The device labels set in Settings (AUTH9), null when none or unknown. */
  newDeviceName: string | null;
  previousDeviceName: string | null;
  /** The handler's names, null while open or when that account no longer exists. */
  handledByUsername: string | null;
  handledByDisplayName: string | null;
}

type Row = Record<string, unknown>;

const num = (value: unknown): number => Number(value);
const str = (value: unknown): string => String(value);
const optStr = (value: unknown): string | null =>
  value === null || value === undefined ? null : String(value);
const optNum = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);
const json = (value: unknown): unknown =>
  value === null || value === undefined ? null : JSON.parse(String(value));

function toUser(row: Row, welcomePointIds: string[]): UserRecord {
  return {
    id: str(row.id),
    username: str(row.username),
    displayName: str(row.display_name),
    role: str(row.role) as Role,
    passwordHash: str(row.password_hash),
    disabled: num(row.disabled) === 1,
    welcomePointIds,
    createdAt: num(row.created_at),
    updatedAt: num(row.updated_at),
  };
}

function toSession(row: Row): SessionRecord {
  return {
    id: str(row.id),
    tokenHash: str(row.token_hash),
    userId: str(row.user_id),
    deviceId: str(row.device_id),
    createdAt: num(row.created_at),
    expiresAt: num(row.expires_at),
    lastUsedAt: num(row.last_used_at),
    revokedAt: optNum(row.revoked_at),
  };
}

function toStoredRow(row: Row): StoredRow {
  return {
    entity: str(row.entity),
    id: str(row.id),
    householdId: str(row.household_id),
    version: num(row.version),
    seq: num(row.seq),
    deleted: num(row.deleted) === 1,
    data: JSON.parse(str(row.data)) as Record<string, unknown>,
    fieldMeta: JSON.parse(str(row.field_meta)) as Record<string, FieldMeta>,
    updatedHlc: str(row.updated_hlc),
  };
}

function toDevice(r: Row): DeviceRecord {
  return {
    deviceId: str(r.device_id),
    userId: str(r.user_id),
    name: optStr(r.name),
    lastSeq: num(r.last_seq),
    createdAt: num(r.created_at),
    lastSeenAt: num(r.last_seen_at),
  };
}

function toDeviceAlert(r: Row): DeviceAlertView {
  return {
    id: str(r.id),
    userId: str(r.user_id),
    username: str(r.username),
    displayName: str(r.display_name),
    newDeviceId: str(r.new_device_id),
    previousDeviceId: str(r.previous_device_id),
    reason: str(r.reason) as DeviceAlertReason,
    previousLastSeenAt: num(r.previous_last_seen_at),
    previousLastSeq: num(r.previous_last_seq),
    createdAt: num(r.created_at),
    handledAt: optNum(r.handled_at),
    handledBy: optStr(r.handled_by),
    newDeviceName: optStr(r.new_device_name),
    previousDeviceName: optStr(r.previous_device_name),
    handledByUsername: optStr(r.handled_by_username),
    handledByDisplayName: optStr(r.handled_by_display_name),
  };
}

function toQuarantine(r: Row): QuarantineView {
  return {
    id: str(r.id),
    deviceId: str(r.device_id),
    seq: num(r.seq),
    mutationId: str(r.mutation_id),
    userId: str(r.user_id),
    householdId: optStr(r.household_id),
    entity: optStr(r.entity),
    reason: str(r.reason),
    detail: str(r.detail),
    payload: json(r.payload),
    receivedAt: num(r.received_at),
    username: optStr(r.username),
    displayName: optStr(r.display_name),
    deviceName: optStr(r.device_name),
    handledAt: optNum(r.handled_at),
    handledBy: optStr(r.handled_by),
    handledByUsername: optStr(r.handled_by_username),
    handledByDisplayName: optStr(r.handled_by_display_name),
  };
}

// The handler (`handled_by`) is joined by id, LEFT: an account removed since leaves null names.
const QUARANTINE_VIEW = `SELECT q.*, u.username, u.display_name, d.name AS device_name,
    h.username AS handled_by_username, h.display_name AS handled_by_display_name
  FROM quarantine q
  LEFT JOIN users u ON u.id = q.user_id LEFT JOIN devices d ON d.device_id = q.device_id
  LEFT JOIN users h ON h.id = q.handled_by`;

const DEVICE_ALERT_VIEW = `SELECT a.*, u.username, u.display_name, nd.name AS new_device_name,
    pd.name AS previous_device_name, h.username AS handled_by_username,
    h.display_name AS handled_by_display_name
  FROM device_alerts a JOIN users u ON u.id = a.user_id
  LEFT JOIN devices nd ON nd.device_id = a.new_device_id
  LEFT JOIN devices pd ON pd.device_id = a.previous_device_id
  LEFT JOIN users h ON h.id = a.handled_by`;

/** The flags `$1` (open wanted) and `$2` (handled wanted) of a supervision list's WHERE. */
const statusFlags = (status: SupervisionFilter['status']): [number, number] => [
  status === 'handled' ? 0 : 1,
  status === 'open' ? 0 : 1,
];

function toConflict(row: Row): ConflictRecord {
  return {
    id: str(row.id),
    entity: str(row.entity),
    entityId: str(row.entity_id),
    householdId: str(row.household_id),
    field: str(row.field),
    kind: str(row.kind) as ConflictRecord['kind'],
    status: str(row.status) as ConflictRecord['status'],
    values: JSON.parse(str(row.conflict_values)) as unknown[],
    openedAt: num(row.opened_at),
    resolvedAt: optNum(row.resolved_at),
    resolvedBy: optStr(row.resolved_by),
    resolvedByMutation: optStr(row.resolved_by_mutation),
  };
}

/** Splits a list so IN lists stay well below every engine's parameter limit. */
function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The scope rule (sync/scope.ts) read on a household as it is now, `households h`. */
const HOUSEHOLD_NOW: ScopeColumns = { welcomePointId: 'h.welcome_point_id', createdBy: 'h.created_by' };

/** The scope rule read on a household as it was before a move, `scope_removals r`. */
const HOUSEHOLD_BEFORE_MOVE: ScopeColumns = {
  welcomePointId: 'r.old_welcome_point_id',
  createdBy: 'r.created_by',
};

export class StoreTx {
  constructor(readonly sql: SqlExecutor) {}

  // ---- welcome points -------------------------------------------------------------------------

  async insertWelcomePoint(wp: WelcomePointRecord): Promise<void> {
    await this.sql.run(
      'INSERT INTO welcome_points (id, name, archived, created_at) VALUES ($1, $2, $3, $4)',
      [wp.id, wp.name, wp.archived ? 1 : 0, wp.createdAt],
    );
  }

  async listWelcomePoints(): Promise<WelcomePointRecord[]> {
    const rows = await this.sql.all<Row>('SELECT * FROM welcome_points ORDER BY name, id');
    return rows.map((r) => ({
      id: str(r.id),
      name: str(r.name),
      archived: num(r.archived) === 1,
      createdAt: num(r.created_at),
    }));
  }

  async getWelcomePoint(id: string): Promise<WelcomePointRecord | undefined> {
    return (await this.listWelcomePoints()).find((wp) => wp.id === id);
  }

  async updateWelcomePoint(id: string, patch: { name?: string; archived?: boolean }): Promise<boolean> {
    const current = await this.getWelcomePoint(id);
    if (current === undefined) return false;
    await this.sql.run('UPDATE welcome_points SET name = $2, archived = $3 WHERE id = $1', [
      id,
      patch.name ?? current.name,
      (patch.archived ?? current.archived) ? 1 : 0,
    ]);
    return true;
  }

  // ---- users ----------------------------------------------------------------------------------

  async countUsers(): Promise<number> {
    const rows = await this.sql.all<Row>('SELECT COUNT(*) AS n FROM users');
    return num(rows[0]?.n ?? 0);
  }

  async insertUser(user: UserRecord): Promise<void> {
    await this.sql.run(
      `INSERT INTO users (id, username, display_name, role, password_hash, disabled, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        user.id,
        user.username,
        user.displayName,
        user.role,
        user.passwordHash,
        user.disabled ? 1 : 0,
        user.createdAt,
        user.updatedAt,
      ],
    );
    await this.setUserWelcomePoints(user.id, user.welcomePointIds);
  }

  async setUserWelcomePoints(userId: string, welcomePointIds: readonly string[]): Promise<void> {
    await this.sql.run('DELETE FROM user_welcome_points WHERE user_id = $1', [userId]);
    for (const wp of new Set(welcomePointIds)) {
      await this.sql.run('INSERT INTO user_welcome_points (user_id, welcome_point_id) VALUES ($1, $2)', [
        userId,
        wp,
      ]);
    }
  }

  async #welcomePointsOf(userIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const part of chunks(userIds)) {
      const rows = await this.sql.all<Row>(
        `SELECT user_id, welcome_point_id FROM user_welcome_points WHERE user_id IN (${placeholders(1, part.length)})
         ORDER BY welcome_point_id`,
        part,
      );
      for (const r of rows) {
        const list = out.get(str(r.user_id)) ?? [];
        list.push(str(r.welcome_point_id));
        out.set(str(r.user_id), list);
      }
    }
    return out;
  }

  async getUser(id: string): Promise<UserRecord | undefined> {
    const rows = await this.sql.all<Row>('SELECT * FROM users WHERE id = $1', [id]);
    const row = rows[0];
    if (row === undefined) return undefined;
    return toUser(row, (await this.#welcomePointsOf([id])).get(id) ?? []);
  }

  async getUserByUsername(username: string): Promise<UserRecord | undefined> {
    const rows = await this.sql.all<Row>('SELECT * FROM users WHERE username = $1', [username]);
    const row = rows[0];
    if (row === undefined) return undefined;
    return toUser(row, (await this.#welcomePointsOf([str(row.id)])).get(str(row.id)) ?? []);
  }

  async listUsers(): Promise<UserRecord[]> {
    const rows = await this.sql.all<Row>('SELECT * FROM users ORDER BY username');
    const wps = await this.#welcomePointsOf(rows.map((r) => str(r.id)));
    return rows.map((r) => toUser(r, wps.get(str(r.id)) ?? []));
  }

  async updateUser(
    id: string,
    patch: { displayName?: string; role?: Role; disabled?: boolean; passwordHash?: string },
    now: number,
  ): Promise<boolean> {
    const current = await this.getUser(id);
    if (current === undefined) return false;
    await this.sql.run(
      `UPDATE users SET display_name = $2, role = $3, disabled = $4, password_hash = $5, updated_at = $6
       WHERE id = $1`,
      [
        id,
        patch.displayName ?? current.displayName,
        patch.role ?? current.role,
        (patch.disabled ?? current.disabled) ? 1 : 0,
        patch.passwordHash ?? current.passwordHash,
        now,
      ],
    );
    return true;
  }

  // ---- devices and sessions -------------------------------------------------------------------

  async getDevice(deviceId: string): Promise<DeviceRecord | undefined> {
    const rows = await this.sql.all<Row>('SELECT * FROM devices WHERE device_id = $1', [deviceId]);
    return rows[0] === undefined ? undefined : toDevice(rows[0]);
  }

  /**
   * The user's other devices seen since `since` that have pushed at least one change, most
   * recently seen first (DEV1's recent-activity rule).
   */
  async recentActiveDevicesOf(
    userId: string,
    exceptDeviceId: string,
    since: number,
  ): Promise<DeviceRecord[]> {
    const rows = await this.sql.all<Row>(
      `SELECT * FROM devices
       WHERE user_id = $1 AND device_id <> $2 AND last_seen_at >= $3 AND last_seq > 0
       ORDER BY last_seen_at DESC, device_id`,
      [userId, exceptDeviceId, since],
    );
    return rows.map(toDevice);
  }

  async insertDevice(device: DeviceRecord): Promise<void> {
    await this.sql.run(
      `INSERT INTO devices (device_id, user_id, name, last_seq, created_at, last_seen_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [device.deviceId, device.userId, device.name, device.lastSeq, device.createdAt, device.lastSeenAt],
    );
  }

  /** The device's label (AUTH9): sent at each login and by PATCH /auth/device; null clears it. */
  async setDeviceName(deviceId: string, name: string | null, now: number): Promise<void> {
    await this.sql.run('UPDATE devices SET name = $2, last_seen_at = $3 WHERE device_id = $1', [
      deviceId,
      name,
      now,
    ]);
  }

  async setDeviceLastSeq(deviceId: string, lastSeq: number, now: number): Promise<void> {
    await this.sql.run('UPDATE devices SET last_seq = $2, last_seen_at = $3 WHERE device_id = $1', [
      deviceId,
      lastSeq,
      now,
    ]);
  }

  async insertSession(session: SessionRecord): Promise<void> {
    await this.sql.run(
      `INSERT INTO sessions (id, token_hash, user_id, device_id, created_at, expires_at, last_used_at, revoked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        session.id,
        session.tokenHash,
        session.userId,
        session.deviceId,
        session.createdAt,
        session.expiresAt,
        session.lastUsedAt,
        session.revokedAt,
      ],
    );
  }

  async getSessionByHash(tokenHash: string): Promise<SessionRecord | undefined> {
    const rows = await this.sql.all<Row>('SELECT * FROM sessions WHERE token_hash = $1', [tokenHash]);
    return rows[0] === undefined ? undefined : toSession(rows[0]);
  }

  async getSession(id: string): Promise<SessionRecord | undefined> {
    const rows = await this.sql.all<Row>('SELECT * FROM sessions WHERE id = $1', [id]);
    return rows[0] === undefined ? undefined : toSession(rows[0]);
  }

  async listSessions(userId: string): Promise<SessionRecord[]> {
    const rows = await this.sql.all<Row>('SELECT * FROM sessions WHERE user_id = $1 ORDER BY created_at', [
      userId,
    ]);
    return rows.map(toSession);
  }

  async extendSession(id: string, expiresAt: number, now: number): Promise<void> {
    await this.sql.run('UPDATE sessions SET expires_at = $2, last_used_at = $3 WHERE id = $1', [
      id,
      expiresAt,
      now,
    ]);
  }

  async revokeSession(id: string, now: number): Promise<boolean> {
    const changed = await this.sql.run(
      'UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL',
      [id, now],
    );
    return changed > 0;
  }

  async revokeUserSessions(userId: string, now: number): Promise<number> {
    return this.sql.run('UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL', [
      userId,
      now,
    ]);
  }

  // ---- households (scope) ---------------------------------------------------------------------

  async getHouseholds(ids: readonly string[]): Promise<Map<string, HouseholdScope>> {
    const out = new Map<string, HouseholdScope>();
    for (const part of chunks([...new Set(ids)])) {
      const rows = await this.sql.all<Row>(
        `SELECT id, welcome_point_id, created_by FROM households WHERE id IN (${placeholders(1, part.length)})`,
        part,
      );
      for (const r of rows) {
        out.set(str(r.id), {
          id: str(r.id),
          welcomePointId: optStr(r.welcome_point_id),
          createdBy: str(r.created_by),
        });
      }
    }
    return out;
  }

  async upsertHousehold(household: HouseholdScope): Promise<void> {
    await this.sql.run(
      `INSERT INTO households (id, welcome_point_id, created_by) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET welcome_point_id = excluded.welcome_point_id`,
      [household.id, household.welcomePointId, household.createdBy],
    );
  }

  // ---- rows and the change sequence -----------------------------------------------------------

  /** Rows by id (any entity); the caller matches the entity. */
  async getRows(ids: readonly string[]): Promise<StoredRow[]> {
    const out: StoredRow[] = [];
    for (const part of chunks([...new Set(ids)])) {
      const rows = await this.sql.all<Row>(
        `SELECT * FROM sync_rows WHERE id IN (${placeholders(1, part.length)})`,
        part,
      );
      for (const r of rows) out.push(toStoredRow(r));
    }
    return out;
  }

  async upsertRow(row: StoredRow): Promise<void> {
    await this.sql.run(
      `INSERT INTO sync_rows (entity, id, household_id, version, seq, deleted, data, field_meta, updated_hlc)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (entity, id) DO UPDATE SET household_id = excluded.household_id,
         version = excluded.version, seq = excluded.seq, deleted = excluded.deleted, data = excluded.data,
         field_meta = excluded.field_meta, updated_hlc = excluded.updated_hlc`,
      [
        row.entity,
        row.id,
        row.householdId,
        row.version,
        row.seq,
        row.deleted ? 1 : 0,
        JSON.stringify(row.data),
        JSON.stringify(row.fieldMeta),
        row.updatedHlc,
      ],
    );
  }

  async rowKeysOfHousehold(householdId: string): Promise<{ entity: string; id: string }[]> {
    const rows = await this.sql.all<Row>(
      'SELECT entity, id FROM sync_rows WHERE household_id = $1 ORDER BY seq',
      [householdId],
    );
    return rows.map((r) => ({ entity: str(r.entity), id: str(r.id) }));
  }

  async setRowSeq(entity: string, id: string, seq: number): Promise<void> {
    await this.sql.run('UPDATE sync_rows SET seq = $3 WHERE entity = $1 AND id = $2', [entity, id, seq]);
  }

  /** Rows of the scope changed after `afterSeq`, in seq order, at most `limit`. */
  async rowsAfter(afterSeq: number, limit: number, scope: Scope): Promise<StoredRow[]> {
    const params: SqlValue[] = [afterSeq, limit];
    const inScope = scopeSql(scope, HOUSEHOLD_NOW, params);
    const rows = await this.sql.all<Row>(
      `SELECT r.* FROM sync_rows r JOIN households h ON h.id = r.household_id
       WHERE r.seq > $1 AND ${inScope} ORDER BY r.seq LIMIT $2`,
      params,
    );
    return rows.map(toStoredRow);
  }

  async insertScopeRemoval(removal: {
    seq: number;
    householdId: string;
    oldWelcomePointId: string | null;
    createdBy: string;
    removedAt: number;
  }): Promise<void> {
    await this.sql.run(
      `INSERT INTO scope_removals (seq, household_id, old_welcome_point_id, created_by, removed_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [removal.seq, removal.householdId, removal.oldWelcomePointId, removal.createdBy, removal.removedAt],
    );
  }

  /**
   * Households that left the scope after `afterSeq`: they were in it before the move and are not
   * in it now (a household moved out and back is not listed). Nothing for all-scope callers.
   */
  async scopeRemovalsAfter(
    afterSeq: number,
    limit: number,
    scope: Scope,
  ): Promise<{ seq: number; householdId: string }[]> {
    if (scope.all) return [];
    const params: SqlValue[] = [afterSeq, limit];
    const was = scopeSql(scope, HOUSEHOLD_BEFORE_MOVE, params);
    const is = scopeSql(scope, HOUSEHOLD_NOW, params);
    const rows = await this.sql.all<Row>(
      `SELECT r.seq, r.household_id FROM scope_removals r JOIN households h ON h.id = r.household_id
       WHERE r.seq > $1 AND ${was} AND NOT ${is} ORDER BY r.seq LIMIT $2`,
      params,
    );
    return rows.map((r) => ({ seq: num(r.seq), householdId: str(r.household_id) }));
  }

  /**
   * Of `householdIds`, those that were in `scope` before a move took them out of it (AUTH6b): a
   * device of the old welcome point may still push changes it made before it heard of the move.
   */
  async householdsThatLeftScope(householdIds: readonly string[], scope: Scope): Promise<Set<string>> {
    const out = new Set<string>();
    if (scope.all || householdIds.length === 0) return out;
    for (const part of chunks([...new Set(householdIds)])) {
      const params: SqlValue[] = [...part];
      const was = scopeSql(scope, HOUSEHOLD_BEFORE_MOVE, params);
      const rows = await this.sql.all<Row>(
        `SELECT DISTINCT r.household_id FROM scope_removals r
         WHERE r.household_id IN (${placeholders(1, part.length)}) AND ${was}`,
        params,
      );
      for (const r of rows) out.add(str(r.household_id));
    }
    return out;
  }

  async getCounter(name: string): Promise<number> {
    const rows = await this.sql.all<Row>('SELECT value FROM sync_counters WHERE name = $1', [name]);
    return num(rows[0]?.value ?? 0);
  }

  async setCounter(name: string, value: number): Promise<void> {
    await this.sql.run(
      `INSERT INTO sync_counters (name, value) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
      [name, value],
    );
  }

  // ---- applied mutations ----------------------------------------------------------------------

  async getApplied(deviceId: string, seqs: readonly number[]): Promise<Map<number, AppliedRecord>> {
    const out = new Map<number, AppliedRecord>();
    for (const part of chunks(seqs)) {
      const rows = await this.sql.all<Row>(
        `SELECT * FROM applied_mutations WHERE device_id = $1 AND seq IN (${placeholders(2, part.length)})`,
        [deviceId, ...part],
      );
      for (const r of rows) {
        out.set(num(r.seq), {
          deviceId: str(r.device_id),
          seq: num(r.seq),
          mutationId: optStr(r.mutation_id),
          userId: str(r.user_id),
          payload: json(r.payload),
          result: json(r.result),
          appliedAt: num(r.applied_at),
        });
      }
    }
    return out;
  }

  async existingMutationIds(ids: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const part of chunks([...new Set(ids)])) {
      const rows = await this.sql.all<Row>(
        `SELECT mutation_id FROM applied_mutations WHERE mutation_id IN (${placeholders(1, part.length)})`,
        part,
      );
      for (const r of rows) out.add(str(r.mutation_id));
    }
    return out;
  }

  async insertApplied(record: AppliedRecord): Promise<void> {
    await this.sql.run(
      `INSERT INTO applied_mutations (device_id, seq, mutation_id, user_id, payload, result, applied_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        record.deviceId,
        record.seq,
        record.mutationId,
        record.userId,
        JSON.stringify(record.payload),
        JSON.stringify(record.result),
        record.appliedAt,
      ],
    );
  }

  async countApplied(deviceId?: string): Promise<number> {
    const rows =
      deviceId === undefined
        ? await this.sql.all<Row>('SELECT COUNT(*) AS n FROM applied_mutations')
        : await this.sql.all<Row>('SELECT COUNT(*) AS n FROM applied_mutations WHERE device_id = $1', [
            deviceId,
          ]);
    return num(rows[0]?.n ?? 0);
  }

  // ---- field history --------------------------------------------------------------------------

  async insertFieldHistory(entry: FieldHistoryRecord): Promise<void> {
    await this.sql.run(
      `INSERT INTO field_history (id, entity, entity_id, household_id, field, value, version, user_id, device_id,
         hlc, server_time, reason, by_mutation, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        entry.id,
        entry.entity,
        entry.entityId,
        entry.householdId,
        entry.field,
        entry.value === undefined ? null : JSON.stringify(entry.value),
        entry.version,
        entry.userId,
        entry.deviceId,
        entry.hlc,
        entry.serverTime,
        entry.reason,
        entry.byMutation,
        entry.recordedAt,
      ],
    );
  }

  async listFieldHistory(entity: string, entityId: string): Promise<FieldHistoryRecord[]> {
    const rows = await this.sql.all<Row>(
      'SELECT * FROM field_history WHERE entity = $1 AND entity_id = $2 ORDER BY recorded_at, id',
      [entity, entityId],
    );
    return rows.map((r) => ({
      id: str(r.id),
      entity: str(r.entity),
      entityId: str(r.entity_id),
      householdId: str(r.household_id),
      field: str(r.field),
      value: json(r.value),
      version: num(r.version),
      userId: str(r.user_id),
      deviceId: str(r.device_id),
      hlc: str(r.hlc),
      serverTime: num(r.server_time),
      reason: str(r.reason),
      byMutation: str(r.by_mutation),
      recordedAt: num(r.recorded_at),
    }));
  }

  // ---- conflicts ------------------------------------------------------------------------------

  async getOpenConflict(
    entity: string,
    entityId: string,
    field: string,
  ): Promise<ConflictRecord | undefined> {
    const rows = await this.sql.all<Row>(
      `SELECT * FROM conflicts WHERE entity = $1 AND entity_id = $2 AND field = $3 AND status = 'open'`,
      [entity, entityId, field],
    );
    return rows[0] === undefined ? undefined : toConflict(rows[0]);
  }

  /** Open conflicts of the given rows (any entity). */
  async openConflictsOf(entityIds: readonly string[]): Promise<ConflictRecord[]> {
    const out: ConflictRecord[] = [];
    for (const part of chunks([...new Set(entityIds)])) {
      const rows = await this.sql.all<Row>(
        `SELECT * FROM conflicts WHERE status = 'open' AND entity_id IN (${placeholders(1, part.length)})`,
        part,
      );
      for (const r of rows) out.push(toConflict(r));
    }
    return out;
  }

  async insertConflict(conflict: ConflictRecord): Promise<void> {
    await this.sql.run(
      `INSERT INTO conflicts (id, entity, entity_id, household_id, field, kind, status, conflict_values, opened_at,
         resolved_at, resolved_by, resolved_by_mutation)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        conflict.id,
        conflict.entity,
        conflict.entityId,
        conflict.householdId,
        conflict.field,
        conflict.kind,
        conflict.status,
        JSON.stringify(conflict.values),
        conflict.openedAt,
        conflict.resolvedAt,
        conflict.resolvedBy,
        conflict.resolvedByMutation,
      ],
    );
  }

  async setConflictValues(id: string, values: readonly unknown[]): Promise<void> {
    await this.sql.run('UPDATE conflicts SET conflict_values = $2 WHERE id = $1', [
      id,
      JSON.stringify(values),
    ]);
  }

  async resolveConflict(id: string, by: { userId: string; mutationId: string; at: number }): Promise<void> {
    await this.sql.run(
      `UPDATE conflicts SET status = 'resolved', resolved_at = $2, resolved_by = $3, resolved_by_mutation = $4
       WHERE id = $1 AND status = 'open'`,
      [id, by.at, by.userId, by.mutationId],
    );
  }

  async listConflicts(filter: {
    scope: Scope;
    householdId?: string;
    status?: 'open' | 'resolved';
  }): Promise<ConflictRecord[]> {
    const params: SqlValue[] = [];
    const where: string[] = [];
    if (filter.householdId !== undefined) {
      params.push(filter.householdId);
      where.push(`c.household_id = $${params.length}`);
    }
    if (filter.status !== undefined) {
      params.push(filter.status);
      where.push(`c.status = $${params.length}`);
    }
    where.push(scopeSql(filter.scope, HOUSEHOLD_NOW, params));
    const rows = await this.sql.all<Row>(
      `SELECT c.* FROM conflicts c JOIN households h ON h.id = c.household_id
       WHERE ${where.join(' AND ')} ORDER BY c.opened_at, c.id`,
      params,
    );
    return rows.map(toConflict);
  }

  // ---- quarantine -----------------------------------------------------------------------------

  async insertQuarantine(item: QuarantineRecord): Promise<void> {
    await this.sql.run(
      `INSERT INTO quarantine (id, device_id, seq, mutation_id, user_id, household_id, entity, reason, detail,
         payload, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        item.id,
        item.deviceId,
        item.seq,
        item.mutationId,
        item.userId,
        item.householdId,
        item.entity,
        item.reason,
        item.detail,
        JSON.stringify(item.payload),
        item.receivedAt,
      ],
    );
  }

  /**
   * Open ones, handled ones or all, as `status` says (QUAR3): newest first, the handled ones
   * alone by when they were handled (what someone just followed up comes first).
   */
  async listQuarantine(filter: SupervisionFilter): Promise<QuarantineView[]> {
    const rows = await this.sql.all<Row>(
      `${QUARANTINE_VIEW}
       WHERE (q.handled_at IS NULL AND $1 = 1) OR (q.handled_at IS NOT NULL AND $2 = 1)
       ORDER BY CASE WHEN $4 = 1 THEN q.handled_at END DESC, q.received_at DESC, q.id LIMIT $3`,
      [...statusFlags(filter.status), filter.limit, filter.status === 'handled' ? 1 : 0],
    );
    return rows.map(toQuarantine);
  }

  async getQuarantineItem(id: string): Promise<QuarantineView | undefined> {
    const rows = await this.sql.all<Row>(`${QUARANTINE_VIEW} WHERE q.id = $1`, [id]);
    return rows[0] === undefined ? undefined : toQuarantine(rows[0]);
  }

  /** Marks an open item handled (QUAR3); false when it does not exist or was already handled. */
  async markQuarantineHandled(id: string, by: { userId: string; at: number }): Promise<boolean> {
    const changed = await this.sql.run(
      'UPDATE quarantine SET handled_at = $2, handled_by = $3 WHERE id = $1 AND handled_at IS NULL',
      [id, by.at, by.userId],
    );
    return changed > 0;
  }

  // ---- device alerts (DEV1) -------------------------------------------------------------------

  /** Inserts the alert unless the new device already has one; true when inserted. */
  async insertDeviceAlert(alert: DeviceAlertRecord): Promise<boolean> {
    const inserted = await this.sql.run(
      `INSERT INTO device_alerts (id, user_id, new_device_id, previous_device_id, reason, previous_last_seen_at,
         previous_last_seq, created_at, handled_at, handled_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (new_device_id) DO NOTHING`,
      [
        alert.id,
        alert.userId,
        alert.newDeviceId,
        alert.previousDeviceId,
        alert.reason,
        alert.previousLastSeenAt,
        alert.previousLastSeq,
        alert.createdAt,
        alert.handledAt,
        alert.handledBy,
      ],
    );
    return inserted > 0;
  }

  /** Open ones, handled ones or all, as `status` says; ordered as listQuarantine. */
  async listDeviceAlerts(filter: SupervisionFilter): Promise<DeviceAlertView[]> {
    const rows = await this.sql.all<Row>(
      `${DEVICE_ALERT_VIEW}
       WHERE (a.handled_at IS NULL AND $1 = 1) OR (a.handled_at IS NOT NULL AND $2 = 1)
       ORDER BY CASE WHEN $4 = 1 THEN a.handled_at END DESC, a.created_at DESC, a.id LIMIT $3`,
      [...statusFlags(filter.status), filter.limit, filter.status === 'handled' ? 1 : 0],
    );
    return rows.map(toDeviceAlert);
  }

  async getDeviceAlert(id: string): Promise<DeviceAlertView | undefined> {
    const rows = await this.sql.all<Row>(`${DEVICE_ALERT_VIEW} WHERE a.id = $1`, [id]);
    return rows[0] === undefined ? undefined : toDeviceAlert(rows[0]);
  }

  /** Marks an open alert handled; false when it does not exist or was already handled. */
  async markDeviceAlertHandled(id: string, by: { userId: string; at: number }): Promise<boolean> {
    const changed = await this.sql.run(
      'UPDATE device_alerts SET handled_at = $2, handled_by = $3 WHERE id = $1 AND handled_at IS NULL',
      [id, by.at, by.userId],
    );
    return changed > 0;
  }

  // ---- login throttling (AUTH3) ---------------------------------------------------------------

  /**
   * The failure times recorded for a throttle key, after taking the key's row lock: on
   * PostgreSQL the upsert locks the row until the transaction ends, so two server processes
   * checking the same key wait for each other instead of both reading the same count (SQLite
   * runs one write transaction at a time anyway).
   */
  async lockLoginFailures(keyHash: string, now: number): Promise<number[]> {
    await this.sql.run(
      `INSERT INTO login_failures (key_hash, failures, updated_at) VALUES ($1, '[]', $2)
       ON CONFLICT (key_hash) DO UPDATE SET updated_at = login_failures.updated_at`,
      [keyHash, now],
    );
    const rows = await this.sql.all<Row>('SELECT failures FROM login_failures WHERE key_hash = $1', [
      keyHash,
    ]);
    const parsed = rows[0] === undefined ? [] : json(rows[0].failures);
    return Array.isArray(parsed) ? parsed.map(num) : [];
  }

  async setLoginFailures(keyHash: string, failures: readonly number[], now: number): Promise<void> {
    await this.sql.run('UPDATE login_failures SET failures = $2, updated_at = $3 WHERE key_hash = $1', [
      keyHash,
      JSON.stringify(failures),
      now,
    ]);
  }

  async clearLoginFailures(keyHash: string): Promise<void> {
    await this.sql.run('DELETE FROM login_failures WHERE key_hash = $1', [keyHash]);
  }

  /** Forgets keys without a failure since `before` (their window is over). */
  async pruneLoginFailures(before: number): Promise<number> {
    return this.sql.run('DELETE FROM login_failures WHERE updated_at < $1', [before]);
  }
}
