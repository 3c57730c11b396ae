/**
 * Test harness for the sync server: the real Fastify app (app.inject), a store on SQLite or a
 * fresh PostgreSQL schema, a world of welcome points and users of every role, and simulated
 * devices that build outbox mutations the way src/db/change-recorder.ts does.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import type { EntityName } from '../../../src/domain/sync/entities';
import { formatHlc } from '../../../src/domain/sync/hlc';
import type { Mutation, MutationOp } from '../../../src/domain/sync/mutation';
import {
  PROTOCOL_VERSION,
  type PullResponse,
  PullResponseSchema,
  type PushResponse,
  type Role,
} from '../../../src/domain/sync/protocol';
import { type BuildAppOptions, buildApp } from '../../../sync-server/src/app';
import { PostgresStore } from '../../../sync-server/src/stores/postgres-store';
import { SqliteStore } from '../../../sync-server/src/stores/sqlite-store';
import type { RelaisStore } from '../../../sync-server/src/stores/store';
import { householdFields } from '../../household-fixture';
import { makeConfig } from '../helpers';

export { householdFields };

export const DATABASE_URL = process.env.DATABASE_URL;

export interface Engine {
  name: 'sqlite' | 'postgres';
  /**
   * A fresh, migrated database; `open` gives another connection (another "server process"),
   * whose PostgreSQL sessions carry `applicationName` when given (to find them in pg_stat_activity).
   */
  make(): Promise<{
    store: RelaisStore;
    open: (applicationName?: string) => RelaisStore;
    destroy: () => Promise<void>;
  }>;
}

export const sqliteEngine: Engine = {
  name: 'sqlite',
  async make() {
    const store = new SqliteStore({ path: ':memory:' });
    await store.migrate();
    return {
      store,
      open: () => {
        throw new Error('an in-memory SQLite database has one connection');
      },
      destroy: async () => {},
    };
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

/** A clock tests can move. */
export class TestClock {
  constructor(public ms = T0) {}
  now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

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
    ...options,
  });
}

export const PASSWORD = 'correct horse battery';

export interface Account {
  username: string;
  userId: string;
  role: Role;
  token: string;
  deviceId: string;
}

export const WP_A = 'wp-a';
export const WP_B = 'wp-b';

export interface World {
  admin: Account;
  coordinator: Account;
  counsellorA: Account;
  volunteerA: Account;
  volunteerB: Account;
}

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

async function loginOk(app: FastifyInstance, username: string, role: Role): Promise<Account> {
  const deviceId = `dev-${username}-${randomBytes(3).toString('hex')}`;
  const response = await login(app, username, deviceId);
  if (response.statusCode !== 200)
    throw new Error(`login ${username}: ${response.statusCode} ${response.body}`);
  const body = response.json() as { token: string; user: { id: string } };
  return { username, userId: body.user.id, role, token: body.token, deviceId };
}

/** Another device (session) for an existing account. */
export async function newDevice(app: FastifyInstance, account: Account): Promise<Account> {
  return loginOk(app, account.username, account.role);
}

/** Setup, two welcome points and one user of each role (volunteer B in welcome point B). */
export async function makeWorld(app: FastifyInstance): Promise<World> {
  const setup = await app.inject({
    method: 'POST',
    url: '/api/setup',
    payload: { username: 'admin', password: PASSWORD, displayName: 'Admin' },
  });
  if (setup.statusCode !== 201) throw new Error(`setup: ${setup.statusCode} ${setup.body}`);
  const admin = await loginOk(app, 'admin', 'admin');
  for (const [id, name] of [
    [WP_A, 'Point A (Lyon 8e)'],
    [WP_B, 'Point B (Vénissieux)'],
  ]) {
    const r = await app.inject({
      method: 'POST',
      url: '/api/admin/welcome-points',
      headers: bearer(admin.token),
      payload: { id, name },
    });
    if (r.statusCode !== 201) throw new Error(`welcome point: ${r.body}`);
  }
  const users: [string, Role, string[]][] = [
    ['coord', 'coordinator', []],
    ['couns-a', 'counsellor', [WP_A]],
    ['vol-a', 'volunteer', [WP_A]],
    ['vol-b', 'volunteer', [WP_B]],
  ];
  for (const [username, role, welcomePointIds] of users) {
    const r = await app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: bearer(admin.token),
      payload: { username, displayName: username, password: PASSWORD, role, welcomePointIds },
    });
    if (r.statusCode !== 201) throw new Error(`user: ${r.body}`);
  }
  return {
    admin,
    coordinator: await loginOk(app, 'coord', 'coordinator'),
    counsellorA: await loginOk(app, 'couns-a', 'counsellor'),
    volunteerA: await loginOk(app, 'vol-a', 'volunteer'),
    volunteerB: await loginOk(app, 'vol-b', 'volunteer'),
  };
}

