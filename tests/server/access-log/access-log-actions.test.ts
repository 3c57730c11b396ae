/**
 * What the server logs (docs/access-log.md ALOG1–ALOG3, ALOG7) on both stores: a push, a pull
 * and the network exports each leave exactly the expected entries (who, on which device, which
 * households, which action) and nothing else; no personal data reaches the log; a push that
 * rolls back logs nothing. The expected entries are worked out from what each test sends.
 */
import { describe, expect, it } from 'vitest';
import { recordAccess } from '../../../sync-server/src/access-log/record';
import { purgeExpired } from '../../../sync-server/src/access-log/retention';
import { pushHousehold } from '../merges/merge-harness';
import { push, pushWorkshop } from '../reports/report-harness';
import { bearer, ENGINES, memberFields, useSyncServer, WP_A, WP_B } from '../sync/harness';
import { logRows, logText, summary } from './access-log-harness';

const PERSONAL = { phone: '06 98 76 54 32', email: 'ophelie.tranquille@example.org' };
const NAMES = ['Ophélie', 'Tranquille', 'Banque Discrète'];
const WORKSHOP = {
  topic: 'Budget du mois',
  durationMinutes: 90,
  anonymousParticipants: 1,
  date: '2026-11-20',
  welcomePointId: WP_A,
  participantHouseholdIds: [],
};

