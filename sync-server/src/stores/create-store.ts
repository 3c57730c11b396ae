import { randomUUID } from 'node:crypto';
import { type Config, ConfigError, redactDatabaseUrl } from '../config';
import { errorReason } from '../startup-checks';
import { PostgresStore } from './postgres-store';
import { SqliteStore } from './sqlite-store';
import type { RelaisStore } from './store';

/** Picks the engine: PostgreSQL when DATABASE_URL is set, otherwise SQLite in DATA_DIR. */
export function createStore(config: Config): RelaisStore {
  return config.database.kind === 'postgres'
    ? new PostgresStore({ connectionString: config.database.url })
    : new SqliteStore({ path: config.database.path });
}

export const INSTANCE_ID_KEY = 'instance_id';

/**
 * Opens the store, migrates it and makes one real write (the instance id, created on first start).
 * Any failure is reported against the variable the operator has to fix, and the store is closed.
 */
export async function openStore(config: Config): Promise<RelaisStore> {
  let store: RelaisStore | undefined;
  try {
    store = createStore(config);
    await store.migrate();
    if ((await store.getMeta(INSTANCE_ID_KEY)) === undefined) {
      await store.setMeta(INSTANCE_ID_KEY, randomUUID());
    }
    return store;
  } catch (error) {
    await store?.close().catch(() => {});
    throw storeError(config, error);
  }
}

function storeError(config: Config, error: unknown): ConfigError {
  const reason = errorReason(error);
  if (config.database.kind === 'postgres') {
    const where = postgresTarget(config.database.url);
    return new ConfigError('DATABASE_URL', `cannot be used: PostgreSQL at ${where} failed (${reason})`);
  }
  return new ConfigError('DATA_DIR', `cannot hold the SQLite database ${config.database.path} (${reason})`);
}

function postgresTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return redactDatabaseUrl(url);
  }
}