export function chargeFields(amountCents = 45_000): Record<string, unknown> {
  return { type: 'rent', amountCents, frequency: 'monthly', mode: 'real' };
}

export function memberFields(): Record<string, unknown> {
  return { role: 'applicant', firstName: 'Aïcha', lastName: 'Benali', birthDate: '1984-05-12' };
}

export interface RowVersion {
  version: number;
  fieldVersions: Record<string, number>;
}

/**
 * A simulated device: gapless seqs, HLC stamps from its own (skewable) clock, mutations shaped
 * like the change recorder's (create carries every field; patch the changed ones with their
 * base field versions; delete/restore the tombstone fields).
 */
export class Device {
  seq = 0;
  counter = 0;
  /** Offset of this device's clock from the test clock, ms. */
  skewMs = 0;

  constructor(
    readonly app: FastifyInstance,
    readonly account: Account,
    readonly clock: TestClock,
  ) {}

  get deviceId(): string {
    return this.account.deviceId;
  }

  hlc(): string {
    this.counter += 1;
    return formatHlc({ ms: this.clock.ms + this.skewMs, counter: this.counter, node: this.deviceId });
  }

  mutation(
    op: MutationOp,
    entity: EntityName,
    entityId: string,
    householdId: string,
    patch: Record<string, unknown>,
    base: RowVersion = { version: 0, fieldVersions: {} },
  ): Mutation {
    this.seq += 1;
    const fieldVersions: Record<string, number> = {};
    for (const field of Object.keys(patch)) fieldVersions[field] = base.fieldVersions[field] ?? 0;
    return {
      seq: this.seq,
      mutationId: randomUUID(),
      deviceId: this.deviceId,
      userId: this.account.userId,
      op,
      entity,
      entityId,
      householdId,
      patch,
      base: op === 'create' ? { version: 0, fieldVersions: {} } : { version: base.version, fieldVersions },
      hlc: this.hlc(),
      schemaVersion: 1,
      appVersion: '0.1.0',
    };
  }

  create(
    entity: EntityName,
    householdId: string,
    fields: Record<string, unknown>,
    id = randomUUID(),
  ): Mutation {
    return this.mutation('create', entity, id, entity === 'household' ? id : householdId, fields);
  }

  createHousehold(welcomePointId?: string, id = randomUUID()): Mutation {
    return this.mutation('create', 'household', id, id, householdFields(welcomePointId));
  }

  patch(
    entity: EntityName,
    row: { id: string; householdId: string } & RowVersion,
    patch: Record<string, unknown>,
  ) {
    return this.mutation('patch', entity, row.id, row.householdId, patch, row);
  }

  remove(entity: EntityName, row: { id: string; householdId: string } & RowVersion): Mutation {
    return this.mutation(
      'delete',
      entity,
      row.id,
      row.householdId,
      { deleted: true, deletedAt: this.clock.ms, deletedBy: this.account.userId },
      row,
    );
  }

