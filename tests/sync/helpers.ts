/**
 * The real sync server (buildApp, SQLite in a temp dir or a fresh PostgreSQL schema) and real
 * devices (fake-indexeddb database, real DossierRepository, real SyncClient) for the client
 * tests and the simulation. The client talks to the app through a fetch built on `app.inject`,
 * optionally wrapped by a fault-injecting transport.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { RelaisDb } from '../../src/db/app-db';
import type { DeviceRecordPort } from '../../src/db/device-record';
import { DossierRepository } from '../../src/db/repository';
import { createSettingsStore } from '../../src/db/settings-store';
import { type FieldsOf, ROW_SCHEMAS } from '../../src/domain/dossier/rows';
import { mulberry32 } from '../../src/domain/seeded-random';
import { ENTITY_NAMES, ENTITY_TABLES } from '../../src/domain/sync/entities';
import { type PullResponse, PullResponseSchema } from '../../src/domain/sync/protocol';
import { ROW_META_KEYS } from '../../src/domain/sync/row-meta';
import { createDraftRegistry, type DraftRegistry } from '../../src/state/drafts';
import { SessionStore } from '../../src/sync/session-store';
import { SyncClient } from '../../src/sync/sync-client';
import type { FetchLike } from '../../src/sync/sync-http';
import { buildApp } from '../../sync-server/src/app';
import { PostgresStore } from '../../sync-server/src/stores/postgres-store';
import { SqliteStore } from '../../sync-server/src/stores/sqlite-store';
import type { RelaisStore } from '../../sync-server/src/stores/store';
import { markRestored } from '../../sync-server/src/sync/pull';
import { makeConfig } from '../server/helpers';

export const DATABASE_URL = process.env.DATABASE_URL;
export const PASSWORD = 'correct horse battery';
export const WP_A = 'wp-a';
export const T0 = Date.UTC(2026, 10, 27, 9, 0, 0);

/** Deterministic PRNG (mulberry32). */
export const prng = mulberry32;

export function bytesFrom(random: () => number): (n: number) => Uint8Array {
  return (n) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
}

/** A shared clock for the server and the devices (devices may be skewed from it). */
export class SimClock {
  constructor(public ms = T0) {}
  now = (): number => {
    this.ms += 1;
    return this.ms;
  };
  advance(ms: number): void {
    this.ms += ms;
  }
}

export type Engine = 'sqlite' | 'postgres';

/** A server whose store can be crashed/restarted and restored from a backup. */
export class TestServer {
  app!: FastifyInstance;
  private store!: RelaisStore;
  /** Makes the server throw inside the push transaction after mutation `index` (crash injection). */
  crashAfterMutation: number | undefined;
  private readonly dir: string;
  private readonly schema: string;

  private constructor(
    readonly engine: Engine,
    readonly clock: SimClock,
  ) {
    this.dir = mkdtempSync(join(tmpdir(), 'relais-sync-'));
    this.schema = `relais_client_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  }

  static async start(engine: Engine = 'sqlite', clock = new SimClock()): Promise<TestServer> {
    const server = new TestServer(engine, clock);
    await server.open();
    return server;
  }

  private get dbPath(): string {
    return join(this.dir, 'relais.db');
  }

  private async open(): Promise<void> {
    this.store =
      this.engine === 'sqlite'
        ? new SqliteStore({ path: this.dbPath })
        : new PostgresStore({ connectionString: DATABASE_URL ?? '', schema: this.schema });
    await this.store.migrate();
    this.app = await buildApp(makeConfig(this.dir), {
      store: this.store,
      now: this.clock.now,
      loginLimit: { maxFailures: 1000, windowMs: 1000 },
      sync: {
        afterMutation: (index) => {
          if (this.crashAfterMutation !== undefined && index >= this.crashAfterMutation) {
            this.crashAfterMutation = undefined;
            throw new Error('injected crash inside the push transaction');
          }
        },
      },
    });
  }

  /** Stops the process (the store is closed) and starts it again on the same database. */
  async restart(): Promise<void> {
    await this.app.close();
    await this.open();
  }

  /** A copy of the database as it is now (SQLite only): restore() puts it back. */
  async backup(): Promise<string> {
    if (this.engine !== 'sqlite') throw new Error('backups are simulated on SQLite only');
    await this.app.close();
    const copy = join(this.dir, `backup-${Date.now()}-${Math.random()}.db`);
    copyFileSync(this.dbPath, copy);
    await this.open();
    return copy;
  }

  async restore(backup: string): Promise<void> {
    await this.app.close();
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(this.dbPath + suffix)) rmSync(this.dbPath + suffix);
    }
    copyFileSync(backup, this.dbPath);
    await this.open();
    // What the operator runs after a restore (admin.ts mark-restored): a new sequence epoch.
    await markRestored(this.store);
  }

  async close(): Promise<void> {
    await this.app.close();
    rmSync(this.dir, { recursive: true, force: true });
    if (this.engine === 'postgres') {
      const client = new pg.Client({ connectionString: DATABASE_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`);
      } finally {
        await client.end();
      }
    }
  }

  /** A fetch over app.inject (always the current app, across restarts). */
  fetch: FetchLike = async (input, init = {}) => {
    const url = new URL(input, 'http://127.0.0.1');
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries((init.headers ?? {}) as Record<string, string>)) headers[k] = v;
    const response = await this.app.inject({
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

  async inject(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, token?: string) {
    const response = await this.app.inject({
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      ...(token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } }),
    });
    return { status: response.statusCode, body: response.body === '' ? undefined : response.json() };
  }

  /** First admin, welcome point A, and users (all in welcome point A unless coordinator). */
  async makeWorld(users: { username: string; role: string }[] = []): Promise<string> {
    const setup = await this.inject('POST', '/api/setup', {
      username: 'admin',
      password: PASSWORD,
      displayName: 'Admin',
    });
    if (setup.status !== 201) throw new Error(`setup ${setup.status}`);
    const login = await this.inject('POST', '/api/auth/login', {
      username: 'admin',
      password: PASSWORD,
      deviceId: 'admin-console',
    });
    const token = (login.body as { token: string }).token;
    await this.inject('POST', '/api/admin/welcome-points', { id: WP_A, name: 'Point A' }, token);
    for (const user of users) {
      const r = await this.inject(
        'POST',
        '/api/admin/users',
        {
          username: user.username,
          displayName: user.username,
          password: PASSWORD,
          role: user.role,
          welcomePointIds: user.role === 'coordinator' ? [] : [WP_A],
        },
        token,
      );
      if (r.status !== 201) throw new Error(`user ${user.username}: ${JSON.stringify(r.body)}`);
    }
    return token;
  }
}

