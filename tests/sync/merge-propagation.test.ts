// @vitest-environment node
/**
 * [MERGE8] through a real sync client and the real server: a device that learns (by a pull
 * page) that a household was merged moves its form drafts to the survivor at the end of the run,
 * and its offline edits, rewritten to the survivor, are pushed and land on the survivor.
 *
 * The merge page is built here from the server's own rows (the server-side merge command is
 * another branch's); what the server must send is fixed by docs/merges.md MERGE5 and rows.ts.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { readMeta, SYNC_META } from '../../src/db/sync-apply/meta';
import { applyPullPage } from '../../src/db/sync-apply/pull-apply';
import type { Cursor, PullResponse } from '../../src/domain/sync/protocol';
import type { DraftRegistry } from '../../src/state/drafts';
import { applicantFields, type Device, ENGINES, householdFields, rentFields, useTestServer } from './helpers';

const MERGE_ID = '0195a1b2-c3d4-7000-8000-00000000bbbb';

/** The page that tells the device `mergedId` was merged into `survivorId` (MERGE5's tombstone). */
async function mergePage(
  device: Device,
  mergedId: string,
  survivorId: string,
  at: number,
): Promise<PullResponse> {
  const { local: _local, ...row } = (await device.db.households.get(mergedId)) as unknown as Record<
    string,
    unknown
  >;
  const cursor = (await readMeta<Cursor>(device.db, SYNC_META.pullCursor)) ?? 'c1.1.0';
  const tombstone = {
    ...row,
    deleted: true,
    deletedAt: at,
    deletedBy: 'coordinator',
    mergedInto: survivorId,
    mergeId: MERGE_ID,
    version: Number(row.version) + 1,
    updatedAt: at,
  };
  return {
    changes: [
      {
        seq: 9_000,
        entity: 'household',
        row: tombstone as unknown as PullResponse['changes'][number]['row'],
      },
    ],
    nextCursor: cursor,
    hasMore: false,
    deviceLastSeq: 0,
    serverTime: at,
  };
}

for (const engine of ENGINES) {
  describe(`a merge learnt by a device, on ${engine.name}`, () => {
    const world = useTestServer(engine, [{ username: 'vol', role: 'volunteer' }]);
    let volunteer: Device;
    let survivor: string;
    let merged: string;

    beforeEach(async () => {
      const coordinator = await world.device('coordinator');
      const ids: string[] = [];
      for (const amount of [40_000, 50_000]) {
        const { household } = await coordinator.repository.createHousehold(householdFields(), [
          applicantFields(),
        ]);
        await coordinator.repository.addRow('charge', household.id, rentFields(amount));
        ids.push(household.id);
      }
      [survivor = '', merged = ''] = ids;
      await coordinator.client.sync();
      volunteer = await world.device('volunteer', { username: 'vol', drafts: true });
      await volunteer.client.sync();
    });

    it('[MERGE8] drafts of the merged household follow it to the survivor; its offline edits land on the survivor', async () => {
      const charge = await volunteer.db.charges.where('householdId').equals(merged).first();
      const drafts = volunteer.drafts as DraftRegistry;
      const forms = {
        mergedNewMember: `member:new:${merged}`,
        mergedScenario: `scenarios:params:${merged}`,
        mergedHousehold: `household:${merged}`,
        mergedCharge: `charge:${charge?.id}`,
        survivorHousehold: `household:${survivor}`,
      };
      for (const [name, formId] of Object.entries(forms)) void drafts.save(formId, { typed: name });
      await drafts.flushAll();
      const page = await mergePage(volunteer, merged, survivor, world.server.clock.now());
      // Offline edits of the merged household, made before the device heard of the merge.
      await volunteer.repository.updateFields('household', merged, { phone: '07 55 44 33 22' });
      const added = await volunteer.repository.addRow('charge', merged, rentFields(12_300));

      await applyPullPage(volunteer.db, page, world.server.clock.now());
      await volunteer.client.sync();

      // Drafts named by the household follow it; a draft named by a row keeps its name (the row
      // moved with it); the survivor's own household draft is kept over the merged one's.
      expect(await drafts.load(`member:new:${survivor}`)).toEqual({ typed: 'mergedNewMember' });
      expect(await drafts.load(`scenarios:params:${survivor}`)).toEqual({ typed: 'mergedScenario' });
      expect(await drafts.load(`household:${survivor}`)).toEqual({ typed: 'survivorHousehold' });
      expect(await drafts.load(forms.mergedCharge)).toEqual({ typed: 'mergedCharge' });
      for (const formId of [forms.mergedNewMember, forms.mergedScenario, forms.mergedHousehold]) {
        expect(await drafts.load(formId)).toBeUndefined();
      }

      // The edits were pushed under the survivor's id and the server applied them there.
      expect(await volunteer.db.outbox.count()).toBe(0);
      const observer = await world.device('observer');
      await observer.client.sync();
      expect(await observer.db.households.get(survivor)).toMatchObject({ phone: '07 55 44 33 22' });
      expect(await observer.db.charges.get(added.id)).toMatchObject({ householdId: survivor });
      expect(await volunteer.db.charges.get(added.id)).toMatchObject({ householdId: survivor });
    });
  });
}
