// @vitest-environment node
/**
 * [PULL10] (client) and [AUTH6b]: a household that a coordinator moves to another welcome point
 * leaves the devices of the old one, rows, index and local conflicts with it (I8: a device's view
 * of its scope equals the server's); a change such a device made before it heard of the move is
 * quarantined on the server for a coordinator (not refused: the device's sync would otherwise be
 * stuck behind it forever); and a household with an unsent change stays until that change is
 * pushed. The form drafts typed for the household (and their receipts) leave with it, and only
 * those (I8: the device keeps nothing of a household outside its scope).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { readDraftReceipt, recordDraftReceipt } from '../../src/db/draft-receipts';
import { readMeta, SYNC_META } from '../../src/db/sync-apply/meta';
import { applyPullPage } from '../../src/db/sync-apply/pull-apply';
import { retryScopeRemovals } from '../../src/db/sync-apply/scope-removals';
import type { Cursor, PullResponse } from '../../src/domain/sync/protocol';
import type { DraftRegistry } from '../../src/state/drafts';
import {
  applicantFields,
  type Device,
  ENGINES,
  householdFields,
  rentFields,
  useTestServer,
  WP_B,
} from './helpers';

/** Rows the device holds for a household, every table. */
/** A pull page, from the device's current cursor, that only says `householdId` left its scope. */
async function removalPage(device: Device, householdId: string, serverTime: number): Promise<PullResponse> {
  const cursor = (await readMeta<Cursor>(device.db, SYNC_META.pullCursor)) ?? 'c1.1.0';
  return {
    changes: [],
    scopeRemovals: [{ householdId, seq: 10_000 }],
    nextCursor: cursor,
    hasMore: false,
    deviceLastSeq: 0,
    serverTime,
  };
}

async function rowsOf(device: Device, householdId: string): Promise<number> {
  const counts = await Promise.all([
    device.db.households.where('id').equals(householdId).count(),
    device.db.members.where('householdId').equals(householdId).count(),
    device.db.charges.where('householdId').equals(householdId).count(),
  ]);
  return counts.reduce((a, b) => a + b, 0);
}