/** A transport fault injector around a fetch. */
export interface Faults {
  /** Probability that a request never reaches the server. */
  dropRequest: number;
  /** Probability that the server handles the request but the response is lost. */
  dropResponse: number;
  /** Probability that the request is delivered twice (the client sees one response). */
  duplicate: number;
  /** Probability that a stale copy of an earlier push is delivered before this request. */
  reorder: number;
}

export const NO_FAULTS: Faults = { dropRequest: 0, dropResponse: 0, duplicate: 0, reorder: 0 };

export class FaultyTransport {
  faults: Faults = { ...NO_FAULTS };
  offline = false;
  readonly log: string[] = [];
  private lastPush: { input: string; init: RequestInit } | undefined;

  constructor(
    private readonly inner: FetchLike,
    private readonly random: () => number,
  ) {}

  fetch: FetchLike = async (input, init = {}) => {
    if (this.offline) throw new TypeError('Failed to fetch (offline)');
    const isSync = input.includes('/api/sync/');
    if (isSync && this.random() < this.faults.dropRequest) {
      this.log.push(`drop-request ${input}`);
      throw new TypeError('Failed to fetch (request dropped)');
    }
    if (
      isSync &&
      input.includes('/push') &&
      this.lastPush !== undefined &&
      this.random() < this.faults.reorder
    ) {
      this.log.push('reorder: stale push delivered');
      await this.inner(this.lastPush.input, this.lastPush.init).catch(() => undefined);
    }
    if (input.includes('/push')) this.lastPush = { input, init };
    if (isSync && this.random() < this.faults.duplicate) {
      this.log.push(`duplicate ${input}`);
      const [first] = await Promise.all([this.inner(input, init), this.inner(input, init)]);
      return first;
    }
    const response = await this.inner(input, init);
    if (isSync && this.random() < this.faults.dropResponse) {
      this.log.push(`drop-response ${input} (${response.status})`);
      throw new TypeError('Failed to fetch (response dropped)');
    }
    return response;
  };
}

let dbCounter = 0;

export interface Device {
  name: string;
  db: RelaisDb;
  repository: DossierRepository;
  sessions: SessionStore;
  client: SyncClient;
  transport: FaultyTransport;
  /** Offset of this device's clock from the shared clock, ms. */
  skewMs: number;
  /** The label typed in this device's Settings (read at each login and sync, AUTH9). */
  label: string | undefined;
  /** The device's form drafts (a settings store of its own), when made with `drafts: true`. */
  drafts: DraftRegistry | undefined;
}

