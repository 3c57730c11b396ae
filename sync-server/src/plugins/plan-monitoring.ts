import type { FastifyInstance } from 'fastify';
import { parisDay } from '../plans/paris-day';
import { PlanRecheck } from '../plans/recheck';

declare module 'fastify' {
  interface FastifyInstance {
    /** The plans' daily recheck (PLAN6), also run after a change of thresholds (PLAN5). */
    planRecheck: PlanRecheck;
  }
}

export interface PlanMonitoringOptions {
  /** How often the recheck runs. Default: every hour (the day changes at midnight in Paris). */
  recheckEveryMs?: number;
}

const HOUR_MS = 3_600_000;

/**
 * The recheck runs at start and then every hour on the app's clock (app.now(), Europe/Paris
 * day); its timer never keeps the process alive and stops at close, before the store closes
 * (onClose hooks run in reverse order).
 */
export function registerPlanMonitoring(app: FastifyInstance, options: PlanMonitoringOptions = {}): void {
  const recheck = new PlanRecheck(
    app.store,
    { now: () => app.now(), today: () => parisDay(app.now()) },
    app.log,
  );
  app.decorate('planRecheck', recheck);
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    recheck.schedule();
    timer = setInterval(() => recheck.schedule(), options.recheckEveryMs ?? HOUR_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    if (timer !== undefined) clearInterval(timer);
    await recheck.close();
  });
}
