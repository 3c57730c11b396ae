/**
 * Draining the derived-data queue (RPT8), as the match queue is drained (duplicates/drain.ts): a
 * push or a merge only queues its roots, in its own transaction; after it commits, the queue is
 * drained here in transactions of its own, a few roots each. Each root is taken off the queue and
 * refreshed by every refresher in the same transaction, so a crash or a failure at any point
 * leaves it queued for the next drain, and a push never fails because a drain did.
 */
import type { FastifyBaseLogger } from 'fastify';
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

/** Today in Europe/Paris (plan statuses are computed for the association's day). */
export function parisToday(now: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(now));
}

async function refreshBatch(
  store: RelaisStore,
  ids: readonly string[],
  options: DerivedDrainOptions,
): Promise<void> {
  await options.beforeBatch?.();
  await store.transaction(async (tx) => {
    const now = options.now();
    const context: DerivedContext = { now, today: parisToday(now) };
    for (const id of ids) await tx.unqueueRoot(id);
    for (const refresher of options.refreshers) await refresher.refresh(tx, ids, context);
  });
}

/**
 * Refreshes every queued root, oldest first, until the queue is empty. A batch that fails is
 * retried one root at a time; those that still fail stay queued until the next drain.
 */
export async function drainDerivedQueue(
  store: RelaisStore,
  options: DerivedDrainOptions,
): Promise<DerivedDrainReport> {
  const failed = new Set<string>();
  let refreshed = 0;
  for (;;) {
    const queued = await store.transaction((tx) => tx.queuedRoots(DERIVED_BATCH + failed.size));
    const ids = queued.filter((id) => !failed.has(id)).slice(0, DERIVED_BATCH);
    if (ids.length === 0) return { refreshed, failed: failed.size };
    try {
      await refreshBatch(store, ids, options);
      refreshed += ids.length;
    } catch {
      for (const id of ids) {
        try {
          await refreshBatch(store, [id], options);
          refreshed += 1;
        } catch {
          failed.add(id);
        }
      }
    }
  }
}

/** Runs drains one at a time and coalesces the requests that arrive during one. */
export class DerivedQueueDrainer {
  #running: Promise<void> = Promise.resolve();
  #pending = false;
  #busy = false;
  #closed = false;

  constructor(
    private readonly store: RelaisStore,
    private readonly options: DerivedDrainOptions,
    private readonly log: FastifyBaseLogger,
  ) {}

  /**
   * Asks for a drain after the current one; returns at once. Failures are logged (counts and
   * error type only, never ids or data) and left queued.
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
          const report = await drainDerivedQueue(this.store, this.options);
          if (report.failed > 0) {
            this.log.warn({ failed: report.failed }, 'derived data failed for some roots; left queued');
          }
        } catch (error) {
          this.log.warn(
            { errorType: error instanceof Error ? error.name : typeof error },
            'derived data could not drain its queue; left queued for the next drain',
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

  /** No more drains; waits for the running one (before the store closes). */
  async close(): Promise<void> {
    this.#closed = true;
    await this.idle();
  }
}
