/**
 * Draining the derived-data queue (RPT8) with the loop the match queue uses (queue-drain.ts): a push
 * or a merge only queues its roots, in its own transaction; after it commits, each batch of roots is
 * taken off the queue and refreshed by every refresher in one transaction of its own.
 */
import type { FastifyBaseLogger } from 'fastify';
import { parisDay } from '../plans/paris-day';
import { CoalescingDrainer, drainQueue } from '../queue-drain';
import type { RelaisStore } from '../stores/store';
import type { DerivedContext, DerivedRefresher } from './refresher';

/** Roots per drain transaction: short transactions, so pushes are not held up behind one. */
export const DERIVED_BATCH = 50;

export interface DerivedDrainOptions {
  now: () => number;
  refreshers: readonly DerivedRefresher[];
  /** Test hook: runs before each drain transaction; a throw is a failed drain. */
  beforeBatch?: () => void | Promise<void>;
}

export interface DerivedDrainReport {
  refreshed: number;
  /** Roots whose refresh failed: left queued for the next drain. */
  failed: number;
}

/** Refreshes every queued root, oldest first, until the queue is empty (failed ones aside). */
export async function drainDerivedQueue(
  store: RelaisStore,
  options: DerivedDrainOptions,
): Promise<DerivedDrainReport> {
  const report = await drainQueue({
    batch: DERIVED_BATCH,
    take: (limit) => store.transaction((tx) => tx.queuedRoots(limit)),
    process: async (ids) => {
      await options.beforeBatch?.();
      await store.transaction(async (tx) => {
        const now = options.now();
        const context: DerivedContext = { now, today: parisDay(now) };
        // An erasure (docs/household-rights.md RIGHT4) locks the household too: the two never
        // interleave, so facts read before an erasure are not written after it.
        await tx.lockHouseholds(ids);
        for (const id of ids) await tx.unqueueRoot(id);
        for (const refresher of options.refreshers) await refresher.refresh(tx, ids, context);
      });
    },
  });
  return { refreshed: report.processed, failed: report.failed };
}

/** One derived-data drain at a time per server; requests during one are coalesced. */
export class DerivedQueueDrainer extends CoalescingDrainer {
  constructor(store: RelaisStore, options: DerivedDrainOptions, log: FastifyBaseLogger) {
    super(
      async () => {
        const report = await drainDerivedQueue(store, options);
        return { processed: report.refreshed, failed: report.failed };
      },
      log,
      {
        someFailed: 'derived data failed for some roots; left queued',
        drainFailed: 'derived data could not drain its queue; left queued for the next drain',
      },
    );
  }
}
