/**
 * Accounts: welcome points, users (with their welcome points), the devices they sign in from and
 * their sessions (AUTH1–AUTH9). Written once over the transaction's SqlExecutor, like every
 * aggregate behind StoreTx (store-tx.ts), so both engines run the same statements.
 */
import type { Role } from '../../../src/domain/sync/protocol';
import type { DeviceRecord, SessionRecord, UserRecord, WelcomePointRecord } from './records';
import { DEVICES, num, type Row, SESSIONS, str, toUser, USERS, WELCOME_POINTS } from './row-mappers';
import { chunks, placeholders, type SqlExecutor } from './sql';

export class AccountsTx {
  constructor(private readonly sql: SqlExecutor) {}

  // ---- welcome points -------------------------------------------------------------------------

  async insertWelcomePoint(wp: WelcomePointRecord): Promise<void> {
    await this.sql.run(WELCOME_POINTS.insert, WELCOME_POINTS.values(wp));
  }

  async listWelcomePoints(): Promise<WelcomePointRecord[]> {
    const rows = await this.sql.all<Row>('SELECT * FROM welcome_points ORDER BY name, id');
    return rows.map(WELCOME_POINTS.read);
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
    await this.sql.run(USERS.insert, USERS.values(user));
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
    return rows[0] === undefined ? undefined : DEVICES.read(rows[0]);
  }

  /**
   * The user's other devices seen since `since` that have pushed at least one change, most
   * recently seen first (DEV1's recent-activity rule). A device erased on an order is not one:
   * its loss is already reported by its own wipe alert (WIPE7).
   */
  async recentActiveDevicesOf(
    userId: string,
    exceptDeviceId: string,
    since: number,
  ): Promise<DeviceRecord[]> {
    const rows = await this.sql.all<Row>(
      `SELECT * FROM devices
       WHERE user_id = $1 AND device_id <> $2 AND last_seen_at >= $3 AND last_seq > 0
         AND wipe_confirmed_at IS NULL
       ORDER BY last_seen_at DESC, device_id`,
      [userId, exceptDeviceId, since],
    );
    return rows.map(DEVICES.read);
  }

  async insertDevice(device: DeviceRecord): Promise<void> {
    await this.sql.run(DEVICES.insert, DEVICES.values(device));
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
    await this.sql.run(SESSIONS.insert, SESSIONS.values(session));
  }

  async getSessionByHash(tokenHash: string): Promise<SessionRecord | undefined> {
    const rows = await this.sql.all<Row>('SELECT * FROM sessions WHERE token_hash = $1', [tokenHash]);
    return rows[0] === undefined ? undefined : SESSIONS.read(rows[0]);
  }

  async getSession(id: string): Promise<SessionRecord | undefined> {
    const rows = await this.sql.all<Row>('SELECT * FROM sessions WHERE id = $1', [id]);
    return rows[0] === undefined ? undefined : SESSIONS.read(rows[0]);
  }

  async listSessions(userId: string): Promise<SessionRecord[]> {
    const rows = await this.sql.all<Row>('SELECT * FROM sessions WHERE user_id = $1 ORDER BY created_at', [
      userId,
    ]);
    return rows.map(SESSIONS.read);
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
}
