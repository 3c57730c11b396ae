/**
 * The access log's routes (docs/access-log.md): a device hands over its dossier openings (any
 * signed-in user, ALOG4–ALOG5), an admin reads the log (ALOG6).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AccessLogPageSchema,
  AccessLogQuerySchema,
  AccessOpeningsRequestSchema,
  AccessOpeningsResponseSchema,
} from '../../../src/domain/sync/access-log';
import { recordOpenings } from '../access-log/openings';
import { listAccessLog } from '../access-log/query';
import { databaseUnavailable } from '../http-errors';
import { authOf, requireAuth } from '../plugins/auth';

export async function accessLogRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/access-log/openings',
    {
      onRequest: requireAuth(app),
      schema: { body: AccessOpeningsRequestSchema, response: { 200: AccessOpeningsResponseSchema } },
    },
    async (request) => {
      const { user, session, scope } = authOf(request);
      const answer = await app.store
        .transaction((tx) =>
          recordOpenings(tx, { user, deviceId: session.deviceId, scope }, request.body.openings, app.now()),
        )
        .catch((error: unknown) => {
          throw databaseUnavailable(error);
        });
      // ALOG5: refused openings are counted, never named.
      if (answer.refused > 0) request.log.info({ refused: answer.refused }, 'access log: openings refused');
      return answer;
    },
  );

  api.get(
    '/admin/access-log',
    {
      onRequest: requireAuth(app, ['admin']),
      schema: { querystring: AccessLogQuerySchema, response: { 200: AccessLogPageSchema } },
    },
    async (request) => app.store.transaction((tx) => listAccessLog(tx, request.query)),
  );
}
