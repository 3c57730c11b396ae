/**
 * SEC5: the authorisation matrix, generated from the route table. Every route the app serves
 * must have a line in RULES (a route without one fails the first test), saying who may call it:
 * anyone, any session, or some roles; and whether it names a household (then a caller whose
 * scope misses the household is refused too). The expected statuses come from this table, not
 * from the code. Each route is crossed with every role (volunteer and counsellor of welcome
 * point A, coordinator, admin), the own (A) or foreign (B) household, and the refused session
 * states (none, garbage, expired, revoked, user deactivated): a refusal is 401 or 403 (410 for a
 * deactivated user's withdrawn device, WIPE9), shows no
 * string of either household, and changes no table; an allowed caller gets the route's status.
 *
 * Adding a route is one line: `'METHOD /api/path': roles(COORDINATION, 200),` (with a request
 * builder when the default — unknown ids, `{}` as body — does not reach the status you expect).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type Role } from '../../../src/domain/sync/protocol';
import { PUBLIC_API_ROUTES } from '../../../sync-server/src/plugins/openapi';
import type { RelaisStore } from '../../../sync-server/src/stores/store';
import {
  type Account,
  bearer,
  Device,
  ENGINES,
  newDevice,
  openApp,
  PASSWORD,
  TestClock,
} from '../sync/harness';
import { type Fixtures, type HouseholdFixture, makeFixtures, snapshot } from './matrix-fixtures';
import { servedApiRoutes } from './served-routes';

interface Call {
  app: FastifyInstance;
  store: RelaisStore;
  clock: TestClock;
  f: Fixtures;
  /** The household the request names (own or foreign), for routes that name one. */
  target: HouseholdFixture;
  account: Account;
}
interface Req {
  url?: string;
  payload?: unknown;
}
type Build = (call: Call) => Req | Promise<Req>;
interface Rule {
  who: 'public' | 'session' | readonly Role[];
  /** The status an allowed caller gets for the request `req` builds. */
  ok: number;
  req?: Build;
  /** The request names a household: callers whose scope misses it get 403. */
  household?: boolean;
  /** Allowed calls change the store: they run last, each on a fresh session. */
  writes?: boolean;
}

const open = (ok: number, req?: Build, writes = false): Rule => ({ who: 'public', ok, req, writes });
const session = (ok: number, req?: Build, writes = false): Rule => ({ who: 'session', ok, req, writes });
const roles = (who: readonly Role[], ok: number, req?: Build, writes = false): Rule => ({
  who,
  ok,
  req,
  writes,
});
const scoped = (rule: Rule): Rule => ({ ...rule, household: true });
const COORDINATION: readonly Role[] = ['coordinator', 'admin'];
const ADMIN: readonly Role[] = ['admin'];
const WRITES = true;

const syncHead = (c: Call) => ({
  protocolVersion: PROTOCOL_VERSION,
  schemaVersion: 2,
  appVersion: '0.1.0',
  deviceId: c.account.deviceId,
});
const year = '?from=2026-01-01&to=2026-12-31';
async function pushToTarget(c: Call): Promise<Req> {
  const device = new Device(c.app, c.account, c.clock);
  device.seq = (await c.store.transaction((tx) => tx.getDevice(c.account.deviceId)))?.lastSeq ?? 0;
  const row = { id: c.target.chargeId, householdId: c.target.householdId, version: 1, fieldVersions: {} };
  return { payload: { ...syncHead(c), mutations: [device.patch('charge', row, { amountCents: 1 })] } };
}
const newUser = () => ({
  username: `u${randomUUID().slice(0, 8)}`,
  displayName: 'U',
  password: PASSWORD,
  role: 'volunteer',
});

