// @vitest-environment node
/**
 * [RIGHT13] (client), [RIGHT5], [RIGHT6]: a household a coordinator erased leaves every device at
 * its next sync (rows, drafts and their receipts), even with unsent changes to it: those are
 * emptied on the device, refused by the server as `erased-household` (never kept there), and the
 * refusal reaches the sync report, which the banner turns into a plain sentence. Real SyncClient
 * devices (fake-indexeddb) against the real server, on both stores.
 */
import { describe, expect, it } from 'vitest';
import { readDraftReceipt, recordDraftReceipt } from '../../src/db/draft-receipts';
import { readMeta, SYNC_META } from '../../src/db/sync-apply/meta';
import { applyPullPage } from '../../src/db/sync-apply/pull-apply';
import type { Cursor } from '../../src/domain/sync/protocol';
import type { DraftRegistry } from '../../src/state/drafts';
import { applicantFields, ENGINES, householdFields, rentFields, useTestServer } from './helpers';

for (const engine of ENGINES) {
  describe(`an erased household on the devices, on ${engine.name}`, () => {
    const world = useTestServer(engine, [
      { username: 'coord', role: 'coordinator' },
      { username: 'couns', role: 'counsellor' },
    ]);

    it('[RIGHT13][RIGHT5][RIGHT6] leaves every device with its drafts; unsent changes to it are emptied, refused, and reported', async () => {
      const coordinator = await world.device('coordinator', { username: 'coord' });
      const counsellor = await world.device('counsellor', { username: 'couns', drafts: true });
      const created = [];
      for (const amount of [40_000, 50_000]) {
        const { household } = await coordinator.repository.createHousehold(householdFields(), [
          applicantFields(),
        ]);
        await coordinator.repository.addRow('charge', household.id, rentFields(amount));
        created.push(household.id);
      }
      const [erased = '', stays = ''] = created;
      await coordinator.client.sync();
      await counsellor.client.sync();
      expect(await counsellor.db.charges.where('householdId').equals(erased).count()).toBe(1);

      // Offline on the counsellor's tablet: a change to the erased household and a draft of it.
      const charge = await counsellor.db.charges.where('householdId').equals(erased).first();
      await counsellor.repository.updateFields('charge', charge?.id ?? '', { amountCents: 61_234 } as never);
      const drafts = counsellor.drafts as DraftRegistry;
      void drafts.save(`charge:${charge?.id}`, { typed: 'Loyer de Mme Benali' });
      void drafts.save(`household:${stays}`, { typed: 'stays' });
      await drafts.flushAll();
      await recordDraftReceipt(counsellor.db, { formId: `charge:${charge?.id}`, token: 'older' });

      const erasure = await world.server.inject(
        'POST',
        `/api/households/${erased}/erasure`,
        { ground: 'consent-withdrawn', confirmation: erased.slice(0, 8) },
        world.adminToken,
      );
      expect(erasure.status, JSON.stringify(erasure.body)).toBe(200);

      const report = await counsellor.client.sync();
      // Nothing of the household is left on the tablet, its outbox and sent-log included.
      expect(await counsellor.db.households.get(erased)).toBeUndefined();
      expect(await counsellor.db.charges.where('householdId').equals(erased).count()).toBe(0);
      expect(await counsellor.db.members.where('householdId').equals(erased).count()).toBe(0);
      expect(await counsellor.db.outbox.count()).toBe(0);
      const sent = await counsellor.db.sentLog.toArray();
      expect(
        sent.filter((e) => e.householdId === erased).every((e) => Object.keys(e.patch).length === 0),
      ).toBe(true);
      expect(JSON.stringify(sent)).not.toContain('61234');
      expect(await drafts.load(`charge:${charge?.id}`)).toBeUndefined();
      expect(await drafts.load(`household:${stays}`)).toEqual({ typed: 'stays' });
      expect(await readDraftReceipt(counsellor.db, `charge:${charge?.id}`)).toBeUndefined();
      expect(await readMeta(counsellor.db, SYNC_META.removedDraftOwners)).toBeUndefined();
      // The user is told: the refusal of the unsent change is in the report.
      expect(report.quarantined.map((q) => [q.householdId, q.reason])).toEqual([
        [erased, 'erased-household'],
      ]);
      // The server kept nothing of it, not even in quarantine.
      const quarantine = await world.server.store.transaction((tx) => tx.sql.all('SELECT * FROM quarantine'));
      expect(quarantine).toEqual([]);
      // The coordinator's device drops it too; the other household stays everywhere.
      await coordinator.client.sync();
      expect(await coordinator.db.households.get(erased)).toBeUndefined();
      expect(await coordinator.db.households.get(stays)).toBeDefined();
      expect(await counsellor.db.households.get(stays)).toBeDefined();
    });

    it('[RIGHT13] an erasure pulled while a change to it waits in the outbox empties the change in place (seqs stay gapless); the next push is refused and reported', async () => {
      const coordinator = await world.device('coordinator', { username: 'coord' });
      const counsellor = await world.device('counsellor', { username: 'couns' });
      const { household } = await coordinator.repository.createHousehold(householdFields(), [
        applicantFields(),
      ]);
      await coordinator.repository.addRow('charge', household.id, rentFields(40_000));
      await coordinator.client.sync();
      await counsellor.client.sync();
      const charge = await counsellor.db.charges.where('householdId').equals(household.id).first();
      await counsellor.repository.updateFields('charge', charge?.id ?? '', { amountCents: 61_234 } as never);
      const [waiting] = await counsellor.db.outbox.toArray();
      const erasure = await world.server.inject(
        'POST',
        `/api/households/${household.id}/erasure`,
        { ground: 'objection', confirmation: household.id.slice(0, 8) },
        world.adminToken,
      );
      expect(erasure.status).toBe(200);

      // The erasure arrives by a pull page before this device pushed (another tab pulled first).
      const cursor = (await readMeta<Cursor>(counsellor.db, SYNC_META.pullCursor)) ?? 'c1.1.0';
      const applied = await applyPullPage(
        counsellor.db,
        {
          changes: [],
          erasures: [{ householdId: household.id, seq: 10_000 }],
          nextCursor: cursor,
          hasMore: false,
          deviceLastSeq: 0,
          serverTime: 0,
        },
        world.server.clock.now(),
      );
      expect([applied.erased, applied.droppedUnsent]).toEqual([1, 1]);
      const emptied = await counsellor.db.outbox.toArray();
      expect(emptied.map((e) => [e.seq, e.mutationId, e.householdId, e.patch])).toEqual([
        [waiting?.seq, waiting?.mutationId, household.id, {}],
      ]);
      expect(await counsellor.db.charges.where('householdId').equals(household.id).count()).toBe(0);

      const report = await counsellor.client.sync();
      expect(report.quarantined.map((q) => [q.householdId, q.reason])).toEqual([
        [household.id, 'erased-household'],
      ]);
      expect(await counsellor.db.outbox.count()).toBe(0);
      expect(await world.server.store.transaction((tx) => tx.sql.all('SELECT * FROM quarantine'))).toEqual(
        [],
      );
    });
  });
}
