/** Requests of the remote-wipe suites (docs/remote-wipe.md), over app.inject. */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { AdminDevice, WipeMode } from '../../../src/domain/security/device-wipe';
import { type Account, bearer } from '../sync/harness';

export function randomKey(): string {
  return randomBytes(32).toString('base64');
}

export function depositKey(
  app: FastifyInstance,
  account: Account,
  key: string,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'PUT',
    url: '/api/auth/device-key',
    headers: bearer(account.token),
    payload: { key },
  });
}

export function recoverKey(app: FastifyInstance, account: Account): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'GET', url: '/api/auth/device-key', headers: bearer(account.token) });
}

export function orderWipe(
  app: FastifyInstance,
  admin: Account,
  deviceId: string,
  mode: WipeMode,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: `/api/admin/devices/${deviceId}/wipe`,
    headers: bearer(admin.token),
    payload: { mode },
  });
}

export function cancelWipe(
  app: FastifyInstance,
  admin: Account,
  deviceId: string,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'DELETE',
    url: `/api/admin/devices/${deviceId}/wipe`,
    headers: bearer(admin.token),
  });
}

export function confirmWiped(
  app: FastifyInstance,
  account: Account,
  report: { pendingChanges: number; householdIds: string[] },
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/api/auth/device-wiped',
    headers: bearer(account.token),
    payload: report,
  });
}

export async function devicesOf(
  app: FastifyInstance,
  admin: Account,
  userId: string,
): Promise<AdminDevice[]> {
  const response = await app.inject({
    method: 'GET',
    url: `/api/admin/users/${userId}/devices`,
    headers: bearer(admin.token),
  });
  if (response.statusCode !== 200) throw new Error(`devices: ${response.statusCode} ${response.body}`);
  return response.json() as AdminDevice[];
}

export function me(app: FastifyInstance, account: Account): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(account.token) });
}
