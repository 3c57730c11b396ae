import type { FastifyInstance } from 'fastify';
import { type DrainOptions, MatchQueueDrainer } from '../duplicates/drain';

declare module 'fastify' {
  interface FastifyInstance {
    /** Drains the match queue after pushes (DUP1c); the rescan takes its turn. */
    duplicates: MatchQueueDrainer;
  }
}

export interface DuplicateDetectionOptions {
  /** Test hook: runs before each drain transaction (a throw is a failed drain). */
  beforeBatch?: DrainOptions['beforeBatch'];
}

/**
 * Duplicate detection runs in the server process, after the pushes that queue it. At start, the
 * queue a crash left behind is drained; at close, the running drain finishes before the store
 * closes (Fastify runs onClose hooks in reverse order: this one before the store's).
 */
export function registerDuplicateDetection(
  app: FastifyInstance,
  options: DuplicateDetectionOptions = {},
): void {
  const drainer = new MatchQueueDrainer(
    app.store,
    {
      now: () => app.now(),
      ...(options.beforeBatch === undefined ? {} : { beforeBatch: options.beforeBatch }),
    },
    app.log,
  );
  app.decorate('duplicates', drainer);
  app.addHook('onReady', async () => {
    drainer.schedule();
  });
  app.addHook('onClose', async () => {
    await drainer.close();
  });
}