  async pushRaw(mutations: unknown[], extra: Record<string, unknown> = {}): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: bearer(this.account.token),
      payload: {
        protocolVersion: PROTOCOL_VERSION,
        schemaVersion: 2,
        appVersion: '0.1.0',
        deviceId: this.deviceId,
        mutations,
        ...extra,
      },
    });
  }

  async push(mutations: unknown[]): Promise<PushResponse> {
    const response = await this.pushRaw(mutations);
    if (response.statusCode !== 200) throw new Error(`push: ${response.statusCode} ${response.body}`);
    return response.json() as PushResponse;
  }

  async pullRaw(cursor: string | null, limit?: number): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method: 'POST',
      url: '/api/sync/pull',
      headers: bearer(this.account.token),
      payload: {
        protocolVersion: PROTOCOL_VERSION,
        schemaVersion: 2,
        appVersion: '0.1.0',
        deviceId: this.deviceId,
        cursor,
        ...(limit === undefined ? {} : { limit }),
      },
    });
  }

  async pull(cursor: string | null, limit?: number): Promise<PullResponse> {
    const response = await this.pullRaw(cursor, limit);
    if (response.statusCode !== 200) throw new Error(`pull: ${response.statusCode} ${response.body}`);
    // PULL13: the server writes pages without its zod serializer; every page a test pulls is
    // checked against the schema the device applies.
    const page = response.json() as PullResponse;
    const parsed = PullResponseSchema.safeParse(page);
    if (!parsed.success)
      throw new Error(`pull: the page does not match PullResponseSchema: ${parsed.error.message}`);
    return page;
  }

  /** Pulls every page from `cursor`; returns the latest state of each row and the last page. */
  async pullAll(
    cursor: string | null = null,
    limit = 500,
  ): Promise<{ rows: Map<string, Record<string, unknown>>; last: PullResponse; pages: number }> {
    const rows = new Map<string, Record<string, unknown>>();
    let next = cursor;
    let pages = 0;
    for (;;) {
      const page = await this.pull(next, limit);
      pages += 1;
      for (const change of page.changes) rows.set(`${change.entity}:${change.row.id}`, change.row);
      next = page.nextCursor;
      if (!page.hasMore) return { rows, last: page, pages };
    }
  }
}

/** A row as the server sends it. */
export type ServerRow = RowVersion & { id: string; householdId: string; [k: string]: unknown };

/** The current server row, which the test expects to exist. */
export async function requireServerRow(
  store: RelaisStore,
  entity: EntityName,
  id: string,
): Promise<ServerRow> {
  const row = await serverRow(store, entity, id);
  if (!row) throw new Error('no row');
  return row;
}

/** The server a describe block runs against; its fields are set once `beforeAll` has run. */
export interface SyncServer {
  app: FastifyInstance;
  store: RelaisStore;
  world: World;
  readonly clock: TestClock;
  /** A new device (a new login session) of the account. */
  device(account: Account): Promise<Device>;
}

/**
 * Opens a fresh store on `engine`, the app and its world before the describe block's tests, and
 * closes them after. Call it inside `describe`; read the fields inside the tests.
 */
export function useSyncServer(engine: Engine): SyncServer {
  let destroy: () => Promise<void> = async () => {};
  const server = {
    clock: new TestClock(),
    async device(account: Account): Promise<Device> {
      return new Device(server.app, await newDevice(server.app, account), server.clock);
    },
  } as SyncServer;
  beforeAll(async () => {
    const made = await engine.make();
    server.store = made.store;
    destroy = made.destroy;
    server.app = await openApp(made.store, server.clock);
    server.world = await makeWorld(server.app);
  });
  afterAll(async () => {
    await server.app.close();
    await destroy();
  });
  return server;
}

/** The current server row (through a coordinator-scope pull is overkill: read the store). */
export async function serverRow(
  store: RelaisStore,
  entity: EntityName,
  id: string,
): Promise<ServerRow | undefined> {
  const { toWireRow } = await import('../../../sync-server/src/sync/push');
  const rows = await store.transaction((tx) => tx.getRows([id]));
  const row = rows.find((r) => r.entity === entity);
  return row === undefined ? undefined : (toWireRow(row) as ServerRow);
}
