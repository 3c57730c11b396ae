/**
 * The server's copy of each device's data key and the admins' wipe orders (issue 16,
 * docs/remote-wipe.md WIPE1–WIPE9). Keys are stored already wrapped (auth/device-keys.ts): this
 * aggregate never sees a key in clear. The wipe order lives on the device's row (migration 012).
 */
import type { WipeMode } from '../../../src/domain/security/device-wipe';
import type { DeviceRecord } from './records';
import { DEVICES, num, OPT_NUM, OPT_STR, type Row, str } from './row-mappers';
import type { SqlExecutor } from './sql';

/** A device's wipe order (null columns: none). */
export interface DeviceWipeRecord {
  mode: WipeMode;
  orderedBy: string | null;
  orderedAt: number;
  confirmedAt: number | null;
}

export interface UserDeviceRecord extends DeviceRecord {
  wipe: DeviceWipeRecord | null;
  hasKey: boolean;
}

function wipeOf(row: Row): DeviceWipeRecord | null {
  if (row.wipe_mode === null || row.wipe_mode === undefined) return null;
  return {
    mode: str(row.wipe_mode) as WipeMode,
    orderedBy: OPT_STR.read(row.wipe_ordered_by),
    orderedAt: num(row.wipe_ordered_at),
    confirmedAt: OPT_NUM.read(row.wipe_confirmed_at),
  };
}

export class DeviceKeysTx {
  constructor(private readonly sql: SqlExecutor) {}

  // ---- escrowed keys (WIPE1, WIPE2) -----------------------------------------------------------

  async putDeviceKey(userId: string, deviceId: string, wrapped: string, now: number): Promise<void> {
    await this.sql.run(
      `INSERT INTO device_keys (user_id, device_id, wrapped, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)
       ON CONFLICT (user_id, device_id) DO UPDATE SET wrapped = $3, updated_at = $4`,
      [userId, deviceId, wrapped, now],
    );
  }

  async getDeviceKey(userId: string, deviceId: string): Promise<string | undefined> {
    const [row] = await this.sql.all<Row>(
      'SELECT wrapped FROM device_keys WHERE user_id = $1 AND device_id = $2',
      [userId, deviceId],
    );
    return row === undefined ? undefined : str(row.wrapped);
  }

  async deleteDeviceKeys(deviceId: string): Promise<number> {
    return this.sql.run('DELETE FROM device_keys WHERE device_id = $1', [deviceId]);
  }

  // ---- wipe orders (WIPE3–WIPE6) --------------------------------------------------------------

  async getDeviceWipe(deviceId: string): Promise<DeviceWipeRecord | null> {
    const [row] = await this.sql.all<Row>(
      'SELECT wipe_mode, wipe_ordered_by, wipe_ordered_at, wipe_confirmed_at FROM devices WHERE device_id = $1',
      [deviceId],
    );
    return row === undefined ? null : wipeOf(row);
  }

  /** The user's devices, most recently seen first, with their wipe state and whether a key is held. */
  async listUserDevices(userId: string): Promise<UserDeviceRecord[]> {
    const rows = await this.sql.all<Row>(
      `SELECT d.*, (SELECT COUNT(*) FROM device_keys k WHERE k.device_id = d.device_id) AS keys
       FROM devices d WHERE d.user_id = $1 ORDER BY d.last_seen_at DESC, d.device_id`,
      [userId],
    );
    return rows.map((row) => ({ ...DEVICES.read(row), wipe: wipeOf(row), hasKey: num(row.keys) > 0 }));
  }

  /**
   * Orders the device to erase itself. A device already confirmed erased keeps its record; a
   * waiting order changes mode ('withdrawn' may become 'lost', and back, until it is done).
   * @returns false when the device is unknown or already erased
   */
  async orderDeviceWipe(deviceId: string, mode: WipeMode, by: string | null, now: number): Promise<boolean> {
    const changed = await this.sql.run(
      `UPDATE devices SET wipe_mode = $2, wipe_ordered_by = $3, wipe_ordered_at = $4
       WHERE device_id = $1 AND wipe_confirmed_at IS NULL`,
      [deviceId, mode, by, now],
    );
    return changed > 0;
  }

  /** Cancels a waiting order; @returns false when there is none or it is done. */
  async cancelDeviceWipe(deviceId: string): Promise<boolean> {
    const changed = await this.sql.run(
      `UPDATE devices SET wipe_mode = NULL, wipe_ordered_by = NULL, wipe_ordered_at = NULL
       WHERE device_id = $1 AND wipe_mode IS NOT NULL AND wipe_confirmed_at IS NULL`,
      [deviceId],
    );
    return changed > 0;
  }

  async confirmDeviceWipe(deviceId: string, now: number): Promise<boolean> {
    const changed = await this.sql.run(
      `UPDATE devices SET wipe_confirmed_at = $2
       WHERE device_id = $1 AND wipe_mode IS NOT NULL AND wipe_confirmed_at IS NULL`,
      [deviceId, now],
    );
    return changed > 0;
  }

  /** WIPE9: every device of a deactivated user without an order gets 'withdrawn'. */
  async withdrawUserDevices(userId: string, by: string | null, now: number): Promise<number> {
    return this.sql.run(
      `UPDATE devices SET wipe_mode = 'withdrawn', wipe_ordered_by = $2, wipe_ordered_at = $3
       WHERE user_id = $1 AND wipe_mode IS NULL`,
      [userId, by, now],
    );
  }

  async revokeDeviceSessions(deviceId: string, now: number): Promise<number> {
    return this.sql.run('UPDATE sessions SET revoked_at = $2 WHERE device_id = $1 AND revoked_at IS NULL', [
      deviceId,
      now,
    ]);
  }
}
