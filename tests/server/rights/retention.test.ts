/**
 * Retention (docs/household-rights.md RIGHT8–RIGHT12), on both stores. The boundary is written out
 * by hand from the calendar (not from retentionCutoff): on 15 June 2031 with 5 years, a dossier
 * closed on 14 June 2026 has passed its period and one closed on 15 June 2026 has not.
 */
import { describe, expect, it } from 'vitest';
import { ANONYMISED_EMAIL, ANONYMISED_TEXT } from '../../../src/domain/rights/anonymise';
import { AnonymisationRunsSchema, RetentionViewSchema } from '../../../src/domain/rights/rights-protocol';
import { anonymiseDueDossiers } from '../../../sync-server/src/rights/retention';
import { pushChild, pushHousehold, sampleFields } from '../merges/merge-harness';
import { drained, figures, report } from '../reports/report-harness';
import { bearer, ENGINES, requireServerRow, useSyncServer, WP_A } from '../sync/harness';
import { tablesMentioning } from './rights-harness';

/** 15 June 2031, noon in Paris. */
const TODAY = Date.UTC(2031, 5, 15, 10, 0);

/** A closed dossier with its own personal values (so one household's values never hide another's). */
function closed(tag: string, closedOn: string): Record<string, unknown> {
  return {
    status: 'closed',
    openedOn: '2026-01-05',
    closedOn,
    phone: `06 00 00 00 ${tag}`,
    email: `personne${tag}@example.org`,
    reference: `RL-${tag}`,
    address: { line1: `${tag} rue des Lilas`, postcode: '69008', city: 'Lyon' },
  };
}

