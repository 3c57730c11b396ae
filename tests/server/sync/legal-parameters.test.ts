import { describe, expect, it } from 'vitest';
import type {
  LegalParameterEntry,
  LegalParameterInput,
  LegalParametersResponse,
} from '../../../src/domain/parameters/legal-parameter-entries';
import type { AdminLegalParameters } from '../../../src/domain/sync/admin';
import { bearer, ENGINES, useSyncServer } from './harness';

const rsa: LegalParameterInput = {
  kind: 'rsaAmounts',
  effectiveFrom: '2026-04-01',
  source: 'Décret n° 2026-301 du 28 mars 2026; CASF L262-2',
  sourceUrl: 'https://www.legifrance.gouv.fr/',
  baseMonthlyCents: 65_100,
};
const scale: LegalParameterInput = {
  kind: 'seizureScales',
  effectiveFrom: '2027-01-01',
  source: 'Décret fixant le barème 2027',
  thresholdsAnnualCents: [450_000, 880_000, 1_310_000, 1_740_000, 2_160_000, 2_600_000],
  incrementPerDependentAnnualCents: 175_000,
};

for (const engine of ENGINES) {
  describe(`legal parameters on ${engine.name}`, () => {
    const server = useSyncServer(engine, { perTest: true, startAt: Date.UTC(2026, 11, 6, 9) });
    const { clock } = server;

    const write = (token: string, method: 'POST' | 'PUT' | 'DELETE', payload?: unknown, id?: string) =>
      server.app.inject({
        method,
        url: `/api/admin/legal-parameters${id ? `/${id}` : ''}`,
        headers: bearer(token),
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
    const read = async (token: string, known?: number) => {
      const r = await server.app.inject({
        method: 'GET',
        url: `/api/legal-parameters${known === undefined ? '' : `?known=${known}`}`,
        headers: bearer(token),
      });
      return { status: r.statusCode, body: r.json() as LegalParametersResponse };
    };
    const adminView = async () => {
      const r = await server.app.inject({
        method: 'GET',
        url: '/api/admin/legal-parameters',
        headers: bearer(server.world.admin.token),
      });
      expect(r.statusCode).toBe(200);
      return r.json() as AdminLegalParameters;
    };

    it('stores an admin’s entry, logs it, and every signed-in device reads it; unchanged costs two fields', async () => {
      const empty = await read(server.world.volunteerA.token);
      expect(empty).toEqual({ status: 200, body: { version: 0, changed: true, entries: [] } });
      const created = await write(server.world.admin.token, 'POST', rsa);
      expect(created.statusCode).toBe(201);
      const entry = created.json() as LegalParameterEntry;
      expect(entry).toMatchObject(rsa);
      for (const account of [
        server.world.volunteerA,
        server.world.volunteerB,
        server.world.counsellorA,
        server.world.coordinator,
      ]) {
        const { status, body } = await read(account.token);
        expect(status).toBe(200);
        expect(body).toEqual({ version: 1, changed: true, entries: [entry] });
      }
      expect((await read(server.world.volunteerA.token, 1)).body).toEqual({ version: 1, changed: false });
      const view = await adminView();
      expect(view.changes).toEqual([
        expect.objectContaining({
          parameterId: entry.id,
          kind: 'rsaAmounts',
          action: 'created',
          userId: server.world.admin.userId,
          userName: 'Admin',
          at: clock.ms,
          oldEntry: null,
          newEntry: entry,
        }),
      ]);
    });

    it('logs a correction and a removal with the value before and after, latest first', async () => {
      const entry = (await write(server.world.admin.token, 'POST', rsa)).json() as LegalParameterEntry;
      clock.advance(60_000);
      const corrected = await write(
        server.world.admin.token,
        'PUT',
        { ...rsa, baseMonthlyCents: 65_200 },
        entry.id,
      );
      expect(corrected.statusCode).toBe(200);
      clock.advance(60_000);
      expect((await write(server.world.admin.token, 'DELETE', undefined, entry.id)).statusCode).toBe(204);
      const view = await adminView();
      expect(view.entries).toEqual([]);
      expect(view.version).toBe(3);
      expect(
        view.changes.map((c) => [
          c.action,
          c.oldEntry?.kind === 'rsaAmounts' ? c.oldEntry.baseMonthlyCents : null,
          c.newEntry?.kind === 'rsaAmounts' ? c.newEntry.baseMonthlyCents : null,
        ]),
      ).toEqual([
        ['deleted', 65_200, null],
        ['updated', 65_100, 65_200],
        ['created', null, 65_100],
      ]);
      expect((await read(server.world.volunteerA.token, 2)).body).toEqual({
        version: 3,
        changed: true,
        entries: [],
      });
    });

    it('only admins write; a coordinator, a counsellor and a volunteer get 403, and nothing changes', async () => {
      for (const account of [server.world.coordinator, server.world.counsellorA, server.world.volunteerA]) {
        expect((await write(account.token, 'POST', rsa)).statusCode).toBe(403);
        const r = await server.app.inject({
          method: 'GET',
          url: '/api/admin/legal-parameters',
          headers: bearer(account.token),
        });
        expect(r.statusCode).toBe(403);
      }
      const anonymous = await server.app.inject({ method: 'GET', url: '/api/legal-parameters' });
      expect(anonymous.statusCode).toBe(401);
      expect((await read(server.world.volunteerA.token)).body).toEqual({
        version: 0,
        changed: true,
        entries: [],
      });
    });

    it('refuses a wrong entry with 400 and the reason at the field: negative, before 2000, too far, a falling scale', async () => {
      const cases: [unknown, string, string][] = [
        [{ ...rsa, baseMonthlyCents: -100 }, '/baseMonthlyCents', 'the amount must not be negative'],
        [
          { ...rsa, effectiveFrom: '1999-12-31' },
          '/effectiveFrom',
          'the effective date must not be before 2000-01-01',
        ],
        // Today on the server: 2026-12-06; two years ahead is 2028-12-06.
        [
          { ...rsa, effectiveFrom: '2028-12-07' },
          '/effectiveFrom',
          'the effective date must not be more than two years ahead',
        ],
        [
          { ...scale, thresholdsAnnualCents: [450_000, 880_000, 870_000, 1_740_000, 2_160_000, 2_600_000] },
          '/thresholdsAnnualCents/2',
          'each threshold of the scale must be higher than the one before',
        ],
        [{ ...rsa, kind: 'unknown' }, '/kind', ''],
      ];
      for (const [payload, path, message] of cases) {
        const r = await write(server.world.admin.token, 'POST', payload);
        expect(r.statusCode, JSON.stringify(payload)).toBe(400);
        const body = r.json() as { issues: { path: string; message: string }[] };
        expect(body.issues.map((i) => i.path)).toContain(path);
        if (message !== '') expect(body.issues.map((i) => i.message)).toContain(message);
      }
      // NUL: PostgreSQL would refuse it in a text column; the input rule (INPUT1) answers 400 on
      // both engines before the route, naming the field.
      const nul = await write(server.world.admin.token, 'POST', { ...rsa, source: 'Décret\u0000' });
      expect(nul.statusCode).toBe(400);
      expect(nul.body).toMatch(/INPUT1.*source/);
      expect(
        (await write(server.world.admin.token, 'POST', { ...rsa, effectiveFrom: '2028-12-06' })).statusCode,
      ).toBe(201);
      // A correction is checked by the same rules.
      const entry = (await write(server.world.admin.token, 'POST', scale)).json() as LegalParameterEntry;
      expect(
        (
          await write(
            server.world.admin.token,
            'PUT',
            { ...scale, incrementPerDependentAnnualCents: -1 },
            entry.id,
          )
        ).statusCode,
      ).toBe(400);
      const view = await adminView();
      expect(view.changes).toHaveLength(2);
    });

    it('one entry per kind, place and date (409); another département may share the date; unknown ids are 404', async () => {
      expect((await write(server.world.admin.token, 'POST', rsa)).statusCode).toBe(201);
      expect(
        (await write(server.world.admin.token, 'POST', { ...rsa, baseMonthlyCents: 1 })).statusCode,
      ).toBe(409);
      const forfaits = {
        kind: 'commissionForfaits',
        effectiveFrom: '2026-01-01',
        source: 'Règlement intérieur 2026',
        departement: '69',
        base: { firstPersonCents: 60_000, secondPersonCents: 21_000, perAdditionalPersonCents: 21_000 },
      };
      expect((await write(server.world.admin.token, 'POST', forfaits)).statusCode).toBe(201);
      expect(
        (await write(server.world.admin.token, 'POST', { ...forfaits, departement: '75' })).statusCode,
      ).toBe(201);
      expect(
        (await write(server.world.admin.token, 'POST', { ...forfaits, departement: null })).statusCode,
      ).toBe(201);
      expect((await write(server.world.admin.token, 'PUT', rsa, 'no-such-id')).statusCode).toBe(404);
      expect((await write(server.world.admin.token, 'DELETE', undefined, 'no-such-id')).statusCode).toBe(404);
      expect((await write(server.world.admin.token, 'DELETE', undefined, 'a%00b')).statusCode).toBe(400);
      expect((await adminView()).entries).toHaveLength(4);
    });
  });
}