for (const engine of ENGINES) {
  describe(`access log: what the server records, on ${engine.name}`, () => {
    const server = useSyncServer(engine, { perTest: true });

    it('[ALOG1] a push logs each household it changed once, with the rows written, and no workshop', async () => {
      const device = await server.device(server.world.counsellorA);
      expect(await logRows(server.store)).toEqual([]); // sign-ins and setup are not accesses
      const h1 = device.createHousehold(WP_A);
      const member = device.create('member', h1.entityId, memberFields());
      const h2 = device.createHousehold(WP_A);
      await device.push([h1, member, h2]);
      await pushWorkshop(device, WORKSHOP);
      const who = `by ${server.world.counsellorA.userId} on ${device.deviceId}`;
      // h1: the household and its member (2 rows); h2: the household (1 row); the workshop: none.
      expect(summary(await logRows(server.store))).toEqual(
        [`push ${h1.entityId} ${who} {"rows":2}`, `push ${h2.entityId} ${who} {"rows":1}`].sort(),
      );
      for (const row of await logRows(server.store)) expect(row.at).toBe(server.clock.ms);
    });

    it('[ALOG1] a replayed push changes nothing and logs nothing more', async () => {
      const device = await server.device(server.world.counsellorA);
      const h = device.createHousehold(WP_A);
      await device.push([h]);
      await device.push([h]);
      expect((await logRows(server.store)).map((r) => r.action)).toEqual(['push']);
    });

    it('[ALOG1] a pull logs, per page, the households whose rows the page sent', async () => {
      const writer = await server.device(server.world.counsellorA);
      const h1 = await pushHousehold(writer, WP_A);
      await push(writer, 'member', h1, memberFields());
      const h2 = await pushHousehold(writer, WP_A);
      await pushWorkshop(writer, WORKSHOP);
      const hB = await pushHousehold(await server.device(server.world.volunteerB), WP_B);
      const pushes = (await logRows(server.store)).length;
      expect(pushes).toBe(4); // three of A's counsellor (the workshop's logs none), one of B's volunteer

      const reader = await server.device(server.world.volunteerA);
      // Pages of 2 rows over h1, its member, h2, the workshop (hB is outside A): page 1 sends h1
      // twice, page 2 h2 and the workshop, which is no household.
      await reader.pullAll(null, 2);
      const who = `by ${server.world.volunteerA.userId} on ${reader.deviceId}`;
      const pulls = (await logRows(server.store)).filter((r) => r.action === 'pull');
      expect(summary(pulls)).toEqual([`pull ${h1} ${who} {"rows":2}`, `pull ${h2} ${who} {"rows":1}`].sort());
      expect(pulls.some((r) => r.householdId === hB)).toBe(false);

      // Nothing new to send: an empty page logs nothing.
      const { last } = await reader.pullAll(null, 500);
      await reader.pull(last.nextCursor);
      const again = (await logRows(server.store)).filter(
        (r) => r.action === 'pull' && r.userId === reader.account.userId,
      );
      // The second full pull sent h1 and h2 once more, in one page; the empty page nothing.
      expect(again.length).toBe(4);
    });

    it('[ALOG1] the anonymised dossier export and the activity CSV are logged without a household', async () => {
      const coordinator = server.world.coordinator;
      const get = (url: string) =>
        server.app.inject({ method: 'GET', url, headers: bearer(coordinator.token) });
      expect((await get('/api/reports/activity?from=2026-01-01&to=2026-12-31')).statusCode).toBe(200);
      expect(await logRows(server.store)).toEqual([]); // reading the report on screen is no export
      expect((await get('/api/reports/activity?from=2026-01-01&to=2026-12-31&format=csv')).statusCode).toBe(
        200,
      );
      expect((await get('/api/reports/dossiers.csv?from=2026-01-01&to=2026-12-31')).statusCode).toBe(200);
      const who = `by ${coordinator.userId} on ${coordinator.deviceId}`;
      // No dossier on the server: the export held 0 households.
      expect(summary(await logRows(server.store))).toEqual(
        [`report_export - ${who} {}`, `dossier_export - ${who} {"households":0}`].sort(),
      );
    });

    it('[ALOG2] no name, phone number, e-mail or label of the dossier reaches the log', async () => {
      const device = await server.device(server.world.counsellorA);
      const h = await pushHousehold(device, WP_A, PERSONAL);
      await push(device, 'member', h, { ...memberFields(), firstName: NAMES[0], lastName: NAMES[1] });
      await push(device, 'creditor', h, { name: NAMES[2], category: 'credit_institution' });
      await (await server.device(server.world.coordinator)).pullAll();
      const get = (url: string) =>
        server.app.inject({ method: 'GET', url, headers: bearer(server.world.coordinator.token) });
      await get('/api/reports/dossiers.csv?from=2026-01-01&to=2026-12-31');
      const text = await logText(server.store);
      expect((await logRows(server.store)).length).toBeGreaterThan(3);
      for (const secret of [...NAMES, PERSONAL.phone, PERSONAL.email, 'Point A (Lyon 8e)']) {
        expect(text.includes(secret), secret).toBe(false);
      }
    });

    it('[ALOG2] an entry whose detail is not counts is refused before anything is written', async () => {
      const world = server.world;
      const write = server.store.transaction((tx) =>
        recordAccess(tx, [
          {
            action: 'export',
            userId: world.admin.userId,
            deviceId: world.admin.deviceId,
            householdId: 'h',
            at: server.clock.ms,
            detail: { name: 'Ophélie' } as unknown as Record<string, number>,
          },
        ]),
      );
      await expect(write).rejects.toThrow();
      expect(await logRows(server.store)).toEqual([]);
    });

    it('[ALOG7] entries older than the retention are deleted, the others kept', async () => {
      const day = 86_400_000;
      const base = { action: 'open' as const, userId: 'u', deviceId: 'd', householdId: 'h' };
      await server.store.transaction((tx) =>
        recordAccess(tx, [
          { ...base, at: server.clock.ms - 366 * day },
          { ...base, at: server.clock.ms - 364 * day },
        ]),
      );
      expect(await purgeExpired(server.app, 365)).toBe(1);
      expect((await logRows(server.store)).map((r) => r.at)).toEqual([server.clock.ms - 364 * day]);
    });
  });

  describe(`access log: a push that rolls back, on ${engine.name}`, () => {
    const server = useSyncServer(engine, {
      perTest: true,
      app: {
        sync: {
          afterMutation: () => {
            throw new Error('crash inside the push transaction');
          },
        },
      },
    });

    it('[ALOG3] logs nothing: a logged push is a committed push', async () => {
      const device = await server.device(server.world.counsellorA);
      const response = await device.pushRaw([device.createHousehold(WP_A)]);
      expect(response.statusCode).toBe(503);
      expect(await logRows(server.store)).toEqual([]);
    });
  });
}
