import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Conflict, decodeCursor, PullResponseSchema } from '../../../src/domain/sync/protocol';
import type { RelaisStore } from '../../../sync-server/src/stores/store';
import {
  bearer,
  chargeFields,
  Device,
  ENGINES,
  makeWorld,
  newDevice,
  openApp,
  PASSWORD,
  serverRow,
  TestClock,
  type World,
  WP_A,
  WP_B,
} from './harness';

for (const engine of ENGINES) {
  describe(`pull on ${engine.name}`, () => {
    let app: FastifyInstance;
    let store: RelaisStore;
    let destroy: () => Promise<void>;
    let world: World;
    const clock = new TestClock();

    beforeAll(async () => {
      const made = await engine.make();
      store = made.store;
      destroy = made.destroy;
      app = await openApp(store, clock);
      world = await makeWorld(app);
    });
    afterAll(async () => {
      await app.close();
      await destroy();
    });

    it('[PULL1] returns whole rows after the cursor in sequence order, tombstones included, with versions', async () => {
      const writer = new Device(app, await newDevice(app, world.counsellorA), clock);
      const reader = new Device(app, await newDevice(app, world.volunteerA), clock);
      const start = (await reader.pullAll()).last.nextCursor;
      const h = writer.createHousehold(WP_A);
      const c = writer.create('charge', h.entityId, chargeFields(40_000));
      await writer.push([h, c]);
      const row = await serverRow(store, 'charge', c.entityId);
      if (!row) throw new Error('no row');
      await writer.push([writer.remove('charge', row)]);
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
        origin: { deviceId: writer.deviceId, userId: world.counsellorA.userId },
      });
      expect(page.deviceLastSeq).toBe(0);
      expect(page.hasMore).toBe(false);
    });

    it('[PULL2] pages by limit with nextCursor/hasMore; the pages together equal one big pull (scenario 12: resuming after a dropped page)', async () => {
      const writer = new Device(app, await newDevice(app, world.counsellorA), clock);
      const reader = new Device(app, await newDevice(app, world.counsellorA), clock);
      const start = (await reader.pullAll()).last.nextCursor;
      const h = writer.createHousehold(WP_A);
      const rows = Array.from({ length: 23 }, (_, i) =>
        writer.create('charge', h.entityId, chargeFields(100 + i)),
      );
      await writer.push([h, ...rows]);
      const whole = await reader.pull(start, 1000);
      expect(whole.changes).toHaveLength(24);
      const paged: number[] = [];
      let cursor: string | null = start;
      let dropped = false;
      let pages = 0;
      for (;;) {
        const page = await reader.pull(cursor, 5);
        pages += 1;
        if (pages === 3 && !dropped) {
          dropped = true; // the response of the 3rd page is lost: the cursor is not advanced
          continue;
        }
        paged.push(...page.changes.map((ch) => ch.seq));
        expect(page.conflicts === undefined).toBe(page.hasMore);
        cursor = page.nextCursor;
        if (!page.hasMore) break;
      }
      expect(paged).toEqual(whole.changes.map((ch) => ch.seq));
    });

    it('[PULL11] each page says how many sequence numbers remain up to the head, 0 on the last page', async () => {
      const writer = new Device(app, await newDevice(app, world.counsellorA), clock);
      const reader = new Device(app, await newDevice(app, world.counsellorA), clock);
      const start = (await reader.pullAll()).last.nextCursor;
      const h = writer.createHousehold(WP_A);
      const rows = Array.from({ length: 11 }, (_, i) =>
        writer.create('charge', h.entityId, chargeFields(200 + i)),
      );
      await writer.push([h, ...rows]);
      const whole = await reader.pull(start, 1000);
      expect(whole.remaining).toBe(0);
      const headSeq = whole.changes.at(-1)?.seq ?? 0;
      const seen: number[] = [];
      let cursor: string | null = start;
      for (;;) {
        const page = await reader.pull(cursor, 5);
        const pageEnd = decodeCursor(page.nextCursor).seq;
        seen.push(page.remaining ?? -1);
        if (page.hasMore) expect(page.remaining).toBe(headSeq - pageEnd);
        else expect(page.remaining).toBe(0);
        cursor = page.nextCursor;
        if (!page.hasMore) break;
      }
      expect(seen).toEqual([7, 2, 0]);
    });

    it('[PULL3] a row changed twice is sent once, with its latest state; a cursor between the changes gets the update', async () => {
      const writer = new Device(app, await newDevice(app, world.counsellorA), clock);
      const reader = new Device(app, await newDevice(app, world.counsellorA), clock);
      const start = (await reader.pullAll()).last.nextCursor;
      const h = writer.createHousehold(WP_A);
      const c = writer.create('charge', h.entityId, chargeFields(1));
      await writer.push([h, c]);
      const middle = (await reader.pullAll(start)).last.nextCursor;
      const row = await serverRow(store, 'charge', c.entityId);
      if (!row) throw new Error('no row');
      await writer.push([writer.patch('charge', row, { amountCents: 2 })]);
      const fromStart = await reader.pull(start);
      expect(fromStart.changes.filter((ch) => ch.row.id === c.entityId)).toHaveLength(1);
      expect(fromStart.changes.find((ch) => ch.row.id === c.entityId)?.row.amountCents).toBe(2);
      const fromMiddle = await reader.pull(middle);
      expect(fromMiddle.changes.map((ch) => ch.row.id)).toEqual([c.entityId]);
    });

    it('[PULL4] the last page lists the open conflicts of the scope, and only those; a resolution removes it', async () => {
      const a = new Device(app, await newDevice(app, world.counsellorA), clock);
      const b = new Device(app, await newDevice(app, world.volunteerA), clock);
      const foreign = new Device(app, await newDevice(app, world.volunteerB), clock);
      const h = a.createHousehold(WP_A);
      const c = a.create('charge', h.entityId, chargeFields(40_000));
      await a.push([h, c]);
      const row = await serverRow(store, 'charge', c.entityId);
      if (!row) throw new Error('no row');
      await a.push([a.patch('charge', row, { amountCents: 45_000 })]);
      const conflicted = await b.push([b.patch('charge', row, { amountCents: 52_000 })]);
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
      const byHousehold = await app.inject({
        method: 'GET',
        url: `/api/conflicts?householdId=${h.entityId}`,
        headers: bearer(world.volunteerA.token),
      });
      expect((byHousehold.json() as { conflicts: { id: string }[] }).conflicts.map((x) => x.id)).toEqual([
        id,
      ]);
      const latest = await serverRow(store, 'charge', c.entityId);
      if (!latest) throw new Error('no row');
      await a.push([a.patch('charge', latest, { amountCents: 47_500 })]);
      expect(((await a.pullAll()).last.conflicts ?? []).map((x) => x.id)).not.toContain(id);
    });

    it('[CONF6] conflict values name their writer and, when it sent one at login, their device', async () => {
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
      const b = new Device(app, await newDevice(app, world.volunteerA), clock);
      const h = a.createHousehold(WP_A);
      const c = a.create('charge', h.entityId, chargeFields(40_000));
      await a.push([h, c]);
      const row = await serverRow(store, 'charge', c.entityId);
      if (!row) throw new Error('no row');
      await a.push([a.patch('charge', row, { amountCents: 45_000 })]);
      await b.push([b.patch('charge', row, { amountCents: 52_000 })]);
      const expected = [
        { value: 45_000, userDisplayName: world.counsellorA.username, deviceLabel: 'Tablette Lens' },
        { value: 52_000, userDisplayName: world.volunteerA.username },
      ];
      const pulled = ((await b.pullAll()).last.conflicts ?? []).find((x) => x.entityId === c.entityId);
      expect(pulled?.values).toMatchObject(expected);
      expect(pulled?.values[1]).not.toHaveProperty('deviceLabel');
      const listed = await app.inject({
        method: 'GET',
        url: `/api/conflicts?householdId=${h.entityId}`,
        headers: bearer(world.volunteerA.token),
      });
      const viaList = (listed.json() as { conflicts: Conflict[] }).conflicts[0];
      expect(viaList?.values).toMatchObject(expected);
      expect(viaList?.values[1]).not.toHaveProperty('deviceLabel');
      // The names are looked up when sent, not stored in the conflict.
      const stored = await store.transaction((tx) => tx.openConflictsOf([c.entityId]));
      expect(JSON.stringify(stored)).not.toContain('Tablette Lens');
    });

    it('[PULL5] a household moved to another welcome point reaches the new scope whole, even behind the cursor', async () => {
      const coordinator = new Device(app, await newDevice(app, world.coordinator), clock);
      const b = new Device(app, await newDevice(app, world.volunteerB), clock);
      const h = coordinator.createHousehold(WP_A);
      const c = coordinator.create('charge', h.entityId, chargeFields(7));
      await coordinator.push([h, c]);
      const cursor = (await b.pullAll()).last.nextCursor;
      const row = await serverRow(store, 'household', h.entityId);
      if (!row) throw new Error('no row');
      await coordinator.push([coordinator.patch('household', row, { welcomePointId: WP_B })]);
      const after = await b.pullAll(cursor);
      expect(new Set([...after.rows.keys()])).toEqual(
        new Set([`household:${h.entityId}`, `charge:${c.entityId}`]),
      );
    });

    it('[PULL10] devices of the old welcome point are told the household left their scope', async () => {
      const coordinator = new Device(app, await newDevice(app, world.coordinator), clock);
      const a = new Device(app, await newDevice(app, world.volunteerA), clock);
      const h = coordinator.createHousehold(WP_A);
      const c = coordinator.create('charge', h.entityId, chargeFields(7));
      await coordinator.push([h, c]);
      const cursor = (await a.pullAll()).last.nextCursor;
      const row = await serverRow(store, 'household', h.entityId);
      if (!row) throw new Error('no row');
      await coordinator.push([coordinator.patch('household', row, { welcomePointId: WP_B })]);
      const page = await a.pull(cursor);
      expect(page.changes.filter((ch) => ch.row.householdId === h.entityId)).toEqual([]);
      expect(page.scopeRemovals?.map((r) => r.householdId)).toEqual([h.entityId]);
      // Coordinators see every household: nothing is removed for them.
      const coordinatorPull = await coordinator.pullAll(cursor);
      expect(coordinatorPull.last.scopeRemovals).toBeUndefined();
      // Moved back: the household is sent again whole and no longer listed as removed.
      const moved = await serverRow(store, 'household', h.entityId);
      if (!moved) throw new Error('no row');
      await coordinator.push([coordinator.patch('household', moved, { welcomePointId: WP_A })]);
      const back = await a.pull(cursor);
      expect(back.scopeRemovals).toBeUndefined();
      expect(new Set(back.changes.map((ch) => ch.row.id))).toEqual(new Set([h.entityId, c.entityId]));
    });

    it('[PULL9] a device whose value lost, or whose mutation was quarantined, gets the server row again', async () => {
      const a = new Device(app, await newDevice(app, world.counsellorA), clock);
      const b = new Device(app, await newDevice(app, world.volunteerA), clock);
      const h = a.createHousehold(WP_A);
      const c = a.create('charge', h.entityId, chargeFields(1));
      await a.push([h, c]);
      const cursor = (await b.pullAll()).last.nextCursor;
      const row = await serverRow(store, 'charge', c.entityId);
      if (!row) throw new Error('no row');
      const losing = b.patch('charge', row, { label: 'perdant' }); // earlier HLC
      clock.advance(1000);
      await a.push([a.patch('charge', row, { label: 'gagnant' })]);
      await b.push([losing]);
      const afterLoss = await b.pull(cursor);
      expect(afterLoss.changes.find((ch) => ch.row.id === c.entityId)?.row.label).toBe('gagnant');
      const latest = await serverRow(store, 'charge', c.entityId);
      if (!latest) throw new Error('no row');
      const poisoned = await b.push([b.patch('charge', latest, { amountCents: -1 })]);
      expect(poisoned.results[0]?.status).toBe('quarantined');
      const afterQuarantine = await b.pull(afterLoss.nextCursor);
      expect(afterQuarantine.changes.find((ch) => ch.row.id === c.entityId)?.row.amountCents).toBe(1);
    });

    it('[PULL6] a cursor ahead of the server (restored from a backup) asks for a reset', async () => {
      const reader = new Device(app, await newDevice(app, world.counsellorA), clock);
      const current = (await reader.pull(null)).nextCursor.split('.')[1];
      const ahead = await reader.pull(`c1.${current}.999999999`);
      expect(ahead).toMatchObject({ resetRequired: true, changes: [], nextCursor: `c1.${current}.0` });
      const otherEpoch = await reader.pull(`c1.${Number(current) + 1}.1`);
      expect(otherEpoch.resetRequired).toBe(true);
    });

    it('[PULL7] GET /api/sync/pull takes the same request as query parameters; bad cursors are 400', async () => {
      const reader = new Device(app, await newDevice(app, world.counsellorA), clock);
      const post = await reader.pull(null, 3);
      const get = await app.inject({
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
