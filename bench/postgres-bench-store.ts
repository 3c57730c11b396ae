/**
 * A PostgreSQL store for a benchmark: a fresh schema on the loopback server (never another host),
 * migrated, with a plain client beside it for what cannot run inside a transaction (VACUUM) and
 * for dropping the schema after. A string explains why PostgreSQL is skipped.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PostgresStore } from '../sync-server/src/stores/postgres-store';

export interface PostgresBenchStore {
  store: PostgresStore;
  schema: string;
  /** A client outside the store's transactions (VACUUM ANALYZE after a bulk load). */
  probe: pg.Client;
  /** Closes the store, drops the schema, ends the client. */
  cleanup(): Promise<void>;
}

export async function openPostgresBenchStore(): Promise<PostgresBenchStore | string> {
  const url =
    process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const host = new URL(url).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost') return `PostgreSQL skipped: ${host} is not loopback`;
  const schema = `relais_bench_${randomBytes(4).toString('hex')}`;
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await probe.connect();
  } catch (error) {
    return `PostgreSQL skipped: ${error instanceof Error ? error.message : String(error)}`;
  }
  const store = new PostgresStore({ connectionString: url, schema });
  await store.migrate();
  return {
    store,
    schema,
    probe,
    cleanup: async () => {
      await store.close();
      await probe.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await probe.end();
    },
  };
}
