/**
 * The access log's routes (docs/access-log.md ALOG4–ALOG6) on both stores: a device's dossier
 * openings are logged once each under the session's user and device, a foreign or unknown
 * household's are refused and counted; the admin reads the log newest first, filtered and paged;
 * only admins may read it, any session may send its openings.
 */
import { describe, expect, it } from 'vitest';
import type { AccessLogPage } from '../../../src/domain/sync/access-log';
import { pushHousehold } from '../merges/merge-harness';
import { ENGINES, useSyncServer, WP_A, WP_B } from '../sync/harness';
import { logRows, newOpeningId, readLog, sendOpenings, summary } from './access-log-harness';

const ROLES = ['admin', 'coordinator', 'counsellorA', 'volunteerA', 'volunteerB'] as const;

for (const engine of ENGINES) {
  describe(`access log routes on ${engine.name}`, () => {
    const server = useSyncServer(engine, { perTest: true });

    /** A household of each welcome point, pushed by a person of that point. */
    async function households(): Promise<{ a: string; b: string }> {
      const a = await pushHousehold(await server.device(server.world.counsellorA), WP_A);
      const b = await pushHousehold(await server.device(server.world.volunteerB), WP_B);
      return { a, b };
    }

    const openings = async () => (await logRows(server.store)).filter((r) => r.action === 'open');

    it('[ALOG4] an opening is logged once under the session’s user and device, however often it is sent', async () => {
      const { a } = await households();
      const account = server.world.volunteerA;
      const at = server.clock.ms - 60_000;
      const id = newOpeningId();
      // The body names no user or device: the log takes the session's.
      const first = await sendOpenings(server, account, [{ id, householdId: a, at }]);
      expect([first.statusCode, first.json()]).toEqual([200, { recorded: 1, refused: 0 }]);
      const again = await sendOpenings(server, account, [{ id, householdId: a, at }]);
      expect(again.statusCode).toBe(200);
      expect(summary(await openings())).toEqual([`open ${a} by ${account.userId} on ${account.deviceId} {}`]);
      expect((await openings())[0]).toMatchObject({ id, at });
    });

    it('[ALOG4] an opening dated after the server’s clock is logged at the server’s time', async () => {
      const { a } = await households();
      await sendOpenings(server, server.world.volunteerA, [
        { householdId: a, at: server.clock.ms + 86_400_000 },
      ]);
      expect((await openings()).map((r) => r.at)).toEqual([server.clock.ms]);
    });

    it('[ALOG5] openings of a household outside the person’s welcome points, or unknown, are refused and counted', async () => {
      const { a, b } = await households();
      const account = server.world.volunteerA;
      const at = server.clock.ms;
      const response = await sendOpenings(server, account, [
        { householdId: a, at },
        { householdId: b, at },
        { householdId: 'not-a-household', at },
      ]);
      expect([response.statusCode, response.json()]).toEqual([200, { recorded: 1, refused: 2 }]);
      expect((await openings()).map((r) => r.householdId)).toEqual([a]);
      // A coordinator sees every welcome point: B's household is theirs to open.
      const coordinator = await sendOpenings(server, server.world.coordinator, [{ householdId: b, at }]);
      expect(coordinator.json()).toEqual({ recorded: 1, refused: 0 });
    });

    it('[ALOG5] any session may send openings; without one, 401', async () => {
      const { a } = await households();
      for (const role of ROLES) {
        const response = await sendOpenings(server, server.world[role], []);
        expect([role, response.statusCode]).toEqual([role, 200]);
      }
      const anonymous = await server.app.inject({
        method: 'POST',
        url: '/api/access-log/openings',
        payload: { openings: [{ id: newOpeningId(), householdId: a, at: 1 }] },
      });
      expect(anonymous.statusCode).toBe(401);
      expect(await openings()).toEqual([]);
    });

    it('[ALOG6] only admins read the log; without a session, 401', async () => {
      for (const role of ROLES) {
        const response = await readLog(server, '', server.world[role]);
        expect([role, response.statusCode]).toEqual([role, role === 'admin' ? 200 : 403]);
      }
      const anonymous = await server.app.inject({ method: 'GET', url: '/api/admin/access-log' });
      expect(anonymous.statusCode).toBe(401);
    });

    it('[ALOG6] newest first, a page at a time, filtered by household, person and period', async () => {
      const { a, b } = await households();
      const volunteer = server.world.volunteerA;
      const coordinator = server.world.coordinator;
      const t0 = server.clock.ms - 10_000;
      // Five openings at t0+1 … t0+5: the volunteer opens a three times, the coordinator b twice.
      const sent = [
        { account: volunteer, householdId: a, at: t0 + 1 },
        { account: coordinator, householdId: b, at: t0 + 2 },
        { account: volunteer, householdId: a, at: t0 + 3 },
        { account: coordinator, householdId: b, at: t0 + 4 },
        { account: volunteer, householdId: a, at: t0 + 5 },
      ];
      for (const { account, householdId, at } of sent)
        await sendOpenings(server, account, [{ householdId, at }]);

      // The pushes that made a and b are logged at t0 + 10 s: the period leaves them out.
      const openedBetween = `from=${t0}&to=${t0 + 6}`;
      const pages: number[][] = [];
      let cursor: string | null = null;
      do {
        const query: string = `${openedBetween}&limit=2${cursor === null ? '' : `&cursor=${cursor}`}`;
        const response = await readLog(server, query);
        expect(response.statusCode).toBe(200);
        const page = response.json() as AccessLogPage;
        pages.push(page.entries.map((e) => e.at - t0));
        cursor = page.nextCursor;
      } while (cursor !== null);
      expect(pages).toEqual([[5, 4], [3, 2], [1]]);

      const byHousehold = (
        await readLog(server, `householdId=${b}&${openedBetween}`)
      ).json() as AccessLogPage;
      expect(byHousehold.entries.map((e) => e.at - t0)).toEqual([4, 2]);
      const byUser = (
        await readLog(server, `userId=${volunteer.userId}&${openedBetween}`)
      ).json() as AccessLogPage;
      expect(byUser.entries.map((e) => e.at - t0)).toEqual([5, 3, 1]);
      const period = (await readLog(server, `from=${t0 + 2}&to=${t0 + 4}`)).json() as AccessLogPage;
      expect(period.entries.map((e) => e.at - t0)).toEqual([3, 2]);

      // Names are read at query time; the log holds ids only.
      const newest = (await readLog(server, `${openedBetween}&limit=1`)).json() as AccessLogPage;
      expect(newest.entries[0]).toMatchObject({
        action: 'open',
        householdId: a,
        userId: volunteer.userId,
        userDisplayName: volunteer.username,
        deviceId: volunteer.deviceId,
        deviceName: null,
      });
    });

    it('[ALOG6] a cursor the log did not give is refused', async () => {
      const response = await readLog(server, 'cursor=not-a-cursor');
      expect(response.statusCode).toBe(400);
    });
  });
}
