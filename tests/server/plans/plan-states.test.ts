/**
 * Plan states on the server (docs/reports-and-plans.md PLAN6) on both stores: plans and payments
 * pushed through the sync API, the refresher run as the drain runs it, the household's moves,
 * merges and deletions followed, and the daily recheck on the app's clock.
 */
import { describe, expect, it, vi } from 'vitest';
import { parisDay } from '../../../sync-server/src/plans/paris-day';
import { markMerged } from '../duplicates/helpers';
import { merge } from '../merges/merge-harness';
import { ENGINES, requireServerRow, useSyncServer, WP_A, WP_B } from '../sync/harness';
import { parisMorning, paymentFields, planFields, pushRows, refresh, stateOf } from './plan-helpers';

describe('parisDay', () => {
  it('[PLAN6] is the date in Paris, not in UTC', () => {
    // 22:30 UTC on 31 March 2026 is 00:30 on 1 April in Paris (summer time, UTC+2).
    expect(parisDay(Date.UTC(2026, 2, 31, 22, 30))).toBe('2026-04-01');
    // 23:30 UTC on 31 December is 00:30 on 1 January in Paris (winter time, UTC+1).
    expect(parisDay(Date.UTC(2026, 11, 31, 23, 30))).toBe('2027-01-01');
    expect(parisDay(Date.UTC(2026, 11, 31, 22, 30))).toBe('2026-12-31');
  });
});

