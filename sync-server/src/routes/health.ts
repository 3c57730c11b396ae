import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { APP_VERSION } from '../version';

const HealthReplySchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  version: z.string(),
  store: z.object({
    kind: z.enum(['sqlite', 'postgres']),
    schemaVersion: z.number().int().nullable(),
    ok: z.boolean(),
  }),
});

// A health probe must answer even when the database hangs; past this, report the store as down.
const PING_TIMEOUT_MS = 2000;

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    { schema: { response: { 200: HealthReplySchema, 503: HealthReplySchema } } },
    async (_request, reply) => {
      const { store } = app;
      try {
        const schemaVersion = await withTimeout(
          store.ping().then(() => store.schemaVersion()),
          PING_TIMEOUT_MS,
        );
        return {
          status: 'ok' as const,
          version: APP_VERSION,
          store: { kind: store.kind, schemaVersion, ok: true },
        };
      } catch (error) {
        app.log.warn({ err: error }, 'store ping failed');
        return reply.code(503).send({
          status: 'unavailable',
          version: APP_VERSION,
          store: { kind: store.kind, schemaVersion: null, ok: false },
        });
      }
    },
  );
};

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
