import { createHash, randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../sync-server/src/auth/passwords';
import { runAdminCli } from '../../../sync-server/src/cli/admin';
import type { RelaisStore } from '../../../sync-server/src/stores/store';
import { makeTempDir } from '../helpers';
import {
  bearer,
  chargeFields,
  Device,
  ENGINES,
  login,
  makeWorld,
  openApp,
  PASSWORD,
  serverRow,
  sqliteEngine,
  TestClock,
  type World,
  WP_A,
} from './harness';

describe('[AUTH2] passwords', () => {
  it('are hashed with scrypt, a per-user salt and the parameters stored with the hash', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$16384\$8\$5\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
  });
});

for (const engine of ENGINES) {
  describe(`accounts on ${engine.name}`, () => {
    let app: FastifyInstance;
    let store: RelaisStore;
    let destroy: () => Promise<void>;
    const clock = new TestClock();

    beforeEach(async () => {
      clock.ms = Date.UTC(2026, 10, 27, 9);
      const made = await engine.make();
      store = made.store;
      destroy = made.destroy;
      app = await openApp(store, clock);
    });
    afterEach(async () => {
      await app.close();
      await destroy();
    });

    it('[AUTH1] POST /api/setup creates the first admin only while no user exists', async () => {
      const payload = { username: 'admin', password: PASSWORD, displayName: 'Admin' };
      const [first, second] = await Promise.all([
        app.inject({ method: 'POST', url: '/api/setup', payload }),
        app.inject({ method: 'POST', url: '/api/setup', payload: { ...payload, username: 'other' } }),
      ]);
      expect([first.statusCode, second.statusCode].sort()).toEqual([201, 409]);
      const again = await app.inject({ method: 'POST', url: '/api/setup', payload });
      expect(again.statusCode).toBe(409);
      expect(await store.transaction((tx) => tx.countUsers())).toBe(1);
    });

    it('[AUTH1] GET /api/setup says, without a session, whether the first admin is still needed', async () => {
      const before = await app.inject({ method: 'GET', url: '/api/setup' });
      expect(before.statusCode).toBe(200);
      expect(before.json()).toEqual({ needed: true });
      const payload = { username: 'admin', password: PASSWORD, displayName: 'Admin' };
      expect((await app.inject({ method: 'POST', url: '/api/setup', payload })).statusCode).toBe(201);
      const after = await app.inject({ method: 'GET', url: '/api/setup' });
      expect(after.statusCode).toBe(200);
      expect(after.json()).toEqual({ needed: false });
    });

    it('[AUTH3] login: good password gives a token, a bad one 401, and 5 failures per name and address give 429 with Retry-After', async () => {
      await makeWorld(app);
      expect((await login(app, 'vol-a', 'dev-x')).statusCode).toBe(200);
      expect((await login(app, 'vol-a', 'dev-x', 'wrong password')).statusCode).toBe(401);
      expect((await login(app, 'nobody', 'dev-x')).statusCode).toBe(401);
      for (let i = 0; i < 4; i += 1)
        expect((await login(app, 'vol-a', 'dev-x', 'wrong')).statusCode).toBe(401);
      const limited = await login(app, 'vol-a', 'dev-x'); // even the right password waits
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
      // Another user name from the same address is not blocked.
      expect((await login(app, 'vol-b', 'dev-y')).statusCode).toBe(200);
      clock.advance(15 * 60 * 1000 + 1);
      expect((await login(app, 'vol-a', 'dev-x')).statusCode).toBe(200);
    });

    it('[AUTH10] login and /auth/me name the welcome points each role may place a household in', async () => {
      const world = await makeWorld(app);
      // An archived welcome point: listed (flagged) for the roles that see everything.
      const archived = await app.inject({
        method: 'POST',
        url: '/api/admin/welcome-points',
        headers: bearer(world.admin.token),
        payload: { id: 'wp-old', name: 'Ancien point' },
      });
      expect(archived.statusCode).toBe(201);
      const archive = await app.inject({
        method: 'PATCH',
        url: '/api/admin/welcome-points/wp-old',
        headers: bearer(world.admin.token),
        payload: { archived: true },
      });
      expect(archive.statusCode).toBe(200);
      const pointA = { id: WP_A, name: 'Point A (Lyon 8e)', archived: false };
      const pointB = { id: 'wp-b', name: 'Point B (Vénissieux)', archived: false };
      const old = { id: 'wp-old', name: 'Ancien point', archived: true };
      const every = [old, pointA, pointB]; // by name
      const expected: [string, unknown[]][] = [
        ['vol-a', [pointA]],
        ['vol-b', [pointB]],
        ['couns-a', [pointA]],
        ['coord', every],
        ['admin', every],
      ];
      for (const [username, welcomePoints] of expected) {
        const response = await login(app, username, `dev-wp-${username}`);
        expect(response.statusCode).toBe(200);
        const body = response.json() as { token: string; welcomePoints: unknown };
        expect(body.welcomePoints, `login ${username}`).toEqual(welcomePoints);
        const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(body.token) });
        expect(me.statusCode).toBe(200);
        expect(me.json().welcomePoints, `me ${username}`).toEqual(welcomePoints);
        expect(me.json().deviceId).toBe(`dev-wp-${username}`);
      }
      // A volunteer of no welcome point gets an empty list (households of their own only).
      const lone = await app.inject({
        method: 'POST',
        url: '/api/admin/users',
        headers: bearer(world.admin.token),
        payload: {
          username: 'vol-none',
          displayName: 'Vol',
          password: PASSWORD,
          role: 'volunteer',
          welcomePointIds: [],
        },
      });
      expect(lone.statusCode).toBe(201);
      expect((await login(app, 'vol-none', 'dev-wp-none')).json().welcomePoints).toEqual([]);
    });

    it('[AUTH4] session tokens are 32 random bytes, stored only as their SHA-256', async () => {
      await makeWorld(app);
      const response = await login(app, 'vol-a', 'dev-hash');
      const { token } = response.json() as { token: string };
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
      const hash = createHash('sha256').update(token).digest('hex');
      const session = await store.transaction((tx) => tx.getSessionByHash(hash));
      expect(session?.deviceId).toBe('dev-hash');
      expect(JSON.stringify(session)).not.toContain(token);
    });

    it('[AUTH5] an expired token gets 401; use within 30 days slides the expiry', async () => {
      const world = await makeWorld(app);
      const me = (token: string) =>
        app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });
      expect((await me(world.volunteerA.token)).statusCode).toBe(200);
      clock.advance(20 * 86_400_000);
      expect((await me(world.volunteerA.token)).statusCode).toBe(200); // slides to day 50
      clock.advance(20 * 86_400_000);
      expect((await me(world.volunteerA.token)).statusCode).toBe(200);
      expect((await me(world.volunteerB.token)).statusCode).toBe(401); // unused for 40 days
      expect((await me('not-a-token')).statusCode).toBe(401);
      expect((await app.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    });

    it('[AUTH5] logout, admin revocation, disabling the user and a password change revoke sessions (401)', async () => {
      const world = await makeWorld(app);
      const me = (token: string) =>
        app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });
      const out = await app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: bearer(world.volunteerA.token),
      });
      expect(out.statusCode).toBe(204);
      expect((await me(world.volunteerA.token)).statusCode).toBe(401);

      const sessions = await app.inject({
        method: 'GET',
        url: `/api/admin/users/${world.counsellorA.userId}/sessions`,
        headers: bearer(world.admin.token),
      });
      const [session] = sessions.json() as { id: string }[];
      const revoke = await app.inject({
        method: 'DELETE',
        url: `/api/admin/sessions/${session?.id}`,
        headers: bearer(world.admin.token),
      });
      expect(revoke.statusCode).toBe(204);
      expect((await me(world.counsellorA.token)).statusCode).toBe(401);

      await app.inject({
        method: 'PATCH',
        url: `/api/admin/users/${world.volunteerB.userId}`,
        headers: bearer(world.admin.token),
        payload: { disabled: true },
      });
      // WIPE9: the device is withdrawn, not cut off: it gets the order (push, then erase).
      const withdrawn = await me(world.volunteerB.token);
      expect([withdrawn.statusCode, withdrawn.json()]).toEqual([
        410,
        expect.objectContaining({ code: 'device_wipe', mode: 'withdrawn' }),
      ]);
      expect((await login(app, 'vol-b', world.volunteerB.deviceId)).statusCode).toBe(401);

      await app.inject({
        method: 'PATCH',
        url: `/api/admin/users/${world.coordinator.userId}`,
        headers: bearer(world.admin.token),
        payload: { password: 'a brand new password' },
      });
      expect((await me(world.coordinator.token)).statusCode).toBe(401);
      expect((await login(app, 'coord', 'dev-c2', 'a brand new password')).statusCode).toBe(200);
    });

    it('[AUTH7] a device id is registered to the first user who logs in with it', async () => {
      const world = await makeWorld(app);
      const other = await login(app, 'vol-b', world.volunteerA.deviceId);
      expect(other.statusCode).toBe(403);
      const device = new Device(app, { ...world.volunteerB, deviceId: world.volunteerA.deviceId }, clock);
      // A session pushing for another device id is refused.
      expect((await device.pushRaw([])).statusCode).toBe(403);
    });

    it('[AUTH7] a shared tablet switching user registers a new device id; the old device row stays as it was', async () => {
      const world = await makeWorld(app);
      const before = await store.transaction((tx) => tx.getDevice(world.volunteerA.deviceId));
      // The client wiped the tablet and made a new device id (docs/sync-client.md, ADR 0009).
      const switched = await login(app, 'vol-b', `${world.volunteerA.deviceId}-next`);
      expect(switched.statusCode).toBe(200);
      expect(await store.transaction((tx) => tx.getDevice(world.volunteerA.deviceId))).toEqual(before);
      const fresh = await store.transaction((tx) => tx.getDevice(`${world.volunteerA.deviceId}-next`));
      expect(fresh).toMatchObject({ userId: world.volunteerB.userId, lastSeq: 0 });
    });

    it('[AUTH9] each login stores the label sent (absent keeps it, empty clears it); PATCH /api/auth/device renames', async () => {
      await makeWorld(app);
      const loginNamed = (deviceName?: string) =>
        app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: {
            username: 'vol-a',
            password: PASSWORD,
            deviceId: 'dev-label',
            ...(deviceName === undefined ? {} : { deviceName }),
          },
        });
      const nameOf = async () => (await store.transaction((tx) => tx.getDevice('dev-label')))?.name;
      expect((await loginNamed('  Tablette Lens  ')).statusCode).toBe(200);
      expect(await nameOf()).toBe('Tablette Lens');
      expect((await loginNamed('Tablette mairie de Lens')).statusCode).toBe(200);
      expect(await nameOf()).toBe('Tablette mairie de Lens');
      expect((await loginNamed()).statusCode).toBe(200);
      expect(await nameOf()).toBe('Tablette mairie de Lens');
      const last = await loginNamed('');
      expect(await nameOf()).toBeNull();

      const { token } = last.json() as { token: string };
      const rename = (name: unknown, headers = bearer(token)) =>
        app.inject({ method: 'PATCH', url: '/api/auth/device', headers, payload: { name } });
      const renamed = await rename(' Tablette Liévin ');
      expect(renamed.statusCode).toBe(200);
      expect(renamed.json()).toEqual({ deviceId: 'dev-label', name: 'Tablette Liévin' });
      expect(await nameOf()).toBe('Tablette Liévin');
      expect((await rename('x'.repeat(201))).statusCode).toBe(400);
      expect((await rename('Sans session', {})).statusCode).toBe(401);
      expect(await nameOf()).toBe('Tablette Liévin');
      expect((await rename(null)).json()).toEqual({ deviceId: 'dev-label', name: null });
      expect(await nameOf()).toBeNull();
    });

    it('[AUTH9][CONF6] two labelled devices edit one money field: the conflict names both devices, renames included', async () => {
      const world = await makeWorld(app);
      const labelled = async (username: string, deviceId: string, deviceName: string) => {
        const response = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username, password: PASSWORD, deviceId, deviceName },
        });
        expect(response.statusCode).toBe(200);
        const { token, user } = response.json() as { token: string; user: { id: string } };
        return { token, userId: user.id, deviceId };
      };
      const a = new Device(
        app,
        { ...world.counsellorA, ...(await labelled('couns-a', 'dev-lens', 'Tablette Lens')) },
        clock,
      );
      const b = new Device(
        app,
        { ...world.volunteerA, ...(await labelled('vol-a', 'dev-lievin', 'Tablette Liévin')) },
        clock,
      );
      const h = a.createHousehold(WP_A);
      const c = a.create('charge', h.entityId, chargeFields(40_000));
      await a.push([h, c]);
      const row = await serverRow(store, 'charge', c.entityId);
      if (!row) throw new Error('no row');
      await a.push([a.patch('charge', row, { amountCents: 45_000 })]);
      await b.push([b.patch('charge', row, { amountCents: 52_000 })]);
      const conflictOf = async (device: Device) =>
        ((await device.pullAll()).last.conflicts ?? []).find((x) => x.entityId === c.entityId);
      expect((await conflictOf(b))?.values).toMatchObject([
        { value: 45_000, deviceId: 'dev-lens', deviceLabel: 'Tablette Lens' },
        { value: 52_000, deviceId: 'dev-lievin', deviceLabel: 'Tablette Liévin' },
      ]);
      // Renamed in Settings later: the conflict shows the device's current label.
      await app.inject({
        method: 'PATCH',
        url: '/api/auth/device',
        headers: bearer(a.account.token),
        payload: { name: 'Tablette Lens (accueil)' },
      });
      expect((await conflictOf(a))?.values.map((v) => v.deviceLabel)).toEqual([
        'Tablette Lens (accueil)',
        'Tablette Liévin',
      ]);
    });
  });
}

