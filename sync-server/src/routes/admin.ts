/**
 * Administration (admin role only, rule AUTH8): welcome points, users, sessions.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AdminSessionSchema,
  NewUserSchema as NewUser,
  NewWelcomePointSchema as NewWelcomePoint,
  UserPatchSchema as UserPatch,
  WelcomePointPatchSchema as WelcomePointPatch,
} from '../../../src/domain/sync/admin';
import { UserSchema, WelcomePointSchema } from '../../../src/domain/sync/protocol';
import { publicUser } from '../auth/accounts';
import { hashPassword } from '../auth/passwords';
import { conflict, HttpError, notFound } from '../http-errors';
import { authOf, requireAuth } from '../plugins/auth';
import { NoContentSchema } from '../plugins/openapi';
import type { StoreTx, WelcomePointRecord } from '../stores/store-tx';

const IdParams = z.object({ id: z.string().min(1).max(100) });

function toWelcomePoint(wp: WelcomePointRecord): z.infer<typeof WelcomePointSchema> {
  return { id: wp.id, name: wp.name, archived: wp.archived };
}

async function checkWelcomePoints(tx: StoreTx, ids: readonly string[]): Promise<void> {
  const known = new Set((await tx.listWelcomePoints()).map((wp) => wp.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new HttpError(400, `Unknown welcome point(s): ${unknown.join(', ')}`);
}

export async function adminRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.addHook('onRequest', requireAuth(app, ['admin']));

  api.get('/welcome-points', { schema: { response: { 200: z.array(WelcomePointSchema) } } }, async () =>
    (await app.store.transaction((tx) => tx.listWelcomePoints())).map(toWelcomePoint),
  );

  api.post(
    '/welcome-points',
    { schema: { body: NewWelcomePoint, response: { 201: WelcomePointSchema } } },
    async (request, reply) => {
      const wp: WelcomePointRecord = {
        id: request.body.id ?? randomUUID(),
        name: request.body.name,
        archived: false,
        createdAt: app.now(),
      };
      await app.store.transaction(async (tx) => {
        if ((await tx.getWelcomePoint(wp.id)) !== undefined) throw conflict(`Welcome point ${wp.id} exists`);
        await tx.insertWelcomePoint(wp);
      });
      return reply.code(201).send(toWelcomePoint(wp));
    },
  );

  api.patch(
    '/welcome-points/:id',
    { schema: { params: IdParams, body: WelcomePointPatch, response: { 200: WelcomePointSchema } } },
    async (request) => {
      const wp = await app.store.transaction(async (tx) => {
        if (!(await tx.updateWelcomePoint(request.params.id, request.body))) return undefined;
        return tx.getWelcomePoint(request.params.id);
      });
      if (wp === undefined) throw notFound(`No welcome point ${request.params.id}`);
      return toWelcomePoint(wp);
    },
  );

  // Welcome points are archived, never deleted: households keep naming them.
  api.delete(
    '/welcome-points/:id',
    { schema: { params: IdParams, response: { 204: NoContentSchema } } },
    async (request, reply) => {
      const ok = await app.store.transaction((tx) =>
        tx.updateWelcomePoint(request.params.id, { archived: true }),
      );
      if (!ok) throw notFound(`No welcome point ${request.params.id}`);
      return reply.code(204).send(null);
    },
  );

  api.get('/users', { schema: { response: { 200: z.array(UserSchema) } } }, async () =>
    (await app.store.transaction((tx) => tx.listUsers())).map(publicUser),
  );

  api.post('/users', { schema: { body: NewUser, response: { 201: UserSchema } } }, async (request, reply) => {
    const body = request.body;
    const passwordHash = await hashPassword(body.password, app.scrypt);
    const now = app.now();
    const user = await app.store.transaction(async (tx) => {
      if ((await tx.getUserByUsername(body.username)) !== undefined) {
        throw conflict(`User name ${body.username} is taken`);
      }
      await checkWelcomePoints(tx, body.welcomePointIds);
      const record = {
        id: randomUUID(),
        username: body.username,
        displayName: body.displayName,
        role: body.role,
        passwordHash,
        disabled: false,
        welcomePointIds: [...new Set(body.welcomePointIds)].sort(),
        createdAt: now,
        updatedAt: now,
      };
      await tx.insertUser(record);
      return record;
    });
    return reply.code(201).send(publicUser(user));
  });

  api.get('/users/:id', { schema: { params: IdParams, response: { 200: UserSchema } } }, async (request) => {
    const user = await app.store.transaction((tx) => tx.getUser(request.params.id));
    if (user === undefined) throw notFound(`No user ${request.params.id}`);
    return publicUser(user);
  });

  api.patch(
    '/users/:id',
    { schema: { params: IdParams, body: UserPatch, response: { 200: UserSchema } } },
    async (request) => {
      const body = request.body;
      const passwordHash =
        body.password === undefined ? undefined : await hashPassword(body.password, app.scrypt);
      const now = app.now();
      const user = await app.store.transaction(async (tx) => {
        const { password: _password, welcomePointIds, ...rest } = body;
        const ok = await tx.updateUser(
          request.params.id,
          { ...rest, ...(passwordHash === undefined ? {} : { passwordHash }) },
          now,
        );
        if (!ok) return undefined;
        if (welcomePointIds !== undefined) {
          await checkWelcomePoints(tx, welcomePointIds);
          await tx.setUserWelcomePoints(request.params.id, welcomePointIds);
        }
        // A new password ends every session at once. Disabling a user withdraws their devices
        // instead (WIPE9): each may still push what it holds, then erases itself.
        if (passwordHash !== undefined) await tx.revokeUserSessions(request.params.id, now);
        if (body.disabled === true)
          await tx.withdrawUserDevices(request.params.id, authOf(request).user.id, now);
        return tx.getUser(request.params.id);
      });
      if (user === undefined) throw notFound(`No user ${request.params.id}`);
      return publicUser(user);
    },
  );

  // Users are disabled, never deleted: their changes and sessions stay attributable.
  api.delete(
    '/users/:id',
    { schema: { params: IdParams, response: { 204: NoContentSchema } } },
    async (request, reply) => {
      const now = app.now();
      const ok = await app.store.transaction(async (tx) => {
        if (!(await tx.updateUser(request.params.id, { disabled: true }, now))) return false;
        // WIPE9: the devices push what they hold, then erase themselves.
        await tx.withdrawUserDevices(request.params.id, authOf(request).user.id, now);
        return true;
      });
      if (!ok) throw notFound(`No user ${request.params.id}`);
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/users/:id/sessions',
    { schema: { params: IdParams, response: { 200: z.array(AdminSessionSchema) } } },
    async (request) => {
      const sessions = await app.store.transaction((tx) => tx.listSessions(request.params.id));
      return sessions.map(({ tokenHash: _hash, userId: _user, ...rest }) => rest);
    },
  );

  api.delete(
    '/sessions/:id',
    { schema: { params: IdParams, response: { 204: NoContentSchema } } },
    async (request, reply) => {
      const now = app.now();
      const found = await app.store.transaction(async (tx) => {
        const session = await tx.getSession(request.params.id);
        if (session === undefined) return false;
        await tx.revokeSession(session.id, now);
        return true;
      });
      if (!found) throw notFound(`No session ${request.params.id}`);
      return reply.code(204).send(null);
    },
  );
}
