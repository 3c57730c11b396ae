/**
 * Administration of devices (admin role only, AUTH8; docs/remote-wipe.md WIPE3, WIPE5): a user's
 * devices with their last contact and wipe state; an order to erase one ('lost' or 'withdrawn'),
 * and its cancellation while the device has not carried it out.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  type AdminDevice,
  AdminDeviceSchema,
  WipeOrderRequestSchema,
} from '../../../src/domain/security/device-wipe';
import { conflict, notFound } from '../http-errors';
import { authOf, requireAuth } from '../plugins/auth';
import type { StoreTx } from '../stores/store-tx';

const UserParams = z.object({ id: z.string().min(1).max(100) });
const DeviceParams = z.object({ deviceId: z.string().min(1).max(100) });

async function adminDevice(tx: StoreTx, deviceId: string): Promise<AdminDevice | undefined> {
  const device = await tx.getDevice(deviceId);
  if (device === undefined) return undefined;
  return (await tx.listUserDevices(device.userId)).find((d) => d.deviceId === deviceId);
}

function toAdminDevice(d: AdminDevice): AdminDevice {
  return {
    deviceId: d.deviceId,
    name: d.name,
    createdAt: d.createdAt,
    lastSeenAt: d.lastSeenAt,
    hasKey: d.hasKey,
    wipe: d.wipe,
  };
}

export async function adminDeviceRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.addHook('onRequest', requireAuth(app, ['admin']));

  api.get(
    '/users/:id/devices',
    { schema: { params: UserParams, response: { 200: z.array(AdminDeviceSchema) } } },
    async (request) => {
      const devices = await app.store.transaction(async (tx) => {
        if ((await tx.getUser(request.params.id)) === undefined) return undefined;
        return tx.listUserDevices(request.params.id);
      });
      if (devices === undefined) throw notFound(`No user ${request.params.id}`);
      return devices.map(toAdminDevice);
    },
  );

  // WIPE3: the order waits for the device's next contact (WIPE4).
  api.post(
    '/devices/:deviceId/wipe',
    { schema: { params: DeviceParams, body: WipeOrderRequestSchema, response: { 200: AdminDeviceSchema } } },
    async (request) => {
      const { user } = authOf(request);
      const device = await app.store.transaction(async (tx) => {
        if ((await tx.getDevice(request.params.deviceId)) === undefined) return undefined;
        if (!(await tx.orderDeviceWipe(request.params.deviceId, request.body.mode, user.id, app.now())))
          throw conflict('This device has already erased itself');
        return adminDevice(tx, request.params.deviceId);
      });
      if (device === undefined) throw notFound(`No device ${request.params.deviceId}`);
      return toAdminDevice(device);
    },
  );

  // WIPE5: cancelled while the device has not carried it out.
  api.delete(
    '/devices/:deviceId/wipe',
    { schema: { params: DeviceParams, response: { 200: AdminDeviceSchema } } },
    async (request) => {
      const device = await app.store.transaction(async (tx) => {
        const known = await tx.getDevice(request.params.deviceId);
        if (known === undefined) return undefined;
        if (!(await tx.cancelDeviceWipe(request.params.deviceId)))
          throw conflict('No order waits for this device: none was given, or it is done');
        return adminDevice(tx, request.params.deviceId);
      });
      if (device === undefined) throw notFound(`No device ${request.params.deviceId}`);
      return toAdminDevice(device);
    },
  );
}
