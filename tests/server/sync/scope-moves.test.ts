/**
 * Households that change welcome point (AUTH6, AUTH6b, AUTH6c, PULL10; ADR 0019), on both stores.
 *
 * - Creating a household gives its creator nothing once it has a welcome point: moved to a
 *   welcome point the creator does not have, it leaves the creator's device like any
 *   colleague's, and the creator's later edits are quarantined as `left-scope`.
 * - A household keeps a welcome point once it has one: emptying it (which would hide the dossier
 *   from everyone of that welcome point but its creator) is quarantined for every role, and the
 *   rest of the push goes on.
 */
import { describe, expect, it } from 'vitest';
import type { PullResponse } from '../../../src/domain/sync/protocol';
import {
  chargeFields,
  type Device,
  ENGINES,
  requireServerRow,
  type SyncServer,
  useSyncServer,
  WP_A,
  WP_B,
} from './harness';

/** Every household id a full pull from scratch brings to the device. */
async function householdsOf(device: Device): Promise<Set<string>> {
  const { rows } = await device.pullAll();
  return new Set([...rows.values()].map((row) => String(row.householdId)));
}

/** The household ids listed as removed across every page from `cursor`. */
async function removalsSince(device: Device, cursor: string): Promise<string[]> {
  const removed: string[] = [];
  let next: string | null = cursor;
  let page: PullResponse;
  do {
    page = await device.pull(next);
    for (const removal of page.scopeRemovals ?? []) removed.push(removal.householdId);
    next = page.nextCursor;
  } while (page.hasMore);
  return removed;
}

/** `device` creates a household (with one charge) in `welcomePointId`, or with none. */
async function createHousehold(device: Device, welcomePointId?: string) {
  const household = device.createHousehold(welcomePointId);
  const charge = device.create('charge', household.entityId, chargeFields(40_000));
  const response = await device.push([household, charge]);
  expect(response.results.map((r) => r.status)).toEqual(['applied', 'applied']);
  return { householdId: household.entityId, chargeId: charge.entityId };
}

/** `device` sets the household's welcome point (`null`: none), from the server's current row. */
async function setWelcomePoint(server: SyncServer, device: Device, householdId: string, to: string | null) {
  const row = await requireServerRow(server.store, 'household', householdId);
  return device.push([device.patch('household', row, { welcomePointId: to })]);
}

async function quarantineOf(server: SyncServer, householdId: string) {
  const items = await server.store.transaction((tx) => tx.listQuarantine({ status: 'all', limit: 100 }));
  return items.filter((q) => q.householdId === householdId).map((q) => q.reason);
}