/** THE TABLE: every served route, who may call it, and what an allowed caller gets. */
const RULES: Record<string, Rule> = {
  'GET /api/health': open(200),
  'GET /api/openapi.json': open(200),
  'GET /api/setup': open(200),
  'POST /api/setup': open(409, () => ({
    payload: { username: 'again', password: PASSWORD, displayName: 'A' },
  })),
  'POST /api/auth/login': open(
    200,
    (c) => ({ payload: { username: c.account.username, password: PASSWORD, deviceId: randomUUID() } }),
    WRITES,
  ),
  'POST /api/auth/logout': session(204, () => ({}), WRITES),
  'GET /api/auth/me': session(200),
  'PATCH /api/auth/device': session(200, () => ({ payload: { name: 'Tablette' } }), WRITES),
  'POST /api/sync/push': scoped(session(200, pushToTarget, WRITES)),
  'POST /api/sync/pull': session(200, (c) => ({ payload: { ...syncHead(c), cursor: null } })),
  'GET /api/sync/pull': session(200, (c) => ({
    url: `/api/sync/pull?${new URLSearchParams({ ...syncHead(c), protocolVersion: '1', schemaVersion: '2' })}`,
  })),
  'GET /api/conflicts': scoped(
    session(200, (c) => ({ url: `/api/conflicts?householdId=${c.target.householdId}` })),
  ),
  'GET /api/legal-parameters': session(200),
  'GET /api/plans/thresholds': session(200),
  'POST /api/coordination/duplicates/check': session(400),
  'GET /api/quarantine': roles(COORDINATION, 200),
  'POST /api/quarantine/:id/handled': roles(COORDINATION, 404),
  'GET /api/device-alerts': roles(COORDINATION, 200),
  'POST /api/device-alerts/:id/handled': roles(COORDINATION, 404),
  'GET /api/coordination/merge-preview': roles(COORDINATION, 400),
  'POST /api/coordination/merges': roles(COORDINATION, 400),
  'GET /api/coordination/merges': roles(COORDINATION, 200),
  'POST /api/coordination/merges/:mergeId/undo': roles(COORDINATION, 400),
  'GET /api/coordination/duplicates': roles(COORDINATION, 200),
  'POST /api/coordination/duplicates/not-duplicate': roles(COORDINATION, 400),
  'POST /api/coordination/duplicates/rescan': roles(ADMIN, 200, () => ({}), WRITES),
  'GET /api/reports/activity': roles(COORDINATION, 200, () => ({ url: `/api/reports/activity${year}` })),
  'GET /api/reports/dossiers.csv': roles(COORDINATION, 200, () => ({
    url: `/api/reports/dossiers.csv${year}`,
  })),
  'GET /api/plans/worklist': roles(COORDINATION, 200),
  'GET /api/admin/welcome-points': roles(ADMIN, 200),
  'POST /api/admin/welcome-points': roles(
    ADMIN,
    201,
    () => ({ payload: { id: `wp-${randomUUID().slice(0, 8)}`, name: 'P' } }),
    WRITES,
  ),
  'PATCH /api/admin/welcome-points/:id': roles(ADMIN, 404, () => ({ payload: { name: 'P' } })),
  'DELETE /api/admin/welcome-points/:id': roles(ADMIN, 404),
  'GET /api/admin/users': roles(ADMIN, 200),
  'POST /api/admin/users': roles(ADMIN, 201, () => ({ payload: newUser() }), WRITES),
  'GET /api/admin/users/:id': roles(ADMIN, 404),
  'PATCH /api/admin/users/:id': roles(ADMIN, 404, () => ({ payload: { displayName: 'U' } })),
  'DELETE /api/admin/users/:id': roles(ADMIN, 404),
  'GET /api/admin/users/:id/sessions': roles(ADMIN, 200),
  'DELETE /api/admin/sessions/:id': roles(ADMIN, 404),
  'GET /api/admin/legal-parameters': roles(ADMIN, 200),
  'POST /api/admin/legal-parameters': roles(ADMIN, 400),
  'PUT /api/admin/legal-parameters/:id': roles(ADMIN, 400),
  'DELETE /api/admin/legal-parameters/:id': roles(ADMIN, 404),
  'GET /api/admin/plan-thresholds': roles(ADMIN, 200),
  'PUT /api/admin/plan-thresholds': roles(ADMIN, 400),
  'POST /api/access-log/openings': session(200, () => ({ payload: { openings: [] } })),
  'GET /api/admin/access-log': roles(ADMIN, 200),
  'GET /api/households/:id/export': scoped(
    roles(COORDINATION, 200, (c) => ({ url: `/api/households/${c.target.householdId}/export` })),
  ),
  'POST /api/households/:id/erasure': roles(COORDINATION, 400),
  'GET /api/admin/retention': roles(ADMIN, 200),
  'PUT /api/admin/retention': roles(ADMIN, 400),
  'GET /api/admin/anonymisation-runs': roles(ADMIN, 200),
  'PUT /api/auth/device-key': session(400),
  'GET /api/auth/device-key': session(404),
  'POST /api/auth/device-wiped': session(400),
  'GET /api/admin/users/:id/devices': roles(ADMIN, 404),
  'POST /api/admin/devices/:deviceId/wipe': roles(ADMIN, 400),
  'DELETE /api/admin/devices/:deviceId/wipe': roles(ADMIN, 404),
};

/** The routes a withdrawn device may still call (WIPE4, WIPE9). */
const WITHDRAWN_MAY = new Set(['POST /api/sync/push', 'POST /api/auth/device-wiped']);

const ROLES: readonly Role[] = ['volunteer', 'counsellor', 'coordinator', 'admin'];
const accountOf = (f: Fixtures, role: Role): Account =>
  ({
    volunteer: f.world.volunteerA,
    counsellor: f.world.counsellorA,
    coordinator: f.world.coordinator,
    admin: f.world.admin,
  })[role];
/** Whether `role` sees households of every welcome point (the others: welcome point A only). */
const seesAll = (role: Role) => role === 'coordinator' || role === 'admin';
const allows = (rule: Rule, role: Role) =>
  rule.who === 'public' || rule.who === 'session' || rule.who.includes(role);

