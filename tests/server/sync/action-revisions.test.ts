/**
 * Corrections and cancellations of follow-up actions (issue 12 point 8) on both stores: each is a
 * new action row whose `supersedes` names the version it replaces, with a `revision` saying why.
 * The server accepts them with the shared schema, opens no conflict, and keeps every version;
 * a cancellation may follow any status (a new row's first status is free), even "done".
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RelaisStore } from '../../../sync-server/src/stores/store';
import {
  Device,
  ENGINES,
  makeWorld,
  newDevice,
  openApp,
  serverRow,
  TestClock,
  type World,
  WP_A,
} from './harness';

for (const engine of ENGINES) {
  describe(`action revisions on ${engine.name}`, () => {
    let app: FastifyInstance;
    let store: RelaisStore;
    let destroy: () => Promise<void>;
    let world: World;
    const clock = new TestClock();

    beforeAll(async () => {
      const made = await engine.make();
      store = made.store;
      destroy = made.destroy;
      app = await openApp(store, clock);
      world = await makeWorld(app);
    });
    afterAll(async () => {
      await app.close();
      await destroy();
    });

    it('stores a correction and a cancellation of a done action, each replacing the one before', async () => {
      const a = new Device(app, await newDevice(app, world.counsellorA), clock);
      const h = a.createHousehold(WP_A);
      const original = a.create('action', h.entityId, {
        kind: 'budget_workshop',
        date: '2026-11-02',
        status: 'done',
        topic: 'Budget',
      });
      const correction = a.create('action', h.entityId, {
        kind: 'budget_workshop',
        date: '2026-11-03',
        status: 'done',
        topic: 'Budget et énergie',
        supersedes: original.entityId,
        revision: { kind: 'correction', reason: 'Mauvaise date', writtenAt: clock.ms },
      });
      const cancellation = a.create('action', h.entityId, {
        kind: 'budget_workshop',
        date: '2026-11-03',
        status: 'cancelled',
        topic: 'Budget et énergie',
        supersedes: correction.entityId,
        revision: { kind: 'cancellation', reason: 'Atelier annulé par le centre', writtenAt: clock.ms },
      });
      const response = await a.push([h, original, correction, cancellation]);
      expect(response.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
      expect(await serverRow(store, 'action', original.entityId)).toMatchObject({
        status: 'done',
        deleted: false,
      });
      expect(await serverRow(store, 'action', cancellation.entityId)).toMatchObject({
        status: 'cancelled',
        supersedes: correction.entityId,
        revision: { kind: 'cancellation', reason: 'Atelier annulé par le centre' },
      });
      expect(
        await store.transaction((tx) =>
          tx.openConflictsOf([original.entityId, correction.entityId, cancellation.entityId]),
        ),
      ).toEqual([]);
    });

    it('quarantines a revision without a reason (the shared schema refuses it)', async () => {
      const a = new Device(app, await newDevice(app, world.counsellorA), clock);
      const h = a.createHousehold(WP_A);
      const blank = a.create('action', h.entityId, {
        kind: 'bdf_filing',
        date: '2026-11-02',
        status: 'cancelled',
        revision: { kind: 'cancellation', reason: '   ', writtenAt: clock.ms },
      });
      const response = await a.push([h, blank]);
      expect(response.results[1]).toMatchObject({ status: 'quarantined', reason: 'schema-invalid' });
    });
  });
}
