/**
 * Legal parameters maintained by admins (issue 12, ADR 0018). Every signed-in device reads them
 * at each sync run (`GET /legal-parameters?known=<version>`: two fields when nothing changed);
 * only admins create, correct and remove them, each change logged with who, when, and the value
 * before and after. The refusal rules are the shared schema's (legalParameterInputSchema).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  type LegalParameterEntry,
  LegalParameterEntrySchema,
  LegalParametersResponseSchema,
  legalParameterInputSchema,
} from '../../../src/domain/parameters/legal-parameter-entries';
import { AdminLegalParametersSchema } from '../../../src/domain/sync/admin';
import { conflict, HttpError, notFound } from '../http-errors';
import { requireAuth } from '../plugins/auth';
import { NoContentSchema } from '../plugins/openapi';
import { LegalParametersTx } from '../stores/legal-parameters-tx';

// Entry ids are the server's UUIDs: anything else cannot name one (and NUL never reaches SQL).
const IdParams = z.object({ id: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/) });
const KnownQuery = z.object({ known: z.coerce.number().int().min(0).optional() });
/** How many logged changes the admin screen lists. */
const CHANGES_LISTED = 200;

export async function legalParameterRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const signedIn = requireAuth(app);
  const admins = requireAuth(app, ['admin']);
  // Today on the server's clock, read at each request (the domain never reads the clock).
  const Input = legalParameterInputSchema(() => new Date(app.now()).toISOString().slice(0, 10));

  api.get(
    '/legal-parameters',
    {
      onRequest: signedIn,
      schema: { querystring: KnownQuery, response: { 200: LegalParametersResponseSchema } },
    },
    async (request) =>
      app.store.transaction(async (tx) => {
        const legal = new LegalParametersTx(tx.sql);
        // The version first: entries read after it are never older than it says.
        const version = await legal.version();
        if (request.query.known === version) return { version, changed: false as const };
        return { version, changed: true as const, entries: await legal.list() };
      }),
  );

  api.get(
    '/admin/legal-parameters',
    { onRequest: admins, schema: { response: { 200: AdminLegalParametersSchema } } },
    async () =>
      app.store.transaction(async (tx) => {
        const legal = new LegalParametersTx(tx.sql);
        const version = await legal.version();
        return { version, entries: await legal.list(), changes: await legal.changes(CHANGES_LISTED) };
      }),
  );

  /** The log row of a change by the signed-in admin: `next` replaces `previous` (either null). */
  const changeOf = (
    userId: string,
    previous: LegalParameterEntry | null,
    next: LegalParameterEntry | null,
  ) => ({
    logId: randomUUID(),
    userId,
    at: app.now(),
    previous,
    next,
  });

  api.post(
    '/admin/legal-parameters',
    { onRequest: admins, schema: { body: Input, response: { 201: LegalParameterEntrySchema } } },
    async (request, reply) => {
      const entry: LegalParameterEntry = { ...request.body, id: randomUUID() };
      await app.store.transaction(async (tx) => {
        const store = new LegalParametersTx(tx.sql);
        if ((await store.sameSlot(entry)) !== undefined) throw sameSlot();
        await store.save(changeOf(request.auth?.user.id ?? '', null, entry));
      });
      return reply.code(201).send(entry);
    },
  );

  api.put(
    '/admin/legal-parameters/:id',
    {
      onRequest: admins,
      schema: { params: IdParams, body: Input, response: { 200: LegalParameterEntrySchema } },
    },
    async (request) => {
      const entry: LegalParameterEntry = { ...request.body, id: request.params.id };
      return app.store.transaction(async (tx) => {
        const store = new LegalParametersTx(tx.sql);
        const previous = await store.get(entry.id);
        if (previous === undefined) throw notFound(`No legal parameter ${entry.id}`);
        if (previous.kind !== entry.kind) {
          throw new HttpError(
            400,
            `A ${previous.kind} entry stays one: remove it and add a ${entry.kind} entry`,
          );
        }
        if ((await store.sameSlot(entry, entry.id)) !== undefined) throw sameSlot();
        await store.save(changeOf(request.auth?.user.id ?? '', previous, entry));
        return entry;
      });
    },
  );

  api.delete(
    '/admin/legal-parameters/:id',
    { onRequest: admins, schema: { params: IdParams, response: { 204: NoContentSchema } } },
    async (request, reply) => {
      await app.store.transaction(async (tx) => {
        const store = new LegalParametersTx(tx.sql);
        const previous = await store.get(request.params.id);
        if (previous === undefined) throw notFound(`No legal parameter ${request.params.id}`);
        await store.save(changeOf(request.auth?.user.id ?? '', previous, null));
      });
      return reply.code(204).send(null);
    },
  );
}

const sameSlot = () =>
  conflict(
    'An entry of this kind already applies from this date (and département): correct that one instead',
  );
