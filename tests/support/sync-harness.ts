/**
 * The base of the one sync test harness, imported by the server suites (through
 * tests/server/sync/harness.ts: simulated devices that build wire mutations) and the device
 * suites (through tests/sync/helpers.ts: real SyncClient devices) alike. Declared here once:
 * the engines a store runs on, the test clock, the constants, the app opened on a store, the
 * accounts and welcome points a world starts with, and a fetch reaching the app over app.inject.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import type { Role } from '../../src/domain/sync/protocol';
import type { FetchLike } from '../../src/sync/sync-http';
import { type BuildAppOptions, buildApp } from '../../sync-server/src/app';
import { PostgresStore } from '../../sync-server/src/stores/postgres-store';
import { SqliteStore } from '../../sync-server/src/stores/sqlite-store';
import type { RelaisStore } from '../../sync-server/src/stores/store';
import { makeConfig } from '../server/helpers';
import { DATABASE_URL } from './database-url';

export { DATABASE_URL };

/** A fresh, migrated database and how to reach it again. */
export interface MadeStore {
  store: RelaisStore;
  /**
   * Another connection to the same database (another "server process", or the same one
   * restarted); its PostgreSQL sessions carry `applicationName` when given (to find them in
   * pg_stat_activity). Not migrated: the database already is.
   */
  open: (applicationName?: string) => RelaisStore;
  destroy: () => Promise<void>;
}

export interface Engine {
  name: 'sqlite' | 'postgres';
  /**
   * A fresh, migrated database. On SQLite it is in memory (one connection) unless `dir` is
   * given: then it is the file `dir`/relais.db, which a restart, a backup or a restore reopens.
   */
  make(options?: { dir?: string }): Promise<MadeStore>;
}

/** The SQLite file an engine made in `dir` (backups copy it). */
export function sqlitePath(dir: string): string {
  return join(dir, 'relais.db');
}

export const sqliteEngine: Engine = {
  name: 'sqlite',
  async make(options = {}) {
    const { dir } = options;
    const open = (): RelaisStore => {
      if (dir === undefined) throw new Error('an in-memory SQLite database has one connection');
      return new SqliteStore({ path: sqlitePath(dir) });
    };
    const store = dir === undefined ? new SqliteStore({ path: ':memory:' }) : open();
    await store.migrate();
    return { store, open, destroy: async () => {} };
  },
};

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/** A fresh schema of the DATABASE_URL database; `destroy` drops it. */
export const postgresEngine: Engine = {
  name: 'postgres',
  async make() {
    const schema = `relais_sync_${process.pid}_${randomBytes(4).toString('hex')}`;
    const open = (applicationName?: string): RelaisStore => {
      if (applicationName === undefined)
        return new PostgresStore({ connectionString: DATABASE_URL ?? '', schema });
      const url = new URL(DATABASE_URL ?? '');
      url.searchParams.set('application_name', applicationName);
      return new PostgresStore({ connectionString: url.toString(), schema });
    };
    const store = open();
    await store.migrate();
    return { store, open, destroy: () => dropSchema(schema) };
  },
};

/** SQLite always; PostgreSQL too when DATABASE_URL is set. */
export const ENGINES: Engine[] = DATABASE_URL ? [sqliteEngine, postgresEngine] : [sqliteEngine];

export const T0 = Date.UTC(2026, 10, 27, 9, 0, 0);

/**
 * A clock tests move, shared by the server and the devices. With `tickMs`, every reading moves
 * it on too (the device suites: two writes never share a millisecond, as on a real device).
 */
export class TestClock {
  constructor(
    public ms = T0,
    private readonly tickMs = 0,
  ) {}
  now = (): number => {
    this.ms += this.tickMs;
    return this.ms;
  };
  advance(ms: number): void {
    this.ms += ms;
  }
}

export const PASSWORD = 'correct horse battery';
export const WP_A = 'wp-a';
export const WP_B = 'wp-b';

