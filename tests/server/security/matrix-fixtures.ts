/**
 * The fixtures of the authorisation matrix (SEC5): a world with a household in welcome point A
 * and one in B, each with a member and a charge whose strings a refused answer must never show;
 * sessions in every refused state; and a snapshot of the store to prove a refusal changed
 * nothing.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { hashToken } from '../../../sync-server/src/auth/sessions';
import type { RelaisStore } from '../../../sync-server/src/stores/store';
import {
  type Account,
  bearer,
  Device,
  makeWorld,
  PASSWORD,
  signIn,
  type TestClock,
  type World,
  WP_A,
  WP_B,
} from '../sync/harness';

export interface HouseholdFixture {
  householdId: string;
  chargeId: string;
  /** What the household holds that nobody outside its scope may read. */
  secrets: string[];
}

export interface Fixtures {
  world: World;
  /** In welcome point A (created by counsellor A). */
  own: HouseholdFixture;
  /** In welcome point B (created by volunteer B): foreign to volunteer A and counsellor A. */
  foreign: HouseholdFixture;
  /** Sessions every protected route refuses with 401 (the token is sent, or not). */
  refusedSessions: Record<'none' | 'garbage' | 'expired' | 'revoked' | 'deactivated', string | undefined>;
}

async function household(
  app: FastifyInstance,
  clock: TestClock,
  account: Account,
  welcomePointId: string,
  tag: string,
): Promise<HouseholdFixture> {
  const device = new Device(app, account, clock);
  const h = device.createHousehold(welcomePointId);
  const firstName = `Prénom${tag}Zéphyrine`;
  const lastName = `Nom${tag}Quatremains`;
  const label = `Libellé${tag}Créancier`;
  const member = device.create('member', h.entityId, {
    role: 'applicant',
    firstName,
    lastName,
    birthDate: '1984-05-12',
  });
  const charge = device.create('charge', h.entityId, {
    type: 'rent',
    amountCents: 61_700,
    frequency: 'monthly',
    mode: 'real',
    label,
  });
  const response = await device.push([h, member, charge]);
  if (response.results.some((r) => r.status !== 'applied'))
    throw new Error(`fixture not applied: ${JSON.stringify(response.results)}`);
  return { householdId: h.entityId, chargeId: charge.entityId, secrets: [firstName, lastName, label] };
}

async function created(app: FastifyInstance, token: string, url: string, payload: object): Promise<string> {
  const response = await app.inject({ method: 'POST', url, headers: bearer(token), payload });
  if (response.statusCode !== 201) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
  return (response.json() as { id: string }).id;
}

export async function makeFixtures(
  app: FastifyInstance,
  store: RelaisStore,
  clock: TestClock,
): Promise<Fixtures> {
  const world = await makeWorld(app);
  const own = await household(app, clock, world.counsellorA, WP_A, 'A');
  const foreign = await household(app, clock, world.volunteerB, WP_B, 'B');
  const admin = world.admin.token;
  // Each refused state on an admin's session: the one that would otherwise pass every route.
  for (const username of ['admin-expired', 'admin-revoked', 'admin-gone']) {
    const payload = { username, displayName: username, password: PASSWORD, role: 'admin' };
    await created(app, admin, '/api/admin/users', payload);
  }
  const expired = await signIn(app, 'admin-expired', 'admin');
  await store.transaction(async (tx) => {
    const session = await tx.getSessionByHash(hashToken(expired.token));
    if (!session) throw new Error('no session');
    await tx.extendSession(session.id, clock.ms - 1, clock.ms - 1);
  });
  const revoked = await signIn(app, 'admin-revoked', 'admin');
  await app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(revoked.token) });
  const gone = await signIn(app, 'admin-gone', 'admin');
  const disable = await app.inject({
    method: 'PATCH',
    url: `/api/admin/users/${gone.userId}`,
    headers: bearer(admin),
    payload: { disabled: true },
  });
  if (disable.statusCode !== 200) throw new Error(`disable: ${disable.statusCode}`);
  return {
    world,
    own,
    foreign,
    refusedSessions: {
      none: undefined,
      garbage: 'Z'.repeat(43),
      expired: expired.token,
      revoked: revoked.token,
      deactivated: gone.token,
    },
  };
}

/** The store's tables (both engines), from the database's own catalogue. */
async function tableNames(store: RelaisStore): Promise<string[]> {
  return store.transaction(async (tx) => {
    const rows =
      tx.sql.engine === 'postgres'
        ? await tx.sql.all<{ name: string }>(
            `SELECT table_name AS name FROM information_schema.tables
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
          )
        : await tx.sql.all<{ name: string }>(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
          );
    return rows.map((r) => r.name).sort();
  });
}

/**
 * Every table's content, hashed. Sessions are only counted: authenticating a request slides its
 * session's expiry (AUTH5), which a refused role's request legitimately does. Login failures
 * are left out (a login attempt is not a route this matrix refuses).
 */
export async function snapshot(store: RelaisStore): Promise<string> {
  const tables = (await tableNames(store)).filter((table) => table !== 'login_failures');
  const out: Record<string, string> = {};
  await store.transaction(async (tx) => {
    for (const table of tables) {
      const rows = await tx.sql.all(`SELECT * FROM ${table}`);
      out[table] =
        table === 'sessions'
          ? `${rows.length} rows`
          : createHash('sha256')
              .update(
                rows
                  .map((row) => JSON.stringify(row))
                  .sort()
                  .join('\n'),
              )
              .digest('hex');
    }
  });
  return JSON.stringify(out);
}
