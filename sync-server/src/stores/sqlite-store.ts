import Database from 'better-sqlite3';
import { defaultMigrationsDir, loadMigrations } from './migrations';
import type { MigrateResult, RelaisStore } from './store';

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
