import Database from 'better-sqlite3';
import { defaultMigrationsDir, loadMigrations } from './migrations';
import { type PositionalSql, type SqlExecutor, type SqlValue, toPositional } from './sql';
import type { MigrateResult, RelaisStore, TransactionOptions } from './store';
import { createStoreTx, type StoreTx } from './store-tx';

export interface SqliteStoreOptions {
  /** File path, or ':memory:' for throwaway tests. */
  path: string;
  migrationsDir?: string;
}

/** Connection settings; exported so a test can check them on a connection of its own. */
export function applyPragmas(db: Database.Database): void {
  // WAL lets readers run during a write; synchronous=FULL makes a committed sync push survive
  // a power cut (NORMAL could lose the last transactions, which a client has already dropped).
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // A second process (a backup script, a second server by mistake) waits instead of failing.
  db.pragma('busy_timeout = 5000');
}

/**
 * The default engine: one file in DATA_DIR, nothing to install. better-sqlite3 is synchronous,
 * which is fine here: statements take microseconds and a single association's server is small.
 */
export class SqliteStore implements RelaisStore {
  readonly kind = 'sqlite' as const;
  readonly location: string;
  readonly #db: Database.Database;
  readonly #migrationsDir: string;
  readonly #statements = new Map<
    string,
    { statement: Database.Statement; order: number[]; reader: boolean }
  >();
  /** Tail of the queue: one transaction at a time on the single connection. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: SqliteStoreOptions) {
    this.location = options.path;
    this.#migrationsDir = options.migrationsDir ?? defaultMigrationsDir('sqlite');
    this.#db = new Database(options.path);
    applyPragmas(this.#db);
  }

  async migrate(): Promise<MigrateResult> {
    const migrations = loadMigrations(this.#migrationsDir);
    const applied: number[] = [];
    this.#db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY NOT NULL,
      name TEXT NOT NULL,
      applied_at TEXT NOT NULL
    )`);
    for (const migration of migrations) {
      // IMMEDIATE takes the write lock before re-reading the applied set, so two processes
      // migrating the same file cannot both apply a version.
      const applyOne = this.#db.transaction(() => {
        const done = this.#db
          .prepare('SELECT 1 FROM schema_migrations WHERE version = ?')
          .get(migration.version);
        if (done !== undefined) return false;
        this.#db.exec(migration.sql);
        this.#db
          .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
          .run(migration.version, migration.name, new Date().toISOString());
        return true;
      });
      if (applyOne.immediate()) applied.push(migration.version);
    }
    return { applied, schemaVersion: await this.schemaVersion() };
  }

  async schemaVersion(): Promise<number> {
    const table = this.#db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
      .get();
    if (table === undefined) return 0;
    const row = this.#db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as {
      version: number | null;
    };
    return row.version ?? 0;
  }

  async ping(): Promise<void> {
    this.#db.prepare('SELECT 1').get();
  }

  /**
   * One transaction at a time: `fn` is async, and another request's statements must not run on
   * the shared connection inside it. BEGIN IMMEDIATE takes the write lock up front, so a second
   * process on the same file waits (busy_timeout) instead of failing at commit.
   */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>, _options?: TransactionOptions): Promise<T> {
    const run = async (): Promise<T> => {
      this.#db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(createStoreTx(this.#executor));
        this.#db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
        throw error;
      }
    };
    const next = this.#queue.then(run, run);
    this.#queue = next.catch(() => {});
    return next;
  }

  readonly #executor: SqlExecutor = {
    engine: 'sqlite',
    all: async <T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> => {
      const { statement, order } = this.#prepare(sql);
      return statement.all(...order.map((i) => params[i] ?? null)) as T[];
    },
    run: async (sql: string, params: readonly SqlValue[] = []): Promise<number> => {
      const { statement, order, reader } = this.#prepare(sql);
      const values = order.map((i) => params[i] ?? null);
      if (reader) {
        statement.all(...values);
        return 0;
      }
      return statement.run(...values).changes;
    },
  };

  #prepare(sql: string): { statement: Database.Statement; order: number[]; reader: boolean } {
    let cached = this.#statements.get(sql);
    if (cached === undefined) {
      const positional: PositionalSql = toPositional(sql);
      const statement = this.#db.prepare(positional.sql);
      cached = { statement, order: positional.order, reader: statement.reader };
      this.#statements.set(sql, cached);
    }
    return cached;
  }

  async getMeta(key: string): Promise<string | undefined> {
    const row = this.#db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as
      | { value: string }
      | undefined;
    return row?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    this.#db
      .prepare(
        `INSERT INTO meta (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(key, value, new Date().toISOString());
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }
}
