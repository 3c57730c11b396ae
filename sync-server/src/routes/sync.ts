/**
 * Sync endpoints: push, pull, conflicts, quarantine (docs/sync-protocol.md).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EntityIdSchema } from '../../../src/domain/household/ids';
import {
  ConflictSchema,
  MAX_PUSH_BYTES,
  PROTOCOL_VERSION,
  PullQuerySchema,
  PullRequestSchema,
  PullResponseSchema,
  PushRequestSchema,
  PushResponseSchema,
  QuarantineItemSchema,
  type QuarantineReason,
} from '../../../src/domain/sync/protocol';
import { databaseUnavailable, forbidden, HttpError } from '../http-errors';
import { authOf, requireAuth } from '../plugins/auth';
import { applyPull, openConflicts } from '../sync/pull';
import { applyPush, inScope, type PushOptions } from '../sync/push';

export interface SyncRoutesOptions {
  /** Test hook passed to applyPush (crash injection inside the transaction). */
  afterMutation?: PushOptions['afterMutation'];
}

function checkProtocol(version: number): void {
  if (version > PROTOCOL_VERSION) {
    throw new HttpError(400, `Protocol ${version} is newer than this server (${PROTOCOL_VERSION})`);
  }
}

function unavailable(error: unknown): never {
  throw databaseUnavailable(error);
}

export async function syncRoutes(app: FastifyInstance, options: SyncRoutesOptions): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const auth = requireAuth(app);

  api.post(
    '/sync/push',
    {
      bodyLimit: MAX_PUSH_BYTES,
      onRequest: auth,
      schema: { body: PushRequestSchema, response: { 200: PushResponseSchema } },
    },
    async (request) => {
      checkProtocol(request.body.protocolVersion);
      const { user, session, scope } = authOf(request);
      return applyPush(app.store, { user, deviceId: session.deviceId, scope }, request.body, {
        now: app.now(),
        ...(options.afterMutation === undefined ? {} : { afterMutation: options.afterMutation }),
      }).catch(unavailable);
    },
  );

  api.post(
    '/sync/pull',
    { onRequest: auth, schema: { body: PullRequestSchema, response: { 200: PullResponseSchema } } },
    async (request) => {
      checkProtocol(request.body.protocolVersion);
      const { user, session, scope } = authOf(request);
      return applyPull(app.store, { user, deviceId: session.deviceId, scope }, request.body, app.now()).catch(
        unavailable,
      );
    },
  );

  api.get(
    '/sync/pull',
    { onRequest: auth, schema: { querystring: PullQuerySchema, response: { 200: PullResponseSchema } } },
    async (request) => {
      checkProtocol(request.query.protocolVersion);
      const { user, session, scope } = authOf(request);
      return applyPull(
        app.store,
        { user, deviceId: session.deviceId, scope },
        request.query,
        app.now(),
      ).catch(unavailable);
    },
  );

  api.get(
    '/conflicts',
    {
      onRequest: auth,
      schema: {
        querystring: z.object({ householdId: EntityIdSchema.optional() }),
        response: { 200: z.object({ conflicts: z.array(ConflictSchema) }) },
      },
    },
    async (request) => {
      const { scope } = authOf(request);
      const { householdId } = request.query;
      const conflicts = await app.store.transaction(async (tx) => {
        if (householdId !== undefined) {
          const household = (await tx.getHouseholds([householdId])).get(householdId);
          if (household !== undefined && !inScope(scope, household)) {
            throw forbidden(`Household ${householdId} is outside your welcome points`);
          }
        }
        return openConflicts(tx, scope, householdId);
      });
      return { conflicts };
    },
  );

  api.get(
    '/quarantine',
    {
      onRequest: requireAuth(app, ['coordinator', 'admin']),
      schema: {
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) }),
        response: { 200: z.object({ items: z.array(QuarantineItemSchema) }) },
      },
    },
    async (request) => {
      const items = await app.store.transaction((tx) => tx.listQuarantine(request.query.limit));
      return { items: items.map((item) => ({ ...item, reason: item.reason as QuarantineReason })) };
    },
  );
}
