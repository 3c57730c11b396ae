import pg from 'pg';
import { defaultMigrationsDir, loadMigrations } from './migrations';
import type { MigrateResult, RelaisStore } from './store';

export interface PostgresStoreOptions {
  connectionString: string;
  /**
   * Schema holding every table, created by migrate() when missing. Unset means the server's
   * default search_path (normally `public`). Tests use a fresh schema each run.
   */
  schema?: string;
  migrationsDir?: string;
  /** Connection attempts give up after this long, so an unreachable host fails startup quickly. */
  connectTimeoutMs?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

// Arbitrary constant: the first half of the advisory lock key, "RELA" in ASCII.
const MIGRATION_LOCK_CLASS = 0x52454c41;

export class PostgresStore implements RelaisStore {
  readonly kind = 'postgres' as const;
  readonly location: string;
  readonly #pool: pg.Pool;
  readonly #schema: string | undefined;
  readonly #migrationsDir: string;
  #closed = false;

  constructor(options: PostgresStoreOptions) {
    if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
      throw new Error(`Invalid PostgreSQL schema name: ${options.schema}`);
    }
    this.#schema = options.schema;
    this.#migrationsDir = options.migrationsDir ?? defaultMigrationsDir('postgres');
    const timeout = options.connectTimeoutMs ?? 5000;
    this.location = describe(options.connectionString, options.schema);
    this.#pool = new pg.Pool({
      connectionString: options.connectionString,
      connectionTimeoutMillis: timeout,
      query_timeout: 30_000,
      max: 10,
      // Sent in the startup packet, so every pooled connection sees the same schema.
      ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
    });
    // An idle client losing its connection (server restart) emits 'error' on the pool; without a
    // listener that would crash the process. The next query simply gets a new connection.
    this.#pool.on('error', () => {});
  }

  async migrate(): Promise<MigrateResult> {
    const migrations = loadMigrations(this.#migrationsDir);
    const applied: number[] = [];
    const client = await this.#pool.connect();
    try {
      for (const migration of migrations) {
        await client.query('BEGIN');
        try {
          // Two servers starting together would otherwise both see version N missing and both
          // apply it. The lock is released with the transaction, crash included.
          await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
            MIGRATION_LOCK_CLASS,
            this.#schema ?? '',
          ]);
          if (this.#schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.#schema}`);
          await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
          )`);
          const done = await client.query('SELECT 1 FROM schema_migrations WHERE version = $1', [
            migration.version,
          ]);
          if (done.rowCount === 0) {
            await client.query(migration.sql);
            await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
              migration.version,
              migration.name,
            ]);
            applied.push(migration.version);
          }
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          throw error;
        }
      }
    } finally {
      client.release();
    }
    return { applied, schemaVersion: await this.schemaVersion() };
  }

  async schemaVersion(): Promise<number> {
    const table = await this.#pool.query<{ exists: string | null }>(
      "SELECT to_regclass('schema_migrations')::text AS exists",
    );
    if (table.rows[0]?.exists == null) return 0;
    const result = await this.#pool.query<{ version: number | null }>(
      'SELECT MAX(version) AS version FROM schema_migrations',
    );
    return result.rows[0]?.version ?? 0;
  }

  async ping(): Promise<void> {
    await this.#pool.query('SELECT 1');
  }

  async getMeta(key: string): Promise<string | undefined> {
    const result = await this.#pool.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key]);
    return result.rows[0]?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.#pool.query(
      `INSERT INTO meta (key, value, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at`,
      [key, value],
    );
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }
}

/** "postgres 127.0.0.1:5432/relais" without user or password, for the startup line. */
function describe(connectionString: string, schema: string | undefined): string {
  let where = 'postgres';
  try {
    const url = new URL(connectionString);
    where = `postgres ${url.host}${url.pathname}`;
  } catch {
    // The config already validated the URL; keep the generic label if it still cannot be parsed.
  }
  return schema === undefined ? where : `${where} (schema ${schema})`;
}
