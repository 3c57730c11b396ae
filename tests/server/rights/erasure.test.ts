/**
 * The right to erasure (docs/household-rights.md RIGHT3–RIGHT7), on both stores: what is left of
 * an erased household is read from every table of the database (its catalogue), the report's
 * past figures are derived from what the test pushed, and devices learn of it by the pull.
 */
import type { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ErasureResultSchema } from '../../../src/domain/rights/rights-protocol';
import type { PullResponse } from '../../../src/domain/sync/protocol';
import { rebuildDerivedData } from '../../../sync-server/src/derived/rebuild';
import { merge, pushChild, pushHousehold } from '../merges/merge-harness';
import { drained, figures, report } from '../reports/report-harness';
import { type Device, ENGINES, requireServerRow, useSyncServer, WP_A, WP_B } from '../sync/harness';
import {
  besidesAccessLog,
  erase,
  getExport,
  PERSONAL,
  postErasure,
  pushDossier,
  tablesMentioning,
} from './rights-harness';

/** Another household's personal values: none of them may be confused with the erased one's. */
const OTHER = {
  phone: '07 98 76 54 32',
  email: 'jean.martin@example.org',
  reference: 'RL-2026-0043',
  address: { line1: '3 place Bellecour', postcode: '69002', city: 'Lyon' },
  indebtednessCause: 'Séparation',
};

/** Every page of a pull from `cursor`. */
async function pullAll(device: Device, cursor: string | null = null): Promise<PullResponse[]> {
  const pages: PullResponse[] = [];
  let next = cursor;
  let page: PullResponse;
  do {
    page = await device.pull(next);
    pages.push(page);
    next = page.nextCursor;
  } while (page.hasMore);
  return pages;
}

