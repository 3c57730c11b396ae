/**
 * First start, login, logout, current user (AUTH rules of docs/sync-protocol.md).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DeviceRenameRequestSchema,
  DeviceRenameResponseSchema,
  LoginRequestSchema,
  LoginResponseSchema,
  MeResponseSchema,
  normaliseDeviceName,
  SetupRequestSchema,
  UserSchema,
} from '../../../src/domain/sync/protocol';
import { createFirstAdmin, publicUser, welcomePointsFor } from '../auth/accounts';
import { recordDeviceAlert } from '../auth/device-alerts';
import { burnPasswordCheck, verifyPassword } from '../auth/passwords';
import { LoginThrottle, type RateLimitOptions } from '../auth/rate-limit';
import { hashToken, newSessionToken, SESSION_TTL_MS } from '../auth/sessions';
import { conflict, databaseUnavailable, forbidden } from '../http-errors';
import { authOf, requireAuth } from '../plugins/auth';
import { NoContentSchema } from '../plugins/openapi';

const ErrorSchema = z.object({ error: z.string(), message: z.string() });

export interface AuthRoutesOptions {
  loginLimit?: RateLimitOptions;
}

export async function authRoutes(app: FastifyInstance, options: AuthRoutesOptions): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const throttle = new LoginThrottle(app.store, options.loginLimit);

  // AUTH1: whether the first admin is still to be created (no auth; reveals nothing else).
  api.get('/setup', { schema: { response: { 200: z.object({ needed: z.boolean() }) } } }, async () => {
    const users = await app.store.transaction((tx) => tx.countUsers());
    return { needed: users === 0 };
  });

  api.post(
    '/setup',
    { schema: { body: SetupRequestSchema, response: { 201: UserSchema } } },
    async (request, reply) => {
      const admin = await createFirstAdmin(app.store, request.body, app.now(), app.scrypt);
      if (admin === undefined) throw conflict('Setup is done: an account already exists');
      return reply.code(201).send(publicUser(admin));
    },
  );

  api.post(
    '/auth/login',
    {
      schema: {
        body: LoginRequestSchema,
        response: { 200: LoginResponseSchema, 401: ErrorSchema, 429: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { username, password, deviceId, deviceName, previousDeviceId, switchedFromDeviceId } =
        request.body;
      const now = app.now();
      const key = LoginThrottle.key(username, request.ip);
      // AUTH3: the attempt is counted in the store (shared by every process) before the password
      // check, and cleared below if it succeeds.
      const wait = await throttle.begin(key, now).catch((error: unknown) => {
        throw databaseUnavailable(error);
      });
      if (wait > 0) {
        return reply
          .code(429)
          .header('retry-after', String(wait))
          .send({ error: 'too_many_requests', message: `Too many failed logins: try again in ${wait} s` });
      }
      const user = await app.store.transaction((tx) => tx.getUserByUsername(username.toLowerCase()));
      let ok = false;
      if (user === undefined) await burnPasswordCheck(password, app.scrypt);
      else ok = await verifyPassword(password, user.passwordHash);
      if (user === undefined || !ok || user.disabled) {
        await throttle.failed(now).catch(() => undefined);
        return reply.code(401).send({ error: 'unauthorized', message: 'Wrong user name or password' });
      }
      await throttle.succeeded(key);
      const token = newSessionToken();
      const expiresAt = now + SESSION_TTL_MS;
      const welcomePoints = await app.store.transaction(async (tx) => {
        const device = await tx.getDevice(deviceId);
        if (device !== undefined && device.userId !== user.id) {
          throw forbidden('This device id is registered to another user');
        }
        if (device === undefined) {
          await tx.insertDevice({
            deviceId,
            userId: user.id,
            name: normaliseDeviceName(deviceName),
            lastSeq: 0,
            createdAt: now,
            lastSeenAt: now,
          });
          // DEV1: a first login of this device id may mean an earlier device lost its data.
          await recordDeviceAlert(tx, {
            userId: user.id,
            newDeviceId: deviceId,
            previousDeviceId,
            switchedFromDeviceId,
            now,
          });
        } else if (deviceName !== undefined && normaliseDeviceName(deviceName) !== device.name) {
          // AUTH9: the label typed in Settings since the last login replaces the stored one.
          await tx.setDeviceName(deviceId, normaliseDeviceName(deviceName), now);
        }
        await tx.insertSession({
          id: randomUUID(),
          tokenHash: hashToken(token),
          userId: user.id,
          deviceId,
          createdAt: now,
          expiresAt,
          lastUsedAt: now,
          revokedAt: null,
        });
        // AUTH10: the welcome points the intake may offer, by name.
        return welcomePointsFor(tx, user);
      });
      return { token, expiresAt, user: publicUser(user), welcomePoints };
    },
  );

  api.post(
    '/auth/logout',
    { onRequest: requireAuth(app), schema: { response: { 204: NoContentSchema } } },
    async (request, reply) => {
      const { session } = authOf(request);
      await app.store.transaction((tx) => tx.revokeSession(session.id, app.now()));
      return reply.code(204).send(null);
    },
  );

  // AUTH9: a label changed in Settings while signed in reaches the server at the next sync.
  api.patch(
    '/auth/device',
    {
      onRequest: requireAuth(app),
      schema: { body: DeviceRenameRequestSchema, response: { 200: DeviceRenameResponseSchema } },
    },
    async (request) => {
      const { session } = authOf(request);
      const name = normaliseDeviceName(request.body.name);
      await app.store.transaction((tx) => tx.setDeviceName(session.deviceId, name, app.now()));
      return { deviceId: session.deviceId, name };
    },
  );

  api.get(
    '/auth/me',
    { onRequest: requireAuth(app), schema: { response: { 200: MeResponseSchema } } },
    async (request) => {
      const { user, session } = authOf(request);
      const welcomePoints = await app.store.transaction((tx) => welcomePointsFor(tx, user));
      return {
        user: publicUser(user),
        deviceId: session.deviceId,
        expiresAt: session.expiresAt,
        welcomePoints,
      };
    },
  );
}
