/**
 * The household's rights (docs/household-rights.md RIGHT1–RIGHT12), online only:
 *
 * - `GET /households/:id/export` and `POST /households/:id/erasure`: coordinators and admins,
 *   within their scope (both see every household today, sync/scope.ts; a household outside a
 *   limited scope would be a 404, as if it did not exist);
 * - `GET`/`PUT /admin/retention` and `GET /admin/anonymisation-runs`: admins only.
 *
 * Logs carry counts and ids, never a value of the person.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EntityIdSchema } from '../../../src/domain/household/ids';
import {
  AnonymisationRunsSchema,
  ErasureRefusalSchema,
  ErasureRequestSchema,
  ErasureResultSchema,
  RetentionSettingSchema,
  RetentionViewSchema,
} from '../../../src/domain/rights/rights-protocol';
import { databaseUnavailable, HttpError } from '../http-errors';
import { authOf, requireAuth } from '../plugins/auth';
import { applyErasure, ErasureRefused } from '../rights/erasure';
import { exportHousehold } from '../rights/export';

const Params = z.object({ id: EntityIdSchema });

/** A refusal leaves with its body (409); other errors as usual. */
function refusals(reply: FastifyReply) {
  return (error: unknown): never | FastifyReply => {
    if (error instanceof ErasureRefused) return reply.code(409).send(error.body);
    if (error instanceof HttpError) throw error;
    throw databaseUnavailable(error);
  };
}

/** `dossier-0195a1b2.json`: ASCII, so every browser keeps the name. */
export function exportFileName(householdId: string, now: number): string {
  const day = new Date(now).toISOString().slice(0, 10);
  return `dossier-${householdId.slice(0, 8).replace(/[^A-Za-z0-9-]/g, '')}-${day}.json`;
}

export async function rightsRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const coordinators = requireAuth(app, ['coordinator', 'admin']);
  const admins = requireAuth(app, ['admin']);

  api.get(
    '/households/:id/export',
    { onRequest: coordinators, schema: { params: Params } },
    async (request, reply) => {
      const { user, scope, session } = authOf(request);
      const now = app.now();
      const document = await exportHousehold(app.store, {
        householdId: request.params.id,
        userId: user.id,
        deviceId: session.deviceId,
        scope,
        now,
      }).catch(refusals(reply));
      reply.header('content-type', 'application/json; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="${exportFileName(request.params.id, now)}"`);
      reply.header('cache-control', 'no-store');
      return reply.send(JSON.stringify(document));
    },
  );

  api.post(
    '/households/:id/erasure',
    {
      onRequest: coordinators,
      schema: {
        params: Params,
        body: ErasureRequestSchema,
        response: { 200: ErasureResultSchema, 409: ErasureRefusalSchema },
      },
    },
    async (request, reply) => {
      const { user, scope, session } = authOf(request);
      return applyErasure(app.store, {
        householdId: request.params.id,
        ground: request.body.ground,
        confirmation: request.body.confirmation,
        userId: user.id,
        deviceId: session.deviceId,
        scope,
        now: app.now(),
      }).catch(refusals(reply));
    },
  );

  api.get(
    '/admin/retention',
    { onRequest: admins, schema: { response: { 200: RetentionViewSchema } } },
    async () => app.store.transaction((tx) => tx.getRetention()),
  );

  api.put(
    '/admin/retention',
    { onRequest: admins, schema: { body: RetentionSettingSchema, response: { 200: RetentionViewSchema } } },
    async (request) => {
      const { user } = authOf(request);
      const view = await app.store.transaction(async (tx) => {
        await tx.putRetention(request.body.years, user.id, app.now());
        return tx.getRetention();
      });
      app.retention.schedule(); // a shorter period may make dossiers due now
      return view;
    },
  );

  api.get(
    '/admin/anonymisation-runs',
    {
      onRequest: admins,
      schema: {
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
        response: { 200: AnonymisationRunsSchema },
      },
    },
    async (request) => ({
      runs: await app.store.transaction((tx) => tx.listAnonymisationRuns(request.query.limit)),
    }),
  );
}