for (const engine of ENGINES) {
  describe(`[SEC5] the authorisation matrix on ${engine.name}`, () => {
    const clock = new TestClock();
    let app: FastifyInstance;
    let store: RelaisStore;
    let destroy: () => Promise<void>;
    let f: Fixtures;
    beforeAll(async () => {
      const made = await engine.make();
      ({ store, destroy } = made);
      app = await openApp(store, clock);
      f = await makeFixtures(app, store, clock);
    });
    afterAll(async () => {
      await app.close();
      await destroy();
    });

    async function send(key: string, call: Call, token: string | undefined): Promise<LightMyRequestResponse> {
      const [method = 'GET', path = ''] = key.split(' ');
      const rule = RULES[key] as Rule;
      const built: Req = await (rule.req ?? ((): Req => ({})))(call);
      const url = built.url ?? path.replace(/:[A-Za-z]+/g, () => randomUUID());
      const payload = built.payload ?? (method === 'GET' || method === 'DELETE' ? undefined : {});
      return app.inject({
        method: method as 'GET',
        url,
        ...(token === undefined ? {} : { headers: bearer(token) }),
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
    }
    const call = (account: Account, target: HouseholdFixture): Call => ({
      app,
      store,
      clock,
      f,
      target,
      account,
    });
    const leaks = (body: string) => [...f.own.secrets, ...f.foreign.secrets].filter((s) => body.includes(s));

    it('[SEC5] the table names every served route, and nothing else (a new route fails here until it has a line)', () => {
      expect(Object.keys(RULES).sort()).toEqual(servedApiRoutes(app));
      const publicRoutes = Object.keys(RULES).filter((key) => RULES[key]?.who === 'public');
      expect(publicRoutes.sort()).toEqual([...PUBLIC_API_ROUTES].sort()); // and the OpenAPI document agrees (SEC4)
    });

    it('[SEC5] refused: no or a dead session (401), a role not listed or a foreign household (403); nothing leaks, nothing changes', async () => {
      const wrong: unknown[] = [];
      let before = await snapshot(store);
      for (const [key, rule] of Object.entries(RULES)) {
        if (rule.who === 'public') continue;
        const refusals: [string, Account, HouseholdFixture, string | undefined, number][] = [];
        for (const [state, token] of Object.entries(f.refusedSessions)) {
          // WIPE9: a deactivated user's devices are withdrawn: 410 everywhere but the two routes
          // the order needs (push what it holds, confirm the erasure: tests/server/security/remote-wipe.test.ts).
          if (state !== 'deactivated') refusals.push([state, f.world.admin, f.own, token, 401]);
          else if (!WITHDRAWN_MAY.has(key)) refusals.push([state, f.world.admin, f.own, token, 410]);
        }
        for (const role of ROLES) {
          const account = accountOf(f, role);
          if (!allows(rule, role)) refusals.push([role, account, f.own, account.token, 403]);
          else if (rule.household && !seesAll(role))
            refusals.push([`${role} foreign`, account, f.foreign, account.token, 403]);
        }
        for (const [who, account, target, token, status] of refusals) {
          const response = await send(key, call(account, target), token);
          const error = (response.json() as { error?: string }).error;
          const expected = { 401: 'unauthorized', 403: 'forbidden', 410: 'gone' }[status];
          if (response.statusCode !== status || error !== expected || leaks(response.body).length > 0)
            wrong.push({ key, who, status: response.statusCode, body: response.body.slice(0, 200) });
        }
        const after = await snapshot(store);
        if (after !== before) wrong.push({ key, changed: true });
        before = after;
      }
      expect(wrong).toEqual([]);
    }, 60_000);

    it('[SEC5] allowed, reads: every role the table lets in gets the status, and a welcome point A role never sees B', async () => {
      const wrong: unknown[] = [];
      for (const [key, rule] of Object.entries(RULES)) {
        if (rule.writes) continue;
        for (const role of ROLES.filter((r) => allows(rule, r))) {
          for (const target of rule.household && seesAll(role) ? [f.own, f.foreign] : [f.own]) {
            const account = accountOf(f, role);
            const response = await send(key, call(account, target), account.token);
            const leaked = seesAll(role) ? [] : f.foreign.secrets.filter((s) => response.body.includes(s));
            if (response.statusCode !== rule.ok || leaked.length > 0)
              wrong.push({
                key,
                role,
                status: response.statusCode,
                leaked,
                body: response.body.slice(0, 200),
              });
          }
        }
      }
      expect(wrong).toEqual([]);
    }, 60_000);

    it('[SEC5] allowed, writes (last): every role the table lets in gets the status, each on a fresh session', async () => {
      const wrong: unknown[] = [];
      for (const [key, rule] of Object.entries(RULES)) {
        if (!rule.writes) continue;
        for (const role of ROLES.filter((r) => allows(rule, r))) {
          for (const target of rule.household && seesAll(role) ? [f.own, f.foreign] : [f.own]) {
            const account = await newDevice(app, accountOf(f, role));
            const response = await send(key, call(account, target), account.token);
            if (response.statusCode !== rule.ok)
              wrong.push({ key, role, status: response.statusCode, body: response.body.slice(0, 200) });
          }
        }
      }
      expect(wrong).toEqual([]);
    }, 60_000);
  });
}
