/**
 * Sync endpoints: push, pull, conflicts, quarantine (docs/sync-protocol.md).
 */
import { Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EntityIdSchema } from '../../../src/domain/household/ids';
import {
  ConflictSchema,
  MAX_PUSH_BYTES,
  MAX_PUSH_DECODED_BYTES,
  PROTOCOL_VERSION,
  PullQuerySchema,
  PullRequestSchema,
  PullResponseSchema,
  PushRequestSchema,
  PushResponseSchema,
  type QuarantineItem,
  QuarantineItemSchema,
  QuarantineListSchema,
  type QuarantineReason,
  SupervisionListQuerySchema,
} from '../../../src/domain/sync/protocol';
import { type PushLimitOptions, PushThrottle } from '../auth/push-rate-limit';
import { databaseUnavailable, forbidden, HttpError, notFound } from '../http-errors';
import { authOf, requireAuth } from '../plugins/auth';
import type { QuarantineView } from '../stores/store-tx';
import { applyPull, openConflicts } from '../sync/pull';
import { applyPush, type PushOptions } from '../sync/push';
import { inScope } from '../sync/scope';

export interface SyncRoutesOptions {
  /** Test hook passed to applyPush (crash injection inside the transaction). */
  afterMutation?: PushOptions['afterMutation'];
  /** SEC3: pushes per device and window (default DEFAULT_PUSH_LIMIT). */
  pushLimit?: PushLimitOptions;
}

function checkProtocol(version: number): void {
  if (version > PROTOCOL_VERSION) {
    throw new HttpError(400, `Protocol ${version} is newer than this server (${PROTOCOL_VERSION})`);
  }
}

function unavailable(error: unknown): never {
  throw databaseUnavailable(error);
}

/**
 * PULL13: pull pages are written with plain JSON.stringify, not through the zod serializer.
 * Every row in a page was validated when it was pushed (what fails is quarantined, QUAR1) and
 * comes out of our own store, `applyPull` builds the page as a typed PullResponse, and the
 * device parses every page with the same PullResponseSchema before it writes anything.
 * Checking it once more on the way out cost about 30 ms of server CPU per 2,000-row page (ten
 * times the stringify), on the cores the devices' pulls share; the schema stays for its type.
 */
const pullPageSerializer = () => (data: unknown) => JSON.stringify(data);

const tooLarge = (): HttpError =>
  new HttpError(413, `A push body may not exceed ${MAX_PUSH_BYTES} bytes on the wire: send fewer mutations`);

/**
 * PUSH8: at most MAX_PUSH_BYTES on the wire, plain or gzip; gzip is inflated here, up to
 * MAX_PUSH_DECODED_BYTES (the route's bodyLimit). `receivedEncodedLength` tells Fastify how many
 * wire bytes arrived, for its Content-Length check.
 */
async function limitAndInflate(
  request: FastifyRequest,
  _reply: unknown,
  payload: NodeJS.ReadableStream,
): Promise<NodeJS.ReadableStream> {
  if (Number(request.headers['content-length']) > MAX_PUSH_BYTES) throw tooLarge();
  const encoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip') {
    throw new HttpError(415, 'Content-Encoding must be gzip or identity');
  }
  let wire = 0;
  const output: Transform & { receivedEncodedLength?: number } =
    encoding === 'gzip'
      ? createGunzip({ maxOutputLength: MAX_PUSH_DECODED_BYTES })
      : new Transform({
          transform(chunk: Buffer, _encoding, callback) {
            callback(null, chunk);
          },
        });
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      wire += chunk.length;
      output.receivedEncodedLength = wire;
      callback(wire > MAX_PUSH_BYTES ? tooLarge() : null, chunk);
    },
  });
  counter.on('error', (error) => output.destroy(error));
  output.on('error', (error: Error & { statusCode?: number; code?: string }) => {
    if (error.code === 'ERR_BUFFER_TOO_LARGE') error.statusCode = 413;
  });
  payload.pipe(counter).pipe(output);
  return output;
}

export async function syncRoutes(app: FastifyInstance, options: SyncRoutesOptions): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const auth = requireAuth(app);
  const pushThrottle = new PushThrottle(options.pushLimit);
  // SEC3: after authentication (the device id is the session's), before the body is read.
  const throttlePush: onRequestAsyncHookHandler = async (request, reply) => {
    const wait = pushThrottle.take(authOf(request).session.deviceId, app.now());
    if (wait === 0) return;
    return reply
      .code(429)
      .header('retry-after', String(wait))
      .send({ error: 'too_many_requests', message: `Too many pushes from this device: retry in ${wait} s` });
  };

  api.post(
    '/sync/push',
    {
      bodyLimit: MAX_PUSH_DECODED_BYTES,
      // Each mutation is checked on its own and quarantined when it breaks INPUT1/INPUT2.
      config: { inputRulesCheckedByRoute: ['mutations'] },
      onRequest: [auth, throttlePush],
      preParsing: limitAndInflate,
      schema: { body: PushRequestSchema, response: { 200: PushResponseSchema } },
    },
    async (request) => {
      checkProtocol(request.body.protocolVersion);
      const { user, session, scope } = authOf(request);
      const response = await applyPush(app.store, { user, deviceId: session.deviceId, scope }, request.body, {
        now: app.now(),
        ...(options.afterMutation === undefined ? {} : { afterMutation: options.afterMutation }),
      }).catch(unavailable);
      // DUP1c: the push committed with its households queued; detection runs after, on its own.
      app.duplicates.schedule();
      app.derived.schedule(); // RPT8, after the commit
      return response;
    },
  );

  api.post(
    '/sync/pull',
    {
      onRequest: auth,
      schema: { body: PullRequestSchema, response: { 200: PullResponseSchema } },
      serializerCompiler: pullPageSerializer,
    },
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
    {
      onRequest: auth,
      schema: { querystring: PullQuerySchema, response: { 200: PullResponseSchema } },
      serializerCompiler: pullPageSerializer,
    },
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

  const coordinators = requireAuth(app, ['coordinator', 'admin']);
  api.get(
    '/quarantine',
    {
      onRequest: coordinators,
      schema: {
        // QUAR3: handled items are hidden unless asked for (`status=handled` or `all`).
        querystring: SupervisionListQuerySchema,
        response: { 200: QuarantineListSchema },
      },
    },
    async (request) => {
      const { status, limit } = request.query;
      const items = await app.store.transaction((tx) => tx.listQuarantine({ status, limit }));
      return { items: items.map(toQuarantineItem) };
    },
  );

  // QUAR3. Idempotent: marking an already handled item again keeps the first handler and time.
  api.post(
    '/quarantine/:id/handled',
    {
      onRequest: coordinators,
      schema: {
        params: z.object({ id: z.string().min(1).max(100) }),
        response: { 200: QuarantineItemSchema },
      },
    },
    async (request) => {
      const { user } = authOf(request);
      const item = await app.store.transaction(async (tx) => {
        await tx.markQuarantineHandled(request.params.id, { userId: user.id, at: app.now() });
        return tx.getQuarantineItem(request.params.id);
      });
      if (item === undefined) throw notFound(`No quarantined mutation ${request.params.id}`);
      return toQuarantineItem(item);
    },
  );
}

function toQuarantineItem(item: QuarantineView): QuarantineItem {
  return { ...item, reason: item.reason as QuarantineReason };
}