for (const engine of ENGINES) {
  describe(`retention on ${engine.name}`, () => {
    const server = useSyncServer(engine, { perTest: true, startAt: TODAY });

    const runJob = async () => {
      server.app.retention.schedule();
      await server.app.retention.idle();
    };

    it('[RIGHT8][RIGHT9] a dossier closed one day past the period is anonymised; one closed on the boundary day, or still open, is not', async () => {
      const device = await server.device(server.world.coordinator);
      const due = await pushHousehold(device, WP_A, closed('11', '2026-06-14'));
      const boundary = await pushHousehold(device, WP_A, closed('12', '2026-06-15'));
      const open = await pushHousehold(device, WP_A, {
        ...closed('13', '2020-01-01'),
        status: 'active',
        closedOn: undefined,
      });
      const member = await pushChild(device, 'member', due, {
        role: 'applicant',
        firstName: 'Aïcha',
        lastName: 'Benali',
        birthDate: '1984-05-12',
      });
      const debtFields: Record<string, unknown> = {
        ...sampleFields('debt'),
        label: 'Crédit Cofidis',
        reference: 'CF-778899',
      };
      const debt = await pushChild(device, 'debt', due, debtFields);
      await runJob();

      const household = await requireServerRow(server.store, 'household', due);
      expect(household).toMatchObject({
        phone: ANONYMISED_TEXT,
        email: ANONYMISED_EMAIL,
        reference: ANONYMISED_TEXT,
        address: { line1: ANONYMISED_TEXT, postcode: '69000', city: ANONYMISED_TEXT },
        status: 'closed',
        openedOn: '2026-01-05',
        closedOn: '2026-06-14',
        departement: '69',
        welcomePointId: WP_A,
      });
      expect(await requireServerRow(server.store, 'member', member)).toMatchObject({
        firstName: ANONYMISED_TEXT,
        lastName: ANONYMISED_TEXT,
        birthDate: '1984-05-01',
        role: 'applicant',
      });
      expect(await requireServerRow(server.store, 'debt', debt)).toMatchObject({
        label: ANONYMISED_TEXT,
        reference: ANONYMISED_TEXT,
        capitalRemainingCents: debtFields.capitalRemainingCents,
      });
      for (const value of [
        '06 00 00 00 11',
        'personne11@example.org',
        'RL-11',
        'Aïcha',
        'Benali',
        'CF-778899',
        'Cofidis',
      ]) {
        expect([value, await tablesMentioning(server, value)]).toEqual([value, {}]);
      }
      expect(await requireServerRow(server.store, 'household', boundary)).toMatchObject({
        phone: '06 00 00 00 12',
      });
      expect(await requireServerRow(server.store, 'household', open)).toMatchObject({
        phone: '06 00 00 00 13',
      });
    });

    it('[RIGHT10][RIGHT11] the log names the fields, a second run changes nothing, and devices pull the anonymised version', async () => {
      const device = await server.device(server.world.coordinator);
      const due = await pushHousehold(device, WP_A, closed('21', '2025-12-31'));
      await pushChild(device, 'appointment', due, {
        startsAt: '2025-03-10T10:00',
        status: 'done',
        place: 'Chez Mme Benali',
      });
      const before = await report(server, 'from=2025-01-01&to=2025-12-31');
      const cursor = (await device.pull(null)).nextCursor;

      const first = await anonymiseDueDossiers(server.store, {
        today: '2031-06-15',
        now: server.clock.ms,
        origin: 'cli',
      });
      expect(first.households).toBe(1);
      const log = await server.store.transaction((tx) => tx.anonymisationLogOf(due));
      expect(log).toEqual([
        {
          householdId: due,
          closedOn: '2025-12-31',
          runId: first.runId,
          anonymisedAt: server.clock.ms,
          fields: { appointment: ['place'], household: ['address', 'email', 'phone', 'reference'] },
        },
      ]);
      const page = await device.pull(cursor);
      expect(page.changes.map((c) => c.row.id).sort()).toHaveLength(2);
      expect(page.changes.find((c) => c.row.id === due)?.row).toMatchObject({ phone: ANONYMISED_TEXT });

      const head = await server.store.transaction((tx) => tx.getCounter('change_seq'));
      server.clock.advance(60_000);
      const second = await anonymiseDueDossiers(server.store, {
        today: '2031-06-15',
        now: server.clock.ms,
        origin: 'cli',
      });
      expect([second.households, second.rows]).toEqual([0, 0]);
      expect(await server.store.transaction((tx) => tx.getCounter('change_seq'))).toBe(head);
      expect(await server.store.transaction((tx) => tx.anonymisationLogOf(due))).toHaveLength(1);

      // The statistics stay (RIGHT9): the same figures once the anonymised rows are derived again.
      server.app.derived.schedule();
      await drained(server);
      const after = await report(server, 'from=2025-01-01&to=2025-12-31');
      for (const code of ['consultations', 'households_new', 'households_followed']) {
        expect([code, figures(after, code)]).toEqual([code, figures(before, code)]);
      }

      const runs = await server.app.inject({
        method: 'GET',
        url: '/api/admin/anonymisation-runs',
        headers: bearer(server.world.admin.token),
      });
      expect(
        AnonymisationRunsSchema.parse(runs.json()).runs.map((r) => [
          r.runId,
          r.origin,
          r.households,
          r.cutoff,
        ]),
      ).toEqual([
        [second.runId, 'cli', 0, '2026-06-15'],
        [first.runId, 'cli', 1, '2026-06-15'],
      ]);
    });

    it('[RIGHT8][RIGHT12] an admin sets the period (default 5 years); a shorter one makes more dossiers due', async () => {
      const device = await server.device(server.world.coordinator);
      const recent = await pushHousehold(device, WP_A, closed('31', '2028-06-14'));
      await runJob();
      expect(await requireServerRow(server.store, 'household', recent)).toMatchObject({
        phone: '06 00 00 00 31',
      });
      const get = () =>
        server.app.inject({
          method: 'GET',
          url: '/api/admin/retention',
          headers: bearer(server.world.admin.token),
        });
      expect(RetentionViewSchema.parse((await get()).json())).toEqual({ years: 5, isDefault: true });

      const put = await server.app.inject({
        method: 'PUT',
        url: '/api/admin/retention',
        headers: bearer(server.world.admin.token),
        payload: { years: 3 },
      });
      expect(put.statusCode, put.body).toBe(200);
      expect(RetentionViewSchema.parse(put.json())).toMatchObject({ years: 3, isDefault: false });
      await server.app.retention.idle();
      // 15 June 2031 less 3 years: closed on 14 June 2028 is past its period.
      expect(await requireServerRow(server.store, 'household', recent)).toMatchObject({
        phone: ANONYMISED_TEXT,
      });
      const bad = await server.app.inject({
        method: 'PUT',
        url: '/api/admin/retention',
        headers: bearer(server.world.admin.token),
        payload: { years: 0 },
      });
      expect(bad.statusCode).toBe(400);
    });

    it('[RIGHT12][AUTH8] the retention setting and the runs: admins only; other roles 403, anonymous 401', async () => {
      for (const [method, url] of [
        ['GET', '/api/admin/retention'],
        ['PUT', '/api/admin/retention'],
        ['GET', '/api/admin/anonymisation-runs'],
      ] as const) {
        const payload = method === 'PUT' ? { payload: { years: 4 } } : {};
        expect((await server.app.inject({ method, url, ...payload })).statusCode).toBe(401);
        for (const role of ['coordinator', 'counsellorA', 'volunteerA'] as const) {
          const response = await server.app.inject({
            method,
            url,
            headers: bearer(server.world[role].token),
            ...payload,
          });
          expect([role, method, url, response.statusCode]).toEqual([role, method, url, 403]);
        }
        const admin = await server.app.inject({
          method,
          url,
          headers: bearer(server.world.admin.token),
          ...payload,
        });
        expect([method, url, admin.statusCode]).toEqual([method, url, 200]);
      }
    });
  });
}
