/**
 * The device side of the sync test harness: real devices (fake-indexeddb database, real
 * DossierRepository, real SyncClient) for the client tests and the simulation, talking to the
 * real server (tests/support/test-server.ts) through a fault-injecting transport
 * (faulty-transport.ts), and the views that compare what devices and server hold. The engines,
 * clock, constants and first start come from the harness base (tests/support/sync-harness.ts),
 * shared with the server suites of tests/server/sync.
 */
import { afterEach, beforeEach } from 'vitest';
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
import type { SyncReport } from '../../src/sync/push-loop';
import { SessionStore } from '../../src/sync/session-store';
import { SyncClient } from '../../src/sync/sync-client';
import type { FetchLike } from '../../src/sync/sync-http';
import { type Engine, PASSWORD, WP_A } from '../support/sync-harness';
import { TestServer, type WorldUser } from '../support/test-server';
import { FaultyTransport } from './faulty-transport';

/** The harness base: engines, clock, constants, first start, fetch over app.inject. */
export * from '../support/sync-harness';
/** The real server of the device-side tests. */
export * from '../support/test-server';
export * from './faulty-transport';

/** Deterministic PRNG (mulberry32). */
export const prng = mulberry32;

export function bytesFrom(random: () => number): (n: number) => Uint8Array {
  return (n) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
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

/** How makeDevice builds a device. */
export interface DeviceOptions {
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
}

export async function makeDevice(
  server: TestServer,
  name: string,
  options: DeviceOptions = {},
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
            moveDraftsOf: (moves: ReadonlyMap<string, string>) =>
              (device.drafts as DraftRegistry).moveDraftsOf(moves),
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

/** A describe block's server, fresh for each test, and what its test opened. */
export interface TestWorld {
  readonly server: TestServer;
  /** The first admin's token (makeWorld). */
  readonly adminToken: string;
  /** A device on the server, its database closed after the test. */
  device(name: string, options?: DeviceOptions): Promise<Device>;
  /** Closes `db` (a database the test opened itself) after the test. */
  closeAfter<T extends { close(): void }>(db: T): T;
}

/**
 * Starts a server on `engine` before each test of the describe block, with the first admin,
 * welcome point A (and B with `pointB`) and `users` (TestServer.makeWorld); after each test,
 * closes the databases the test opened and the server. Call it inside `describe`; read the
 * fields inside the tests.
 */
export function useTestServer(
  engine: Engine,
  users: WorldUser[] = [],
  options: { pointB?: boolean } = {},
): TestWorld {
  const opened: { close(): void }[] = [];
  const world = {
    async device(name: string, options: DeviceOptions = {}) {
      const device = await makeDevice(world.server, name, options);
      opened.push(device.db);
      return device;
    },
    closeAfter<T extends { close(): void }>(db: T): T {
      opened.push(db);
      return db;
    },
  } as { -readonly [K in keyof TestWorld]: TestWorld[K] };
  beforeEach(async () => {
    world.server = await TestServer.start(engine);
    world.adminToken = await world.server.makeWorld(users, options);
  });
  afterEach(async () => {
    for (const db of opened.splice(0)) db.close();
    await world.server.close();
  });
  return world;
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

/**
 * The device pushes a new dossier whose rent amount (-5) the server refuses with the shared
 * schema (QUAR1): the dossier and its applicant apply, the rent is quarantined.
 */
export async function pushRefusedRent(device: Device): Promise<{ householdId: string; report: SyncReport }> {
  const { household } = await device.repository.createHousehold(householdFields(), [applicantFields()]);
  const rent = await device.repository.addRow('charge', household.id, rentFields());
  await device.db.outbox
    .filter((e) => e.entityId === rent.id)
    .modify((e) => {
      e.patch = { ...e.patch, amountCents: -5 };
    });
  return { householdId: household.id, report: await device.client.sync() };
}

const META = new Set<string>(ROW_META_KEYS);

/**
 * A row reduced to what must converge: entity fields, its household (a merge moves rows between
 * households, MERGE5), the tombstone flag and the server version.
 */
export function comparable(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: row.id,
    householdId: row.householdId,
    deleted: row.deleted === true,
    version: row.version,
  };
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

/**
 * A plain client (no faults, no device label) on `db`, signed in as the admin, whose pull pages
 * are captured as the server sent them.
 */
export async function capturingClient(
  server: TestServer,
  db: RelaisDb,
  limits: { pullLimit?: number; initialPullLimit?: number } = {},
): Promise<{ client: SyncClient; pages: PullResponse[] }> {
  const sessions = new SessionStore(db);
  await sessions.load();
  const pages: PullResponse[] = [];
  const fetch = capturingPullPages(server.fetch, pages);
  const client = new SyncClient({
    db,
    sessions,
    fetch,
    appVersion: '1.0.0',
    now: server.clock.now,
    ...limits,
  });
  await client.login('admin', PASSWORD);
  return { client, pages };
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
