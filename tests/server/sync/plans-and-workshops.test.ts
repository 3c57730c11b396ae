/**
 * Issue 15's entities on the server (docs/reports-and-plans.md), on both stores: plans, plan
 * payments and micro-credits sync as children of a household; a workshop session is a root (WS1):
 * its create registers its own scope with its welcome point (AUTH6: a counsellor only in their own
 * welcome points), it is pulled by the devices of that welcome point only, takes no child row, is
 * ignored by duplicate detection and is never merged.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { EntityName } from '../../../src/domain/sync/entities';
import { detected, detectionTables, post } from '../duplicates/helpers';
import { merge, pushChild, pushHousehold, sampleFields, storedRow } from '../merges/merge-harness';
import { bearer, type Device, ENGINES, requireServerRow, useSyncServer, WP_A, WP_B } from './harness';

/** A workshop's fields; `null`: without a welcome point. */
function workshopFields(welcomePointId: string | null = WP_A): Record<string, unknown> {
  return {
    date: '2026-03-12',
    ...(welcomePointId === null ? {} : { welcomePointId }),
    topic: 'Le budget du mois',
    durationMinutes: 120,
    participantHouseholdIds: [],
    anonymousParticipants: 3,
  };
}

/** Every row a full pull brings to the device, by `entity:id`. */
async function pulled(device: Device): Promise<Map<string, Record<string, unknown>>> {
  return (await device.pullAll()).rows;
}

