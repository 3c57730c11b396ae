// @vitest-environment node
/**
 * [MERGE8] through a real sync client and the real server: a device that learns (by a pull
 * page) that a household was merged moves its form drafts to the survivor at the end of the run,
 * and its offline edits, rewritten to the survivor, are pushed and land on the survivor.
 *
 * The merge page is built here from the server's own rows (the server-side merge command is
 * another branch's); what the server must send is fixed by docs/merges.md MERGE5 and rows.ts.
 */

import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { resolveHouseholdId } from '../../src/db/sync-apply/merge-redirects';
import { readMeta, SYNC_META } from '../../src/db/sync-apply/meta';
import { applyPullPage } from '../../src/db/sync-apply/pull-apply';
import { MergePreviewSchema, MergeResultSchema } from '../../src/domain/sync/coordination-protocol';
import { CHILD_ENTITY_NAMES, ENTITY_TABLES } from '../../src/domain/sync/entities';
import type { Cursor, PullResponse } from '../../src/domain/sync/protocol';
import type { DraftRegistry } from '../../src/state/drafts';
import {
  applicantFields,
  type Device,
  ENGINES,
  householdFields,
  rentFields,
  type TestWorld,
  useTestServer,
} from './helpers';

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

/** The coordinator's merge through the real route (MERGE1), every child duplicate kept as both. */
async function mergeOnServer(world: TestWorld, survivorId: string, mergedId: string): Promise<string> {
  const preview = await world.server.inject(
    'GET',
    `/api/coordination/merge-preview?survivorId=${survivorId}&mergedId=${mergedId}`,
    undefined,
    world.adminToken,
  );
  expect(preview.status, JSON.stringify(preview.body)).toBe(200);
  const { childDuplicates } = MergePreviewSchema.parse(preview.body);
  const response = await world.server.inject(
    'POST',
    '/api/coordination/merges',
    {
      mergeId: randomUUID(),
      survivorId,
      mergedId,
      reason: 'Même famille enregistrée deux fois',
      fieldChoices: {},
      childChoices: childDuplicates.map((d) => ({
        entity: d.entity,
        survivorChildId: d.survivorChildId,
        mergedChildId: d.mergedChildId,
        keep: 'both',
      })),
    },
    world.adminToken,
  );
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return MergeResultSchema.parse(response.body).mergeId;
}

/** Ids of the rows a device holds for a household, every child table, sorted. */
async function childIdsOf(device: Device, householdId: string): Promise<string[]> {
  const ids: string[] = [];
  for (const entity of CHILD_ENTITY_NAMES) {
    const rows = await device.db
      .table(ENTITY_TABLES[entity])
      .where('householdId')
      .equals(householdId)
      .toArray();
    ids.push(...rows.map((row: { id: string }) => row.id));
  }
  return ids.sort();
}

for (const engine of ENGINES) {
  describe(`end to end: a coordinator merges, a device offline meanwhile comes back, the merge is undone, on ${engine.name}`, () => {
    const world = useTestServer(engine, [{ username: 'vol', role: 'volunteer' }]);

    it('[MERGE8] [MERGE9] [MERGE6] the offline edits land on the survivor (redirected, no error), the device follows the merge and then the unmerge', async () => {
      const coordinator = await world.device('coordinator');
      const ids: string[] = [];
      for (const amount of [40_000, 50_000]) {
        const { household } = await coordinator.repository.createHousehold(householdFields(), [
          applicantFields(),
        ]);
        await coordinator.repository.addRow('charge', household.id, rentFields(amount));
        ids.push(household.id);
      }
      const [survivor = '', merged = ''] = ids;
      await coordinator.client.sync();
      const volunteer = await world.device('volunteer', { username: 'vol', drafts: true });
      await volunteer.client.sync();
      const before = await childIdsOf(volunteer, merged);
      expect(before).toHaveLength(2);

      // Offline: a new charge and a draft for the household about to be merged.
      volunteer.transport.offline = true;
      const added = await volunteer.repository.addRow('charge', merged, rentFields(12_300));
      const drafts = volunteer.drafts as DraftRegistry;
      await drafts.save(`member:new:${merged}`, { typed: 'a second adult' });
      const mergeId = await mergeOnServer(world, survivor, merged);

      // Back online: the push is redirected (acknowledged, nothing quarantined), the pull moves
      // the device's rows, drafts and list to the survivor.
      volunteer.transport.offline = false;
      const report = await volunteer.client.sync();
      expect(report.quarantined).toEqual([]);
      expect(await volunteer.db.outbox.count()).toBe(0);
      expect((await volunteer.db.sentLog.toArray()).map((e) => e.entityId)).toContain(added.id);
      expect(await volunteer.db.households.get(merged)).toMatchObject({
        deleted: true,
        mergedInto: survivor,
      });
      expect(await childIdsOf(volunteer, merged)).toEqual([]);
      expect(await childIdsOf(volunteer, survivor)).toEqual(expect.arrayContaining([...before, added.id]));
      expect((await volunteer.repository.listDossiers()).map((d) => d.household.id)).toEqual([survivor]);
      expect(await resolveHouseholdId(volunteer.db, merged)).toBe(survivor);
      expect(await drafts.load(`member:new:${survivor}`)).toEqual({ typed: 'a second adult' });

      // The coordinator undoes the merge: the household is back, with what it had before.
      const undo = await world.server.inject(
        'POST',
        `/api/coordination/merges/${mergeId}/undo`,
        { reason: 'Fusion faite par erreur' },
        world.adminToken,
      );
      expect(undo.status, JSON.stringify(undo.body)).toBe(200);
      await volunteer.client.sync();
      expect(await resolveHouseholdId(volunteer.db, merged)).toBe(merged);
      expect(await volunteer.db.householdAliases.count()).toBe(0);
      expect((await volunteer.repository.listDossiers()).map((d) => d.household.id).sort()).toEqual(
        [survivor, merged].sort(),
      );
      expect(await childIdsOf(volunteer, merged)).toEqual(expect.arrayContaining(before));
    });
  });
}