for (const engine of ENGINES) {
  describe(`household erasure on ${engine.name}`, () => {
    const server = useSyncServer(engine, { perTest: true });

    it('[RIGHT4][RIGHT14] every row naming the household is deleted, in every table; only the erasure record keeps its id', async () => {
      const device = await server.device(server.world.counsellorA);
      const x = await pushDossier(device, WP_A);
      const y = await pushDossier(device, WP_A, OTHER);
      // Two concurrent changes of x's phone: the field history keeps the replaced one (I4).
      const row = await requireServerRow(server.store, 'household', x.id);
      const other = await server.device(server.world.coordinator);
      await device.push([device.patch('household', row, { phone: '06 00 00 00 01' })]);
      await other.push([other.patch('household', row, { phone: '06 00 00 00 02' })]);
      // A household merged into x: its history goes with x (RIGHT4).
      const z = await pushHousehold(device, WP_A, { phone: PERSONAL.phone });
      await merge(server, x.id, z);
      // A quarantined change naming x, an export of x.
      await device.push([
        device.patch(
          'household',
          { id: x.id, householdId: x.id, version: 1, fieldVersions: {} },
          { status: 'nonsense' },
        ),
      ]);
      expect((await getExport(server, x.id)).statusCode).toBe(200);
      await server.app.duplicates.idle();
      await drained(server);
      const before = await tablesMentioning(server, x.id);
      for (const table of [
        'sync_rows',
        'field_history',
        'households',
        'report_facts',
        'household_merges',
        'quarantine',
        'household_exports',
      ]) {
        expect([table, (before[table] ?? 0) > 0], JSON.stringify(before)).toEqual([table, true]);
      }

      const response = await postErasure(server, x.id);
      expect(response.statusCode, response.body).toBe(200);
      const result = ErasureResultSchema.parse(response.json());
      expect(result.alreadyErased).toBe(false);
      await server.app.duplicates.idle();
      await drained(server);

      expect(besidesAccessLog(await tablesMentioning(server, x.id))).toEqual({ household_erasures: 1 });
      expect(besidesAccessLog(await tablesMentioning(server, z))).toEqual({ household_erasures: 1 });
      for (const [entity, rowId] of x.children)
        expect([entity, await tablesMentioning(server, rowId)]).toEqual([entity, {}]);
      for (const value of [
        PERSONAL.phone,
        PERSONAL.email,
        PERSONAL.reference,
        PERSONAL.address.line1,
        PERSONAL.indebtednessCause,
      ]) {
        expect([value, await tablesMentioning(server, value)]).toEqual([value, {}]);
      }
      // The other household is untouched.
      expect((await tablesMentioning(server, y.id)).sync_rows).toBe(1 + y.children.size);
    }, 30_000);

    it('[RIGHT4b] the report figures of past periods stay the same after the erasure, and after a rebuild of the report data', async () => {
      const device = await server.device(server.world.coordinator);
      const x = await pushHousehold(device, WP_A, { reference: PERSONAL.reference });
      const y = await pushHousehold(device, WP_B, { reference: OTHER.reference });
      // x: two consultations in March 2026, one in April; y: one in March. Both opened in 2026-11.
      for (const [id, day] of [
        [x, '2026-03-10'],
        [x, '2026-03-24'],
        [x, '2026-04-02'],
        [y, '2026-03-11'],
      ] as const) {
        await pushChild(device, 'appointment', id, { startsAt: `${day}T10:00`, status: 'done' });
      }
      const expected = { consultations: { total: 4, march: 3, april: 1 }, households: 2 };
      const check = async () => {
        const r = await report(server, 'from=2026-01-01&to=2026-12-31');
        const consultations = figures(r, 'consultations');
        expect(consultations.total).toBe(expected.consultations.total);
        expect(consultations.months.slice(2, 4)).toEqual([
          expected.consultations.march,
          expected.consultations.april,
        ]);
        expect(consultations.points).toMatchObject({ [WP_A]: 3, [WP_B]: 1 });
        expect(figures(r, 'households_new').total).toBe(expected.households);
        expect(figures(r, 'households_followed').total).toBe(expected.households);
      };
      await check();
      await erase(server, x);
      await check();
      expect((await tablesMentioning(server, x)).report_facts).toBeUndefined();
      await rebuildDerivedData(server.store, () => server.clock.ms);
      await check();
    });

    it('[RIGHT5][PULL14] every device, whatever its scope, is told in order with the changes; nothing of the household comes after', async () => {
      const counsellor = await server.device(server.world.counsellorA);
      const elsewhere = await server.device(server.world.volunteerB);
      const x = await pushDossier(counsellor, WP_A);
      const before = await pullAll(counsellor);
      const cursor = before.at(-1)?.nextCursor ?? null;
      await erase(server, x.id);
      const y = await pushHousehold(counsellor, WP_A, { reference: OTHER.reference });

      const after = await pullAll(counsellor, cursor);
      const erasures = after.flatMap((p) => p.erasures ?? []);
      expect(erasures.map((e) => e.householdId)).toEqual([x.id]);
      const yRow = after.flatMap((p) => p.changes).find((c) => c.row.id === y);
      expect(yRow?.seq).toBeGreaterThan(erasures[0]?.seq ?? Number.POSITIVE_INFINITY);
      expect(after.flatMap((p) => p.changes).some((c) => c.row.householdId === x.id)).toBe(false);
      // A device of welcome point B never saw x, and is told all the same (an id names no one now).
      expect((await pullAll(elsewhere)).flatMap((p) => p.erasures ?? []).map((e) => e.householdId)).toEqual([
        x.id,
      ]);
      const coordinator = await server.device(server.world.coordinator);
      expect((await pullAll(coordinator)).flatMap((p) => p.erasures ?? []).map((e) => e.householdId)).toEqual(
        [x.id],
      );
    });

    it('[RIGHT6][RIGHT14] a later push naming the erased household is refused and acknowledged, and brings nothing back', async () => {
      const device = await server.device(server.world.counsellorA);
      const x = await pushDossier(device, WP_A);
      await erase(server, x.id);
      const patch = device.patch(
        'household',
        { id: x.id, householdId: x.id, version: 1, fieldVersions: {} },
        { phone: '01 02 03 04 05' },
      );
      const child = device.create('note', x.id, { text: 'Rappeler Mme Benali', authorId: 'u', writtenAt: 1 });
      const again = device.createHousehold(WP_A, x.id as ReturnType<typeof randomUUID>);
      const response = await device.push([patch, child, again]);
      expect(response.results.map((r) => [r.status, r.reason])).toEqual([
        ['quarantined', 'erased-household'],
        ['quarantined', 'erased-household'],
        ['quarantined', 'erased-household'],
      ]);
      expect(response.ackSeq).toBe(again.seq);
      expect(besidesAccessLog(await tablesMentioning(server, x.id))).toEqual({ household_erasures: 1 });
      expect(await tablesMentioning(server, 'Rappeler Mme Benali')).toEqual({});
      // The same mutations again are replays, answered the same.
      const replay = await device.push([patch, child, again]);
      expect(replay.results.map((r) => [r.status, r.original?.reason])).toEqual([
        ['duplicate', 'erased-household'],
        ['duplicate', 'erased-household'],
        ['duplicate', 'erased-household'],
      ]);
    });

    it('[RIGHT7][RIGHT3] refusals: a Banque de France decision awaited (409), a merged household (409), a wrong confirmation (400); a repeat answers the first receipt', async () => {
      const device = await server.device(server.world.counsellorA);
      const bdf = await pushHousehold(device, WP_A, {
        reference: 'RL-BDF',
        track: 'over_indebtedness',
        status: 'awaiting_decision',
      });
      const refused = await postErasure(server, bdf, { ground: 'consent-withdrawn', confirmation: 'RL-BDF' });
      expect([refused.statusCode, refused.json().reason]).toEqual([409, 'bdf-procedure-ongoing']);
      expect((await tablesMentioning(server, bdf)).sync_rows).toBe(1);

      const survivor = await pushHousehold(device, WP_A, { reference: 'RL-S' });
      const merged = await pushHousehold(device, WP_A);
      await merge(server, survivor, merged);
      const mergedAway = await postErasure(server, merged, {
        ground: 'objection',
        confirmation: merged.slice(0, 8),
      });
      expect([mergedAway.statusCode, mergedAway.json().reason]).toEqual([409, 'merged-household']);

      const x = await pushHousehold(device, WP_A, { reference: PERSONAL.reference });
      const wrong = await postErasure(server, x, { ground: 'objection', confirmation: 'RL-2026-0041' });
      expect(wrong.statusCode).toBe(400);
      const noReference = await pushHousehold(device, WP_A);
      expect(
        (
          await postErasure(server, noReference, {
            ground: 'objection',
            confirmation: noReference.slice(0, 8),
          })
        ).statusCode,
      ).toBe(200);

      const first = await postErasure(server, x);
      const second = await postErasure(server, x);
      expect(second.json()).toEqual({ ...first.json(), alreadyErased: true });
      expect((await getExport(server, x)).statusCode).toBe(404);
    });

    it('[RIGHT3][AUTH8] export and erasure: coordinators and admins only; other roles 403, anonymous 401', async () => {
      const device = await server.device(server.world.counsellorA);
      const x = await pushHousehold(device, WP_A, { reference: PERSONAL.reference });
      for (const role of ['counsellorA', 'volunteerA', 'volunteerB'] as const) {
        expect([role, (await getExport(server, x, server.world[role])).statusCode]).toEqual([role, 403]);
        const erasure = await postErasure(server, x, undefined, server.world[role]);
        expect([role, erasure.statusCode]).toEqual([role, 403]);
      }
      const anonymous = await server.app.inject({ method: 'GET', url: `/api/households/${x}/export` });
      expect(anonymous.statusCode).toBe(401);
      expect((await getExport(server, x, server.world.admin)).statusCode).toBe(200);
      expect((await postErasure(server, x, undefined, server.world.admin)).statusCode).toBe(200);
    });
  });
}
