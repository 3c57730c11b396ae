import { describe, expect, it } from 'vitest';
import { ENGINES, serverRow, useSyncServer, WP_A } from './harness';

for (const engine of ENGINES) {
  describe(`action revisions on ${engine.name}`, () => {
    const server = useSyncServer(engine);
    const { clock } = server;

    it('stores a correction and a cancellation of a done action, each replacing the one before', async () => {
      const a = await server.device(server.world.counsellorA);
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
      expect(await serverRow(server.store, 'action', original.entityId)).toMatchObject({
        status: 'done',
        deleted: false,
      });
      expect(await serverRow(server.store, 'action', cancellation.entityId)).toMatchObject({
        status: 'cancelled',
        supersedes: correction.entityId,
        revision: { kind: 'cancellation', reason: 'Atelier annulé par le centre' },
      });
      expect(
        await server.store.transaction((tx) =>
          tx.openConflictsOf([original.entityId, correction.entityId, cancellation.entityId]),
        ),
      ).toEqual([]);
    });

    it('quarantines a revision without a reason (the shared schema refuses it)', async () => {
      const a = await server.device(server.world.counsellorA);
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
