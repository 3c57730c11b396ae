/**
 * The association's plan thresholds (docs/reports-and-plans.md PLAN5) on both stores: every
 * signed-in device reads them, only admins set them, bad input is a 400 with its reason, and a
 * change recomputes every plan state.
 */
import { describe, expect, it } from 'vitest';
import { ENGINES, useSyncServer, WP_A } from '../sync/harness';
import { api, planFields, pushRows, refresh, stateOf } from './plan-helpers';

const DEFAULTS = {
  graceDays: 10,
  lateAfterMissed: 1,
  failingAfterMissed: 3,
  reviewEveryMonths: 12,
  endingSoonMonths: 3,
};

describe.each(ENGINES)('plan thresholds on $name', (engine) => {
  const server = useSyncServer(engine, { perTest: true });

  it('[PLAN5] every signed-in person reads them (the defaults until set); anonymous 401', async () => {
    for (const account of [server.world.volunteerA, server.world.counsellorA, server.world.coordinator]) {
      const response = await api(server, account, 'GET', '/api/plans/thresholds');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual(DEFAULTS);
    }
    expect((await server.app.inject({ method: 'GET', url: '/api/plans/thresholds' })).statusCode).toBe(401);
  });

  it('[PLAN5] only admins set them: 403 for a counsellor or a coordinator', async () => {
    for (const account of [server.world.counsellorA, server.world.coordinator]) {
      const put = await api(server, account, 'PUT', '/api/admin/plan-thresholds', {
        ...DEFAULTS,
        graceDays: 5,
      });
      expect(put.statusCode).toBe(403);
      expect((await api(server, account, 'GET', '/api/admin/plan-thresholds')).statusCode).toBe(403);
    }
  });

  it('[PLAN5] bad input: 400 naming the field, nothing stored', async () => {
    for (const [body, field] of [
      [{ ...DEFAULTS, graceDays: -1 }, 'graceDays'],
      [{ ...DEFAULTS, lateAfterMissed: 1.5 }, 'lateAfterMissed'],
      [{ ...DEFAULTS, reviewEveryMonths: undefined }, 'reviewEveryMonths'],
      [{ ...DEFAULTS, lateAfterMissed: 4, failingAfterMissed: 3 }, 'failingAfterMissed'],
    ] as const) {
      const put = await api(server, server.world.admin, 'PUT', '/api/admin/plan-thresholds', body);
      expect([field, put.statusCode]).toEqual([field, 400]);
      expect(put.body).toContain(field);
    }
    expect((await api(server, server.world.admin, 'GET', '/api/admin/plan-thresholds')).json()).toEqual(
      DEFAULTS,
    );
  });

  it('[PLAN5] a change is read back by devices and recomputes every plan state', async () => {
    const device = await server.device(server.world.counsellorA);
    const h = device.createHousehold(WP_A);
    await device.push([h]);
    const [planId] = (await pushRows(device, h.entityId, [{ entity: 'plan', fields: planFields() }])) as [
      string,
    ];
    await refresh(server, [h.entityId]);
    // 27 November 2026: October and November missed with 10 days of grace.
    expect(await stateOf(server, planId)).toMatchObject({ status: 'late', missedCount: 2, failing: 0 });

    // 30 days of grace: November (due 5 November) is not missed before 6 December; late from 2.
    const lenient = { ...DEFAULTS, graceDays: 30, lateAfterMissed: 2 };
    const put = await api(server, server.world.admin, 'PUT', '/api/admin/plan-thresholds', lenient);
    expect(put.statusCode, put.body).toBe(200);
    await server.app.planRecheck.idle();
    expect(await stateOf(server, planId)).toMatchObject({
      status: 'on_track',
      missedCount: 1,
      recheckOn: '2026-12-06',
    });
    expect((await api(server, server.world.volunteerA, 'GET', '/api/plans/thresholds')).json()).toEqual(
      lenient,
    );

    // Failing from 1: failing at once.
    const strict = { ...DEFAULTS, failingAfterMissed: 1 };
    expect(
      (await api(server, server.world.admin, 'PUT', '/api/admin/plan-thresholds', strict)).statusCode,
    ).toBe(200);
    await server.app.planRecheck.idle();
    expect(await stateOf(server, planId)).toMatchObject({ status: 'late', missedCount: 2, failing: 1 });
  });
});
