/**
 * The server's persistence contract. One interface, two engines (SQLite by default, PostgreSQL for
 * larger deployments), one contract suite (tests/server/stores/store.contract.ts) run against both.
 * Every method is async even though better-sqlite3 is synchronous, so that callers cannot come to
 * depend on an engine. The sync operations (push, pull, conflicts…) will be added here.
 */

export type StoreKind = 'sqlite' | 'postgres';

export interface MigrateResult {
  /** Versions applied by this call, in order; empty when the schema was already current. */
  applied: number[];
  schemaVersion: number;
}

export interface RelaisStore {
  readonly kind: StoreKind;
  /** Human-readable location for the startup line, never containing credentials. */
  readonly location: string;
  /** Applies pending numbered migrations, each in its own transaction. Safe to call again. */
  migrate(): Promise<MigrateResult>;
  /** Highest applied migration, 0 for an empty database. */
  schemaVersion(): Promise<number>;
  /** Resolves when the database answers a trivial query; rejects otherwise. */
  ping(): Promise<void>;
  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;
  /** Releases the connection(s). Idempotent. */
  close(): Promise<void>;
}
