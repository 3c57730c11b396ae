/**
 * Remote wipe on the server (docs/remote-wipe.md WIPE3–WIPE9), on SQLite and, with DATABASE_URL,
 * PostgreSQL: the admin's order, its delivery at the device's next contact, what a lost and a
 * withdrawn device may still do, the confirmation and the coordinators' alert.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { DeviceAlert } from '../../../src/domain/sync/protocol';
import { buildApp } from '../../../sync-server/src/app';
import { makeConfig, makeLogCapture } from '../helpers';
import {
  type Account,
  bearer,
  Device,
  ENGINES,
  login,
  makeWorld,
  useSyncServer,
  WP_A,
} from '../sync/harness';
import {
  cancelWipe,
  confirmWiped,
  depositKey,
  devicesOf,
  me,
  orderWipe,
  randomKey,
  recoverKey,
} from './wipe-helpers';

async function openAlerts(app: FastifyInstance, coordinator: Account): Promise<DeviceAlert[]> {
  const response = await app.inject({
    method: 'GET',
    url: '/api/device-alerts',
    headers: bearer(coordinator.token),
  });
  return (response.json() as { alerts: DeviceAlert[] }).alerts;
}

/** A wipe alert's fields: names, ids, times and a count; nothing about a household but its id. */
const ALERT_FIELDS = [
  'createdAt',
  'displayName',
  'handledAt',
  'handledBy',
  'handledByDisplayName',
  'handledByUsername',
  'id',
  'newDeviceId',
  'newDeviceName',
  'pendingChanges',
  'pendingHouseholdIds',
  'previousDeviceId',
  'previousDeviceName',
  'previousLastSeenAt',
  'previousLastSeq',
  'reason',
  'userId',
  'username',
];

