/**
 * DEV1 (device alerts for coordinators) and AUTH3 with the failure counts in the store (shared by
 * every server process on one database), on SQLite and, with DATABASE_URL, PostgreSQL.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceAlert } from '../../../src/domain/sync/protocol';
import type { RelaisStore } from '../../../sync-server/src/stores/store';
import {
  type Account,
  bearer,
  DATABASE_URL,
  Device,
  ENGINES,
  login,
  makeWorld,
  openApp,
  PASSWORD,
  postgresEngine,
  TestClock,
  useSyncServer,
  WP_A,
} from './harness';

const DAY = 86_400_000;

async function loginWith(
  app: FastifyInstance,
  username: string,
  deviceId: string,
  previousDeviceId?: string,
  switchedFromDeviceId?: string,
): Promise<Account & { status: number }> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: {
      username,
      password: PASSWORD,
      deviceId,
      ...(previousDeviceId ? { previousDeviceId } : {}),
      ...(switchedFromDeviceId ? { switchedFromDeviceId } : {}),
    },
  });
  const body = response.json() as { token: string; user: { id: string; role: Account['role'] } };
  return {
    status: response.statusCode,
    username,
    userId: body.user?.id,
    role: body.user?.role,
    token: body.token,
    deviceId,
  };
}

async function alerts(app: FastifyInstance, token: string, status: 'open' | 'handled' | 'all' = 'open') {
  const response = await app.inject({
    method: 'GET',
    url: `/api/device-alerts?status=${status}`,
    headers: bearer(token),
  });
  return { status: response.statusCode, alerts: (response.json() as { alerts: DeviceAlert[] }).alerts };
}

for (const engine of ENGINES) {
  describe(`device alerts on ${engine.name}`, () => {
    const server = useSyncServer(engine, { perTest: true, startAt: Date.UTC(2026, 10, 27, 9) });
    const { clock } = server;

    /** The counsellor's first device pushes one household (seq 1). */
    async function activeDevice(deviceId: string): Promise<Account> {
      const account = await loginWith(server.app, 'couns-a', deviceId);
      const device = new Device(server.app, account, clock);
      await device.push([device.createHousehold(WP_A)]);
      return account;
    }

    it('[DEV1] a new device naming its lost predecessor of the same user raises one alert with the predecessor as the server knew it', async () => {
      const old = await activeDevice('tablet-1');
      const pushedAt = clock.ms;
      clock.advance(2 * DAY);
      const fresh = await loginWith(server.app, 'couns-a', 'tablet-1-after-wipe', 'tablet-1');
      expect(fresh.status).toBe(200);
      // Logging in again with the same new device does not raise a second alert.
      expect((await loginWith(server.app, 'couns-a', 'tablet-1-after-wipe', 'tablet-1')).status).toBe(200);
      const listed = await alerts(server.app, server.world.coordinator.token);
      expect(listed.status).toBe(200);
      expect(listed.alerts).toEqual([
        {
          id: expect.any(String),
          userId: old.userId,
          username: 'couns-a',
          displayName: expect.any(String),
          newDeviceId: 'tablet-1-after-wipe',
          previousDeviceId: 'tablet-1',
          reason: 'reported-by-device',
          previousLastSeenAt: pushedAt,
          previousLastSeq: 1,
          createdAt: clock.ms,
          handledAt: null,
          handledBy: null,
          handledByUsername: null,
          handledByDisplayName: null,
          newDeviceName: null,
          previousDeviceName: null,
          pendingChanges: null,
          pendingHouseholdIds: null,
        },
      ]);
    });

    it('[DEV1] without a named predecessor, another device of the user that pushed in the last 30 days raises a recent-activity alert', async () => {
      await activeDevice('tablet-1');
      clock.advance(29 * DAY);
      await loginWith(server.app, 'couns-a', 'phone-1');
      const [alert] = (await alerts(server.app, server.world.admin.token)).alerts;
      expect([alert?.newDeviceId, alert?.previousDeviceId, alert?.reason]).toEqual([
        'phone-1',
        'tablet-1',
        'recent-activity',
      ]);
    });

    it('[DEV1] no alert for a first device, for a device idle over 30 days or that never pushed, nor for a named device of another user', async () => {
      await loginWith(server.app, 'vol-a', 'vol-tablet'); // logged in, never pushed
      await loginWith(server.app, 'vol-a', 'vol-phone');
      await activeDevice('tablet-1');
      clock.advance(31 * DAY);
      await loginWith(server.app, 'couns-a', 'tablet-2');
      // vol-b names couns-a's device: ignored (not theirs), and vol-b has no other device.
      await loginWith(server.app, 'vol-b', 'vol-b-tablet', 'tablet-1');
      // (The coordinator's session of 31 days ago has expired: a new one.)
      const coordinator = await loginWith(server.app, 'coord', 'coord-console');
      expect((await alerts(server.app, coordinator.token, 'all')).alerts).toEqual([]);
    });

    it("[DEV1] a shared tablet emptied for a change of user (ADR 0009) raises no alert for its new id; a claim naming the same user's own device does not hide one", async () => {
      // couns-a pushed from their phone; then used the shared tablet, which vol-a had before.
      await activeDevice('couns-a-phone');
      await loginWith(server.app, 'vol-a', 'shared-tablet-1');
      clock.advance(DAY);
      await loginWith(server.app, 'couns-a', 'shared-tablet-2', undefined, 'shared-tablet-1');
      expect((await alerts(server.app, server.world.admin.token)).alerts).toEqual([]);
      // Naming one's own other device as "switched from" is not a change of user: alert as usual.
      await loginWith(server.app, 'couns-a', 'couns-a-tablet-3', undefined, 'couns-a-phone');
      const listed = (await alerts(server.app, server.world.admin.token)).alerts;
      expect(listed.map((a) => [a.newDeviceId, a.reason])).toEqual([['couns-a-tablet-3', 'recent-activity']]);
    });

    it('[DEV1][AUTH8] coordinators and admins list and mark alerts handled; volunteers and counsellors get 403', async () => {
      await activeDevice('tablet-1');
      await loginWith(server.app, 'couns-a', 'tablet-2', 'tablet-1');
      for (const account of [server.world.volunteerA, server.world.counsellorA]) {
        expect((await alerts(server.app, account.token)).status).toBe(403);
      }
      const [alert] = (await alerts(server.app, server.world.coordinator.token)).alerts;
      const handle = (token: string, id = alert?.id ?? '') =>
        server.app.inject({
          method: 'POST',
          url: `/api/device-alerts/${id}/handled`,
          headers: bearer(token),
        });
      expect((await handle(server.world.volunteerA.token)).statusCode).toBe(403);
      expect((await handle(server.world.counsellorA.token)).statusCode).toBe(403);
      const handled = await handle(server.world.coordinator.token);
      expect(handled.statusCode).toBe(200);
      expect(handled.json()).toMatchObject({
        handledAt: clock.ms,
        handledBy: server.world.coordinator.userId,
      });
      clock.advance(1000);
      // Again (by the admin): the first handler and time stay.
      expect((await handle(server.world.admin.token)).json()).toMatchObject({
        handledBy: server.world.coordinator.userId,
      });
      expect((await handle(server.world.admin.token, 'no-such-alert')).statusCode).toBe(404);
      expect((await alerts(server.app, server.world.coordinator.token)).alerts).toEqual([]);
      expect((await alerts(server.app, server.world.coordinator.token, 'all')).alerts).toHaveLength(1);
      // The handler by name as well as by id (QUAR3), as the account is named today.
      await server.app.inject({
        method: 'PATCH',
        url: `/api/admin/users/${server.world.coordinator.userId}`,
        headers: bearer(server.world.admin.token),
        payload: { displayName: 'Camille Roux' },
      });
      const handledOnly = await alerts(server.app, server.world.admin.token, 'handled');
      expect(handledOnly.status).toBe(200);
      expect(
        handledOnly.alerts.map((a) => [a.id, a.handledBy, a.handledByUsername, a.handledByDisplayName]),
      ).toEqual([[alert?.id, server.world.coordinator.userId, 'coord', 'Camille Roux']]);
      expect((await server.app.inject({ method: 'GET', url: '/api/device-alerts' })).statusCode).toBe(401);
    });

    it('[DEV1] older apps that omit previousDeviceId still log in; an invalid one is refused with 400', async () => {
      expect((await login(server.app, 'couns-a', 'old-app-device')).statusCode).toBe(200);
      const bad = await server.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'couns-a', password: PASSWORD, deviceId: 'x-1', previousDeviceId: '' },
      });
      expect(bad.statusCode).toBe(400);
    });

    it('[AUTH3] failures are counted in the store: a restarted server process keeps the count and the Retry-After', async () => {
      const made = await engine.make();
      let first = await openApp(made.store, clock, { loginLimit: { maxFailures: 3, windowMs: 60_000 } });
      await makeWorld(first);
      for (let i = 0; i < 3; i += 1)
        expect((await login(first, 'vol-a', 'dev-x', 'wrong')).statusCode).toBe(401);
      clock.advance(10_000);
      const limited = await login(first, 'vol-a', 'dev-x');
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['retry-after']).toBe('50');
      // The in-memory counter of the old implementation died with the process; this one does not.
      if (engine.name === 'postgres') {
        await first.close();
        first = await openApp(made.open(), clock, { loginLimit: { maxFailures: 3, windowMs: 60_000 } });
        const again = await login(first, 'vol-a', 'dev-x');
        expect(again.statusCode).toBe(429);
        expect(again.headers['retry-after']).toBe('50');
      }
      clock.advance(50_001);
      expect((await login(first, 'vol-a', 'dev-x')).statusCode).toBe(200);
      await first.close();
      await made.destroy();
    });
  });
}

