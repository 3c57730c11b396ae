import type { FastifyInstance } from 'fastify';
import { parisDay } from '../plans/paris-day';
import { RetentionJob } from '../rights/retention';

declare module 'fastify' {
  interface FastifyInstance {
    /** Anonymisation of closed dossiers past the retention period (docs/household-rights.md RIGHT8). */
    retention: RetentionJob;
  }
}

export interface RetentionOptions {
  /** How often the job runs. Default: every hour, like the plans' recheck. */
  everyMs?: number;
}

const HOUR_MS = 3_600_000;

/**
 * The job runs at start and then every hour on the app's clock (Europe/Paris day); its timer
 * never keeps the process alive and stops at close, before the store closes. What it anonymised
 * is derived again (match profiles, report facts) by the usual drains, scheduled after a run.
 */
export function registerRetention(app: FastifyInstance, options: RetentionOptions = {}): void {
  const job = new RetentionJob(
    app.store,
    { now: () => app.now(), today: () => parisDay(app.now()) },
    app.log,
    () => {
      app.duplicates.schedule();
      app.derived.schedule();
    },
  );
  app.decorate('retention', job);
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    job.schedule();
    timer = setInterval(() => job.schedule(), options.everyMs ?? HOUR_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    if (timer !== undefined) clearInterval(timer);
    await job.close();
  });
}
