/**
 * Draining the match queue (DUP1c). A push only queues households, in its own transaction; after
 * it commits, the queue is drained here in transactions of its own, a few households each: each
 * household is taken off the queue and detected in the same transaction, so a crash or a failure
 * at any point leaves it queued for the next drain (a push that failed to drain never fails).
 *
 * One drain runs at a time per server (MatchQueueDrainer): pushes arriving meanwhile only ask for
 * another round, and two rounds never score the same pair from each other's stale profiles. The
 * rescan takes the same turn (`exclusive`).
 */
import type { FastifyBaseLogger } from 'fastify';
import { MATCH_PARAMETERS, type MatchParameters } from '../../../src/domain/matching';
import { CoalescingDrainer, drainQueue } from '../queue-drain';
import type { RelaisStore } from '../stores/store';
import { detectHousehold } from './detect';

/** Households per drain transaction: short transactions, so pushes are not held up behind one. */
export const DRAIN_BATCH = 20;

export interface DrainOptions {
  now: () => number;
  params?: MatchParameters;
  /** Test hook: runs before each drain transaction; a throw is a failed drain. */
  beforeBatch?: () => void | Promise<void>;
}

export interface DrainReport {
  detected: number;
  /** Households whose detection failed: left queued for the next drain. */
  failed: number;
}

/**
 * Detects every queued household, oldest first, until the queue is empty (queue-drain.ts: a batch
 * that fails is retried one household at a time; those that still fail stay queued).
 */
export async function drainMatchQueue(store: RelaisStore, options: DrainOptions): Promise<DrainReport> {
  const report = await drainQueue({
    batch: DRAIN_BATCH,
    take: (limit) => store.transaction((tx) => tx.queuedHouseholds(limit)),
    process: async (ids) => {
      await options.beforeBatch?.();
      await store.transaction(async (tx) => {
        const now = options.now();
        // RIGHT4: locked as an erasure locks them, so a profile read before it is not kept after it.
        await tx.lockHouseholds(ids);
        for (const id of ids) {
          await tx.unqueueHousehold(id);
          await detectHousehold(tx, id, now, options.params ?? MATCH_PARAMETERS);
        }
      });
    },
  });
  return { detected: report.processed, failed: report.failed };
}

/**
 * One detection drain at a time per server (two rounds never score the same pair from each
 * other's stale profiles); the rescan takes the same turn (`exclusive`).
 */
export class MatchQueueDrainer extends CoalescingDrainer {
  constructor(store: RelaisStore, options: DrainOptions, log: FastifyBaseLogger) {
    super(
      async () => {
        const report = await drainMatchQueue(store, options);
        return { processed: report.detected, failed: report.failed };
      },
      log,
      {
        someFailed: 'duplicate detection failed for some households; left queued',
        drainFailed: 'duplicate detection could not drain its queue; left queued for the next drain',
      },
    );
  }
}
