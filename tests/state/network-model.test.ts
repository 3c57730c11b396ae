/**
 * The Network page's models (issue 15) over the network API client, against a stand-in of the
 * routes that records each request and answers with schema-valid bodies: the period presets and
 * their field errors, the welcome points sent, the downloads (file, name, the report's own scope),
 * the worklist's tabs, filter and paging, the thresholds' checks, and each failure in words.
 * The screen tests (tests/ui/network/) run the same models against the real server.
 */
import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import type { PlanWorklistItem } from '../../src/domain/plans/plan-monitoring';
import {
  type ActivityReport,
  ActivityReportSchema,
  REPORT_CODES,
  type ReportCode,
} from '../../src/domain/reports/activity-report';
import type { Role, WelcomePoint } from '../../src/domain/sync/protocol';
import { createNetworkModel } from '../../src/state/network-model';
import { createPlanThresholdsModel, readThresholds } from '../../src/state/plan-thresholds-model';
import { createNetworkApi } from '../../src/sync/network-api';
import type { DeviceSession } from '../../src/sync/session-store';

const WP_NORD = 'wp-nord';
const WP_SUD = 'wp-sud';
const POINTS: WelcomePoint[] = [
  { id: WP_NORD, name: 'Accueil Nord' } as WelcomePoint,
  { id: WP_SUD, name: 'Accueil Sud' } as WelcomePoint,
];
/** Today on the device: Sunday 6 December 2026. */
const TODAY = '2026-12-06';

interface Sent {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

function reportOf(from: string, to: string, welcomePoints: string[]): ActivityReport {
  const months: string[] = [];
  for (let m = new Date(`${from.slice(0, 7)}-01T00:00:00Z`); m.toISOString().slice(0, 10) <= to; ) {
    months.push(m.toISOString().slice(0, 7));
    m = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1));
  }
  return ActivityReportSchema.parse({
    from,
    to,
    welcomePoints: POINTS.filter((wp) => welcomePoints.includes(wp.id)).map(({ id, name }) => ({ id, name })),
    generatedAt: Date.UTC(2026, 11, 6, 10),
    indicators: REPORT_CODES.map((code: ReportCode) => ({
      code,
      unit: code === 'training_hours' ? 'hours' : 'count',
      total: 0,
      byMonth: months.map((month) => ({ month, value: 0 })),
      byWelcomePoint: welcomePoints.map((welcomePointId) => ({ welcomePointId, value: 0 })),
    })),
  });
}

function item(planId: string, nextDueOn: string): PlanWorklistItem {
  return {
    planId,
    householdId: `h-${planId}`,
    householdReference: `RL-2026-${planId}`,
    welcomePointId: WP_NORD,
    counsellorId: 'sam',
    kind: 'amicable',
    status: 'late',
    failing: false,
    missedCount: 1,
    arrearsCents: 12_000,
    nextDueOn,
    endsOn: '2028-01-05',
    lapsesOn: null,
  };
}

/** The routes' stand-in: `answer` decides each response; every request is kept. */
class Routes {
  readonly sent: Sent[] = [];
  answer: (request: Sent) => Response | Promise<Response> = (request) => this.ok(request);
  offline = false;

