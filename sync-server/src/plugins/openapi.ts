/**
 * SEC4: the API described as OpenAPI 3.1, generated from the routes' zod schemas by
 * @fastify/swagger and fastify-type-provider-zod's transform (zod 4 → JSON Schema 2020-12), and
 * served at GET /api/openapi.json for integrators.
 *
 * Public, like /api/health: it describes the shape of requests and answers, no data, and the
 * same facts are in the open source code; every route it lists still asks for its session.
 * Only /api routes are described: the built app's files (the static wildcard) are not an API.
 */
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { APP_VERSION } from '../version';

export const OPENAPI_VERSION = '3.1.0';

/** An empty answer (204), so the document says so rather than a default 200. */
export const NoContentSchema = z.null().describe('No content');

/** The routes anyone may call (AUTH1, AUTH2, health, this document). */
export const PUBLIC_API_ROUTES: readonly string[] = [
  'GET /api/health',
  'GET /api/setup',
  'POST /api/setup',
  'POST /api/auth/login',
  'GET /api/openapi.json',
];

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  // Loaded when the app is built, not when server.ts starts: a bad configuration is reported
  // without waiting for the generator's dependencies.
  const { fastifySwagger } = await import('@fastify/swagger');
  await app.register(fastifySwagger, {
    openapi: {
      openapi: OPENAPI_VERSION,
      info: {
        title: 'Relais sync server',
        version: APP_VERSION,
        description:
          'Sync, accounts and coordination API of Relais. Rules: docs/sync-protocol.md; security: docs/security.md.',
      },
      components: {
        securitySchemes: { session: { type: 'http', scheme: 'bearer' } },
      },
    },
    transform: (document) => {
      if (!document.url.startsWith('/api/')) return { schema: { hide: true }, url: document.url };
      // Every route but these few needs a session (requireAuth, on the route or its plugin,
      // which a transform cannot see); the authorisation matrix (SEC5) checks this list.
      const guarded = !PUBLIC_API_ROUTES.includes(`${document.route.method} ${document.url}`);
      const schema = guarded ? { ...document.schema, security: [{ session: [] }] } : document.schema;
      return jsonSchemaTransform({ ...document, schema });
    },
  });
}

/** GET /openapi.json under the /api prefix. */
export async function openApiRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/openapi.json',
    {
      schema: {
        description: 'This document (OpenAPI 3.1).',
        response: { 200: z.looseObject({ openapi: z.string() }) },
      },
    },
    async () => app.swagger() as unknown as { openapi: string },
  );
}
