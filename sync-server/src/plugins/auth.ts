/**
 * Bearer-token authentication and role checks. `requireAuth(roles?)` is an onRequest hook (before the body is even parsed): it finds
 * the session by the token's SHA-256, refuses expired, revoked and disabled ones (401), pushes
 * a sliding expiry back, and refuses roles not listed (403). The authenticated user and scope
 * are on `request.auth`. A device under a wipe order gets 410 instead (auth/wipe-gate.ts, WIPE4).
 */
import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Role } from '../../../src/domain/sync/protocol';
import { DEFAULT_SCRYPT, type ScryptParams } from '../auth/passwords';
import { hashToken, SESSION_EXTEND_EVERY_MS, SESSION_TTL_MS } from '../auth/sessions';
import { deviceWipeOrder, wipeAllows } from '../auth/wipe-gate';
import { databaseUnavailable, forbidden, unauthorized } from '../http-errors';
import type { DeviceWipeRecord } from '../stores/device-keys-tx';
import type { Scope, SessionRecord, UserRecord } from '../stores/store-tx';
import { scopeOf } from '../sync/scope';

export interface AuthContext {
  user: UserRecord;
  session: SessionRecord;
  scope: Scope;
  /** The session's device's waiting wipe order (WIPE4), null when none. */
  wipe: DeviceWipeRecord | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyInstance {
    /** Server clock, Unix ms (tests replace it). */
    now: () => number;
    /** Parameters for new password hashes (tests use cheaper ones). */
    scrypt: ScryptParams;
  }
}

export function registerAuth(
  app: FastifyInstance,
  now: () => number,
  scrypt: ScryptParams = DEFAULT_SCRYPT,
): void {
  app.decorate('now', now);
  app.decorate('scrypt', scrypt);
  app.decorateRequest('auth', null);
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(header.trim());
  return match?.[1];
}

/** Authenticates the request; when `roles` is given, only those roles may pass. */
export function requireAuth(app: FastifyInstance, roles?: readonly Role[]): onRequestAsyncHookHandler {
  return async (request) => {
    const token = bearer(request);
    if (token === undefined) throw unauthorized();
    const now = app.now();
    const auth = await app.store
      .transaction(async (tx) => {
        const session = await tx.getSessionByHash(hashToken(token));
        if (session === undefined || session.revokedAt !== null || session.expiresAt <= now) return undefined;
        const user = await tx.getUser(session.userId);
        if (user === undefined) return undefined;
        const order = await tx.getDeviceWipe(session.deviceId);
        const wipe = order !== null && order.confirmedAt === null ? order : null;
        // WIPE9: a deactivated user's devices still get their order (a withdrawn one may push
        // first); any other session of theirs is refused.
        if (user.disabled && wipe === null) return undefined;
        if (now - session.lastUsedAt >= SESSION_EXTEND_EVERY_MS) {
          await tx.extendSession(session.id, now + SESSION_TTL_MS, now);
        }
        return { session, user, scope: scopeOf(user), wipe };
      })
      .catch((error: unknown) => {
        throw databaseUnavailable(error);
      });
    if (auth === undefined) throw unauthorized('Session expired or revoked: log in again');
    // WIPE4: the order reaches the device at its next contact, whatever it asked for.
    if (auth.wipe !== null && !wipeAllows(auth.wipe.mode, request.method, request.routeOptions.url)) {
      throw deviceWipeOrder(auth.wipe.mode);
    }
    if (roles !== undefined && !roles.includes(auth.user.role)) {
      throw forbidden(`This needs one of the roles: ${roles.join(', ')}`);
    }
    request.auth = auth;
  };
}

/** The authenticated context (requireAuth ran before). */
export function authOf(request: FastifyRequest): AuthContext {
  if (request.auth === null) throw unauthorized();
  return request.auth;
}
