import pg from 'pg';
import { defaultMigrationsDir, loadMigrations } from './migrations';
import { WriteBatch } from './postgres-write-batch';
import type { SqlExecutor, SqlValue } from './sql';
import type { MigrateResult, RelaisStore, TransactionOptions } from './store';
import { createStoreTx, type StoreTx } from './store-tx';

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
// Advisory lock held by every sequenced (push) transaction until it commits, so change sequence
// numbers are allocated and committed in the same order (ADR 0007). "SEQ" in ASCII.
const SEQUENCE_LOCK_KEY = 0x534551;

// BIGINT (int8) columns hold Unix milliseconds and sequence numbers, all below 2^53: read them as
// numbers, as SQLite does, instead of pg's default strings. Per pool, not pg's global parser.
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

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
      types,
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

  /**
   * One transaction on one pooled connection, READ COMMITTED. A sequenced transaction first takes
   * `pg_advisory_xact_lock(SEQUENCE_LOCK_KEY, schema)`: it allocates sequence numbers only while
   * holding it and releases it by committing, so commit order equals sequence order and a pull
   * never sees seq n+1 before seq n (I6), across any number of server processes.
   */
  async transaction<T>(fn: (tx: StoreTx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const client = await this.#pool.connect();
    let broken = false;
    // A connection killed while checked out (server restart, pg_terminate_backend) emits 'error'
    // on the client; without a listener that would crash the process. The pending query rejects
    // anyway, the transaction is lost (nothing committed) and the client is discarded.
    const onError = (): void => {
      broken = true;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      if (options.sequenced === true) {
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
          SEQUENCE_LOCK_KEY,
          this.#schema ?? '',
        ]);
      }
      // ADR 0029: the push's one-row inserts go as one statement per table, sent before the next
      // statement of the transaction and before its commit.
      const held = new WriteBatch((query) => client.query(query));
      const executor: SqlExecutor = {
        engine: 'postgres',
        all: async <R>(sql: string, params: readonly SqlValue[] = []): Promise<R[]> => {
          await held.flush();
          return (await client.query(sql, params as SqlValue[])).rows as R[];
        },
        run: async (sql: string, params: readonly SqlValue[] = []): Promise<number> => {
          // A held insert writes exactly one row (or fails the transaction when it is sent).
          if (await held.hold(sql, params)) return 1;
          await held.flush();
          return (await client.query(sql, params as SqlValue[])).rowCount ?? 0;
        },
      };
      const result = await fn(createStoreTx(executor));
      await held.flush();
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw error;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
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