for (const engine of ENGINES) {
  describe(`plans, payments, micro-credits and workshops on ${engine.name}`, () => {
    const server = useSyncServer(engine, { perTest: true });

    it('children of a household: create, patch and delete of a plan, a plan payment and a micro-credit apply and are pulled', async () => {
      const device = await server.device(server.world.counsellorA);
      const householdId = await pushHousehold(device, WP_A);
      const patches: Record<string, Record<string, unknown>> = {
        plan: { lastReviewOn: '2026-06-01' },
        plan_payment: { status: 'late', paidOn: '2026-04-20' },
        microcredit: { repaidOn: '2028-02-01' },
      };
      for (const entity of ['plan', 'plan_payment', 'microcredit'] as const) {
        const create = device.create(entity, householdId, sampleFields(entity));
        expect((await device.push([create])).results[0]?.status).toBe('applied');
        const created = await requireServerRow(server.store, entity, create.entityId);
        expect(created.householdId).toBe(householdId);
        const patch = device.patch(entity, created, patches[entity] ?? {});
        expect((await device.push([patch])).results[0]).toMatchObject({ status: 'applied', version: 2 });
        const patched = await requireServerRow(server.store, entity, create.entityId);
        expect(patched).toMatchObject(patches[entity] ?? {});
        const other = await server.device(server.world.volunteerA);
        expect((await pulled(other)).get(`${entity}:${create.entityId}`)).toMatchObject(
          patches[entity] ?? {},
        );
        expect((await device.push([device.remove(entity, patched)])).results[0]?.status).toBe('applied');
        expect((await requireServerRow(server.store, entity, create.entityId)).deleted).toBe(true);
      }
    }, 60_000);

    it('[WS1] a workshop is a root: its create registers its scope with its welcome point; patch and delete apply', async () => {
      const device = await server.device(server.world.counsellorA);
      const create = device.create('workshop', '', workshopFields());
      expect(create.householdId).toBe(create.entityId);
      expect((await device.push([create])).results[0]?.status).toBe('applied');
      const scope = await server.store.transaction((tx) => tx.getHouseholds([create.entityId]));
      expect(scope.get(create.entityId)).toMatchObject({ welcomePointId: WP_A });
      const row = await requireServerRow(server.store, 'workshop', create.entityId);
      const patch = device.patch('workshop', row, { anonymousParticipants: 5 });
      expect((await device.push([patch])).results[0]).toMatchObject({ status: 'applied', version: 2 });
      const patched = await requireServerRow(server.store, 'workshop', create.entityId);
      expect(patched.anonymousParticipants).toBe(5);
      expect((await device.push([device.remove('workshop', patched)])).results[0]?.status).toBe('applied');
      expect((await requireServerRow(server.store, 'workshop', create.entityId)).deleted).toBe(true);
      // Its rows are not queued for duplicate detection: the queue stays empty.
      expect(await server.store.transaction((tx) => tx.queueLength())).toBe(0);
    });

    it('[WS1][AUTH6] a counsellor creates workshops only in their own welcome points; one without a welcome point is refused', async () => {
      const device = await server.device(server.world.counsellorA);
      const foreign = device.create('workshop', '', workshopFields(WP_B));
      const response = await device.pushRaw([foreign]);
      expect(response.statusCode).toBe(403);
      expect(await requireServerRow(server.store, 'workshop', foreign.entityId).catch(() => undefined)).toBe(
        undefined,
      );
      const fresh = await server.device(server.world.counsellorA);
      const none = fresh.create('workshop', '', workshopFields(null));
      expect((await fresh.push([none])).results[0]).toMatchObject({
        status: 'quarantined',
        reason: 'schema-invalid',
      });
    });

    it('[WS1][AUTH6] a workshop of welcome point A is neither pulled by nor pushed to by a volunteer of welcome point B', async () => {
      const a = await server.device(server.world.counsellorA);
      const create = a.create('workshop', '', workshopFields(WP_A));
      await a.push([create]);
      const key = `workshop:${create.entityId}`;
      expect((await pulled(await server.device(server.world.volunteerA))).has(key)).toBe(true);
      expect((await pulled(await server.device(server.world.coordinator))).has(key)).toBe(true);
      const b = await server.device(server.world.volunteerB);
      expect((await pulled(b)).has(key)).toBe(false);
      const row = await requireServerRow(server.store, 'workshop', create.entityId);
      const response = await b.pushRaw([b.patch('workshop', row, { topic: 'Piraté' })]);
      expect(response.statusCode).toBe(403);
      expect((await requireServerRow(server.store, 'workshop', create.entityId)).topic).toBe(
        'Le budget du mois',
      );
    });

    it('[WS1] a workshop takes no child row, and a household cannot take a workshop\u2019s id', async () => {
      const device = await server.device(server.world.counsellorA);
      const workshop = device.create('workshop', '', workshopFields());
      await device.push([workshop]);
      const child = device.create('plan', workshop.entityId, sampleFields('plan'));
      const twin = device.createHousehold(WP_A, workshop.entityId as ReturnType<typeof randomUUID>);
      const results = (await device.push([child, twin])).results;
      expect(results.map((r) => [r.status, r.reason])).toEqual([
        ['quarantined', 'unknown-household'],
        ['quarantined', 'household-mismatch'],
      ]);
      expect(
        await requireServerRow(server.store, 'household', workshop.entityId).catch(() => undefined),
      ).toBe(undefined);
    });

    it('[WS1][DUP4] a workshop id in the match queue gives no profile and no candidate; the rescan neither pages nor counts it', async () => {
      const device = await server.device(server.world.counsellorA);
      const householdId = await pushHousehold(device, WP_A);
      const workshop = device.create('workshop', '', workshopFields());
      await device.push([workshop]);
      await detected(server.app);
      await server.store.transaction((tx) =>
        tx.queueHouseholds([workshop.entityId, householdId], server.clock.ms),
      );
      server.app.duplicates.schedule();
      await detected(server.app);
      expect(await server.store.transaction((tx) => tx.queueLength())).toBe(0);
      const tables = await detectionTables(server.store);
      const ids = JSON.stringify(tables);
      expect(ids).not.toContain(workshop.entityId);
      expect(ids).toContain(householdId);
      const rescan = await post(server.app, server.world.admin, '/rescan');
      expect(rescan.status).toBe(200);
      expect(rescan.body.households).toBe(1);
      expect(JSON.stringify(await detectionTables(server.store))).not.toContain(workshop.entityId);
    });

    it('[MERGE5] a merge moves the merged household’s plans, plan payments and micro-credits to the survivor; a workshop naming it stays put', async () => {
      const device = await server.device(server.world.counsellorA);
      const survivorId = await pushHousehold(device, WP_A);
      const mergedId = await pushHousehold(device, WP_A);
      const ids = new Map<string, string>();
      for (const entity of ['plan', 'plan_payment', 'microcredit'] as const) {
        ids.set(entity, await pushChild(device, entity, mergedId, sampleFields(entity)));
      }
      const workshop = device.create('workshop', '', {
        ...workshopFields(),
        participantHouseholdIds: [mergedId],
      });
      await device.push([workshop]);
      await merge(server, survivorId, mergedId);
      for (const [entity, id] of ids) {
        expect([entity, (await storedRow(server, entity, id)).householdId]).toEqual([entity, survivorId]);
      }
      const after = await storedRow(server, 'workshop', workshop.entityId);
      expect([after.householdId, after.version]).toEqual([workshop.entityId, 1]);
    });

    it('[WS1] a workshop is never merged: the preview and the merge refuse its id with a reason', async () => {
      const device = await server.device(server.world.counsellorA);
      const householdId = await pushHousehold(device, WP_A);
      const workshop = device.create('workshop', '', workshopFields());
      await device.push([workshop]);
      const preview = await server.app.inject({
        method: 'GET',
        url: `/api/coordination/merge-preview?survivorId=${householdId}&mergedId=${workshop.entityId}`,
        headers: bearer(server.world.coordinator.token),
      });
      expect(preview.statusCode).toBe(404);
      expect(preview.body).toContain('workshop');
      for (const [survivorId, mergedId] of [
        [householdId, workshop.entityId],
        [workshop.entityId, householdId],
      ]) {
        const response = await server.app.inject({
          method: 'POST',
          url: '/api/coordination/merges',
          headers: bearer(server.world.coordinator.token),
          payload: {
            mergeId: randomUUID(),
            survivorId,
            mergedId,
            reason: 'Essai',
            fieldChoices: {},
            childChoices: [],
          },
        });
        expect(response.statusCode).toBe(404);
        expect(response.body).toContain('workshop');
      }
      const rows = await server.store.transaction((tx) => tx.getRows([workshop.entityId, householdId]));
      expect(rows.map((r) => [r.entity as EntityName, r.version]).sort()).toEqual([
        ['household', 1],
        ['workshop', 1],
      ]);
    });
  });
}
