import Fastify, { type FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import { type AccessLogOptions, registerAccessLogRetention } from './access-log/retention';
import type { ScryptParams } from './auth/passwords';
import type { PushLimitOptions } from './auth/push-rate-limit';
import type { RateLimitOptions } from './auth/rate-limit';
import { API_BODY_LIMIT } from './body-limits';
import type { Config } from './config';
import { createLogger, PrivacyLogController } from './logger';
import { registerAuth } from './plugins/auth';
import { type DerivedDataOptions, registerDerivedData } from './plugins/derived-data';
import { type DuplicateDetectionOptions, registerDuplicateDetection } from './plugins/duplicate-detection';
import { frameworkErrors, registerErrorHandler } from './plugins/error-handler';
import { registerInputRules } from './plugins/input-rules';
import { openApiRoutes, registerOpenApi } from './plugins/openapi';
import { type PlanMonitoringOptions, registerPlanMonitoring } from './plugins/plan-monitoring';
import { type RetentionOptions, registerRetention } from './plugins/retention';
import { registerSecurityHeaders } from './plugins/security-headers';
import { registerStaticApp } from './plugins/static-app';
import { registerStore } from './plugins/store';
import { registerZod } from './plugins/zod';
import { accessLogRoutes } from './routes/access-log';
import { adminRoutes } from './routes/admin';
import { adminDeviceRoutes } from './routes/admin-devices';
import { authRoutes } from './routes/auth';
import { deviceAlertRoutes } from './routes/device-alerts';
import { deviceKeyRoutes } from './routes/device-keys';
import { duplicateRoutes } from './routes/duplicates';
import { healthRoutes } from './routes/health';
import { legalParameterRoutes } from './routes/legal-parameters';
import { mergeRoutes } from './routes/merges';
import { planRoutes } from './routes/plans';
import { reportRoutes } from './routes/reports';
import { rightsRoutes } from './routes/rights';
import { type SyncRoutesOptions, syncRoutes } from './routes/sync';
import { openStore } from './stores/create-store';
import type { RelaisStore } from './stores/store';

export interface BuildAppOptions {
  /** An opened, migrated store; the app takes ownership and closes it. Default: openStore(config). */
  store?: RelaisStore;
  /** Where JSON log lines go. Default: stdout. Tests pass a stream to inspect them. */
  logStream?: DestinationStream;
  /** Server clock, Unix ms. Default Date.now; tests move it (session expiry, clock clamping). */
  now?: () => number;
  /** Login throttling (default 5 failures per 15 minutes per user name and address). */
  loginLimit?: RateLimitOptions;
  /** scrypt parameters for new password hashes. Default DEFAULT_SCRYPT; tests pass cheaper ones. */
  scrypt?: ScryptParams;
  /** Test hooks for the sync routes (crash injection). */
  sync?: Omit<SyncRoutesOptions, 'pushLimit'>;
  /** Push throttling per device (SEC3; default 120 pushes a minute). */
  pushLimit?: PushLimitOptions;
  /** Test hooks for duplicate detection (a failing drain). */
  duplicates?: DuplicateDetectionOptions;
  /** Plan monitoring (the recheck's period). */
  plans?: PlanMonitoringOptions;
  /** Test hooks for the derived data (a failing drain). */
  derived?: DerivedDataOptions;
  /** The access log's purge period (ALOG7); its retention comes from the config. */
  accessLog?: Omit<AccessLogOptions, 'retentionDays'>;
  /** Retention (the anonymisation job's period). */
  retention?: RetentionOptions;
}

/**
 * Builds the whole server without listening, so tests drive it with `app.inject()`.
 * The plugin graph is written out here on purpose (no autoload): this file is the map.
 */
export async function buildApp(config: Config, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const store = options.store ?? (await openStore(config));
  const app = Fastify({
    loggerInstance: createLogger(config.logLevel, options.logStream),
    logController: new PrivacyLogController(),
    frameworkErrors,
    // SEC2: the API's default; push and merges set their own (body-limits.ts).
    bodyLimit: API_BODY_LIMIT,
    // SEC1: X-Forwarded-Proto/-For believed only from the configured proxies (TRUST_PROXY).
    trustProxy: config.trustProxy ?? false,
  }).withTypeProvider<ZodTypeProvider>();

  try {
    registerZod(app);
    registerSecurityHeaders(app);
    await registerOpenApi(app);
    registerStore(app, store);
    registerErrorHandler(app);
    registerInputRules(app);
    registerAuth(app, options.now ?? Date.now, options.scrypt);
    registerDuplicateDetection(app, options.duplicates);
    registerPlanMonitoring(app, options.plans);
    registerDerivedData(app, options.derived);
    registerAccessLogRetention(app, {
      ...options.accessLog,
      ...(config.accessLogRetentionDays === undefined
        ? {}
        : { retentionDays: config.accessLogRetentionDays }),
    });
    registerRetention(app, options.retention);

    await app.register(
      async (api) => {
        // API answers are personal data from the next issue on: no browser or proxy may keep them.
        api.addHook('onRequest', async (_request, reply) => {
          reply.header('cache-control', 'no-store');
        });
        await api.register(healthRoutes);
        await api.register(
          authRoutes,
          options.loginLimit === undefined ? {} : { loginLimit: options.loginLimit },
        );
        await api.register(deviceKeyRoutes);
        await api.register(adminRoutes, { prefix: '/admin' });
        await api.register(adminDeviceRoutes, { prefix: '/admin' });
        await api.register(syncRoutes, {
          ...options.sync,
          ...(options.pushLimit === undefined ? {} : { pushLimit: options.pushLimit }),
        });
        await api.register(deviceAlertRoutes);
        await api.register(legalParameterRoutes);
        await api.register(duplicateRoutes);
        await api.register(mergeRoutes);
        await api.register(planRoutes);
        await api.register(reportRoutes);
        await api.register(openApiRoutes);
        await api.register(accessLogRoutes);
        await api.register(rightsRoutes);
      },
      { prefix: '/api' },
    );
    await registerStaticApp(app, config.staticDir);

    await app.ready();
  } catch (error) {
    // The store may not have reached registerStore yet; closing it twice is harmless.
    await app.close().catch(() => {});
    await store.close().catch(() => {});
    throw error;
  }
  return app;
}