  fetch = async (input: string, init: RequestInit = {}) => {
    const url = new URL(input, 'http://server.test');
    const request: Sent = {
      method: init.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    this.sent.push(request);
    if (this.offline) throw new TypeError('Failed to fetch');
    return this.answer(request);
  };

  ok(request: Sent): Response {
    if (request.path === '/api/reports/activity' && request.query.get('format') === 'csv') {
      return new Response('\ufeffcode;total\r\n', {
        headers: { 'content-disposition': 'attachment; filename="rapport-2026.csv"' },
      });
    }
    if (request.path === '/api/reports/dossiers.csv') return new Response('\ufeffhousehold;age_band\r\n');
    if (request.path === '/api/reports/activity') {
      const asked = request.query.getAll('welcomePoint');
      const from = request.query.get('from') ?? '';
      const to = request.query.get('to') ?? '';
      return Response.json(reportOf(from, to, asked.length > 0 ? asked : [WP_NORD, WP_SUD]));
    }
    return new Response(null, { status: 404 });
  }
}

const session = { token: 'tok', user: { id: 'camille' } } as unknown as DeviceSession;

function setup(role: Role = 'coordinator') {
  const routes = new Routes();
  const online = signal(true);
  const files: { blob: Blob; fileName: string }[] = [];
  const api = createNetworkApi({ fetch: routes.fetch, session: () => session });
  const model = createNetworkModel(api, {
    isOnline: online,
    role: signal(role),
    welcomePoints: signal(POINTS),
    today: () => TODAY,
    download: (blob, fileName) => files.push({ blob, fileName }),
    worklistPageSize: 2,
  });
  return { routes, online, files, model, report: model.report, plans: model.plans };
}

const reportRequests = (routes: Routes) =>
  routes.sent.filter((r) => r.path === '/api/reports/activity' && r.query.get('format') !== 'csv');

describe('Network report model', () => {
  it('asks for this year, last year and a quarter by their first and last days', async () => {
    const { routes, report } = setup();
    await report.load();
    report.setPreset('lastYear');
    await report.load();
    report.setPreset('quarter');
    // The quarter offered first is the current one: October to December 2026.
    await report.load();
    report.setQuarter('2024-Q1');
    await report.load();
    expect(reportRequests(routes).map((r) => `${r.query.get('from')}..${r.query.get('to')}`)).toEqual([
      '2026-01-01..2026-12-31',
      '2025-01-01..2025-12-31',
      '2026-10-01..2026-12-31',
      '2024-01-01..2024-03-31',
    ]);
    expect(report.report.value?.indicators.map((i) => i.code)).toEqual([...REPORT_CODES]);
  });

  it('refuses dates typed wrong next to their field, and sends nothing', async () => {
    const { routes, report } = setup();
    report.setPreset('custom');
    const cases: [string, string, object][] = [
      ['', '', { from: 'required', to: 'required' }],
      ['2026-02-30', '2026-03-01', { from: 'invalid' }],
      ['2026-06-01', '2026-05-31', { to: 'beforeFrom' }],
      ['2020-01-01', '2026-01-01', { to: 'tooLong' }],
    ];
    for (const [from, to, errors] of cases) {
      report.setDate('from', from);
      report.setDate('to', to);
      await report.load();
      expect([from, to, report.periodErrors.value]).toEqual([from, to, errors]);
    }
    expect(reportRequests(routes)).toEqual([]);
    report.setDate('from', '2026-06-01');
    report.setDate('to', '2026-06-01');
    await report.load();
    expect(report.periodErrors.value).toEqual({});
    expect(reportRequests(routes).map((r) => r.query.get('to'))).toEqual(['2026-06-01']);
  });

  it('names the welcome points only when some of the scope are left out, and refuses none', async () => {
    const { routes, report } = setup();
    await report.load();
    report.toggleWelcomePoint(WP_NORD, false);
    await report.load();
    report.setAllWelcomePoints(false);
    await report.load();
    expect(report.welcomePointsMissing.value).toBe(true);
    expect(reportRequests(routes).map((r) => r.query.getAll('welcomePoint'))).toEqual([[], [WP_SUD]]);
  });

  it('downloads the CSV, the PCB preset and the anonymised dossiers of the report on screen', async () => {
    const { routes, report, files } = setup();
    report.setPreset('lastYear');
    report.toggleWelcomePoint(WP_SUD, false);
    await report.load();
    // Changing the form afterwards does not change what the files are about: the report shown.
    report.setPreset('thisYear');
    for (const which of ['csv', 'pcb', 'dossiers'] as const) await report.download(which);
    const downloads = routes.sent.filter((r) => r.query.get('format') === 'csv' || r.path.endsWith('.csv'));
    expect(
      downloads.map((r) => [
        r.path,
        r.query.get('preset'),
        r.query.get('from'),
        r.query.get('to'),
        r.query.getAll('welcomePoint'),
      ]),
    ).toEqual([
      ['/api/reports/activity', null, '2025-01-01', '2025-12-31', [WP_NORD]],
      ['/api/reports/activity', 'pcb', '2025-01-01', '2025-12-31', [WP_NORD]],
      ['/api/reports/dossiers.csv', null, '2025-01-01', '2025-12-31', [WP_NORD]],
    ]);
    // The server's name when it gives one, else the app's.
    expect(files.map((f) => f.fileName)).toEqual([
      'rapport-2026.csv',
      'rapport-2026.csv',
      'dossiers-anonymises-2025-01-01-2025-12-31.csv',
    ]);
    expect(await files[2]?.blob.text()).toBe('\ufeffhousehold;age_band\r\n');
    expect(report.downloaded.value).toEqual({
      which: 'dossiers',
      fileName: 'dossiers-anonymises-2025-01-01-2025-12-31.csv',
    });
  });

  it('says why it failed: offline, refused, expired, or a shape it does not know', async () => {
    const { routes, report, online } = setup();
    online.value = false;
    await report.load();
    expect(report.error.value).toBe('offline');
    expect(routes.sent).toEqual([]);
    online.value = true;
    const seen: (string | null)[] = [];
    for (const answer of [
      () => Response.json({ error: 'forbidden' }, { status: 403 }),
      () => Response.json({ error: 'expired' }, { status: 401 }),
      () => Response.json({ from: '2026-01-01' }),
      () => Response.json({ message: 'bad', issues: [{ path: '/to' }] }, { status: 400 }),
    ]) {
      routes.answer = answer;
      await report.load();
      seen.push(report.error.value);
    }
    routes.offline = true;
    await report.load();
    seen.push(report.error.value);
    expect(seen).toEqual(['forbidden', 'unauthorized', 'server', 'invalid', 'offline']);
  });

  it('is inert for a counsellor', async () => {
    const { routes, report, model } = setup('counsellor');
    await report.load();
    await model.plans.load();
    expect(model.allowed.value).toBe(false);
    expect(routes.sent).toEqual([]);
  });
});

describe('Plan worklist model (PLAN7)', () => {
  it('[PLAN7] asks for one list, filtered by welcome point, and pages with the cursor', async () => {
    const { routes, plans } = setup();
    const pages: Record<string, { items: PlanWorklistItem[]; next?: string }> = {
      '': { items: [item('1', '2026-12-10'), item('2', '2026-12-11')], next: 'c1' },
      c1: { items: [item('3', '2026-12-12')] },
    };
    routes.answer = (r) =>
      Response.json({
        ...pages[r.query.get('after') ?? ''],
        counts: { late: 3, formal_notice: 0, lapsed: 1, failing: 2, ending_soon: 0, review_due: 4 },
      });
    await plans.load();
    expect(plans.next.value).toBe('c1');
    await plans.loadMore();
    expect(plans.items.value.map((i) => i.planId)).toEqual(['1', '2', '3']);
    expect(plans.next.value).toBeUndefined();
    expect(plans.counts.value.review_due).toBe(4);
    await plans.setWelcomePoint(WP_SUD);
    await plans.setTab('failing');
    expect(
      routes.sent.map((r) => [
        r.path,
        r.query.getAll('status'),
        r.query.getAll('welcomePoint'),
        r.query.get('limit'),
        r.query.get('after'),
      ]),
    ).toEqual([
      ['/api/plans/worklist', ['late'], [], '2', null],
      ['/api/plans/worklist', ['late'], [], '2', 'c1'],
      ['/api/plans/worklist', ['late'], [WP_SUD], '2', null],
      ['/api/plans/worklist', ['failing'], [WP_SUD], '2', null],
    ]);
  });
});

describe('Plan thresholds model (PLAN5)', () => {
  const good = {
    graceDays: '10',
    lateAfterMissed: '1',
    failingAfterMissed: '3',
    reviewEveryMonths: '12',
    endingSoonMonths: '3',
  };

  it('[PLAN5] refuses empty, non-whole, out-of-range values and failing before late, by field', () => {
    expect(
      readThresholds({
        graceDays: '',
        lateAfterMissed: '1,5',
        failingAfterMissed: '25',
        reviewEveryMonths: '0',
        endingSoonMonths: '13',
      }),
    ).toEqual({
      ok: false,
      errors: {
        graceDays: 'required',
        lateAfterMissed: 'whole',
        failingAfterMissed: 'range',
        reviewEveryMonths: 'range',
        endingSoonMonths: 'range',
      },
    });
    expect(readThresholds({ ...good, lateAfterMissed: '4' })).toEqual({
      ok: false,
      errors: { failingAfterMissed: 'belowLate' },
    });
    expect(readThresholds({ ...good, graceDays: '60', endingSoonMonths: '0' })).toEqual({
      ok: true,
      thresholds: {
        graceDays: 60,
        lateAfterMissed: 1,
        failingAfterMissed: 3,
        reviewEveryMonths: 12,
        endingSoonMonths: 0,
      },
    });
  });

  it('[PLAN5] sends the numbers, and shows the server’s refusal next to its field', async () => {
    const routes = new Routes();
    const model = createPlanThresholdsModel(
      createNetworkApi({ fetch: routes.fetch, session: () => session }),
      signal(true),
    );
    routes.answer = (r) =>
      r.method === 'PUT'
        ? Response.json({ error: 'Bad Request', issues: [{ path: '/reviewEveryMonths' }] }, { status: 400 })
        : Response.json({
            graceDays: 10,
            lateAfterMissed: 1,
            failingAfterMissed: 3,
            reviewEveryMonths: 12,
            endingSoonMonths: 3,
          });
    await model.load();
    expect(model.values.value).toEqual(good);
    model.setValue('graceDays', '15');
    expect(await model.save()).toBe(false);
    expect(routes.sent.at(-1)?.body).toEqual({
      graceDays: 15,
      lateAfterMissed: 1,
      failingAfterMissed: 3,
      reviewEveryMonths: 12,
      endingSoonMonths: 3,
    });
    expect(model.errors.value).toEqual({ reviewEveryMonths: 'server' });
    expect(model.failure.value).toBe('invalid');
  });
});
