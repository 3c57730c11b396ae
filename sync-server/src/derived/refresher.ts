/**
 * Derived data of a root (docs/reports-and-plans.md RPT8): report facts, plan states. Each kind is
 * a refresher that rebuilds what it owns for the given roots, inside the drain's transaction, from
 * the roots' rows as they are now (a root that is gone or merged away keeps nothing). The drain
 * (derived/drain.ts) runs every refresher of DERIVED_REFRESHERS (derived/refreshers.ts).
 */
import type { IsoDate } from '../../../src/domain/dates';
import type { StoreTx } from '../stores/store-tx';

export interface DerivedContext {
  /** Server time, Unix ms. */
  readonly now: number;
  /** Today in Europe/Paris, the day plan statuses are computed for. */
  readonly today: IsoDate;
}

export interface DerivedRefresher {
  /** For logs: 'report-facts', 'plan-states'. */
  readonly name: string;
  refresh(tx: StoreTx, rootIds: readonly string[], context: DerivedContext): Promise<void>;
}
