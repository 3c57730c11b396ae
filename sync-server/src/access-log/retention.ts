/**
 * ALOG7: the access log keeps its entries for a retention period (ACCESS_LOG_RETENTION_DAYS,
 * default 365 days, docs/access-log.md#retention), then deletes them. The purge runs when the
 * server is ready and then every hour on the app's clock; its timer never keeps the process
 * alive and stops at close, before the store closes.
 */
import type { FastifyInstance } from 'fastify';
import { purgeAccessLog } from './record';

/** CNIL's recommendation on logging (délibération 2021-122): six months to a year. */
export const DEFAULT_ACCESS_LOG_RETENTION_DAYS = 365;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface AccessLogOptions {
  /** Days an entry is kept. Default DEFAULT_ACCESS_LOG_RETENTION_DAYS. */
  retentionDays?: number;
  /** How often the purge runs. Default every hour. */
  purgeEveryMs?: number;
}

/** Deletes what is older than the retention, as of `now`. @returns how many entries went */
export async function purgeExpired(app: FastifyInstance, retentionDays: number): Promise<number> {
  const before = app.now() - retentionDays * DAY_MS;
  return app.store.transaction((tx) => purgeAccessLog(tx, before));
}

export function registerAccessLogRetention(app: FastifyInstance, options: AccessLogOptions = {}): void {
  const days = options.retentionDays ?? DEFAULT_ACCESS_LOG_RETENTION_DAYS;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = purgeExpired(app, days)
      .then((purged) => {
        // A count: the entries themselves never reach the log lines.
        if (purged > 0) app.log.info({ purged }, 'access log: expired entries deleted');
      })
      .catch((error: unknown) => app.log.warn({ err: error }, 'access log: the purge failed; retried later'));
  };
  app.addHook('onReady', async () => {
    run();
    timer = setInterval(run, options.purgeEveryMs ?? HOUR_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    if (timer !== undefined) clearInterval(timer);
    await running;
  });
}