for (const engine of ENGINES) {
  describe(`a household's welcome point on ${engine.name}`, () => {
    const server = useSyncServer(engine);

    for (const [label, from] of [
      ['in their welcome point', WP_A],
      ['without a welcome point', undefined],
    ] as const) {
      it(`[AUTH6][PULL10][AUTH6b] a volunteer who created a household ${label} loses it once it moves to a welcome point they do not have`, async () => {
        const creator = await server.device(server.world.volunteerA);
        const coordinator = await server.device(server.world.coordinator);
        const { householdId, chargeId } = await createHousehold(creator, from);
        const cursor = (await creator.pullAll()).last.nextCursor;
        expect(await householdsOf(creator)).toContain(householdId);
        // The creator's device holds the charge as it was before the move.
        const chargeBefore = await requireServerRow(server.store, 'charge', chargeId);

        const moved = await setWelcomePoint(server, coordinator, householdId, WP_B);
        expect(moved.results[0]?.status).toBe('applied');

        // The creator is told the household left, and no longer receives it.
        expect(await removalsSince(creator, cursor)).toEqual([householdId]);
        expect(await householdsOf(creator)).not.toContain(householdId);
        // The people of the new welcome point receive it.
        expect(await householdsOf(await server.device(server.world.volunteerB))).toContain(householdId);

        // The creator's edit made before they heard of the move: quarantined, acknowledged.
        const late = await creator.push([creator.patch('charge', chargeBefore, { amountCents: 41_000 })]);
        expect(late.results.map((r) => [r.status, r.reason])).toEqual([['quarantined', 'left-scope']]);
        expect(late.ackSeq).toBe(creator.seq);
        expect((await requireServerRow(server.store, 'charge', chargeId)).amountCents).toBe(40_000);
        expect(await quarantineOf(server, householdId)).toEqual(['left-scope']);
      });
    }

    it('[AUTH6c] the creator cannot take the welcome point away: quarantined, and the colleagues keep the household', async () => {
      const creator = await server.device(server.world.volunteerA);
      const colleague = await server.device(server.world.counsellorA);
      const { householdId } = await createHousehold(creator, WP_A);
      const cursor = (await colleague.pullAll()).last.nextCursor;
      const creatorCursor = (await creator.pullAll()).last.nextCursor;

      const cleared = await setWelcomePoint(server, creator, householdId, null);
      expect(cleared.results.map((r) => [r.status, r.reason])).toEqual([
        ['quarantined', 'transition-not-allowed'],
      ]);
      expect((await requireServerRow(server.store, 'household', householdId)).welcomePointId).toBe(WP_A);
      expect(await quarantineOf(server, householdId)).toEqual(['transition-not-allowed']);
      // The colleague of the welcome point keeps it: no removal, still in a full pull.
      expect(await removalsSince(colleague, cursor)).toEqual([]);
      expect(await householdsOf(colleague)).toContain(householdId);
      // The creator's device gets the server's row back (PULL9), with its welcome point.
      const back = (await creator.pullAll(creatorCursor)).rows.get(`household:${householdId}`);
      expect(back?.welcomePointId).toBe(WP_A);
    });

    it('[AUTH6c] no role may empty it, and the rest of the push goes on (never a 403 that would stall the device)', async () => {
      const creator = await server.device(server.world.volunteerA);
      const { householdId, chargeId } = await createHousehold(creator, WP_A);
      for (const account of [server.world.counsellorA, server.world.coordinator, server.world.admin]) {
        const device = await server.device(account);
        const household = await requireServerRow(server.store, 'household', householdId);
        const charge = await requireServerRow(server.store, 'charge', chargeId);
        const amount = charge.amountCents === 40_000 ? 42_000 : 40_000;
        const response = await device.pushRaw([
          device.patch('household', household, { welcomePointId: null, phone: '0600000000' }),
          device.patch('charge', charge, { amountCents: amount }),
        ]);
        expect([account.role, response.statusCode]).toEqual([account.role, 200]);
        const results = (response.json() as { results: { status: string; reason?: string }[] }).results;
        expect([account.role, results.map((r) => [r.status, r.reason])]).toEqual([
          account.role,
          [
            ['quarantined', 'transition-not-allowed'],
            ['applied', undefined],
          ],
        ]);
        const after = await requireServerRow(server.store, 'household', householdId);
        // Nothing of the refused mutation was written, not even its other field.
        expect([after.welcomePointId, after.phone]).toEqual([WP_A, household.phone]);
        expect((await requireServerRow(server.store, 'charge', chargeId)).amountCents).toBe(amount);
      }
    });

    it('[AUTH6c] a personal household may be given a welcome point, then moved, but not emptied again', async () => {
      const creator = await server.device(server.world.volunteerA);
      const coordinator = await server.device(server.world.coordinator);
      const { householdId } = await createHousehold(creator);
      const placed = await setWelcomePoint(server, creator, householdId, WP_A);
      expect(placed.results[0]?.status).toBe('applied');
      expect(await householdsOf(await server.device(server.world.counsellorA))).toContain(householdId);
      const moved = await setWelcomePoint(server, coordinator, householdId, WP_B);
      expect(moved.results[0]?.status).toBe('applied');
      const cleared = await setWelcomePoint(server, coordinator, householdId, null);
      expect(cleared.results[0]).toMatchObject({ status: 'quarantined', reason: 'transition-not-allowed' });
      expect((await requireServerRow(server.store, 'household', householdId)).welcomePointId).toBe(WP_B);
    });
  });
}
