/**
 * The server's persistence contract. One interface, two engines (SQLite by default, PostgreSQL for
 * larger deployments), one contract suite (tests/server/stores/store.contract.ts) run against both.
 * Every method is async even though better-sqlite3 is synchronous, so that callers cannot come to
 * depend on an engine. Sync and accounts go through `transaction(fn)`: `fn` receives a StoreTx
 * (typed statements written once for both engines, stores/store-tx.ts).
 */
import type { StoreTx } from './store-tx';

export type StoreKind = 'sqlite' | 'postgres';

export interface MigrateResult {
  /** Versions applied by this call, in order; empty when the schema was already current. */
  applied: number[];
  schemaVersion: number;
}

export interface TransactionOptions {
  sequenced?: boolean;
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
  /**
   * Runs `fn` in one database transaction: committed when it resolves, rolled back when it throws
   * (and the error rethrown). `sequenced: true` is for transactions that allocate change sequence
   * numbers (a push): they are serialised so that sequence order is commit order (ADR 0007). SQLite
   * runs one transaction at a time anyway; PostgreSQL takes a transaction-level advisory lock.
   */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Releases the connection(s). Idempotent. */
  close(): Promise<void>;
}