describe('[AUTH8] every endpoint with every role, and a foreign welcome point', () => {
  let app: FastifyInstance;
  let store: RelaisStore;
  let world: World;
  const clock = new TestClock();
  let householdA = '';
  let chargeA = '';

  beforeAll(async () => {
    const made = await sqliteEngine.make();
    store = made.store;
    app = await openApp(store, clock);
    world = await makeWorld(app);
    const device = new Device(app, world.counsellorA, clock);
    const h = device.createHousehold(WP_A);
    const c = device.create('charge', h.entityId, {
      type: 'rent',
      amountCents: 1,
      frequency: 'monthly',
      mode: 'real',
    });
    await device.push([h, c]);
    householdA = h.entityId;
    chargeA = c.entityId;
  });
  afterAll(() => app.close());

  const roles = ['admin', 'coordinator', 'counsellorA', 'volunteerA', 'volunteerB'] as const;

  const adminEndpoints: [string, string, () => unknown][] = [
    ['GET', '/api/admin/welcome-points', () => undefined],
    ['POST', '/api/admin/welcome-points', () => ({ name: `Point ${randomUUID()}` })],
    ['PATCH', '/api/admin/welcome-points/wp-b', () => ({ name: 'Point B (Vénissieux)' })],
    ['GET', '/api/admin/users', () => undefined],
    [
      'POST',
      '/api/admin/users',
      () => ({
        username: `u${randomUUID().slice(0, 8)}`,
        displayName: 'U',
        password: PASSWORD,
        role: 'volunteer',
      }),
    ],
    ['GET', '/api/admin/users/{volunteerB}', () => undefined],
    ['PATCH', '/api/admin/users/{volunteerB}', () => ({ displayName: 'vol-b' })],
    ['GET', '/api/admin/users/{volunteerB}/sessions', () => undefined],
  ];

  for (const [method, path, body] of adminEndpoints) {
    it(`${method} ${path}: admin only (others 403, anonymous 401)`, async () => {
      const url = path.replace('{volunteerB}', world.volunteerB.userId);
      const anonymous = await app.inject({ method: method as 'GET', url, payload: body() as object });
      expect(anonymous.statusCode).toBe(401);
      for (const role of roles) {
        const response = await app.inject({
          method: method as 'GET',
          url,
          headers: bearer(world[role].token),
          payload: body() as object,
        });
        expect([role, response.statusCode]).toEqual([
          role,
          role === 'admin' ? (method === 'POST' ? 201 : 200) : 403,
        ]);
      }
    });
  }

  it('DELETE /api/admin/welcome-points/:id, /users/:id, /sessions/:id: admin only', async () => {
    for (const url of [
      '/api/admin/welcome-points/nope',
      '/api/admin/users/nope',
      '/api/admin/sessions/nope',
    ]) {
      for (const role of roles) {
        const response = await app.inject({ method: 'DELETE', url, headers: bearer(world[role].token) });
        expect([role, url, response.statusCode]).toEqual([role, url, role === 'admin' ? 404 : 403]);
      }
    }
  });

  /**
   * Every route the app serves, with its rule. A new endpoint fails the guard below until it is
   * added here, with a test of its rule (in this block or the file named).
   */
  const ROUTE_RULES: Record<string, string> = {
    'GET /api/health': 'public (tests/server/app.test.ts)',
    'GET /api/setup': 'public: whether the first admin is needed',
    'POST /api/setup': 'public, once: 409 after the first admin (AUTH1)',
    'POST /api/auth/login': 'public, rate-limited (AUTH2, AUTH3)',
    'POST /api/auth/logout': 'any session; anonymous 401',
    'GET /api/auth/me': 'any session; anonymous 401',
    'PATCH /api/auth/device': 'any session, its own device only; anonymous 401 (AUTH9)',
    'PUT /api/auth/device-key':
      'any session, its own device only; anonymous 401 (tests/server/security/device-keys.test.ts, WIPE1)',
    'GET /api/auth/device-key':
      'any session, its own device only, 410 when lost; anonymous 401 (tests/server/security/device-keys.test.ts, WIPE2)',
    'POST /api/auth/device-wiped':
      'the session of a device under a wipe order, 409 otherwise; anonymous 401 (tests/server/security/remote-wipe.test.ts, WIPE6)',
    'GET /api/admin/users/:id/devices': 'admin only (tests/server/security/remote-wipe.test.ts, WIPE3)',
    'POST /api/admin/devices/:deviceId/wipe': 'admin only (tests/server/security/remote-wipe.test.ts, WIPE3)',
    'DELETE /api/admin/devices/:deviceId/wipe':
      'admin only (tests/server/security/remote-wipe.test.ts, WIPE5)',
    'POST /api/sync/push': 'every role within its scope (AUTH6, below)',
    'POST /api/sync/pull': 'every role within its scope (AUTH6, below)',
    'GET /api/sync/pull': 'every role within its scope (AUTH6, below)',
    'GET /api/conflicts': 'every role within its scope; foreign household 403 (below)',
    'GET /api/quarantine': 'coordinators and admins (below)',
    'POST /api/quarantine/:id/handled': 'coordinators and admins (below, QUAR3; quarantine.test.ts)',
    'GET /api/device-alerts': 'coordinators and admins (below, DEV1)',
    'POST /api/device-alerts/:id/handled': 'coordinators and admins (below, DEV1)',
    'GET /api/admin/welcome-points': 'admin only (below)',
    'POST /api/admin/welcome-points': 'admin only (below)',
    'PATCH /api/admin/welcome-points/:id': 'admin only (below)',
    'DELETE /api/admin/welcome-points/:id': 'admin only (below)',
    'GET /api/admin/users': 'admin only (below)',
    'POST /api/admin/users': 'admin only (below)',
    'GET /api/admin/users/:id': 'admin only (below)',
    'PATCH /api/admin/users/:id': 'admin only (below)',
    'DELETE /api/admin/users/:id': 'admin only (below)',
    'GET /api/admin/users/:id/sessions': 'admin only (below)',
    'DELETE /api/admin/sessions/:id': 'admin only (below)',
    'GET /api/legal-parameters': 'any session; anonymous 401 (tests/server/sync/legal-parameters.test.ts)',
    'GET /api/admin/legal-parameters': 'admin only (tests/server/sync/legal-parameters.test.ts)',
    'POST /api/admin/legal-parameters': 'admin only (tests/server/sync/legal-parameters.test.ts)',
    'PUT /api/admin/legal-parameters/:id': 'admin only (tests/server/sync/legal-parameters.test.ts)',
    'DELETE /api/admin/legal-parameters/:id': 'admin only (tests/server/sync/legal-parameters.test.ts)',
    'GET /api/coordination/merge-preview':
      'coordinators and admins (tests/server/merges/merge-rules.test.ts, MERGE1)',
    'POST /api/coordination/merges':
      'coordinators and admins (tests/server/merges/merge-rules.test.ts, MERGE1)',
    'GET /api/coordination/merges':
      'coordinators and admins (tests/server/merges/merge-rules.test.ts, MERGE1)',
    'POST /api/coordination/merges/:mergeId/undo':
      'coordinators and admins (tests/server/merges/merge-rules.test.ts, MERGE1)',
    'GET /api/coordination/duplicates': 'coordinators and admins (tests/server/duplicates/detection.test.ts)',
    'POST /api/coordination/duplicates/not-duplicate':
      'coordinators and admins (tests/server/duplicates/detection.test.ts)',
    'POST /api/coordination/duplicates/check':
      'any session, answered from its own scope; anonymous 401 (tests/server/duplicates/check.test.ts, DUP3)',
    'POST /api/coordination/duplicates/rescan': 'admin only (tests/server/duplicates/detection.test.ts)',
    'GET /api/reports/activity':
      'coordinators and admins, within their welcome points (tests/server/reports/activity-report.test.ts, RPT7)',
    'GET /api/reports/dossiers.csv':
      'coordinators and admins, within their welcome points (tests/server/reports/dossier-export.test.ts, RPT10)',
    'GET /api/plans/thresholds':
      'any session; anonymous 401 (tests/server/plans/plan-thresholds.test.ts, PLAN5)',
    'GET /api/admin/plan-thresholds': 'admin only (tests/server/plans/plan-thresholds.test.ts, PLAN5)',
    'PUT /api/admin/plan-thresholds': 'admin only (tests/server/plans/plan-thresholds.test.ts, PLAN5)',
    'GET /api/plans/worklist': 'coordinators and admins (tests/server/plans/plan-worklist.test.ts, PLAN7)',
    'GET /api/openapi.json':
      'public: the API description, no data (tests/server/security/openapi.test.ts, SEC4)',
    'POST /api/access-log/openings':
      'any session, its own scope only; anonymous 401 (tests/server/access-log/access-log-routes.test.ts, ALOG5)',
    'GET /api/admin/access-log': 'admin only (tests/server/access-log/access-log-routes.test.ts, ALOG6)',
    'GET /api/households/:id/export':
      'coordinators and admins, within their scope (tests/server/rights/erasure.test.ts, RIGHT3)',
    'POST /api/households/:id/erasure':
      'coordinators and admins, within their scope (tests/server/rights/erasure.test.ts, RIGHT3)',
    'GET /api/admin/retention': 'admin only (tests/server/rights/retention.test.ts, RIGHT12)',
    'PUT /api/admin/retention': 'admin only (tests/server/rights/retention.test.ts, RIGHT12)',
    'GET /api/admin/anonymisation-runs': 'admin only (tests/server/rights/retention.test.ts, RIGHT12)',
  };

  it('[AUTH8] every /api route has a stated authorisation rule (a new endpoint fails here until it has one)', () => {
    const served = new Set<string>();
    const stack: string[] = [];
    for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
      const match = /^([│ ]*)[├└]── (\S+) \(([^)]+)\)/.exec(line);
      if (!match) continue;
      const depth = (match[1] ?? '').length / 4;
      stack.length = depth;
      stack.push(match[2] ?? '');
      const path = stack.join('');
      if (!path.startsWith('/api/')) continue;
      for (const method of (match[3] ?? '').split(', '))
        if (method !== 'HEAD') served.add(`${method} ${path}`);
    }
    expect([...served].sort()).toEqual(Object.keys(ROUTE_RULES).sort());
  });

  it('[AUTH8] logout, me and the device label: any session; anonymous 401', async () => {
    for (const [method, url, payload] of [
      ['GET', '/api/auth/me', undefined],
      ['PATCH', '/api/auth/device', { name: 'Tablette' }],
    ] as const) {
      expect((await app.inject({ method, url, ...(payload ? { payload } : {}) })).statusCode).toBe(401);
      for (const role of roles) {
        const response = await app.inject({
          method,
          url,
          headers: bearer(world[role].token),
          ...(payload ? { payload } : {}),
        });
        expect([role, url, response.statusCode]).toEqual([role, url, 200]);
      }
    }
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(401);
  });

  it('[DEV1][AUTH8] device alerts: coordinators and admins only', async () => {
    for (const role of roles) {
      const list = await app.inject({
        method: 'GET',
        url: '/api/device-alerts',
        headers: bearer(world[role].token),
      });
      const handle = await app.inject({
        method: 'POST',
        url: `/api/device-alerts/${randomUUID()}/handled`,
        headers: bearer(world[role].token),
      });
      const allowed = role === 'admin' || role === 'coordinator';
      expect([role, list.statusCode, handle.statusCode]).toEqual([
        role,
        allowed ? 200 : 403,
        allowed ? 404 : 403,
      ]);
    }
    expect((await app.inject({ method: 'GET', url: '/api/device-alerts' })).statusCode).toBe(401);
  });

  it('GET /api/quarantine: coordinators and admins only', async () => {
    for (const role of roles) {
      const response = await app.inject({
        method: 'GET',
        url: '/api/quarantine',
        headers: bearer(world[role].token),
      });
      const allowed = role === 'admin' || role === 'coordinator';
      expect([role, response.statusCode]).toEqual([role, allowed ? 200 : 403]);
    }
  });

  it('[QUAR3][AUTH8] POST /api/quarantine/:id/handled: coordinators and admins only', async () => {
    for (const role of roles) {
      const response = await app.inject({
        method: 'POST',
        url: `/api/quarantine/${randomUUID()}/handled`,
        headers: bearer(world[role].token),
      });
      const allowed = role === 'admin' || role === 'coordinator';
      // Allowed roles reach the handler: an unknown id is 404.
      expect([role, response.statusCode]).toEqual([role, allowed ? 404 : 403]);
    }
  });

  it('GET /api/conflicts?householdId=: 403 for a foreign welcome point, 200 in scope', async () => {
    for (const role of roles) {
      const response = await app.inject({
        method: 'GET',
        url: `/api/conflicts?householdId=${householdA}`,
        headers: bearer(world[role].token),
      });
      expect([role, response.statusCode]).toEqual([role, role === 'volunteerB' ? 403 : 200]);
    }
  });

  it('[AUTH6] push: every role may write a household of its scope; a foreign one is 403 and nothing is applied', async () => {
    for (const role of roles) {
      const device = new Device(app, world[role], clock);
      const lastSeq = (await store.transaction((tx) => tx.getDevice(device.deviceId)))?.lastSeq ?? 0;
      device.seq = lastSeq;
      const row = { id: chargeA, householdId: householdA, version: 1, fieldVersions: { amountCents: 1 } };
      const own = device.createHousehold(role === 'volunteerB' ? 'wp-b' : WP_A);
      const edit = device.patch('charge', row, { label: `by ${role}` });
      const response = await device.pushRaw([own, edit]);
      if (role === 'volunteerB') {
        expect(response.statusCode).toBe(403);
        const rows = await store.transaction((tx) => tx.getRows([own.entityId, chargeA]));
        expect(rows.map((r) => r.id)).toEqual([chargeA]); // its own household was not created either
        expect(rows[0]?.data.label).not.toBe('by volunteerB');
        expect((await store.transaction((tx) => tx.getDevice(device.deviceId)))?.lastSeq).toBe(lastSeq);
      } else {
        expect([role, response.statusCode]).toEqual([role, 200]);
      }
    }
  });

  it('[AUTH6] a volunteer cannot create a household in, or move one to, another welcome point', async () => {
    const device = new Device(app, world.volunteerA, clock);
    device.seq = (await store.transaction((tx) => tx.getDevice(device.deviceId)))?.lastSeq ?? 0;
    const foreign = device.createHousehold('wp-b');
    expect((await device.pushRaw([foreign])).statusCode).toBe(403);
    device.seq -= 1;
    const own = device.createHousehold(WP_A);
    expect((await device.pushRaw([own])).statusCode).toBe(200);
    const move = device.patch(
      'household',
      { id: own.entityId, householdId: own.entityId, version: 1, fieldVersions: {} },
      {
        welcomePointId: 'wp-b',
      },
    );
    expect((await device.pushRaw([move])).statusCode).toBe(403);
  });

  it('[AUTH6] a mutation naming an in-scope household for a row of a foreign household is 403', async () => {
    const device = new Device(app, world.volunteerB, clock);
    device.seq = (await store.transaction((tx) => tx.getDevice(device.deviceId)))?.lastSeq ?? 0;
    const own = device.createHousehold('wp-b');
    await device.push([own]);
    const forged = device.patch(
      'charge',
      { id: chargeA, householdId: own.entityId, version: 1, fieldVersions: {} },
      {
        amountCents: 999,
      },
    );
    expect((await device.pushRaw([forged])).statusCode).toBe(403);
  });

  it('[AUTH6] pull: each role sees only its scope', async () => {
    for (const role of roles) {
      const device = new Device(app, world[role], clock);
      const { rows } = await device.pullAll();
      const seesA = [...rows.values()].some((r) => r.householdId === householdA);
      expect([role, seesA]).toEqual([role, role !== 'volunteerB']);
    }
  });

  it('[AUTH6] a household without a welcome point is in the scope of its creator and of coordinators only', async () => {
    const creator = new Device(app, world.volunteerA, clock);
    creator.seq = (await store.transaction((tx) => tx.getDevice(creator.deviceId)))?.lastSeq ?? 0;
    const h = creator.createHousehold();
    expect((await creator.pushRaw([h])).statusCode).toBe(200);
    const sees = async (role: (typeof roles)[number]) =>
      [...(await new Device(app, world[role], clock).pullAll()).rows.keys()].includes(
        `household:${h.entityId}`,
      );
    expect(await sees('volunteerA')).toBe(true);
    expect(await sees('coordinator')).toBe(true);
    expect(await sees('counsellorA')).toBe(false);
    const colleague = new Device(app, world.counsellorA, clock);
    colleague.seq = (await store.transaction((tx) => tx.getDevice(colleague.deviceId)))?.lastSeq ?? 0;
    const edit = colleague.patch(
      'household',
      { id: h.entityId, householdId: h.entityId, version: 1, fieldVersions: {} },
      {
        phone: '0600000000',
      },
    );
    expect((await colleague.pushRaw([edit])).statusCode).toBe(403);
  });

  it('sync endpoints refuse anonymous requests with 401', async () => {
    for (const [method, url] of [
      ['POST', '/api/sync/push'],
      ['POST', '/api/sync/pull'],
      ['GET', '/api/sync/pull'],
      ['GET', '/api/conflicts'],
      ['GET', '/api/quarantine'],
      ['POST', '/api/quarantine/x/handled'],
      ['GET', '/api/auth/me'],
      ['POST', '/api/auth/logout'],
      ['PATCH', '/api/auth/device'],
    ] as const) {
      expect([url, (await app.inject({ method, url })).statusCode]).toEqual([url, 401]);
    }
  });
});

describe('[AUTH1] create-first-admin CLI', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.cleanup());

  const stdin = (text: string): NodeJS.ReadableStream => {
    const stream = new PassThrough();
    stream.end(text);
    return stream;
  };

  it('creates the admin on an empty store and refuses afterwards', async () => {
    const env = { DATA_DIR: temp.dir };
    const args = ['create-first-admin', '--username', 'root', '--password-stdin'];
    const first = await runAdminCli(args, env, stdin(`${PASSWORD}\n`));
    expect(first).toMatchObject({ code: 0 });
    const second = await runAdminCli(
      ['create-first-admin', '--username', 'root2', '--password-stdin'],
      env,
      stdin(PASSWORD),
    );
    expect(second.code).toBe(1);
    expect(second.out).toMatch(/already has accounts/);
    expect((await runAdminCli(['create-first-admin', '--username', 'x'], env, stdin(PASSWORD))).code).toBe(2);
    expect(
      (
        await runAdminCli(
          ['create-first-admin', '--username', 'root', '--password-stdin'],
          env,
          stdin('short'),
        )
      ).code,
    ).toBe(2);
  });
});