/** The real app on `store`, its clock the test's. */
export async function openApp(
  store: RelaisStore,
  clock: TestClock,
  options: Omit<BuildAppOptions, 'store' | 'now'> = {},
): Promise<FastifyInstance> {
  // Cheap scrypt parameters keep the suites fast; the production default is tested in AUTH2.
  return buildApp(makeConfig('/nonexistent-relais-test-dir'), {
    store,
    now: clock.now,
    scrypt: { N: 2 ** 10, r: 8, p: 1 },
    // The suites push thousands of times a test-clock minute; SEC3 is tested with its own limit.
    pushLimit: UNLIMITED_PUSHES,
    ...options,
  });
}

/** Practically no push throttling (SEC3), for suites that are not about it. */
export const UNLIMITED_PUSHES = { maxRequests: 1_000_000, windowMs: 1000 };

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

export async function login(
  app: FastifyInstance,
  username: string,
  deviceId: string,
  password = PASSWORD,
): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password, deviceId } });
}

/** A signed-in session of an account, as the server tests hold it. */
export interface Account {
  username: string;
  userId: string;
  role: Role;
  token: string;
  deviceId: string;
}

/** Signs `username` in on a new device (a random device id unless given); throws unless 200. */
export async function signIn(
  app: FastifyInstance,
  username: string,
  role: Role,
  deviceId = `dev-${username}-${randomBytes(3).toString('hex')}`,
): Promise<Account> {
  const response = await login(app, username, deviceId);
  if (response.statusCode !== 200)
    throw new Error(`login ${username}: ${response.statusCode} ${response.body}`);
  const body = response.json() as { token: string; user: { id: string } };
  return { username, userId: body.user.id, role, token: body.token, deviceId };
}

export interface NewUser {
  username: string;
  role: Role;
  welcomePointIds: string[];
  /** Default: the user name. */
  displayName?: string;
}

/**
 * The first start of a server, through its API: the first admin (password PASSWORD), signed in
 * on `adminDeviceId`, then the welcome points and the users, each checked created.
 */
export async function setUpServer(
  app: FastifyInstance,
  world: { welcomePoints: { id: string; name: string }[]; users: NewUser[]; adminDeviceId?: string },
): Promise<Account> {
  const created = async (url: string, payload: Record<string, unknown>, token?: string) => {
    const response = await app.inject({
      method: 'POST',
      url,
      payload,
      ...(token === undefined ? {} : { headers: bearer(token) }),
    });
    if (response.statusCode !== 201) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
  };
  await created('/api/setup', { username: 'admin', password: PASSWORD, displayName: 'Admin' });
  const admin = await signIn(app, 'admin', 'admin', world.adminDeviceId);
  for (const point of world.welcomePoints) await created('/api/admin/welcome-points', point, admin.token);
  for (const { displayName, ...user } of world.users) {
    const payload = { ...user, displayName: displayName ?? user.username, password: PASSWORD };
    await created('/api/admin/users', payload, admin.token);
  }
  return admin;
}

/**
 * A browser-like fetch over app.inject, for a SyncClient or a sync service: `app` is read at each
 * request, so it reaches the current app across restarts.
 */
export function injectFetch(app: () => FastifyInstance): FetchLike {
  return async (input, init = {}) => {
    const url = new URL(input, 'http://127.0.0.1');
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries((init.headers ?? {}) as Record<string, string>)) headers[k] = v;
    const response = await app().inject({
      method: (init.method ?? 'GET') as 'GET',
      url: url.pathname + url.search,
      headers,
      ...(typeof init.body === 'string' ? { payload: init.body } : {}),
    });
    const out = new Headers();
    for (const [k, v] of Object.entries(response.headers)) {
      if (v !== undefined) out.set(k, Array.isArray(v) ? v.join(', ') : String(v));
    }
    const empty = response.statusCode === 204 || response.body === '';
    return new Response(empty ? null : response.body, { status: response.statusCode, headers: out });
  };
}
