/**
 * The server's copy of a device's data key (docs/remote-wipe.md WIPE1, WIPE2), on SQLite and,
 * with DATABASE_URL, PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import { ENGINES, newDevice, useSyncServer } from '../sync/harness';
import { depositKey, orderWipe, randomKey, recoverKey } from './wipe-helpers';

for (const engine of ENGINES) {
  describe(`the escrowed data key on ${engine.name}`, () => {
    const server = useSyncServer(engine, { perTest: true });

    it('[WIPE1][WIPE2] a device deposits its key and gets the same key back; 404 before any deposit', async () => {
      const { app, world } = server;
      expect((await recoverKey(app, world.counsellorA)).statusCode).toBe(404);
      const key = randomKey();
      expect((await depositKey(app, world.counsellorA, key)).statusCode).toBe(204);
      const back = await recoverKey(app, world.counsellorA);
      expect(back.statusCode).toBe(200);
      expect(back.json()).toEqual({ key });
      // A new key replaces the old one.
      const next = randomKey();
      expect((await depositKey(app, world.counsellorA, next)).statusCode).toBe(204);
      expect((await recoverKey(app, world.counsellorA)).json()).toEqual({ key: next });
    });

    it('[WIPE1] the database holds the key wrapped, never in clear, and bound to its (user, device)', async () => {
      const { app, store, world } = server;
      const key = randomKey();
      await depositKey(app, world.counsellorA, key);
      const rows = await store.transaction((tx) =>
        tx.sql.all<Record<string, unknown>>('SELECT * FROM device_keys'),
      );
      expect(rows).toHaveLength(1);
      const stored = JSON.stringify(rows);
      const raw = Buffer.from(key, 'base64');
      expect(stored).not.toContain(key);
      expect(stored).not.toContain(raw.toString('hex'));
      // iv 12 + key 32 + tag 16
      expect(Buffer.from(String(rows[0]?.wrapped), 'base64')).toHaveLength(60);
      // Moved to another device's row, the wrap does not open (its device is the additional data).
      const other = await newDevice(app, world.counsellorA);
      await store.transaction((tx) =>
        tx.putDeviceKey(world.counsellorA.userId, other.deviceId, String(rows[0]?.wrapped), 1),
      );
      expect((await recoverKey(app, other)).statusCode).toBe(500);
    });

    it('[WIPE2] the key is given only to its own device: another device of the same user gets 404', async () => {
      const { app, world } = server;
      await depositKey(app, world.counsellorA, randomKey());
      const second = await newDevice(app, world.counsellorA);
      expect((await recoverKey(app, second)).statusCode).toBe(404);
      expect((await recoverKey(app, world.volunteerA)).statusCode).toBe(404);
    });

    it('[WIPE2] refused for a device declared lost (410 with the order), given again once the order is cancelled', async () => {
      const { app, world } = server;
      const key = randomKey();
      await depositKey(app, world.counsellorA, key);
      expect((await orderWipe(app, world.admin, world.counsellorA.deviceId, 'lost')).statusCode).toBe(200);
      const refused = await recoverKey(app, world.counsellorA);
      expect(refused.statusCode).toBe(410);
      expect(refused.json()).toMatchObject({ code: 'device_wipe', mode: 'lost' });
      expect(refused.body).not.toContain(key);
      const cancel = await app.inject({
        method: 'DELETE',
        url: `/api/admin/devices/${world.counsellorA.deviceId}/wipe`,
        headers: { authorization: `Bearer ${world.admin.token}` },
      });
      expect(cancel.statusCode).toBe(200);
      expect((await recoverKey(app, world.counsellorA)).json()).toEqual({ key });
    });

    it('[WIPE1] a deposit must be a 32-byte key in base64; anonymous calls get 401', async () => {
      const { app, world } = server;
      const short = Buffer.alloc(16, 1).toString('base64');
      expect((await depositKey(app, world.counsellorA, short)).statusCode).toBe(400);
      expect((await depositKey(app, world.counsellorA, 'not base64 at all')).statusCode).toBe(400);
      expect(
        (await app.inject({ method: 'PUT', url: '/api/auth/device-key', payload: { key: randomKey() } }))
          .statusCode,
      ).toBe(401);
      expect((await app.inject({ method: 'GET', url: '/api/auth/device-key' })).statusCode).toBe(401);
    });
  });
}
