/**
 * The activity report over the real sync API, on both stores (docs/reports-and-plans.md RPT1–RPT9,
 * WS2). A small network is pushed by a counsellor's device, then read back as a coordinator. Every
 * expected figure below is derived by hand from the data set, in the comments next to it, never
 * from reportFacts or the server's answer.
 *
 * Period 2026-01-01 … 2026-03-31 (months Jan, Feb, Mar); welcome points A and B.
 * - H1 (A) opened 2025-11-15, still open: carried over. A done appointment on 10 Jan, a planned
 *   one on 1 Feb, a done one on 20 Dec 2025; a diagnosis on 12 Jan; a filing on 3 Feb corrected
 *   to 4 Mar; a tax relief request on 5 Feb then cancelled; a grace period asked on 20 Jan,
 *   accepted on 15 Feb; a mediation on 1 Mar; a plan from 10 Jun 2025, 12 instalments (to 10 May
 *   2026).
 * - H2 (B) opened 10 Feb, closed 5 Mar. PRP on 10 Mar; liquidation on 20 Feb; a micro-credit asked
 *   5 Jan, instructed 6 Feb, granted 7 Mar; a legacy micro-credit application on 11 Feb; a plan from
 *   15 Mar.
 * - H3 (A) opened 20 Jan; H4 (A) opened 2 Mar with a done appointment on 3 Mar; H4 is merged into
 *   H3 (H3's fields kept).
 * - H5 (B) opened and closed in 2025. H6 (A) opened 5 Jan, then deleted. H7 (no welcome point,
 *   a counsellor's own dossier) opened 20 Mar.
 * - Workshop W1 (A) on 12 Feb, 90 minutes, naming H1, H3 and H4, with 1 anonymous participant;
 *   W2 (B) on 2 Apr, outside the period.
 */
import { describe, expect, it } from 'vitest';
import { merge, pushHousehold } from '../merges/merge-harness';
import { ENGINES, requireServerRow, useSyncServer, WP_A, WP_B } from '../sync/harness';
import {
  drained,
  figures,
  getReport,
  push,
  pushAction,
  pushRevision,
  pushWorkshop,
  report,
} from './report-harness';

const PERIOD = 'from=2026-01-01&to=2026-03-31';
const done = (date: string) => ({ status: 'done', date });

