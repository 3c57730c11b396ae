/**
 * Draining a queue written in a push's transaction, after the push commits (DUP1c for the match
 * queue, RPT8 for the derived-data queue): the one loop both use. Work is taken a batch at a time,
 * each batch in a transaction of its own that also takes its ids off the queue, so a crash or a
 * failure at any point leaves them queued for the next drain and a push never fails because a drain
 * did. A batch that fails is retried one id at a time, so one bad id does not hold up the others;
 * those that still fail stay queued and are skipped until the next drain.
 */
import type { FastifyBaseLogger } from 'fastify';

export interface QueueDrain {
  /** Up to `limit` queued ids, oldest first. */
  take(limit: number): Promise<readonly string[]>;
  /** Processes `ids` (and takes them off the queue) in one transaction; throws to leave them queued. */
  process(ids: readonly string[]): Promise<void>;
  /** Ids per transaction: short transactions, so pushes are not held up behind one. */
  batch: number;
}

export interface QueueDrainReport {
  processed: number;
  /** Ids whose processing failed: left queued for the next drain. */
  failed: number;
}

/** Processes every queued id until the queue is empty (failed ids aside). */
export async function drainQueue(drain: QueueDrain): Promise<QueueDrainReport> {
  const failed = new Set<string>();
  let processed = 0;
  for (;;) {
    const queued = await drain.take(drain.batch + failed.size);
    const ids = queued.filter((id) => !failed.has(id)).slice(0, drain.batch);
    if (ids.length === 0) return { processed, failed: failed.size };
    try {
      await drain.process(ids);
      processed += ids.length;
    } catch {
      for (const id of ids) {
        try {
          await drain.process([id]);
          processed += 1;
        } catch {
          failed.add(id);
        }
      }
    }
  }
}

/** What a drainer logs (counts and error type only, never ids or data). */
export interface DrainerMessages {
  /** Some ids failed and stay queued. */
  someFailed: string;
  /** The drain itself failed (the queue could not be read). */
  drainFailed: string;
}

/**
 * Runs drains one at a time per server and coalesces the requests that arrive during one: pushes
 * arriving meanwhile only ask for one more round, however many ask.
 */
export class CoalescingDrainer {
  #running: Promise<void> = Promise.resolve();
  #pending = false;
  #busy = false;
  #closed = false;

  constructor(
    private readonly drain: () => Promise<QueueDrainReport>,
    private readonly log: FastifyBaseLogger,
    private readonly messages: DrainerMessages,
  ) {}

  /** Asks for a drain after the current one; returns at once. Failures are logged and left queued. */
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
          const report = await this.drain();
          if (report.failed > 0) this.log.warn({ failed: report.failed }, this.messages.someFailed);
        } catch (error) {
          this.log.warn(
            { errorType: error instanceof Error ? error.name : typeof error },
            this.messages.drainFailed,
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

  /** Runs `fn` while no drain runs (the duplicates' rescan), then drains what was queued meanwhile. */
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
