/**
 * `admin.ts rebuild-report-data` (docs/reports-and-plans.md RPT8): the operator derives every
 * root's report facts again from the synced rows, stale facts replaced and a gone root's dropped.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAdminCli } from '../../../sync-server/src/cli/admin';
import { SqliteStore } from '../../../sync-server/src/stores/sqlite-store';
import { makeTempDir } from '../helpers';

describe('[RPT8] rebuild-report-data CLI', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.cleanup());

  it('queues every household and workshop and derives their facts from the synced rows', async () => {
    const path = join(temp.dir, 'relais.sqlite');
    const store = new SqliteStore({ path });
    await store.migrate();
    await store.transaction(async (tx) => {
      const row = (
        entity: string,
        id: string,
        householdId: string,
        seq: number,
        data: Record<string, unknown>,
      ) =>
        tx.upsertRow({
          entity,
          id,
          householdId,
          version: 1,
          seq,
          deleted: false,
          data,
          fieldMeta: {},
          updatedHlc: 'h',
        });
      await tx.upsertHousehold({ id: 'h1', welcomePointId: null, createdBy: 'u1' });
      await row('household', 'h1', 'h1', 1, { id: 'h1', status: 'active', openedOn: '2026-02-03' });
      await row('action', 'a1', 'h1', 2, {
        id: 'a1',
        kind: 'bdf_filing',
        status: 'done',
        date: '2026-02-04',
      });
      await tx.upsertHousehold({ id: 'w1', welcomePointId: 'wp', createdBy: 'u1' });
      await row('workshop', 'w1', 'w1', 3, {
        id: 'w1',
        date: '2026-02-05',
        welcomePointId: 'wp',
        topic: 'Budget',
        durationMinutes: 60,
        participantHouseholdIds: ['h1'],
        anonymousParticipants: 2,
      });
      // Stale: a fact of a root that has no rows any more.
      await tx.replaceReportFacts('gone', null, [
        { factId: 'x', code: 'diagnoses', startsOn: '2026-01-01', endsOn: '2026-01-01', quantity: 1 },
      ]);
    });
    await store.close();

    const result = await runAdminCli(['rebuild-report-data'], { DATA_DIR: temp.dir }, process.stdin);
    expect(result).toEqual({ code: 0, out: 'Queued 3 roots (households, workshops); 3 derived again.' });

    const reopened = new SqliteStore({ path });
    try {
      const codes = async (id: string) =>
        (await reopened.transaction((tx) => tx.reportFactsOf(id))).map(
          (f) => `${f.code}:${f.startsOn}:${f.quantity}`,
        );
      expect(await codes('h1')).toEqual([
        'bdf_dossiers:2026-02-04:1',
        'households_followed:2026-02-03:1',
        'households_new:2026-02-03:1',
      ]);
      expect(await codes('gone')).toEqual([]);
      // 60 minutes × (h1 + 2 anonymous) = 180 participant-minutes.
      expect(await codes('w1')).toEqual(['training_hours:2026-02-05:180']);
      expect(await reopened.transaction((tx) => tx.derivedQueueLength())).toBe(0);
    } finally {
      await reopened.close();
    }
  });
});
