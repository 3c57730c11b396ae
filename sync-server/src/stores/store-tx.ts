/**
 * StoreTx: typed access to the sync and account tables inside one RelaisStore transaction, for
 * sync/, routes/, auth/ and the CLI. Each aggregate lives in its own file, written once over
 * SqlExecutor so that both engines run exactly its statements, and the contract suite
 * (tests/server/stores/store.contract.ts) checks one implementation against two databases:
 *
 * - accounts-tx.ts: welcome points, users, devices, sessions
 * - device-keys-tx.ts: the escrowed data keys and the wipe orders (docs/remote-wipe.md)
 * - rows-tx.ts: synced rows and field history
 * - push-log-tx.ts: applied mutations and the sync counters
 * - scope-tx.ts: households, scope removals and the scope-filtered reads
 * - conflicts-tx.ts: conflicts
 * - supervision-tx.ts: quarantine and device alerts
 * - login-throttle-tx.ts: login failures
 * - duplicates-tx.ts: duplicate detection (match queue, profiles, keys, candidate pairs)
 * - merges-tx.ts: merge pointers, merge commands (audit log) and redirects
 * - plans-tx.ts: plan states, plan thresholds and the plan rows they are computed from
 * - reports-tx.ts: the derived-data queue, report facts, the report's aggregation and exports
 * - rights-tx.ts: the household's rights: its export, its erasure and the erasure records
 * - retention-tx.ts: the retention period, the dossiers due for anonymisation and its log
 *
 * StoreTx is all their public methods on one object, bound to the transaction's executor, so
 * a caller writes `tx.getRows(…)` whichever file holds it, and a method added to an aggregate
 * is on StoreTx without being written twice. The records are in records.ts.
 */

import { AccountsTx } from './accounts-tx';
import { ConflictsTx } from './conflicts-tx';
import { DeviceKeysTx } from './device-keys-tx';
import { DuplicatesTx } from './duplicates-tx';
import { LoginThrottleTx } from './login-throttle-tx';
import { MergesTx } from './merges-tx';
import { PlansTx } from './plans-tx';
import { PushLogTx } from './push-log-tx';
import { ReportsTx } from './reports-tx';
import { RetentionTx } from './retention-tx';
import { RightsTx } from './rights-tx';
import { RowsTx } from './rows-tx';
import { ScopeTx } from './scope-tx';
import type { SqlExecutor } from './sql';
import { SupervisionTx } from './supervision-tx';

export type { HouseholdScope, Scope } from '../sync/scope';
export type * from './records';

/** What an aggregate offers: its public methods (its executor is private). */
type PublicOf<T> = Pick<T, keyof T>;

/** Every aggregate's methods: the aggregates of AGGREGATES below, which builds it. */
export type StoreTx = { readonly sql: SqlExecutor } & PublicOf<AccountsTx> &
  PublicOf<DeviceKeysTx> &
  PublicOf<RowsTx> &
  PublicOf<PushLogTx> &
  PublicOf<ScopeTx> &
  PublicOf<ConflictsTx> &
  PublicOf<SupervisionTx> &
  PublicOf<LoginThrottleTx> &
  PublicOf<DuplicatesTx> &
  PublicOf<MergesTx> &
  PublicOf<PlansTx> &
  PublicOf<ReportsTx> &
  PublicOf<RightsTx> &
  PublicOf<RetentionTx>;

type Method = (...args: unknown[]) => unknown;
type Aggregate = new (sql: SqlExecutor) => object;

/** The aggregates of the StoreTx type above, each built over the transaction's executor. */
const AGGREGATES: readonly Aggregate[] = [
  AccountsTx,
  DeviceKeysTx,
  RowsTx,
  PushLogTx,
  ScopeTx,
  ConflictsTx,
  SupervisionTx,
  LoginThrottleTx,
  DuplicatesTx,
  MergesTx,
  PlansTx,
  ReportsTx,
  RightsTx,
  RetentionTx,
];

/**
 * Each aggregate with its method names. A name two aggregates share (or `sql`) is refused: on
 * one object, one method would silently hide the other.
 */
export function methodsOf(aggregates: readonly Aggregate[]): { Aggregate: Aggregate; names: string[] }[] {
  const seen = new Set<string>(['sql']);
  return aggregates.map((Aggregate) => {
    const names = Object.getOwnPropertyNames(Aggregate.prototype).filter((name) => name !== 'constructor');
    for (const name of names) {
      if (seen.has(name)) throw new Error(`StoreTx: two aggregates define ${name}`);
      seen.add(name);
    }
    return { Aggregate, names };
  });
}

/** Read once, when the module loads. */
const METHODS_OF = methodsOf(AGGREGATES);

/** The StoreTx of one transaction: every aggregate over `sql`, their methods on one object. */
export function createStoreTx(sql: SqlExecutor): StoreTx {
  const tx: Record<string, unknown> = { sql };
  for (const { Aggregate, names } of METHODS_OF) {
    const aggregate = new Aggregate(sql) as unknown as Record<string, Method>;
    for (const name of names) tx[name] = aggregate[name]?.bind(aggregate);
  }
  return tx as StoreTx;
}