describe.skipIf(!DATABASE_URL)('[AUTH3] two server processes on one PostgreSQL share the login limit', () => {
  let appA: FastifyInstance;
  let appB: FastifyInstance;
  let storeB: RelaisStore;
  let destroy: () => Promise<void>;
  const clock = new TestClock();

  beforeAll(async () => {
    const made = await postgresEngine.make();
    storeB = made.open();
    destroy = made.destroy;
    appA = await openApp(made.store, clock);
    appB = await openApp(storeB, clock);
    await makeWorld(appA);
  });
  afterAll(async () => {
    await appA.close();
    await appB.close();
    await destroy();
  });

  it('[AUTH3] 5 failures spread over two processes block both, with the same Retry-After; a success on one clears both', async () => {
    for (let i = 0; i < 5; i += 1) {
      const app = i % 2 === 0 ? appA : appB;
      expect((await login(app, 'vol-a', 'dev-x', 'wrong')).statusCode).toBe(401);
    }
    const onA = await login(appA, 'vol-a', 'dev-x');
    const onB = await login(appB, 'vol-a', 'dev-x');
    expect([onA.statusCode, onB.statusCode]).toEqual([429, 429]);
    expect(onA.headers['retry-after']).toBe(String(15 * 60));
    expect(onB.headers['retry-after']).toBe(onA.headers['retry-after']);
    clock.advance(15 * 60 * 1000 + 1);
    expect((await login(appB, 'vol-a', 'dev-x')).statusCode).toBe(200);
    // The success cleared the shared count: 4 failures on A and B still leave one attempt.
    for (let i = 0; i < 4; i += 1)
      expect((await login(i % 2 === 0 ? appA : appB, 'vol-a', 'dev-x', 'wrong')).statusCode).toBe(401);
    expect((await login(appA, 'vol-a', 'dev-x')).statusCode).toBe(200);
  });

  it('[AUTH3] concurrent wrong passwords on both processes never get more than the limit checked', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 12 }, (_, i) => login(i % 2 === 0 ? appA : appB, 'vol-b', 'dev-y', 'wrong')),
    );
    const codes = attempts.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(7);
  });
});
