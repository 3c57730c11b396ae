/**
 * The coordinators' plan worklist (docs/reports-and-plans.md PLAN7) on both stores: the lists,
 * their order (next due date, none last, then plan), the welcome point filter, the counts, keyset
 * pagination, who may read it, and that a page is an index range on plan_states.
 */
import { describe, expect, it } from 'vitest';
import type { PlanWorklistResponse } from '../../../src/domain/plans/plan-monitoring';
import { explain, scansWholeTable, worklistStatements } from '../../../sync-server/src/plans/explain';
import { ENGINES, useSyncServer, WP_A, WP_B } from '../sync/harness';
import { api, planFields, pushRows, refresh } from './plan-helpers';

describe.each(ENGINES)('the plan worklist on $name', (engine) => {
  const server = useSyncServer(engine);
  // Six plans pushed once for the block; today is 27 November 2026 (the test clock's T0).
  const ids: Record<string, string> = {};

  async function pushPlan(name: string, welcomePointId: string, fields: Record<string, unknown>) {
    const device = await server.device(server.world.coordinator);
    const h = device.createHousehold(welcomePointId);
    await device.push([h]);
    const [planId] = (await pushRows(device, h.entityId, [
      { entity: 'plan', fields: planFields(fields) },
    ])) as [string];
    await refresh(server, [h.entityId]);
    ids[name] = planId;
  }

  async function list(query: string, account = server.world.coordinator) {
    const response = await api(server, account, 'GET', `/api/plans/worklist${query}`);
    return { status: response.statusCode, body: response.json() as PlanWorklistResponse };
  }

  const names = (body: PlanWorklistResponse) =>
    body.items.map((item) => Object.keys(ids).find((name) => ids[name] === item.planId));

  it('[PLAN7] sets up: six plans, their states as the refresher wrote them', async () => {
    // late, 2 missed (October, November), next 5 December.
    await pushPlan('late', WP_A, {});
    // late and failing: August to November missed; next 5 December.
    await pushPlan('failing', WP_A, { firstDueOn: '2026-08-05' });
    // formal notice of 20 November, running to 5 December; first instalment 10 December.
    await pushPlan('notice', WP_B, { firstDueOn: '2026-12-10', formalNoticeOn: '2026-11-20' });
    // Two instalments, 1 December and 1 January: ending soon.
    await pushPlan('ending', WP_B, { firstDueOn: '2026-12-01', steps: [{ months: 2, monthlyCents: 5_000 }] });
    // Starts in January: on track, in no default list.
    await pushPlan('quiet', WP_A, { firstDueOn: '2027-01-15' });
    // Over since October 2025, nothing paid: late, failing, no next instalment.
    await pushPlan('over', WP_B, {
      kind: 'amicable',
      firstDueOn: '2025-05-10',
      steps: [{ months: 6, monthlyCents: 3_000 }],
    });
    expect(Object.keys(ids)).toHaveLength(6);
  });

  it('[PLAN7] the default lists, by next due date (none last), then plan id, with the counts', async () => {
    const { status, body } = await list('');
    expect(status).toBe(200);
    const fifth = ['late', 'failing'].sort((a, b) => ((ids[a] as string) < (ids[b] as string) ? -1 : 1));
    expect(names(body)).toEqual(['ending', ...fifth, 'notice', 'over']);
    expect(body.counts).toEqual({ late: 3, formal_notice: 1, ending_soon: 1, on_track: 1, failing: 3 });
    expect(body.next).toBeUndefined();
    const notice = body.items.find((item) => item.planId === ids.notice);
    expect(notice).toMatchObject({
      status: 'formal_notice',
      failing: true,
      lapsesOn: '2026-12-05',
      nextDueOn: '2026-12-10',
      welcomePointId: WP_B,
      kind: 'bdf_conventional',
    });
    expect(body.items.find((item) => item.planId === ids.over)).toMatchObject({
      nextDueOn: null,
      missedCount: 6,
      arrearsCents: 18_000,
    });
  });

  it('[PLAN7] failing, one status, one welcome point', async () => {
    expect(names((await list('?status=failing')).body)).toEqual(['failing', 'notice', 'over']);
    expect(names((await list('?status=on_track')).body)).toEqual(['quiet']);
    const a = (await list(`?welcomePoint=${WP_A}&status=late&status=on_track`)).body;
    const fifth = ['late', 'failing'].sort((x, y) => ((ids[x] as string) < (ids[y] as string) ? -1 : 1));
    expect(names(a)).toEqual([...fifth, 'quiet']);
    expect(a.counts).toEqual({ late: 2, on_track: 1, failing: 1 });
    expect(names((await list(`?welcomePoint=${WP_A}&welcomePoint=${WP_B}&status=failing`)).body)).toEqual([
      'failing',
      'notice',
      'over',
    ]);
  });

  it('[PLAN7] keyset pagination: pages of 2 make the whole list, each plan once', async () => {
    const whole = names(
      (await list('?status=late&status=formal_notice&status=ending_soon&status=on_track')).body,
    );
    const seen: (string | undefined)[] = [];
    const query = '?status=late&status=formal_notice&status=ending_soon&status=on_track&limit=2';
    let next: string | undefined;
    let pages = 0;
    do {
      const { status, body } = await list(next === undefined ? query : `${query}&after=${next}`);
      expect(status).toBe(200);
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...names(body));
      next = body.next;
      pages += 1;
    } while (next !== undefined && pages < 10);
    expect(seen).toEqual(whole);
    expect(whole).toHaveLength(6);
    expect(pages).toBe(3);
  });

  it('[PLAN7] coordinators and admins only; bad filters and cursors are 400 with a reason', async () => {
    for (const account of [server.world.counsellorA, server.world.volunteerA]) {
      expect((await list('', account)).status).toBe(403);
    }
    expect((await list('', server.world.admin)).status).toBe(200);
    const badStatus = await api(
      server,
      server.world.coordinator,
      'GET',
      '/api/plans/worklist?status=overdue',
    );
    expect(badStatus.statusCode).toBe(400);
    expect(badStatus.body).toContain('status');
    const badCursor = await api(
      server,
      server.world.coordinator,
      'GET',
      '/api/plans/worklist?after=bm90LWEtY3Vyc29y',
    );
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.body).toContain('after');
    const badLimit = await api(server, server.world.coordinator, 'GET', '/api/plans/worklist?limit=0');
    expect(badLimit.statusCode).toBe(400);
  });

  it('[PLAN7] a page is an index range on plan_states, not a read of the whole table', async () => {
    const filters = [
      { statuses: ['late', 'formal_notice'], failing: false, welcomePointIds: [WP_A] },
      { statuses: [], failing: true, welcomePointIds: [WP_A, WP_B] },
      { statuses: ['late', 'lapsed', 'formal_notice', 'ending_soon'], failing: true },
    ];
    for (const filter of filters) {
      const [page] = await worklistStatements({ ...filter, scope: { all: true }, limit: 101 });
      if (page === undefined) throw new Error('no statement');
      const plan = await server.store.transaction(async (tx) => {
        // A table of six rows is read whole by any sensible planner: ask PostgreSQL for its
        // index path as it would take it on a large table (the benchmark checks 65,300 rows).
        if (tx.sql.engine === 'postgres') await tx.sql.run('SET LOCAL enable_seqscan = off');
        return explain(tx.sql, page);
      });
      expect([filter, scansWholeTable(plan), plan]).toEqual([filter, false, plan]);
    }
    // The control: a filter no index serves is seen as a read of the whole table.
    const control = await server.store.transaction((tx) =>
      explain(tx.sql, { sql: 'SELECT * FROM plan_states ps WHERE ps.counsellor_id = $1', params: ['x'] }),
    );
    expect(scansWholeTable(control)).toBe(true);
  });
});
