/**
 * The server side of the sync test harness: the real Fastify app (app.inject) on a store of each
 * engine, a world of two welcome points and a signed-in user of every role, and simulated devices
 * that build outbox mutations the way src/db/change-recorder.ts does. The engines, clock,
 * constants and first start come from the harness base (tests/support/sync-harness.ts), shared
 * with the device suites of tests/sync.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { type EntityName, isRootEntity } from '../../../src/domain/sync/entities';
import { formatHlc } from '../../../src/domain/sync/hlc';
import type { Mutation, MutationOp } from '../../../src/domain/sync/mutation';
import {
  PROTOCOL_VERSION,
  type PullResponse,
  PullResponseSchema,
  type PushResponse,
} from '../../../src/domain/sync/protocol';
import type { BuildAppOptions } from '../../../sync-server/src/app';
import type { RelaisStore } from '../../../sync-server/src/stores/store';
import { householdFields } from '../../household-fixture';
import {
  type Account,
  bearer,
  type Engine,
  openApp,
  setUpServer,
  signIn,
  TestClock,
  WP_A,
  WP_B,
} from '../../support/sync-harness';

/** The harness base: engines, clock, constants, first start, fetch over app.inject. */
export * from '../../support/sync-harness';
export { householdFields };

export interface World {
  admin: Account;
  coordinator: Account;
  counsellorA: Account;
  volunteerA: Account;
  volunteerB: Account;
}

/** Another device (session) for an existing account. */
export async function newDevice(app: FastifyInstance, account: Account): Promise<Account> {
  return signIn(app, account.username, account.role);
}

/** Setup, two welcome points and one user of each role (volunteer B in welcome point B). */
export async function makeWorld(app: FastifyInstance): Promise<World> {
  const admin = await setUpServer(app, {
    welcomePoints: [
      { id: WP_A, name: 'Point A (Lyon 8e)' },
      { id: WP_B, name: 'Point B (Vénissieux)' },
    ],
    users: [
      { username: 'coord', role: 'coordinator', welcomePointIds: [] },
      { username: 'couns-a', role: 'counsellor', welcomePointIds: [WP_A] },
      { username: 'vol-a', role: 'volunteer', welcomePointIds: [WP_A] },
      { username: 'vol-b', role: 'volunteer', welcomePointIds: [WP_B] },
    ],
  });
  return {
    admin,
    coordinator: await signIn(app, 'coord', 'coordinator'),
    counsellorA: await signIn(app, 'couns-a', 'counsellor'),
    volunteerA: await signIn(app, 'vol-a', 'volunteer'),
    volunteerB: await signIn(app, 'vol-b', 'volunteer'),
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
    return this.mutation('create', entity, id, isRootEntity(entity) ? id : householdId, fields);
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

/** How useSyncServer opens its server. */
export interface SyncServerOptions {
  /** A fresh server for each test (beforeEach) rather than one for the describe block. */
  perTest?: boolean;
  /** Where the clock stands when each server opens. Default T0 (set once, before the block). */
  startAt?: number;
  /** More options for buildApp (test hooks, login throttling). */
  app?: Omit<BuildAppOptions, 'store' | 'now'>;
}

/**
 * Opens a fresh store on `engine`, the app and its world before the describe block's tests (or
 * before each test), and closes them after. Call it inside `describe`; read the fields inside
 * the tests.
 */
export function useSyncServer(engine: Engine, options: SyncServerOptions = {}): SyncServer {
  let destroy: () => Promise<void> = async () => {};
  const server = {
    clock: new TestClock(),
    async device(account: Account): Promise<Device> {
      return new Device(server.app, await newDevice(server.app, account), server.clock);
    },
  } as SyncServer;
  const open = async () => {
    if (options.startAt !== undefined) server.clock.ms = options.startAt;
    const made = await engine.make();
    server.store = made.store;
    destroy = made.destroy;
    server.app = await openApp(made.store, server.clock, options.app);
    server.world = await makeWorld(server.app);
  };
  const close = async () => {
    await server.app.close();
    await destroy();
  };
  if (options.perTest === true) {
    beforeEach(open);
    afterEach(close);
  } else {
    beforeAll(open);
    afterAll(close);
  }
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