for (const engine of ENGINES) {
  describe(`activity report on ${engine.name}`, () => {
    const server = useSyncServer(engine);
    const ids: Record<string, string> = {};

    it('[RPT8] a pushed network is derived after the push commits, and the CSV export before the merge is kept (RPT5)', async () => {
      const device = await server.device(server.world.counsellorA);
      const coordinatorDevice = await server.device(server.world.coordinator);
      const h = async (name: string, wp: string | undefined, fields: Record<string, unknown>) => {
        ids[name] = await pushHousehold(wp === WP_B ? coordinatorDevice : device, wp as string, fields);
        return ids[name] as string;
      };
      const h1 = await h('H1', WP_A, { openedOn: '2025-11-15' });
      await push(device, 'appointment', h1, {
        startsAt: '2026-01-10T09:00',
        status: 'done',
        orientation: 'mediation',
      });
      await push(device, 'appointment', h1, { startsAt: '2026-02-01T09:00', status: 'planned' });
      await push(device, 'appointment', h1, { startsAt: '2025-12-20T09:00', status: 'done' });
      await pushAction(device, h1, { kind: 'budget_diagnosis', ...done('2026-01-12') });
      const filing = await pushAction(device, h1, { kind: 'bdf_filing', ...done('2026-02-03') });
      await pushRevision(device, h1, filing, 'correction', { kind: 'bdf_filing', ...done('2026-03-04') });
      const relief = await pushAction(device, h1, {
        kind: 'tax_relief_request',
        status: 'sent',
        date: '2026-02-05',
      });
      await pushRevision(device, h1, relief, 'cancellation', {
        kind: 'tax_relief_request',
        date: '2026-02-05',
      });
      await pushAction(device, h1, {
        kind: 'grace_period',
        status: 'answered',
        date: '2026-01-20',
        answer: { date: '2026-02-15', outcome: 'accepted' },
      });
      await pushAction(device, h1, { kind: 'mediation_request', status: 'sent', date: '2026-03-01' });
      await push(device, 'plan', h1, {
        kind: 'amicable',
        firstDueOn: '2025-06-10',
        steps: [{ months: 12, monthlyCents: 9000 }],
      });

      const h2 = await h('H2', WP_B, { openedOn: '2026-02-10', closedOn: '2026-03-05', status: 'closed' });
      const c = (fields: Record<string, unknown>) => push(coordinatorDevice, 'action', h2, fields);
      await c({ kind: 'bdf_decision', decision: 'personal_recovery_ordered', ...done('2026-03-10') });
      await c({ kind: 'bdf_decision', decision: 'liquidation_ordered', ...done('2026-02-20') });
      await c({ kind: 'micro_credit_application', ...done('2026-02-11') });
      await push(coordinatorDevice, 'microcredit', h2, {
        requestedOn: '2026-01-05',
        instructedOn: '2026-02-06',
        decision: 'granted',
        decidedOn: '2026-03-07',
        lender: 'Caisse solidaire',
        amountCents: 300_000,
        months: 24,
        monthlyPaymentCents: 13_000,
      });
      await push(coordinatorDevice, 'plan', h2, {
        kind: 'bdf_imposed',
        firstDueOn: '2026-03-15',
        steps: [{ months: 6, monthlyCents: 0 }],
      });

      const h3 = await h('H3', WP_A, { openedOn: '2026-01-20' });
      const h4 = await h('H4', WP_A, { openedOn: '2026-03-02' });
      await push(device, 'appointment', h4, {
        startsAt: '2026-03-03T14:00',
        status: 'done',
        orientation: 'support',
      });
      await pushHousehold(coordinatorDevice, WP_B, {
        openedOn: '2025-01-01',
        closedOn: '2025-12-31',
        status: 'closed',
      });
      const h6 = await h('H6', WP_A, { openedOn: '2026-01-05' });
      await device.push([device.remove('household', await requireServerRow(server.store, 'household', h6))]);
      await h('H7', undefined, { openedOn: '2026-03-20' });

      const workshop = { topic: 'Budget du mois', durationMinutes: 90, anonymousParticipants: 1 };
      await pushWorkshop(device, {
        ...workshop,
        date: '2026-02-12',
        welcomePointId: WP_A,
        participantHouseholdIds: [h1, h3, h4],
      });
      await pushWorkshop(coordinatorDevice, {
        ...workshop,
        date: '2026-04-02',
        welcomePointId: WP_B,
        participantHouseholdIds: [],
      });

      await drained(server);
      const csv = await getReport(server, `${PERIOD}&format=csv`);
      expect(csv.statusCode, csv.body).toBe(200);
    });

    it('[RPT5] before the merge: H4 is its own household and W1 counts four distinct participants', async () => {
      const r = await report(server, PERIOD);
      // H3 (Jan), H2 (Feb), H4 and H7 (Mar).
      expect(figures(r, 'households_new').total).toBe(4);
      // W1: (H1, H3, H4 + 1 anonymous) × 90 min = 360 min = 6 h.
      expect(figures(r, 'training_hours').total).toBe(6);
      expect(r.lastExportedAt).toBeDefined();
      expect(r.indicators.some((i) => i.restated !== undefined)).toBe(false);
    });

    it('[RPT1][RPT3][RPT4][RPT4a][WS2][RPT6] every indicator, by month and welcome point, after H4 is merged into H3', async () => {
      server.clock.ms += 60_000;
      await merge(server, ids.H3 as string, ids.H4 as string);
      const r = await report(server, PERIOD);
      expect(r.welcomePoints).toEqual([
        { id: WP_A, name: 'Point A (Lyon 8e)' },
        { id: WP_B, name: 'Point B (Vénissieux)' },
      ]);
      const expected: Record<string, ReturnType<typeof figures>> = {
        // H1 on 10 Jan; H4's 3 Mar appointment, now H3's. Not the planned one nor the 2025 one.
        consultations: { total: 2, months: [1, 0, 1], points: { [WP_A]: 2, [WP_B]: 0, none: 0 } },
        diagnoses: { total: 1, months: [1, 0, 0], points: { [WP_A]: 1, [WP_B]: 0, none: 0 } },
        // The filing counts once, on its corrected date (RPT1a).
        bdf_dossiers: { total: 1, months: [0, 0, 1], points: { [WP_A]: 1, [WP_B]: 0, none: 0 } },
        prp: { total: 1, months: [0, 0, 1], points: { [WP_A]: 0, [WP_B]: 1, none: 0 } },
        // Dated by the answer (15 Feb), not the request (20 Jan).
        grace_periods: { total: 1, months: [0, 1, 0], points: { [WP_A]: 1, [WP_B]: 0, none: 0 } },
        bank_mediations: { total: 1, months: [0, 0, 1], points: { [WP_A]: 1, [WP_B]: 0, none: 0 } },
        // The only one was cancelled.
        tax_relief: { total: 0, months: [0, 0, 0], points: { [WP_A]: 0, [WP_B]: 0, none: 0 } },
        liquidations: { total: 1, months: [0, 1, 0], points: { [WP_A]: 0, [WP_B]: 1, none: 0 } },
        // H1's plan runs through the period; H2's starts 15 Mar.
        plans_followed: { total: 2, months: [1, 1, 2], points: { [WP_A]: 1, [WP_B]: 1, none: 0 } },
        // The micro-credit (5 Jan) and the legacy application (11 Feb).
        microcredit_requests: { total: 2, months: [1, 1, 0], points: { [WP_A]: 0, [WP_B]: 2, none: 0 } },
        microcredit_instructed: { total: 1, months: [0, 1, 0], points: { [WP_A]: 0, [WP_B]: 1, none: 0 } },
        microcredit_granted: { total: 1, months: [0, 0, 1], points: { [WP_A]: 0, [WP_B]: 1, none: 0 } },
        // W1: H1, H3 and H4 (= H3 now) + 1 anonymous = 3 × 90 min = 270 min = 4.5 h (WS2).
        training_hours: { total: 4.5, months: [0, 4.5, 0], points: { [WP_A]: 4.5, [WP_B]: 0, none: 0 } },
        // H3 (Jan), H2 (Feb), H7 (Mar); H4 merged away, H6 deleted, H1 and H5 opened before.
        households_new: { total: 3, months: [1, 1, 1], points: { [WP_A]: 1, [WP_B]: 1, none: 1 } },
        // Jan: H1, H3. Feb: H1, H3, H2. Mar: H1, H3, H2, H7. The period: those four once each.
        households_followed: { total: 4, months: [2, 3, 4], points: { [WP_A]: 2, [WP_B]: 1, none: 1 } },
      };
      for (const [code, want] of Object.entries(expected)) {
        expect([code, figures(r, code)]).toEqual([code, want]);
      }
      expect(r.indicators.map((i) => i.byMonth.map((m) => m.month))[0]).toEqual([
        '2026-01',
        '2026-02',
        '2026-03',
      ]);
    });

    it('[RPT5] after the merge, the figures that changed since the export are marked restated, with the merge', async () => {
      const r = await report(server, PERIOD);
      const restated = Object.fromEntries(
        r.indicators
          .filter((i) => i.restated !== undefined)
          .map((i) => [i.code, [i.restated?.previousTotal, i.restated?.mergesSince]]),
      );
      // Exported before the merge: H4 new and followed; W1 with 6 h. Consultations did not change
      // (H4's appointment moved to H3, in the same welcome point).
      expect(restated).toEqual({
        training_hours: [6, 1],
        households_new: [4, 1],
        households_followed: [5, 1],
      });
    });

    it('[RPT9] the CSV: BOM, `;`, CRLF, decimal comma, codes first, then total, months and welcome points', async () => {
      await drained(server);
      const response = await getReport(server, `${PERIOD}&format=csv`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toBe(
        'attachment; filename="rapport-activite_2026-01-01_2026-03-31.csv"',
      );
      const bytes = response.rawPayload;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString('utf8').split('\r\n');
      expect(lines.at(-1)).toBe(''); // the last line ends with CRLF too
      expect(lines.slice(0, -1).every((line) => !line.includes('\n'))).toBe(true);
      // The figures of the test above, in REPORT_CODES order, written out by hand.
      expect(lines.slice(0, -1)).toEqual([
        'ligne;mois;point_accueil_id;point_accueil;consultations;diagnoses;bdf_dossiers;prp;grace_periods;bank_mediations;tax_relief;liquidations;plans_followed;microcredit_requests;microcredit_instructed;microcredit_granted;training_hours;households_new;households_followed',
        'total;;;;2;1;1;1;1;1;0;1;2;2;1;1;4,5;3;4',
        'mois;2026-01;;;1;1;0;0;0;0;0;0;1;1;0;0;0;1;2',
        'mois;2026-02;;;0;0;0;0;1;0;0;1;1;1;1;0;4,5;1;3',
        'mois;2026-03;;;1;0;1;1;0;1;0;0;2;0;0;1;0;1;4',
        'point_accueil;;wp-a;Point A (Lyon 8e);2;1;1;0;1;1;0;0;1;0;0;0;4,5;1;2',
        'point_accueil;;wp-b;Point B (Vénissieux);0;0;0;1;0;0;0;1;1;2;1;1;0;1;1',
        'point_accueil;;;;0;0;0;0;0;0;0;0;0;0;0;0;0;1;1',
      ]);
    });

    it('[RPT9] the PCB preset: its columns, each the sum of its indicators', async () => {
      const response = await getReport(server, `${PERIOD}&format=csv&preset=pcb`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-disposition']).toContain('_pcb.csv');
      const [head, total] = response.body.replace('\uFEFF', '').split('\r\n');
      const row = Object.fromEntries(
        (head ?? '').split(';').map((code, i) => [code, (total ?? '').split(';')[i]]),
      );
      // bank_mediations 1 + grace_periods 1 + tax_relief 0; prp 1 + liquidations 1; 4.5 hours.
      expect(row.pcb_intermediation_creanciers).toBe('2');
      expect(row.pcb_procedures_retablissement).toBe('2');
      expect(row.pcb_heures_ateliers).toBe('4,5');
      expect(row.pcb_menages_accompagnes).toBe('4');
    });

    it('[RPT3][RPT4] one welcome point: only its roots; no null bucket when welcome points are named', async () => {
      const r = await report(server, `${PERIOD}&welcomePoint=${WP_B}`);
      expect(r.welcomePoints).toEqual([{ id: WP_B, name: 'Point B (Vénissieux)' }]);
      expect(figures(r, 'households_followed')).toEqual({
        total: 1,
        months: [0, 1, 1],
        points: { [WP_B]: 1 },
      });
      expect(figures(r, 'training_hours')).toEqual({ total: 0, months: [0, 0, 0], points: { [WP_B]: 0 } });
      const both = await report(server, `${PERIOD}&welcomePoint=${WP_A}&welcomePoint=${WP_B}`);
      expect(figures(both, 'households_new')).toEqual({
        total: 2,
        months: [1, 1, 0],
        points: { [WP_A]: 1, [WP_B]: 1 },
      });
    });

    it('[RPT3][RPT4] a one-month period: its spans; no null bucket when no root without a welcome point counts', async () => {
      const r = await report(server, 'from=2026-02-01&to=2026-02-28');
      // Feb: H1, H3, H2 followed; H1's plan. H7 (no welcome point) opened in March.
      expect(figures(r, 'households_followed').total).toBe(3);
      expect(figures(r, 'plans_followed')).toEqual({
        total: 1,
        months: [1],
        points: { [WP_A]: 1, [WP_B]: 0 },
      });
    });

    it('[RPT7] volunteers and counsellors get 403; a bad query gets 400 with its reason', async () => {
      for (const account of [server.world.counsellorA, server.world.volunteerA]) {
        expect((await getReport(server, PERIOD, account)).statusCode).toBe(403);
      }
      expect((await getReport(server, PERIOD, server.world.admin)).statusCode).toBe(200);
      const bad = async (query: string, path: string) => {
        const response = await getReport(server, query);
        expect([query, response.statusCode]).toEqual([query, 400]);
        expect(response.body).toContain(path);
      };
      await bad('from=2026-03-01&to=2026-01-01', 'to');
      await bad('from=2026-13-01&to=2026-12-31', 'from');
      await bad('to=2026-12-31', 'from');
      await bad('from=2020-01-01&to=2026-12-31', 'five years');
      await bad(`${PERIOD}&welcomePoint=wp-nowhere`, 'welcomePoint');
      await bad(`${PERIOD}&format=xml`, 'format');
      await bad(`${PERIOD}&format=csv&preset=unknown`, 'preset');
      await bad(`${PERIOD}&preset=pcb`, 'preset');
    });
  });
}
