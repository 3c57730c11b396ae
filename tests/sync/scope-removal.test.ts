// @vitest-environment node
/**
 * [PULL10] (client) and [AUTH6b]: a household that a coordinator moves to another welcome point
 * leaves the devices of the old one, rows, index and local conflicts with it (I8: a device's view
 * of its scope equals the server's); a change such a device made before it heard of the move is
 * quarantined on the server for a coordinator (not refused: the device's sync would otherwise be
 * stuck behind it forever); and a household with an unsent change stays until that change is
 * pushed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPullPage, readMeta, retryScopeRemovals, SYNC_META } from '../../src/db/sync-apply';
import type { Cursor } from '../../src/domain/sync/protocol';
import {
  applicantFields,
  DATABASE_URL,
  type Device,
  type Engine,
  householdFields,
  makeDevice,
  rentFields,
  TestServer,
} from './helpers';

const WP_B = 'wp-b';
const ENGINES: Engine[] = DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/** Rows the device holds for a household, every table. */
async function rowsOf(device: Device, householdId: string): Promise<number> {
  const counts = await Promise.all([
    device.db.households.where('id').equals(householdId).count(),
    device.db.members.where('householdId').equals(householdId).count(),
    device.db.charges.where('householdId').equals(householdId).count(),
  ]);
  return counts.reduce((a, b) => a + b, 0);
}

for (const engine of ENGINES) {
  describe(`a household moved to another welcome point, on ${engine}`, () => {
    let server: TestServer;
    const devices: Device[] = [];
    let coordinator: Device;
    let volunteer: Device;
    let moved: string;
    let stays: string;

    beforeEach(async () => {
      server = await TestServer.start(engine);
      const admin = await server.makeWorld([
        { username: 'coord', role: 'coordinator' },
        { username: 'vol', role: 'volunteer' },
      ]);
      await server.inject('POST', '/api/admin/welcome-points', { id: WP_B, name: 'Point B' }, admin);
      coordinator = await makeDevice(server, 'coordinator', { username: 'coord' });
      volunteer = await makeDevice(server, 'volunteer', { username: 'vol' });
      devices.push(coordinator, volunteer);
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
    afterEach(async () => {
      for (const device of devices.splice(0)) device.db.close();
      await server.close();
    });

    async function chargeOf(device: Device, householdId: string) {
      const charge = await device.db.charges.where('householdId').equals(householdId).first();
      if (charge === undefined) throw new Error('no charge');
      return charge;
    }

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
      const cursor = (await readMeta<Cursor>(volunteer.db, SYNC_META.pullCursor)) ?? null;
      const page = {
        changes: [],
        scopeRemovals: [{ householdId: moved, seq: 10_000 }],
        nextCursor: cursor ?? 'c1.1.0',
        hasMore: false,
        deviceLastSeq: 0,
        serverTime: server.clock.now(),
      };
      const applied = await applyPullPage(volunteer.db, page, server.clock.now());
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
      const base = { nextCursor: cursor, hasMore: false, deviceLastSeq: 0, serverTime: server.clock.now() };
      await applyPullPage(
        volunteer.db,
        { ...base, changes: [], scopeRemovals: [{ householdId: moved, seq: 10_000 }] },
        server.clock.now(),
      );
      expect(await readMeta(volunteer.db, SYNC_META.deferredScopeRemovals)).toEqual([moved]);
      const household = await volunteer.db.households.get(moved);
      if (household === undefined) throw new Error('no household');
      const { local: _local, ...row } = household;
      await applyPullPage(
        volunteer.db,
        { ...base, changes: [{ seq: 10_001, entity: 'household', row: row as never }] },
        server.clock.now(),
      );
      expect(await readMeta(volunteer.db, SYNC_META.deferredScopeRemovals)).toBeUndefined();
      await volunteer.db.outbox.clear();
      expect(await retryScopeRemovals(volunteer.db)).toBe(0);
      expect(await rowsOf(volunteer, moved)).toBe(3);
    });
  });
}
