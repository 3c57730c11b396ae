/**
 * QUAR1 listing and QUAR3 (a coordinator or admin marks a quarantined mutation handled) through
 * the real routes, role by role, on SQLite and, with DATABASE_URL, PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { QuarantineItem } from '../../../src/domain/sync/protocol';
import { bearer, chargeFields, ENGINES, useSyncServer, WP_A } from './harness';

for (const engine of ENGINES) {
  describe(`quarantine follow-up on ${engine.name}`, () => {
    const server = useSyncServer(engine);

    async function list(token: string, query = '') {
      const response = await server.app.inject({
        method: 'GET',
        url: `/api/quarantine${query}`,
        headers: bearer(token),
      });
      return {
        status: response.statusCode,
        items: (response.json() as { items?: QuarantineItem[] }).items ?? [],
      };
    }

    const handle = (token: string | undefined, id: string) =>
      server.app.inject({
        method: 'POST',
        url: `/api/quarantine/${id}/handled`,
        ...(token === undefined ? {} : { headers: bearer(token) }),
      });

    /** The counsellor's device pushes a household and a charge with a negative amount. */
    async function quarantineOne(): Promise<{ mutationId: string; householdId: string; deviceId: string }> {
      const device = await server.device(server.world.counsellorA);
      await server.app.inject({
        method: 'PATCH',
        url: '/api/auth/device',
        headers: bearer(device.account.token),
        payload: { name: 'Tablette du mardi' },
      });
      const h = device.createHousehold(WP_A);
      const poison = device.create('charge', h.entityId, { ...chargeFields(), amountCents: -5 });
      const response = await device.push([h, poison]);
      expect(response.results.map((r) => r.status)).toEqual(['applied', 'quarantined']);
      return { mutationId: poison.mutationId, householdId: h.entityId, deviceId: device.account.deviceId };
    }

    it('[QUAR1][QUAR3] lists who pushed it and from which device, with the household and the payload', async () => {
      const pushed = await quarantineOne();
      const { status, items } = await list(server.world.coordinator.token);
      expect(status).toBe(200);
      const item = items.find((i) => i.mutationId === pushed.mutationId);
      expect(item).toMatchObject({
        deviceId: pushed.deviceId,
        deviceName: 'Tablette du mardi',
        userId: server.world.counsellorA.userId,
        username: 'couns-a',
        displayName: 'couns-a',
        householdId: pushed.householdId,
        entity: 'charge',
        reason: 'schema-invalid',
        handledAt: null,
        handledBy: null,
        handledByUsername: null,
        handledByDisplayName: null,
      });
      expect(item?.detail).not.toBe('');
      expect(item?.payload).toMatchObject({ mutationId: pushed.mutationId });
    });

    it('[QUAR3][AUTH8] coordinators and admins mark an item handled (who and when recorded); volunteers and counsellors get 403', async () => {
      const pushed = await quarantineOne();
      const id = (await list(server.world.admin.token)).items.find(
        (i) => i.mutationId === pushed.mutationId,
      )?.id;
      if (id === undefined) throw new Error('not quarantined');
      for (const account of [server.world.volunteerA, server.world.counsellorA, server.world.volunteerB]) {
        expect((await list(account.token)).status).toBe(403);
        expect((await handle(account.token, id)).statusCode).toBe(403);
      }
      expect((await handle(undefined, id)).statusCode).toBe(401);
      const handled = await handle(server.world.coordinator.token, id);
      expect(handled.statusCode).toBe(200);
      expect(handled.json()).toMatchObject({
        id,
        handledAt: server.clock.ms,
        handledBy: server.world.coordinator.userId,
        handledByUsername: 'coord',
        handledByDisplayName: 'coord',
      });
      // Hidden by default, listed with status=all.
      expect((await list(server.world.coordinator.token)).items.map((i) => i.id)).not.toContain(id);
      const all = await list(server.world.coordinator.token, '?status=all');
      expect(all.items.find((i) => i.id === id)?.handledBy).toBe(server.world.coordinator.userId);
      // Again, by the admin, later: the first handler and time stay.
      const first = server.clock.ms;
      server.clock.advance(60_000);
      const again = await handle(server.world.admin.token, id);
      expect(again.statusCode).toBe(200);
      expect(again.json()).toMatchObject({ handledAt: first, handledBy: server.world.coordinator.userId });
    });

    it('[QUAR3] status=handled lists the handled items alone, with the handler by name as the account is named today', async () => {
      const first = await quarantineOne();
      const second = await quarantineOne();
      // The server is shared by this block's tests: look at this test's two items only.
      const mine = (items: QuarantineItem[]) =>
        items.filter((i) => i.mutationId === first.mutationId || i.mutationId === second.mutationId);
      const listed = (await list(server.world.coordinator.token)).items;
      const idOf = (mutationId: string) => listed.find((i) => i.mutationId === mutationId)?.id ?? '';
      expect(mine((await list(server.world.coordinator.token, '?status=handled')).items)).toEqual([]);
      await handle(server.world.coordinator.token, idOf(first.mutationId));
      const renamed = await server.app.inject({
        method: 'PATCH',
        url: `/api/admin/users/${server.world.coordinator.userId}`,
        headers: bearer(server.world.admin.token),
        payload: { displayName: 'Camille Roux' },
      });
      expect(renamed.statusCode).toBe(200);
      const handled = await list(server.world.admin.token, '?status=handled');
      expect(handled.status).toBe(200);
      // Every listed item is handled; this test's one carries the handler's names.
      expect(handled.items.every((i) => i.handledAt !== null && i.handledBy !== null)).toBe(true);
      expect(
        mine(handled.items).map((i) => [
          i.mutationId,
          i.handledBy,
          i.handledByUsername,
          i.handledByDisplayName,
        ]),
      ).toEqual([[first.mutationId, server.world.coordinator.userId, 'coord', 'Camille Roux']]);
      const open = (await list(server.world.admin.token)).items;
      expect(open.every((i) => i.handledAt === null)).toBe(true);
      expect(mine(open).map((i) => i.mutationId)).toEqual([second.mutationId]);
      const all = mine((await list(server.world.admin.token, '?status=all')).items);
      expect(all.map((i) => i.mutationId).sort()).toEqual([first.mutationId, second.mutationId].sort());
      expect(all.find((i) => i.mutationId === second.mutationId)).toMatchObject({
        handledBy: null,
        handledByUsername: null,
        handledByDisplayName: null,
      });
    });

    it('[QUAR3] an admin can handle too; an unknown id is 404 and a bad status flag 400', async () => {
      const pushed = await quarantineOne();
      const id = (await list(server.world.admin.token)).items.find(
        (i) => i.mutationId === pushed.mutationId,
      )?.id;
      expect((await handle(server.world.admin.token, id ?? '')).json()).toMatchObject({
        handledBy: server.world.admin.userId,
      });
      expect((await handle(server.world.admin.token, randomUUID())).statusCode).toBe(404);
      expect((await list(server.world.admin.token, '?status=closed')).status).toBe(400);
    });
  });
}
