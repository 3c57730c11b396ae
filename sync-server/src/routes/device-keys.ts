/**
 * The server's copy of a device's data key and the device's wipe confirmation (issue 16,
 * docs/remote-wipe.md WIPE1, WIPE2, WIPE6, WIPE7). Each route works on the session's own device
 * only: a key is deposited and given back to the same user on the same device, never elsewhere.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DeviceKeySchema, DeviceWipedSchema } from '../../../src/domain/security/device-wipe';
import { unwrapDeviceKey, wrapDeviceKey } from '../auth/device-keys';
import { conflict, notFound } from '../http-errors';
import { authOf, requireAuth } from '../plugins/auth';

export async function deviceKeyRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const signedIn = requireAuth(app);

  // WIPE1: the device deposits its data key (again after a new key: the last one wins).
  api.put(
    '/auth/device-key',
    { onRequest: signedIn, schema: { body: DeviceKeySchema } },
    async (request, reply) => {
      const { user, session } = authOf(request);
      const key = Buffer.from(request.body.key, 'base64');
      await app.store.transaction(async (tx) => {
        const wrapped = await wrapDeviceKey(tx, user.id, session.deviceId, key);
        await tx.putDeviceKey(user.id, session.deviceId, wrapped, app.now());
      });
      key.fill(0);
      return reply.code(204).send();
    },
  );

  // WIPE2: given back to the same user on the same device; a lost device never gets here (410).
  api.get(
    '/auth/device-key',
    { onRequest: signedIn, schema: { response: { 200: DeviceKeySchema } } },
    async (request) => {
      const { user, session } = authOf(request);
      const key = await app.store.transaction(async (tx) => {
        const wrapped = await tx.getDeviceKey(user.id, session.deviceId);
        return wrapped === undefined ? undefined : unwrapDeviceKey(tx, user.id, session.deviceId, wrapped);
      });
      if (key === undefined) throw notFound('The server holds no key for this device');
      const body = { key: key.toString('base64') };
      key.fill(0);
      return body;
    },
  );

  // WIPE6, WIPE7: the device erased itself; the server forgets its key, ends its sessions and
  // tells the coordinators what was still pending (ids and a count, no personal data).
  api.post(
    '/auth/device-wiped',
    { onRequest: signedIn, schema: { body: DeviceWipedSchema } },
    async (request, reply) => {
      const { user, session, wipe } = authOf(request);
      if (wipe === null) throw conflict('No wipe order waits for this device');
      const now = app.now();
      const householdIds = [...new Set(request.body.householdIds)].sort();
      await app.store.transaction(async (tx) => {
        const device = await tx.getDevice(session.deviceId);
        if (device === undefined || !(await tx.confirmDeviceWipe(device.deviceId, now)))
          throw conflict('No wipe order waits for this device');
        await tx.deleteDeviceKeys(device.deviceId);
        await tx.revokeDeviceSessions(device.deviceId, now);
        await tx.insertDeviceAlert({
          id: randomUUID(),
          userId: user.id,
          newDeviceId: null,
          previousDeviceId: device.deviceId,
          reason: wipe.mode === 'lost' ? 'wiped-lost' : 'wiped-withdrawn',
          previousLastSeenAt: device.lastSeenAt,
          previousLastSeq: device.lastSeq,
          createdAt: now,
          handledAt: null,
          handledBy: null,
          pendingChanges: request.body.pendingChanges,
          pendingHouseholdIds: householdIds,
        });
      });
      return reply.code(204).send();
    },
  );
}
