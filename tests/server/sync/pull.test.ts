import { describe, expect, it } from 'vitest';
import { type Conflict, decodeCursor, PullResponseSchema } from '../../../src/domain/sync/protocol';
import {
  type Account,
  bearer,
  chargeFields,
  Device,
  ENGINES,
  PASSWORD,
  requireServerRow,
  useSyncServer,
  WP_A,
  WP_B,
} from './harness';

for (const engine of ENGINES) {
  describe(`pull on ${engine.name}`, () => {
    const server = useSyncServer(engine);
    const { clock } = server;

    /** A writer, a reader and the reader's cursor at the head before the writer writes. */
    async function writerAndReader(readerAccount: Account) {
      const writer = await server.device(server.world.counsellorA);
      const reader = await server.device(readerAccount);
      const start = (await reader.pullAll()).last.nextCursor;
      return { writer, reader, start };
    }

    /** A household of welcome point A with one charge per amount, pushed by `device`; `c` is the first charge. */
    async function pushHousehold(device: Device, amounts: number[]) {
      const h = device.createHousehold(WP_A);
      const charges = amounts.map((amount) => device.create('charge', h.entityId, chargeFields(amount)));
      await device.push([h, ...charges]);
      const [c] = charges;
      if (!c) throw new Error('no charge');
      return { h, c };
    }

    /** A charge as the server holds it now. */
    const chargeRow = (id: string) => requireServerRow(server.store, 'charge', id);

    /** A 40 000 charge that `a` changes to 45 000 and `b`, from the same version, to 52 000. */
    async function conflictOnCharge(a: Device, b: Device) {
      const { h, c } = await pushHousehold(a, [40_000]);
      const row = await chargeRow(c.entityId);
      await a.push([a.patch('charge', row, { amountCents: 45_000 })]);
      const conflicted = await b.push([b.patch('charge', row, { amountCents: 52_000 })]);
      return { h, c, conflicted };
    }

    /** The open conflicts of a household through GET /api/conflicts. */
    async function listConflicts(token: string, householdId: string): Promise<Conflict[]> {
      const response = await server.app.inject({
        method: 'GET',
        url: `/api/conflicts?householdId=${householdId}`,
        headers: bearer(token),
      });
      return (response.json() as { conflicts: Conflict[] }).conflicts;
    }

    /** The coordinator moves a household to another welcome point. */
    async function moveHousehold(coordinator: Device, householdId: string, welcomePointId: string) {
      const row = await requireServerRow(server.store, 'household', householdId);
      await coordinator.push([coordinator.patch('household', row, { welcomePointId })]);
    }

    /** Pulls page by page (`limit` 5) from `start`, calling `each` on every page, until the last. */
    async function pullInPages(
      reader: Device,
      start: string,
      each: (page: Awaited<ReturnType<Device['pull']>>) => 'skip' | undefined,
    ) {
      let cursor: string | null = start;
      for (;;) {
        const page = await reader.pull(cursor, 5);
        if (each(page) === 'skip') continue;
        cursor = page.nextCursor;
        if (!page.hasMore) break;
      }
    }

    it('[PULL1] returns whole rows after the cursor in sequence order, tombstones included, with versions', async () => {
      const { writer, reader, start } = await writerAndReader(server.world.volunteerA);
      const { h, c } = await pushHousehold(writer, [40_000]);
      await writer.push([writer.remove('charge', await chargeRow(c.entityId))]);
      const page = await reader.pull(start);
      expect(PullResponseSchema.safeParse(page).success).toBe(true);
      expect(page.changes.map((ch) => ch.entity)).toEqual(['household', 'charge']);
      const seqs = page.changes.map((ch) => ch.seq);
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
      expect(page.changes[1]?.row).toMatchObject({
        id: c.entityId,
        householdId: h.entityId,
        amountCents: 40_000,
        deleted: true,
        version: 2,
        fieldVersions: { amountCents: 1, deleted: 2 },
        origin: { deviceId: writer.deviceId, userId: server.world.counsellorA.userId },
      });
      expect(page.deviceLastSeq).toBe(0);
      expect(page.hasMore).toBe(false);
    });

    it('[PULL13] a page written with plain JSON.stringify is exactly what the schema the device applies would have written', async () => {
      const a = await server.device(server.world.counsellorA);
      const b = await server.device(server.world.counsellorA);
      // A page with a tombstone and an open conflict, the richest page there is.
      const { c } = await conflictOnCharge(a, b);
      await a.push([a.remove('charge', await chargeRow(c.entityId))]);
      const response = await a.pullRaw(null);
      expect(response.statusCode).toBe(200);
      const raw = JSON.parse(response.body) as unknown;
      const parsed = PullResponseSchema.safeParse(raw);
      expect(parsed.success).toBe(true);
      // Nothing the serializer would strip or transform: the schema's output is the raw page.
      expect(JSON.parse(JSON.stringify(parsed.data))).toEqual(raw);
      expect((raw as { conflicts?: unknown[] }).conflicts?.length).toBeGreaterThan(0);
    });

    it('[PULL2] pages by limit with nextCursor/hasMore; the pages together equal one big pull (scenario 12: resuming after a dropped page)', async () => {
      const { writer, reader, start } = await writerAndReader(server.world.counsellorA);
      await pushHousehold(
        writer,
        Array.from({ length: 23 }, (_, i) => 100 + i),
      );
      const whole = await reader.pull(start, 1000);
      expect(whole.changes).toHaveLength(24);
      const paged: number[] = [];
      let dropped = false;
      let pages = 0;
      await pullInPages(reader, start, (page) => {
        pages += 1;
        if (pages === 3 && !dropped) {
          dropped = true; // the response of the 3rd page is lost: the cursor is not advanced
          return 'skip';
        }
        paged.push(...page.changes.map((ch) => ch.seq));
        expect(page.conflicts === undefined).toBe(page.hasMore);
        return undefined;
      });
      expect(paged).toEqual(whole.changes.map((ch) => ch.seq));
    });

    it('[PULL11] each page says how many sequence numbers remain up to the head, 0 on the last page', async () => {
      const { writer, reader, start } = await writerAndReader(server.world.counsellorA);
      await pushHousehold(
        writer,
        Array.from({ length: 11 }, (_, i) => 200 + i),
      );
      const whole = await reader.pull(start, 1000);
      expect(whole.remaining).toBe(0);
      const headSeq = whole.changes.at(-1)?.seq ?? 0;
      const seen: number[] = [];
      await pullInPages(reader, start, (page) => {
        const pageEnd = decodeCursor(page.nextCursor).seq;
        seen.push(page.remaining ?? -1);
        if (page.hasMore) expect(page.remaining).toBe(headSeq - pageEnd);
        else expect(page.remaining).toBe(0);
        return undefined;
      });
      expect(seen).toEqual([7, 2, 0]);
    });

    it('[PULL3] a row changed twice is sent once, with its latest state; a cursor between the changes gets the update', async () => {
      const { writer, reader, start } = await writerAndReader(server.world.counsellorA);
      const { c } = await pushHousehold(writer, [1]);
      const middle = (await reader.pullAll(start)).last.nextCursor;
      await writer.push([writer.patch('charge', await chargeRow(c.entityId), { amountCents: 2 })]);
      const fromStart = await reader.pull(start);
      expect(fromStart.changes.filter((ch) => ch.row.id === c.entityId)).toHaveLength(1);
      expect(fromStart.changes.find((ch) => ch.row.id === c.entityId)?.row.amountCents).toBe(2);
      const fromMiddle = await reader.pull(middle);
      expect(fromMiddle.changes.map((ch) => ch.row.id)).toEqual([c.entityId]);
    });

    it('[PULL4] the last page lists the open conflicts of the scope, and only those; a resolution removes it', async () => {
      const a = await server.device(server.world.counsellorA);
      const b = await server.device(server.world.volunteerA);
      const foreign = await server.device(server.world.volunteerB);
      const { h, c, conflicted } = await conflictOnCharge(a, b);
      const id = conflicted.results[0]?.conflictIds?.[0];
      const mine = (await a.pullAll()).last.conflicts ?? [];
      expect(mine.map((x) => x.id)).toContain(id);
      const conflict = mine.find((x) => x.id === id);
      expect(conflict).toMatchObject({
        entity: 'charge',
        entityId: c.entityId,
        field: 'amountCents',
        status: 'open',
      });
      expect(conflict?.values.map((v) => [v.value, v.deviceId])).toEqual([
        [45_000, a.deviceId],
        [52_000, b.deviceId],
      ]);
      expect(conflict?.values.every((v) => v.userId !== '' && v.hlc !== '' && v.serverTime > 0)).toBe(true);
      expect(((await foreign.pullAll()).last.conflicts ?? []).map((x) => x.id)).not.toContain(id);
      const byHousehold = await listConflicts(server.world.volunteerA.token, h.entityId);
      expect(byHousehold.map((x) => x.id)).toEqual([id]);
      await a.push([a.patch('charge', await chargeRow(c.entityId), { amountCents: 47_500 })]);
      expect(((await a.pullAll()).last.conflicts ?? []).map((x) => x.id)).not.toContain(id);
    });

    it('[CONF6] conflict values name their writer and, when it sent one at login, their device', async () => {
      const { app, world } = server;
      const deviceId = `dev-named-${clock.ms}`;
      const named = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: {
          username: world.counsellorA.username,
          password: PASSWORD,
          deviceId,
          deviceName: 'Tablette Lens',
        },
      });
      expect(named.statusCode).toBe(200);
      const a = new Device(
        app,
        { ...world.counsellorA, deviceId, token: (named.json() as { token: string }).token },
        clock,
      );
      const b = await server.device(world.volunteerA);
      const { h, c } = await conflictOnCharge(a, b);
      const expected = [
        { value: 45_000, userDisplayName: world.counsellorA.username, deviceLabel: 'Tablette Lens' },
        { value: 52_000, userDisplayName: world.volunteerA.username },
      ];
      const pulled = ((await b.pullAll()).last.conflicts ?? []).find((x) => x.entityId === c.entityId);
      expect(pulled?.values).toMatchObject(expected);
      expect(pulled?.values[1]).not.toHaveProperty('deviceLabel');
      const viaList = (await listConflicts(world.volunteerA.token, h.entityId))[0];
      expect(viaList?.values).toMatchObject(expected);
      expect(viaList?.values[1]).not.toHaveProperty('deviceLabel');
      // The names are looked up when sent, not stored in the conflict.
      const stored = await server.store.transaction((tx) => tx.openConflictsOf([c.entityId]));
      expect(JSON.stringify(stored)).not.toContain('Tablette Lens');
    });

    it('[PULL5] a household moved to another welcome point reaches the new scope whole, even behind the cursor', async () => {
      const coordinator = await server.device(server.world.coordinator);
      const b = await server.device(server.world.volunteerB);
      const { h, c } = await pushHousehold(coordinator, [7]);
      const cursor = (await b.pullAll()).last.nextCursor;
      await moveHousehold(coordinator, h.entityId, WP_B);
      const after = await b.pullAll(cursor);
      expect(new Set([...after.rows.keys()])).toEqual(
        new Set([`household:${h.entityId}`, `charge:${c.entityId}`]),
      );
    });

    it('[PULL10] devices of the old welcome point are told the household left their scope', async () => {
      const coordinator = await server.device(server.world.coordinator);
      const a = await server.device(server.world.volunteerA);
      const { h, c } = await pushHousehold(coordinator, [7]);
      const cursor = (await a.pullAll()).last.nextCursor;
      await moveHousehold(coordinator, h.entityId, WP_B);
      const page = await a.pull(cursor);
      expect(page.changes.filter((ch) => ch.row.householdId === h.entityId)).toEqual([]);
      expect(page.scopeRemovals?.map((r) => r.householdId)).toEqual([h.entityId]);
      // Coordinators see every household: nothing is removed for them.
      const coordinatorPull = await coordinator.pullAll(cursor);
      expect(coordinatorPull.last.scopeRemovals).toBeUndefined();
      // Moved back: the household is sent again whole and no longer listed as removed.
      await moveHousehold(coordinator, h.entityId, WP_A);
      const back = await a.pull(cursor);
      expect(back.scopeRemovals).toBeUndefined();
      expect(new Set(back.changes.map((ch) => ch.row.id))).toEqual(new Set([h.entityId, c.entityId]));
    });

    it("[AUTH6b] a change to a household that left the pusher's scope is quarantined, not refused", async () => {
      const coordinator = await server.device(server.world.coordinator);
      const a = await server.device(server.world.volunteerA);
      const moved = await pushHousehold(coordinator, [7_000]);
      const stays = await pushHousehold(coordinator, [8_000]);
      await a.pullAll();
      const movedCharge = await chargeRow(moved.c.entityId);
      const staysCharge = await chargeRow(stays.c.entityId);
      await moveHousehold(coordinator, moved.h.entityId, WP_B);
      // Volunteer A changed both charges before hearing of the move: one batch.
      const response = await a.push([
        a.patch('charge', movedCharge, { amountCents: 7_500 }),
        a.patch('charge', staysCharge, { amountCents: 8_500 }),
      ]);
      expect(response.results.map((r) => [r.status, r.reason])).toEqual([
        ['quarantined', 'left-scope'],
        ['applied', undefined],
      ]);
      expect((await chargeRow(moved.c.entityId)).amountCents).toBe(7_000);
      expect((await chargeRow(stays.c.entityId)).amountCents).toBe(8_500);
      const quarantine = await server.store.transaction((tx) =>
        tx.listQuarantine({ status: 'all', limit: 10 }),
      );
      expect(quarantine.map((q) => [q.reason, q.householdId])).toEqual([['left-scope', moved.h.entityId]]);
      // A household that was never in the scope is still a forgery: the whole request is refused.
      const foreign = coordinator.createHousehold(WP_B);
      await coordinator.push([foreign]);
      const foreignRow = await requireServerRow(server.store, 'household', foreign.entityId);
      const forged = await a.pushRaw([a.patch('household', foreignRow, { phone: '0600000000' })]);
      expect(forged.statusCode).toBe(403);
    });

    it('[PULL9] a device whose value lost, or whose mutation was quarantined, gets the server row again', async () => {
      const a = await server.device(server.world.counsellorA);
      const b = await server.device(server.world.volunteerA);
      const { c } = await pushHousehold(a, [1]);
      const cursor = (await b.pullAll()).last.nextCursor;
      const row = await chargeRow(c.entityId);
      const losing = b.patch('charge', row, { label: 'perdant' }); // earlier HLC
      clock.advance(1000);
      await a.push([a.patch('charge', row, { label: 'gagnant' })]);
      await b.push([losing]);
      const afterLoss = await b.pull(cursor);
      expect(afterLoss.changes.find((ch) => ch.row.id === c.entityId)?.row.label).toBe('gagnant');
      const poisoned = await b.push([b.patch('charge', await chargeRow(c.entityId), { amountCents: -1 })]);
      expect(poisoned.results[0]?.status).toBe('quarantined');
      const afterQuarantine = await b.pull(afterLoss.nextCursor);
      expect(afterQuarantine.changes.find((ch) => ch.row.id === c.entityId)?.row.amountCents).toBe(1);
    });

    it('[PULL6] a cursor ahead of the server (restored from a backup) asks for a reset', async () => {
      const reader = await server.device(server.world.counsellorA);
      const current = (await reader.pull(null)).nextCursor.split('.')[1];
      const ahead = await reader.pull(`c1.${current}.999999999`);
      expect(ahead).toMatchObject({ resetRequired: true, changes: [], nextCursor: `c1.${current}.0` });
      const otherEpoch = await reader.pull(`c1.${Number(current) + 1}.1`);
      expect(otherEpoch.resetRequired).toBe(true);
    });

    it('[PULL7] GET /api/sync/pull takes the same request as query parameters; bad cursors are 400', async () => {
      const reader = await server.device(server.world.counsellorA);
      const post = await reader.pull(null, 3);
      const get = await server.app.inject({
        method: 'GET',
        url: `/api/sync/pull?protocolVersion=1&schemaVersion=2&appVersion=0.1.0&deviceId=${reader.deviceId}&limit=3`,
        headers: bearer(reader.account.token),
      });
      expect(get.statusCode).toBe(200);
      expect((get.json() as { changes: unknown[] }).changes).toEqual(post.changes);
      expect((await reader.pullRaw('42')).statusCode).toBe(400);
    });
  });
}
