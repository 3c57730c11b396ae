/**
 * The derived-data drain (docs/reports-and-plans.md RPT8): a push commits with its roots queued;
 * the facts are derived after, and a failed drain leaves the root queued for the next one, the
 * push itself answered 200.
 */
import { describe, expect, it } from 'vitest';
import { merge, pushHousehold } from '../merges/merge-harness';
import { ENGINES, useSyncServer, WP_A } from '../sync/harness';
import { figures, getReport } from './report-harness';

for (const engine of ENGINES) {
  describe(`derived-data drain on ${engine.name}`, () => {
    let failing = true;
    const server = useSyncServer(engine, {
      perTest: true,
      app: {
        derived: {
          beforeBatch: () => {
            if (failing) throw new Error('drain down');
          },
        },
      },
    });

    it('[RPT8] a failed drain leaves the root queued; the next drain derives its facts', async () => {
      failing = true;
      const device = await server.device(server.world.counsellorA);
      const id = await pushHousehold(device, WP_A, { openedOn: '2026-04-01' });
      await server.app.derived.idle();
      expect(await server.store.transaction((tx) => tx.queuedRoots(10))).toEqual([id]);
      expect(await server.store.transaction((tx) => tx.reportFactsOf(id))).toEqual([]);

      failing = false;
      server.app.derived.schedule();
      await server.app.derived.idle();
      expect(await server.store.transaction((tx) => tx.derivedQueueLength())).toBe(0);
      const codes = (await server.store.transaction((tx) => tx.reportFactsOf(id))).map((f) => f.code);
      expect(codes.sort()).toEqual(['households_followed', 'households_new']);
    });

    it('[RPT4] a household merged away counts for nothing even before its facts are derived again', async () => {
      failing = false;
      const device = await server.device(server.world.counsellorA);
      const survivor = await pushHousehold(device, WP_A, { openedOn: '2026-04-01' });
      const merged = await pushHousehold(device, WP_A, { openedOn: '2026-04-02' });
      await server.app.derived.idle();
      failing = true; // the drain is down: the merged household keeps its stale facts
      await merge(server, survivor, merged);
      await server.app.derived.idle();
      expect(await server.store.transaction((tx) => tx.reportFactsOf(merged))).toHaveLength(2);
      const response = await getReport(server, 'from=2026-04-01&to=2026-04-30');
      expect(response.statusCode).toBe(200);
      // Only the survivor: merged_into is read when the report is made.
      expect(figures(response.json(), 'households_new').total).toBe(1);
    });
  });
}
