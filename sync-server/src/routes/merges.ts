/**
 * The coordinator's merge API (docs/merges.md MERGE1–MERGE7), for coordinators and admins, online:
 * the preview of two households, the merge and unmerge commands (409 with a MergeRefusal body, 400
 * with the reasons, 404 for an unknown household or merge) and the audit log. The schemas are
 * those of src/domain/sync/coordination-protocol.ts, shared with the console.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { UuidSchema } from '../../../src/domain/ids';
import {
  MergeCommandSchema,
  MergeLogQuerySchema,
  MergeLogSchema,
  MergePreviewQuerySchema,
  MergePreviewSchema,
  MergeRefusalSchema,
  MergeResultSchema,
  UnmergeCommandSchema,
  UnmergeResultSchema,
} from '../../../src/domain/sync/coordination-protocol';
import { MERGE_BODY_LIMIT } from '../body-limits';
import { databaseUnavailable, HttpError } from '../http-errors';
import { applyMerge } from '../merges/merge-command';
import { listMergeLog } from '../merges/merge-log';
import { InvalidMerge } from '../merges/merge-plan';
import { loadMergePreview } from '../merges/merge-preview';
import { MergeRefused } from '../merges/merge-refusals';
import { applyUnmerge } from '../merges/unmerge-command';
import { authOf, requireAuth } from '../plugins/auth';

const ErrorBodySchema = z.object({
  error: z.string(),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

/** A refusal leaves with its MergeRefusal body, a bad command with its reasons; the rest as usual. */
function refusals(reply: FastifyReply) {
  return (error: unknown): never | FastifyReply => {
    if (error instanceof MergeRefused) return reply.code(409).send(error.body);
    if (error instanceof InvalidMerge) {
      return reply.code(400).send({
        error: 'bad_request',
        message: error.message,
        issues: error.reasons.map((message) => ({ path: '/', message })),
      });
    }
    if (error instanceof HttpError) throw error;
    throw databaseUnavailable(error);
  };
}

export async function mergeRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const coordinators = requireAuth(app, ['coordinator', 'admin']);

  api.get(
    '/coordination/merge-preview',
    {
      onRequest: coordinators,
      schema: {
        querystring: MergePreviewQuerySchema,
        response: { 200: MergePreviewSchema, 409: MergeRefusalSchema },
      },
    },
    async (request, reply) => {
      const { survivorId, mergedId } = request.query;
      return app.store.transaction((tx) => loadMergePreview(tx, survivorId, mergedId)).catch(refusals(reply));
    },
  );

  api.post(
    '/coordination/merges',
    {
      bodyLimit: MERGE_BODY_LIMIT, // SEC2
      onRequest: coordinators,
      schema: {
        body: MergeCommandSchema,
        response: { 200: MergeResultSchema, 400: ErrorBodySchema, 409: MergeRefusalSchema },
      },
    },
    async (request, reply) => {
      const { user } = authOf(request);
      const result = await applyMerge(app.store, user, request.body, app.now()).catch(refusals(reply));
      app.duplicates.schedule(); // DUP4, after the commit
      app.derived.schedule(); // RPT8
      return result;
    },
  );

  api.post(
    '/coordination/merges/:mergeId/undo',
    {
      onRequest: coordinators,
      schema: {
        params: z.object({ mergeId: UuidSchema }),
        body: UnmergeCommandSchema,
        response: { 200: UnmergeResultSchema, 409: MergeRefusalSchema },
      },
    },
    async (request, reply) => {
      const { user } = authOf(request);
      const result = await applyUnmerge(
        app.store,
        user,
        request.params.mergeId,
        request.body.reason,
        app.now(),
      ).catch(refusals(reply));
      app.duplicates.schedule(); // DUP4, after the commit
      app.derived.schedule(); // RPT8
      return result;
    },
  );

  api.get(
    '/coordination/merges',
    {
      onRequest: coordinators,
      schema: { querystring: MergeLogQuerySchema, response: { 200: MergeLogSchema } },
    },
    async (request) => {
      const merges = await app.store.transaction((tx) => listMergeLog(tx, request.query));
      return { merges };
    },
  );
}