for (const engine of ENGINES) {
  describe(`remote wipe on ${engine.name}`, () => {
    const server = useSyncServer(engine, { perTest: true });

    it('[WIPE3] the admin lists a user’s devices with their last contact, key and order', async () => {
      const { app, world, clock } = server;
      await depositKey(app, world.counsellorA, randomKey());
      const [device] = await devicesOf(app, world.admin, world.counsellorA.userId);
      expect(device).toEqual({
        deviceId: world.counsellorA.deviceId,
        name: null,
        createdAt: expect.any(Number),
        lastSeenAt: expect.any(Number),
        hasKey: true,
        wipe: null,
      });
      const ordered = await orderWipe(app, world.admin, world.counsellorA.deviceId, 'lost');
      expect(ordered.json()).toMatchObject({
        wipe: { mode: 'lost', orderedBy: world.admin.userId, orderedAt: clock.ms, confirmedAt: null },
      });
      expect((await orderWipe(app, world.admin, 'no-such-device', 'lost')).statusCode).toBe(404);
      const unknownUser = await app.inject({
        method: 'GET',
        url: `/api/admin/users/${randomUUID()}/devices`,
        headers: bearer(world.admin.token),
      });
      expect(unknownUser.statusCode).toBe(404);
    });

    it('[WIPE3][AUTH8] device administration is for admins only', async () => {
      const { app, world } = server;
      for (const account of [world.coordinator, world.counsellorA, world.volunteerA]) {
        const list = await app.inject({
          method: 'GET',
          url: `/api/admin/users/${world.volunteerA.userId}/devices`,
          headers: bearer(account.token),
        });
        const order = await orderWipe(app, account, world.volunteerB.deviceId, 'lost');
        const cancel = await cancelWipe(app, account, world.volunteerB.deviceId);
        expect([account.role, list.statusCode, order.statusCode, cancel.statusCode]).toEqual([
          account.role,
          403,
          403,
          403,
        ]);
      }
      expect((await me(app, world.volunteerB)).statusCode).toBe(200);
    });

    it('[WIPE4] a lost device gets the order at its next contact and may neither push nor pull', async () => {
      const { app, world, clock } = server;
      const device = new Device(app, world.counsellorA, clock);
      await device.push([device.createHousehold(WP_A)]);
      await orderWipe(app, world.admin, device.deviceId, 'lost');
      const seqBefore = (await server.store.transaction((tx) => tx.getDevice(device.deviceId)))?.lastSeq;
      for (const response of [
        await me(app, world.counsellorA),
        await device.pushRaw([device.createHousehold(WP_A)]),
        await device.pullRaw(null),
        await depositKey(app, world.counsellorA, randomKey()),
        await app.inject({
          method: 'GET',
          url: '/api/device-alerts',
          headers: bearer(world.counsellorA.token),
        }),
      ]) {
        expect([response.statusCode, response.json()]).toEqual([
          410,
          expect.objectContaining({ code: 'device_wipe', mode: 'lost' }),
        ]);
      }
      const after = await server.store.transaction((tx) => tx.getDevice(device.deviceId));
      expect(after?.lastSeq).toBe(seqBefore);
      // The user's other devices are not concerned.
      const other = await server.device(world.counsellorA);
      expect((await other.pullRaw(null)).statusCode).toBe(200);
    });

    it('[WIPE4] a withdrawn device may still push until it confirms, and gets the order for anything else', async () => {
      const { app, world, clock } = server;
      const device = new Device(app, world.counsellorA, clock);
      await orderWipe(app, world.admin, device.deviceId, 'withdrawn');
      const pulled = await device.pullRaw(null);
      expect([pulled.statusCode, pulled.json()]).toEqual([
        410,
        expect.objectContaining({ code: 'device_wipe', mode: 'withdrawn' }),
      ]);
      const pushed = await device.push([device.createHousehold(WP_A)]);
      expect(pushed.ackSeq).toBe(1);
      expect(
        (await confirmWiped(app, world.counsellorA, { pendingChanges: 0, householdIds: [] })).statusCode,
      ).toBe(204);
      // Once confirmed, the session is gone.
      expect((await device.pushRaw([device.createHousehold(WP_A)])).statusCode).toBe(401);
    });

    it('[WIPE5] an order is cancelled while it waits; once carried out it can be neither cancelled nor given again', async () => {
      const { app, world } = server;
      const id = world.volunteerA.deviceId;
      expect((await cancelWipe(app, world.admin, id)).statusCode).toBe(409);
      await orderWipe(app, world.admin, id, 'withdrawn');
      // A waiting order may change mode.
      expect((await orderWipe(app, world.admin, id, 'lost')).json()).toMatchObject({
        wipe: { mode: 'lost' },
      });
      const cancelled = await cancelWipe(app, world.admin, id);
      expect([cancelled.statusCode, cancelled.json()]).toEqual([
        200,
        expect.objectContaining({ wipe: null }),
      ]);
      expect((await me(app, world.volunteerA)).statusCode).toBe(200);
      await orderWipe(app, world.admin, id, 'lost');
      expect(
        (await confirmWiped(app, world.volunteerA, { pendingChanges: 0, householdIds: [] })).statusCode,
      ).toBe(204);
      expect((await cancelWipe(app, world.admin, id)).statusCode).toBe(409);
      expect((await orderWipe(app, world.admin, id, 'lost')).statusCode).toBe(409);
      const [state] = await devicesOf(app, world.admin, world.volunteerA.userId);
      expect(state?.wipe).toMatchObject({ mode: 'lost', confirmedAt: expect.any(Number) });
    });

    it('[WIPE6][WIPE7] the confirmation deletes the key, revokes the device’s sessions and alerts the coordinators with what was pending', async () => {
      const { app, world, clock } = server;
      await depositKey(app, world.counsellorA, randomKey());
      const second = await login(app, world.counsellorA.username, world.counsellorA.deviceId);
      const secondToken = (second.json() as { token: string }).token;
      const elsewhere = await server.device(world.counsellorA);
      await depositKey(app, elsewhere.account, randomKey());
      await orderWipe(app, world.admin, world.counsellorA.deviceId, 'lost');
      // Without an order, a confirmation is refused.
      expect(
        (await confirmWiped(app, world.volunteerA, { pendingChanges: 0, householdIds: [] })).statusCode,
      ).toBe(409);
      const households = [randomUUID(), randomUUID()];
      const confirmed = await confirmWiped(app, world.counsellorA, {
        pendingChanges: 7,
        householdIds: [households[1] as string, households[0] as string, households[1] as string],
      });
      expect(confirmed.statusCode).toBe(204);
      expect(
        await server.store.transaction((tx) =>
          tx.getDeviceKey(world.counsellorA.userId, world.counsellorA.deviceId),
        ),
      ).toBeUndefined();
      // The user's other device keeps its key and its session.
      expect((await recoverKey(app, elsewhere.account)).statusCode).toBe(200);
      expect((await me(app, world.counsellorA)).statusCode).toBe(401);
      expect(
        (await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(secondToken) })).statusCode,
      ).toBe(401);
      const device = await server.store.transaction((tx) => tx.getDevice(world.counsellorA.deviceId));
      const alerts = await openAlerts(app, world.coordinator);
      expect(alerts).toEqual([
        expect.objectContaining({
          userId: world.counsellorA.userId,
          newDeviceId: null,
          previousDeviceId: world.counsellorA.deviceId,
          reason: 'wiped-lost',
          previousLastSeenAt: device?.lastSeenAt,
          previousLastSeq: device?.lastSeq,
          createdAt: clock.ms,
          pendingChanges: 7,
          pendingHouseholdIds: [...households].sort(),
        }),
      ]);
      // Confirmed once: the session is gone, a second confirmation cannot add an alert.
      expect(
        (await confirmWiped(app, world.counsellorA, { pendingChanges: 1, householdIds: [] })).statusCode,
      ).toBe(401);
      expect(await openAlerts(app, world.coordinator)).toHaveLength(1);
    });

    it('[WIPE7] a wiped device is not reported again as recent activity when its user signs in elsewhere', async () => {
      const { app, world, clock } = server;
      const device = new Device(app, world.counsellorA, clock);
      await device.push([device.createHousehold(WP_A)]);
      await orderWipe(app, world.admin, device.deviceId, 'withdrawn');
      await confirmWiped(app, world.counsellorA, { pendingChanges: 0, householdIds: [] });
      await login(app, world.counsellorA.username, `${device.deviceId}-new`);
      expect((await openAlerts(app, world.coordinator)).map((a) => a.reason)).toEqual(['wiped-withdrawn']);
    });

    it('[WIPE9] a deactivated user’s devices are withdrawn: they push, get the order for the rest, confirm, and then nothing', async () => {
      const { app, world, clock } = server;
      const device = new Device(app, world.volunteerA, clock);
      const lost = await server.device(world.volunteerA);
      await orderWipe(app, world.admin, lost.deviceId, 'lost');
      const disabled = await app.inject({
        method: 'PATCH',
        url: `/api/admin/users/${world.volunteerA.userId}`,
        headers: bearer(world.admin.token),
        payload: { disabled: true },
      });
      expect(disabled.statusCode).toBe(200);
      const states = await devicesOf(app, world.admin, world.volunteerA.userId);
      expect(Object.fromEntries(states.map((d) => [d.deviceId, d.wipe?.mode]))).toEqual({
        [device.deviceId]: 'withdrawn',
        [lost.deviceId]: 'lost',
      });
      expect((await me(app, world.volunteerA)).statusCode).toBe(410);
      expect((await device.pullRaw(null)).statusCode).toBe(410);
      expect((await device.push([device.createHousehold(WP_A)])).ackSeq).toBe(1);
      // The lost one gets its own order and may not push, even now.
      const refused = await lost.pushRaw([lost.createHousehold(WP_A)]);
      expect([refused.statusCode, refused.json()]).toEqual([410, expect.objectContaining({ mode: 'lost' })]);
      expect((await login(app, world.volunteerA.username, device.deviceId)).statusCode).toBe(401);
      expect(
        (await confirmWiped(app, world.volunteerA, { pendingChanges: 0, householdIds: [] })).statusCode,
      ).toBe(204);
      expect((await device.pushRaw([device.createHousehold(WP_A)])).statusCode).toBe(401);
    });

    it('[WIPE8] nothing personal in the alert or the logs: ids and a count only', async () => {
      const logs = makeLogCapture();
      const made = await engine.make();
      const app = await buildApp(makeConfig('/nonexistent-relais-test-dir', { logLevel: 'debug' }), {
        store: made.store,
        now: server.clock.now,
        scrypt: { N: 2 ** 10, r: 8, p: 1 },
        logStream: logs.stream,
      });
      try {
        const world = await makeWorld(app);
        const key = randomKey();
        await depositKey(app, world.counsellorA, key);
        await recoverKey(app, world.counsellorA);
        await orderWipe(app, world.admin, world.counsellorA.deviceId, 'lost');
        const householdId = randomUUID();
        await confirmWiped(app, world.counsellorA, { pendingChanges: 2, householdIds: [householdId] });
        const [alert] = await openAlerts(app, world.coordinator);
        expect(Object.keys(alert ?? {}).sort()).toEqual(ALERT_FIELDS);
        const text = logs.text();
        expect(text).toContain('/api/auth/device-wiped');
        for (const secret of [
          key,
          Buffer.from(key, 'base64').toString('hex'),
          householdId,
          world.counsellorA.token,
        ])
          expect(text).not.toContain(secret);
      } finally {
        await app.close();
        await made.destroy();
      }
    });
  });
}