for (const engine of ENGINES) {
  describe(`a household moved to another welcome point, on ${engine.name}`, () => {
    const world = useTestServer(
      engine,
      [
        { username: 'coord', role: 'coordinator' },
        { username: 'vol', role: 'volunteer' },
      ],
      { pointB: true },
    );
    let coordinator: Device;
    let volunteer: Device;
    let moved: string;
    let stays: string;

    beforeEach(async () => {
      coordinator = await world.device('coordinator', { username: 'coord' });
      volunteer = await world.device('volunteer', { username: 'vol', drafts: true });
      const ids: string[] = [];
      for (const amount of [40_000, 50_000]) {
        const { household } = await coordinator.repository.createHousehold(householdFields(), [
          applicantFields(),
        ]);
        await coordinator.repository.addRow('charge', household.id, rentFields(amount));
        ids.push(household.id);
      }
      [moved = '', stays = ''] = ids;
      await coordinator.client.sync();
      await volunteer.client.sync();
      expect(await rowsOf(volunteer, moved)).toBe(3);
    });

    async function chargeOf(device: Device, householdId: string) {
      const charge = await device.db.charges.where('householdId').equals(householdId).first();
      if (charge === undefined) throw new Error('no charge');
      return charge;
    }

    /**
     * Drafts typed on the volunteer's device: forms of the moved household (named by the
     * household or by one of its rows), of the household that stays, and two naming neither.
     * The moved household's charge form and the other's each have a saved receipt.
     */
    async function typeDrafts(): Promise<Record<string, string>> {
      const member = await volunteer.db.members.where('householdId').equals(moved).first();
      const forms: Record<string, string> = {
        movedHousehold: `household:${moved}`,
        movedNewMember: `member:new:${moved}`,
        movedMember: `member:${member?.id}`,
        movedCharge: `charge:${(await chargeOf(volunteer, moved)).id}`,
        movedScenario: `scenarios:params:${moved}`,
        staysHousehold: `household:${stays}`,
        staysNewMember: `member:new:${stays}`,
        staysCharge: `charge:${(await chargeOf(volunteer, stays)).id}`,
        newDossier: 'intake:new',
        settings: 'device-settings',
      };
      const drafts = volunteer.drafts as DraftRegistry;
      for (const [name, formId] of Object.entries(forms)) void drafts.save(formId, { typed: name });
      await drafts.flushAll();
      for (const formId of [forms.movedCharge, forms.staysCharge] as string[]) {
        await recordDraftReceipt(volunteer.db, { formId, token: 'an-older-draft' });
      }
      return forms;
    }

    /** The names of the drafts still on the volunteer's device, in typing order. */
    async function draftsLeft(forms: Record<string, string>): Promise<string[]> {
      const drafts = volunteer.drafts as DraftRegistry;
      const left: string[] = [];
      for (const [name, formId] of Object.entries(forms)) {
        if ((await drafts.load(formId)) !== undefined) left.push(name);
      }
      return left;
    }

    const STAYING = ['staysHousehold', 'staysNewMember', 'staysCharge', 'newDossier', 'settings'];
    const EVERY_DRAFT = [
      'movedHousehold',
      'movedNewMember',
      'movedMember',
      'movedCharge',
      'movedScenario',
      ...STAYING,
    ];

    it('takes the household’s form drafts and their receipts with it, and no other', async () => {
      const forms = await typeDrafts();
      await coordinator.repository.updateFields('household', moved, { welcomePointId: WP_B } as never);
      await coordinator.client.sync();

      await volunteer.client.sync();
      expect(await rowsOf(volunteer, moved)).toBe(0);
      expect(await draftsLeft(forms)).toEqual(STAYING);
      expect(await (volunteer.drafts as DraftRegistry).count()).toBe(STAYING.length);
      expect(await readDraftReceipt(volunteer.db, forms.movedCharge as string)).toBeUndefined();
      expect(await readDraftReceipt(volunteer.db, forms.staysCharge as string)).toBe('an-older-draft');
      expect(await readMeta(volunteer.db, SYNC_META.removedDraftOwners)).toBeUndefined();
    });

    it('a removal deferred by an unsent change takes the drafts in the run that pushes it', async () => {
      await volunteer.repository.updateFields('charge', (await chargeOf(volunteer, moved)).id, {
        amountCents: 41_000,
      });
      const forms = await typeDrafts();
      await coordinator.repository.updateFields('household', moved, { welcomePointId: WP_B } as never);
      await coordinator.client.sync();

      // A pull before the change is pushed: the household waits, and so do its drafts.
      const session = volunteer.sessions.current();
      if (session === undefined) throw new Error('not signed in');
      const report = { pushed: 0, pulled: 0, rebased: 0, quarantined: [], refed: 0, at: 0 };
      await volunteer.client.pullAll(session, report);
      expect(await readMeta(volunteer.db, SYNC_META.deferredScopeRemovals)).toEqual([moved]);
      expect(await rowsOf(volunteer, moved)).toBe(3);
      expect(await draftsLeft(forms)).toEqual(EVERY_DRAFT);

      // The next run pushes the change (quarantined); the household and its drafts go.
      const next = await volunteer.client.sync();
      expect(next.quarantined.map((q) => q.householdId)).toEqual([moved]);
      expect(await rowsOf(volunteer, moved)).toBe(0);
      expect(await draftsLeft(forms)).toEqual(STAYING);
      expect(await readDraftReceipt(volunteer.db, forms.movedCharge as string)).toBeUndefined();
      expect(await readMeta(volunteer.db, SYNC_META.removedDraftOwners)).toBeUndefined();
    });

    it('retryScopeRemovals at the end of a run takes the drafts with the household', async () => {
      await volunteer.repository.updateFields('charge', (await chargeOf(volunteer, moved)).id, {
        amountCents: 41_000,
      });
      const forms = await typeDrafts();
      const page = await removalPage(volunteer, moved, world.server.clock.now());
      expect((await applyPullPage(volunteer.db, page, world.server.clock.now())).removed).toBe(0);
      expect(await draftsLeft(forms)).toEqual(EVERY_DRAFT);
      // The change has gone (pushed and acknowledged): the run's pull brings nothing, and
      // retryScopeRemovals, at its end, removes the household.
      await volunteer.db.outbox.clear();
      await volunteer.client.sync();
      expect(await rowsOf(volunteer, moved)).toBe(0);
      expect(await readMeta(volunteer.db, SYNC_META.deferredScopeRemovals)).toBeUndefined();
      expect(await draftsLeft(forms)).toEqual(STAYING);
      expect(await readMeta(volunteer.db, SYNC_META.removedDraftOwners)).toBeUndefined();
    });

    it('drafts left by a run that stopped right after the removal go at the next run', async () => {
      const forms = await typeDrafts();
      const page = await removalPage(volunteer, moved, world.server.clock.now());
      // The page's transaction commits; the run stops before the drafts are removed.
      expect((await applyPullPage(volunteer.db, page, world.server.clock.now())).removed).toBe(1);
      expect(await draftsLeft(forms)).toEqual(EVERY_DRAFT);
      const owners = await readMeta<string[]>(volunteer.db, SYNC_META.removedDraftOwners);
      expect(owners).toContain(moved);
      expect(owners).not.toContain(stays);

      await volunteer.client.sync();
      expect(await draftsLeft(forms)).toEqual(STAYING);
      expect(await readMeta(volunteer.db, SYNC_META.removedDraftOwners)).toBeUndefined();
    });

    it('leaves the old welcome point’s device, and its unsent change goes to quarantine', async () => {
      // The volunteer changes both rents offline; meanwhile the coordinator moves one household.
      await volunteer.repository.updateFields('charge', (await chargeOf(volunteer, moved)).id, {
        amountCents: 41_000,
      });
      await volunteer.repository.updateFields('charge', (await chargeOf(volunteer, stays)).id, {
        amountCents: 51_000,
      });
      await coordinator.repository.updateFields('household', moved, { welcomePointId: WP_B } as never);
      await coordinator.client.sync();

      const report = await volunteer.client.sync();
      expect(report.quarantined.map((q) => [q.reason, q.householdId])).toEqual([['left-scope', moved]]);
      expect(await rowsOf(volunteer, moved)).toBe(0);
      expect(await rowsOf(volunteer, stays)).toBe(3);
      expect((await chargeOf(volunteer, stays)).amountCents).toBe(51_000);
      expect(await volunteer.db.outbox.count()).toBe(0);
      expect(await readMeta(volunteer.db, SYNC_META.deferredScopeRemovals)).toBeUndefined();

      // The coordinator still sees the household, with the rent the server kept.
      await coordinator.client.sync();
      expect((await chargeOf(coordinator, moved)).amountCents).toBe(40_000);
      expect((await chargeOf(coordinator, stays)).amountCents).toBe(51_000);
      // Moved back, the household returns to the volunteer's device whole.
      await coordinator.repository.updateFields('household', moved, { welcomePointId: 'wp-a' } as never);
      await coordinator.client.sync();
      await volunteer.client.sync();
      expect(await rowsOf(volunteer, moved)).toBe(3);
    });

    it('keeps a household with an unsent change until that change is pushed', async () => {
      await volunteer.repository.updateFields('charge', (await chargeOf(volunteer, moved)).id, {
        amountCents: 41_000,
      });
      const page = await removalPage(volunteer, moved, world.server.clock.now());
      const applied = await applyPullPage(volunteer.db, page, world.server.clock.now());
      expect(applied.removed).toBe(0);
      expect(await rowsOf(volunteer, moved)).toBe(3);
      expect(await readMeta(volunteer.db, SYNC_META.deferredScopeRemovals)).toEqual([moved]);

      // Still referred to by the outbox: retrying changes nothing.
      expect(await retryScopeRemovals(volunteer.db)).toBe(0);
      expect(await rowsOf(volunteer, moved)).toBe(3);

      // Once the change has gone (pushed and acknowledged), the household goes too.
      await volunteer.db.outbox.clear();
      expect(await retryScopeRemovals(volunteer.db)).toBe(1);
      expect(await rowsOf(volunteer, moved)).toBe(0);
      expect(await rowsOf(volunteer, stays)).toBe(3);
      expect(await readMeta(volunteer.db, SYNC_META.deferredScopeRemovals)).toBeUndefined();
    });

    it('forgets a deferred removal when the household comes back in a later page', async () => {
      await volunteer.repository.updateFields('charge', (await chargeOf(volunteer, moved)).id, {
        amountCents: 41_000,
      });
      const cursor = (await readMeta<Cursor>(volunteer.db, SYNC_META.pullCursor)) ?? 'c1.1.0';
      const base = {
        nextCursor: cursor,
        hasMore: false,
        deviceLastSeq: 0,
        serverTime: world.server.clock.now(),
      };
      await applyPullPage(
        volunteer.db,
        { ...base, changes: [], scopeRemovals: [{ householdId: moved, seq: 10_000 }] },
        world.server.clock.now(),
      );
      expect(await readMeta(volunteer.db, SYNC_META.deferredScopeRemovals)).toEqual([moved]);
      const household = await volunteer.db.households.get(moved);
      if (household === undefined) throw new Error('no household');
      const { local: _local, ...row } = household;
      await applyPullPage(
        volunteer.db,
        { ...base, changes: [{ seq: 10_001, entity: 'household', row: row as never }] },
        world.server.clock.now(),
      );
      expect(await readMeta(volunteer.db, SYNC_META.deferredScopeRemovals)).toBeUndefined();
      await volunteer.db.outbox.clear();
      expect(await retryScopeRemovals(volunteer.db)).toBe(0);
      expect(await rowsOf(volunteer, moved)).toBe(3);
    });
  });
}