export async function makeDevice(
  server: TestServer,
  name: string,
  options: {
    seed?: number;
    skewMs?: number;
    username?: string;
    pullLimit?: number;
    login?: boolean;
    deviceName?: string;
    /** Reopen a database by name (a device starting again after its database was deleted). */
    dbName?: string;
    /** The device record kept outside the dossier database (scenario 34), built on `db`. */
    deviceRecord?: (db: RelaisDb) => DeviceRecordPort;
    /** Form drafts in a settings store of the device's own, wired to the client as in boot.tsx. */
    drafts?: boolean;
  } = {},
): Promise<Device> {
  dbCounter += 1;
  const random = prng(options.seed ?? dbCounter);
  const db = new RelaisDb(
    options.dbName ?? `sync-${name}-${dbCounter}-${Math.random().toString(36).slice(2)}`,
  );
  const sessions = new SessionStore(db);
  const transport = new FaultyTransport(server.fetch, random);
  const device: Device = {
    name,
    db,
    sessions,
    transport,
    skewMs: options.skewMs ?? 0,
    label: options.deviceName,
    drafts: undefined,
    repository: undefined as unknown as DossierRepository,
    client: undefined as unknown as SyncClient,
  };
  const now = () => server.clock.now() + device.skewMs;
  device.client = new SyncClient({
    db,
    sessions,
    fetch: transport.fetch,
    appVersion: '1.0.0',
    now,
    randomBytes: bytesFrom(random),
    ...(options.pullLimit === undefined ? {} : { pullLimit: options.pullLimit }),
    deviceLabel: async () => device.label,
    ...(options.deviceRecord === undefined ? {} : { deviceRecord: options.deviceRecord(db) }),
    ...(options.drafts === true
      ? {
          drafts: {
            removeDraftsOf: (ids: ReadonlySet<string>) =>
              (device.drafts as DraftRegistry).removeDraftsOf(ids),
          },
        }
      : {}),
  });
  device.repository = new DossierRepository(db, {
    now,
    randomBytes: bytesFrom(random),
    currentUserId: () => device.client.currentUserId(),
    appVersion: '1.0.0',
  });
  if (options.drafts === true) {
    device.drafts = createDraftRegistry(createSettingsStore(`${db.name}-settings`), device.repository);
  }
  if (options.login !== false) await device.client.login(options.username ?? 'admin', PASSWORD);
  return device;
}

export function householdFields(): Parameters<DossierRepository['createHousehold']>[0] {
  return {
    territory: 'metropole',
    departement: '69',
    housingStatus: 'tenant',
    welcomePointId: WP_A,
  } as Parameters<DossierRepository['createHousehold']>[0];
}

export function rentFields(amountCents = 45_000): FieldsOf<'charge'> {
  return { type: 'rent', amountCents, frequency: 'monthly', mode: 'real' } as FieldsOf<'charge'>;
}

export function applicantFields(): FieldsOf<'member'> {
  return {
    role: 'applicant',
    firstName: 'Aïcha',
    lastName: 'Benali',
    birthDate: '1984-05-12',
  } as FieldsOf<'member'>;
}

const META = new Set<string>(ROW_META_KEYS);

/** A row reduced to what must converge: entity fields, the tombstone flag and the server version. */
export function comparable(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { id: row.id, deleted: row.deleted === true, version: row.version };
  for (const [k, v] of Object.entries(row)) {
    if (!META.has(k) && k !== 'local' && v !== undefined) out[k] = v;
  }
  return out;
}

/** Every row on a device, per entity, comparable and sorted by id. */
export async function deviceView(db: RelaisDb): Promise<Record<string, Record<string, unknown>[]>> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const entity of ENTITY_NAMES) {
    const rows = (await db.table(ENTITY_TABLES[entity]).toArray()) as Record<string, unknown>[];
    out[entity] = rows.map(comparable).sort((a, b) => String(a.id).localeCompare(String(b.id)));
  }
  return out;
}

/** The server's view of everything (a fresh admin device pulling from the start). */
export async function serverView(server: TestServer): Promise<Record<string, Record<string, unknown>[]>> {
  const observer = await makeDevice(server, `observer-${Math.random()}`, { pullLimit: 2000 });
  await observer.client.sync();
  const view = await deviceView(observer.db);
  observer.db.close();
  return view;
}

/** Every stored row parses with its schema (the device never holds a broken row). */
export async function parseAll(db: RelaisDb): Promise<number> {
  let count = 0;
  for (const entity of ENTITY_NAMES) {
    for (const row of await db.table(ENTITY_TABLES[entity]).toArray()) {
      ROW_SCHEMAS[entity].parse(row);
      count += 1;
    }
  }
  return count;
}

/** A fetch that records every pull page the server sends, parsed, into `pages`. */
export function capturingPullPages(fetch: FetchLike, pages: PullResponse[]): FetchLike {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!input.endsWith('/api/sync/pull')) return response;
    const text = await response.text();
    pages.push(PullResponseSchema.parse(JSON.parse(text)));
    return new Response(text, { status: response.status, headers: response.headers });
  };
}
