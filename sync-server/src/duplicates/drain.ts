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

async function detectBatch(store: RelaisStore, ids: readonly string[], options: DrainOptions): Promise<void> {
  await options.beforeBatch?.();
  await store.transaction(async (tx) => {
    const now = options.now();
    for (const id of ids) {
      await tx.unqueueHousehold(id);
      await detectHousehold(tx, id, now, options.params ?? MATCH_PARAMETERS);
    }
  });
}

/**
 * Detects every queued household, oldest first, until the queue is empty. A batch that fails is
 * retried one household at a time, so one household that cannot be detected does not hold up
 * the others; those that still fail stay queued and are skipped until the next drain.
 */
export async function drainMatchQueue(store: RelaisStore, options: DrainOptions): Promise<DrainReport> {
  const failed = new Set<string>();
  let detected = 0;
  for (;;) {
    const queued = await store.transaction((tx) => tx.queuedHouseholds(DRAIN_BATCH + failed.size));
    const ids = queued.filter((id) => !failed.has(id)).slice(0, DRAIN_BATCH);
    if (ids.length === 0) return { detected, failed: failed.size };
    try {
      await detectBatch(store, ids, options);
      detected += ids.length;
    } catch {
      for (const id of ids) {
        try {
          await detectBatch(store, [id], options);
          detected += 1;
        } catch {
          failed.add(id);
        }
      }
    }
  }
}

/** Runs drains one at a time and coalesces the requests that arrive during one. */
export class MatchQueueDrainer {
  #running: Promise<void> = Promise.resolve();
  #pending = false;
  #busy = false;
  #closed = false;

  constructor(
    private readonly store: RelaisStore,
    private readonly options: DrainOptions,
    private readonly log: FastifyBaseLogger,
  ) {}

  /**
   * Asks for a drain after the current one (one more round at most, however many ask); returns
   * at once. Failures are logged (counts and error type only, never ids or data) and left queued.
   */
  schedule(): void {
    if (this.#closed) return;
    this.#pending = true;
    if (this.#busy) return;
    this.#busy = true;
    this.#running = this.#loop();
  }

  async #loop(): Promise<void> {
    try {
      while (this.#pending && !this.#closed) {
        this.#pending = false;
        try {
          const report = await drainMatchQueue(this.store, this.options);
          if (report.failed > 0) {
            this.log.warn(
              { failed: report.failed },
              'duplicate detection failed for some households; left queued',
            );
          }
        } catch (error) {
          this.log.warn(
            { errorType: error instanceof Error ? error.name : typeof error },
            'duplicate detection could not drain its queue; left queued for the next drain',
          );
        }
      }
    } finally {
      this.#busy = false;
    }
  }

  /** Resolves when no drain is running or asked for (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#busy) await this.#running;
  }

  /** Runs `fn` while no drain runs (the rescan), then drains what was queued meanwhile. */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    // The check and the claim in one synchronous step: no drain can start in between.
    while (this.#busy) await this.#running;
    this.#busy = true;
    const result = (async () => fn())();
    this.#running = result.then(
      () => {},
      () => {},
    );
    try {
      return await result;
    } finally {
      this.#busy = false;
      this.schedule();
    }
  }

  /** No more drains; waits for the running one (before the store closes). */
  async close(): Promise<void> {
    this.#closed = true;
    await this.idle();
  }
}
