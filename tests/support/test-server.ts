/**
 * The real sync server of the device-side tests (tests/sync, tests/state, tests/ui): the app on
 * SQLite in a temp dir or a fresh PostgreSQL schema, which a test can crash inside a push,
 * restart, back up and restore, or run without its database; its fetch goes over app.inject.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { FetchLike } from '../../src/sync/sync-http';
import type { PushLimitOptions } from '../../sync-server/src/auth/push-rate-limit';
import type { RateLimitOptions } from '../../sync-server/src/auth/rate-limit';
import type { RelaisStore } from '../../sync-server/src/stores/store';
import { markRestored } from '../../sync-server/src/sync/pull';
import {
  type Engine,
  injectFetch,
  type MadeStore,
  type NewUser,
  openApp,
  setUpServer,
  sqliteEngine,
  sqlitePath,
  T0,
  TestClock,
  WP_A,
  WP_B,
} from './sync-harness';

/** A user of a test world (NewUser whose welcome points default to A). */
export type WorldUser = Omit<NewUser, 'welcomePointIds'> & { welcomePointIds?: string[] };

export interface TestServerOptions {
  /** Login throttling; default: practically none (1000 failures a second). */
  loginLimit?: RateLimitOptions;
  /** Push throttling (SEC3); default: practically none. */
  pushLimit?: PushLimitOptions;
}

/** A server whose store can be crashed/restarted and restored from a backup. */
export class TestServer {
  app!: FastifyInstance;
  private made!: MadeStore;
  /** The store the app runs on now (read it to check what the server kept). */
  store!: RelaisStore;
  /** Makes the server throw inside the push transaction after mutation `index` (crash injection). */
  crashAfterMutation: number | undefined;
  private readonly dir: string;

  private constructor(
    readonly engine: Engine,
    /** The server's and the devices' clock (by default from T0, 1 ms more at each reading). */
    readonly clock: TestClock,
    private readonly options: TestServerOptions,
  ) {
    this.dir = mkdtempSync(join(tmpdir(), 'relais-sync-'));
  }

  static async start(
    engine: Engine = sqliteEngine,
    clock = new TestClock(T0, 1),
    options: TestServerOptions = {},
  ): Promise<TestServer> {
    const server = new TestServer(engine, clock, options);
    server.made = await engine.make({ dir: server.dir });
    await server.open(server.made.store);
    return server;
  }

  private get dbPath(): string {
    return sqlitePath(this.dir);
  }

  private async open(store: RelaisStore): Promise<void> {
    this.store = store;
    await store.migrate();
    this.app = await openApp(store, this.clock, {
      loginLimit: this.options.loginLimit ?? { maxFailures: 1000, windowMs: 1000 },
      ...(this.options.pushLimit === undefined ? {} : { pushLimit: this.options.pushLimit }),
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

  /** The database goes away under the running app (requests then answer 503); restart() brings it back. */
  async databaseDown(): Promise<void> {
    await this.store.close();
  }

  /** Stops the process (the store is closed) and starts it again on the same database. */
  async restart(): Promise<void> {
    await this.app.close();
    await this.open(this.made.open());
  }

  /** A copy of the database as it is now (SQLite only): restore() puts it back. */
  async backup(): Promise<string> {
    if (this.engine.name !== 'sqlite') throw new Error('backups are simulated on SQLite only');
    await this.app.close();
    const copy = join(this.dir, `backup-${Date.now()}-${Math.random()}.db`);
    copyFileSync(this.dbPath, copy);
    await this.open(this.made.open());
    return copy;
  }

  async restore(backup: string): Promise<void> {
    await this.app.close();
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(this.dbPath + suffix)) rmSync(this.dbPath + suffix);
    }
    copyFileSync(backup, this.dbPath);
    await this.open(this.made.open());
    // What the operator runs after a restore (admin.ts mark-restored): a new sequence epoch.
    await markRestored(this.store);
  }

  async close(): Promise<void> {
    await this.app.close();
    rmSync(this.dir, { recursive: true, force: true });
    await this.made.destroy();
  }

  /** A fetch over app.inject (always the current app, across restarts). */
  fetch: FetchLike = injectFetch(() => this.app);

  async inject(method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown, token?: string) {
    const response = await this.app.inject({
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      ...(token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } }),
    });
    return { status: response.statusCode, body: response.body === '' ? undefined : response.json() };
  }

  /**
   * First admin, welcome point A (and B with `pointB`), and users: in welcome point A unless
   * coordinator or said otherwise. Returns the admin's token.
   */
  async makeWorld(users: WorldUser[] = [], options: { pointB?: boolean } = {}): Promise<string> {
    const admin = await setUpServer(this.app, {
      adminDeviceId: 'admin-console',
      welcomePoints: [
        { id: WP_A, name: 'Point A' },
        ...(options.pointB === true ? [{ id: WP_B, name: 'Point B' }] : []),
      ],
      users: users.map((user) => ({
        welcomePointIds: user.role === 'coordinator' ? [] : [WP_A],
        ...user,
      })),
    });
    return admin.token;
  }
}