describe.each(ENGINES)('plan states on $name', (engine) => {
  const server = useSyncServer(engine, { perTest: true });

  async function household(welcomePointId = WP_A, fields: Record<string, unknown> = {}) {
    // The counsellor works in welcome point A; the coordinator anywhere.
    const device = await server.device(
      welcomePointId === WP_A ? server.world.counsellorA : server.world.coordinator,
    );
    const h = device.createHousehold(welcomePointId);
    Object.assign(h.patch, {
      reference: 'RL-2026-0042',
      counsellorId: server.world.counsellorA.userId,
      ...fields,
    });
    expect((await device.push([h])).results[0]?.status).toBe('applied');
    return { device, householdId: h.entityId };
  }

  it('[PLAN6] a pushed plan gets its state row; a pushed payment changes it', async () => {
    const { device, householdId } = await household();
    const [planId] = (await pushRows(device, householdId, [{ entity: 'plan', fields: planFields() }])) as [
      string,
    ];
    await refresh(server, [householdId]);
    // 27 November: October (grace to 15 October) and November (to 15 November) unpaid.
    expect(await stateOf(server, planId)).toMatchObject({
      householdId,
      welcomePointId: WP_A,
      counsellorId: server.world.counsellorA.userId,
      householdReference: 'RL-2026-0042',
      kind: 'bdf_conventional',
      status: 'late',
      failing: 0,
      missedCount: 2,
      arrearsCents: 20_000,
      nextDueOn: '2026-12-05',
      endsOn: '2027-09-05',
      lapsesOn: null,
      recheckOn: '2026-12-06',
    });

    await pushRows(device, householdId, [
      { entity: 'plan_payment', fields: paymentFields(planId, '2026-10-05') },
      { entity: 'plan_payment', fields: paymentFields(planId, '2026-11-05', { amountCents: 4_000 }) },
    ]);
    await refresh(server, [householdId]);
    expect(await stateOf(server, planId)).toMatchObject({
      status: 'on_track',
      missedCount: 0,
      arrearsCents: 6_000,
    });
  });

  it('[PLAN6] the state follows its household to another welcome point', async () => {
    const { device, householdId } = await household();
    const [planId] = (await pushRows(device, householdId, [{ entity: 'plan', fields: planFields() }])) as [
      string,
    ];
    await refresh(server, [householdId]);
    const coordinator = await server.device(server.world.coordinator);
    const row = await requireServerRow(server.store, 'household', householdId);
    await coordinator.push([coordinator.patch('household', row, { welcomePointId: WP_B })]);
    await refresh(server, [householdId]);
    expect((await stateOf(server, planId))?.welcomePointId).toBe(WP_B);
  });

  it('[PLAN6][RPT4] a merged household’s plans are kept under the survivor, once', async () => {
    const survivor = await household(WP_A, { reference: 'RL-2026-0001' });
    const merged = await household(WP_A, { reference: 'RL-2026-0002' });
    const [planId] = (await pushRows(merged.device, merged.householdId, [
      { entity: 'plan', fields: planFields() },
    ])) as [string];
    await refresh(server, [merged.householdId]);
    expect((await stateOf(server, planId))?.householdId).toBe(merged.householdId);

    await merge(server, survivor.householdId, merged.householdId);
    // The drain refreshes both roots, in either order.
    await refresh(server, [merged.householdId]);
    await refresh(server, [survivor.householdId]);
    expect(await stateOf(server, planId)).toMatchObject({
      householdId: survivor.householdId,
      householdReference: 'RL-2026-0001',
    });
    const rows = await server.store.transaction((tx) => tx.sql.all('SELECT plan_id FROM plan_states'));
    expect(rows).toHaveLength(1);
  });

  it('[PLAN6][RPT4] a household merged away keeps no state, even with rows still under it', async () => {
    const survivor = await household();
    const merged = await household();
    const [planId] = (await pushRows(merged.device, merged.householdId, [
      { entity: 'plan', fields: planFields() },
    ])) as [string];
    await refresh(server, [merged.householdId]);
    expect(await stateOf(server, planId)).toBeDefined();
    // Only the pointer: its rows are not moved, so only `merged_into` can hide them.
    await markMerged(server.store, merged.householdId, survivor.householdId);
    await refresh(server, [merged.householdId]);
    expect(await stateOf(server, planId)).toBeUndefined();
  });

  it('[PLAN6] a deleted plan, or a deleted household, leaves no state', async () => {
    const { device, householdId } = await household();
    const [kept, dropped] = (await pushRows(device, householdId, [
      { entity: 'plan', fields: planFields() },
      { entity: 'plan', fields: planFields({ kind: 'amicable' }) },
    ])) as [string, string];
    await refresh(server, [householdId]);
    expect(await stateOf(server, dropped)).toBeDefined();

    await device.push([device.remove('plan', await requireServerRow(server.store, 'plan', dropped))]);
    await refresh(server, [householdId]);
    expect(await stateOf(server, dropped)).toBeUndefined();
    expect(await stateOf(server, kept)).toBeDefined();

    const coordinator = await server.device(server.world.coordinator);
    await coordinator.push([
      coordinator.remove('household', await requireServerRow(server.store, 'household', householdId)),
    ]);
    await refresh(server, [householdId]);
    expect(await stateOf(server, kept)).toBeUndefined();
  });

  it('[PLAN6] the recheck recomputes the states whose day has come, on the app’s clock', async () => {
    const { device, householdId } = await household();
    const [planId] = (await pushRows(device, householdId, [{ entity: 'plan', fields: planFields() }])) as [
      string,
    ];
    // Starts in March 2027: nothing changes for it before 6 March, so the recheck leaves it.
    const other = await household(WP_B);
    const [quiet] = (await pushRows(other.device, other.householdId, [
      { entity: 'plan', fields: planFields({ firstDueOn: '2027-03-05' }) },
    ])) as [string];
    await refresh(server, [householdId, other.householdId]);
    const quietBefore = await stateOf(server, quiet);
    expect(quietBefore?.recheckOn).toBe('2027-03-06');

    // 16 December in Paris: December's instalment is past its grace (to 15 December): 3 missed.
    server.clock.ms = parisMorning('2026-12-16');
    server.app.planRecheck.schedule();
    await server.app.planRecheck.idle();
    expect(await stateOf(server, planId)).toMatchObject({
      missedCount: 3,
      failing: 1,
      nextDueOn: '2027-01-05',
      recheckOn: '2027-01-06',
    });
    expect(await stateOf(server, quiet)).toEqual(quietBefore);
  });
});

describe.each(ENGINES)('the plans recheck timer on $name', (engine) => {
  const server = useSyncServer(engine, { perTest: true, app: { plans: { recheckEveryMs: 20 } } });

  it('[PLAN6] runs by itself on the app’s clock: the day moves on, nothing is pushed', async () => {
    const device = await server.device(server.world.counsellorA);
    const h = device.createHousehold(WP_A);
    await device.push([h]);
    const [planId] = (await pushRows(device, h.entityId, [{ entity: 'plan', fields: planFields() }])) as [
      string,
    ];
    await refresh(server, [h.entityId]);
    expect((await stateOf(server, planId))?.missedCount).toBe(2);
    server.clock.ms = parisMorning('2026-12-16');
    await vi.waitFor(async () => expect((await stateOf(server, planId))?.missedCount).toBe(3), {
      timeout: 5_000,
    });
    server.clock.ms = parisMorning('2027-01-16');
    await vi.waitFor(async () => expect((await stateOf(server, planId))?.missedCount).toBe(4), {
      timeout: 5_000,
    });
  });
});
