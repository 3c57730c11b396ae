/**
 * Device alerts for coordinators and admins (rule DEV1, docs/sync-protocol.md): a person signed
 * in with a new device while an earlier device may hold changes the server never received.
 * Listed like the quarantine (`GET /quarantine`), and marked handled once someone followed up.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DeviceAlertListSchema,
  DeviceAlertSchema,
  SupervisionListQuerySchema,
} from '../../../src/domain/sync/protocol';
import { notFound } from '../http-errors';
import { authOf, requireAuth } from '../plugins/auth';

export async function deviceAlertRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const coordinators = requireAuth(app, ['coordinator', 'admin']);

  api.get(
    '/device-alerts',
    {
      onRequest: coordinators,
      schema: {
        querystring: SupervisionListQuerySchema,
        response: { 200: DeviceAlertListSchema },
      },
    },
    async (request) => {
      const { status, limit } = request.query;
      const alerts = await app.store.transaction((tx) => tx.listDeviceAlerts({ status, limit }));
      return { alerts };
    },
  );

  // Idempotent: marking an already handled alert again keeps the first handler and time.
  api.post(
    '/device-alerts/:id/handled',
    {
      onRequest: coordinators,
      schema: {
        params: z.object({ id: z.string().min(1).max(100) }),
        response: { 200: DeviceAlertSchema },
      },
    },
    async (request) => {
      const { user } = authOf(request);
      const alert = await app.store.transaction(async (tx) => {
        await tx.markDeviceAlertHandled(request.params.id, { userId: user.id, at: app.now() });
        return tx.getDeviceAlert(request.params.id);
      });
      if (alert === undefined) throw notFound(`No device alert ${request.params.id}`);
      return alert;
    },
  );
}
