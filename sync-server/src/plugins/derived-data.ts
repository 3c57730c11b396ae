import type { FastifyInstance } from 'fastify';
import { type DerivedDrainOptions, DerivedQueueDrainer } from '../derived/drain';
import { DERIVED_REFRESHERS } from '../derived/refreshers';

declare module 'fastify' {
  interface FastifyInstance {
    /** Drains the derived-data queue after pushes and merges (RPT8). */
    derived: DerivedQueueDrainer;
  }
}

export interface DerivedDataOptions {
  /** Test hook: runs before each drain transaction (a throw is a failed drain). */
  beforeBatch?: DerivedDrainOptions['beforeBatch'];
}

/**
 * Derived data (report facts, plan states) is refreshed in the server process, after the pushes
 * and merges that queue it. At start, the queue a crash left behind is drained; at close, the
 * running drain finishes before the store closes (onClose hooks run in reverse order).
 */
export function registerDerivedData(app: FastifyInstance, options: DerivedDataOptions = {}): void {
  const drainer = new DerivedQueueDrainer(
    app.store,
    {
      now: () => app.now(),
      refreshers: DERIVED_REFRESHERS,
      ...(options.beforeBatch === undefined ? {} : { beforeBatch: options.beforeBatch }),
    },
    app.log,
  );
  app.decorate('derived', drainer);
  app.addHook('onReady', async () => {
    drainer.schedule();
  });
  app.addHook('onClose', async () => {
    await drainer.close();
  });
}
