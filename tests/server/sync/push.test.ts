import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  chargeFields,
  type Device,
  ENGINES,
  memberFields,
  requireServerRow,
  serverRow,
  useSyncServer,
  WP_A,
} from './harness';

for (const engine of ENGINES) {
  describe(`push on ${engine.name}`, () => {
    const server = useSyncServer(engine);
    const { clock } = server;

    async function twoDevices(): Promise<[Device, Device]> {
      const a = await server.device(server.world.counsellorA);
      const b = await server.device(server.world.volunteerA);
      return [a, b];
    }

    it('[PUSH1] applies a new household and its rows, acknowledging the highest contiguous seq', async () => {
      const [a] = await twoDevices();
      const h = a.createHousehold(WP_A);
      const member = a.create('member', h.entityId, memberFields());
      const charge = a.create('charge', h.entityId, chargeFields());
      const response = await a.push([h, member, charge]);
      expect(response.ackSeq).toBe(3);
      expect(response.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
      expect(response.results[2]?.version).toBe(1);
      const row = await serverRow(server.store, 'charge', charge.entityId);
      expect(row).toMatchObject({
        amountCents: 45_000,
        version: 1,
        fieldVersions: { amountCents: 1 },
        deleted: false,
      });
    });

    it('[PUSH2] a mutation naming another device is refused with 403 and nothing is applied', async () => {
      const [a, b] = await twoDevices();
      const h = a.createHousehold(WP_A);
      const foreign = { ...b.create('charge', h.entityId, chargeFields()), seq: 2 };
      const response = await a.pushRaw([h, foreign]);
      expect(response.statusCode).toBe(403);
      expect(await serverRow(server.store, 'household', h.entityId)).toBeUndefined();
    });

    it('[PUSH3] a duplicate (deviceId, seq) is acknowledged and not applied twice (same batch twice)', async () => {
      const [a] = await twoDevices();
      const h = a.createHousehold(WP_A);
      const charge = a.create('charge', h.entityId, chargeFields());
      const first = await a.push([h, charge]);
      const before = await server.store.transaction((tx) => tx.countApplied());
      const second = await a.push([h, charge]);
      expect(second.ackSeq).toBe(first.ackSeq);
      expect(second.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
      expect(second.results[1]?.original).toEqual({ status: 'applied', version: 1 });
      expect(await server.store.transaction((tx) => tx.countApplied())).toBe(before);
      expect((await serverRow(server.store, 'charge', charge.entityId))?.version).toBe(1);
    });

    it('[PUSH4] the same mutationId under another seq is acknowledged as duplicate, applied once', async () => {
      const [a] = await twoDevices();
      const h = a.createHousehold(WP_A);
      const charge = a.create('charge', h.entityId, chargeFields());
      await a.push([h, charge]);
      const again = { ...charge, seq: a.seq + 1 };
      a.seq += 1;
      const response = await a.push([again]);
      expect(response.ackSeq).toBe(3);
      expect(response.results[0]?.status).toBe('duplicate');
      expect((await serverRow(server.store, 'charge', charge.entityId))?.version).toBe(1);
    });

    it('[PUSH5] a seq that skips ahead stops the batch with expectedSeq (scenario 10: out-of-order batches)', async () => {
      const [a] = await twoDevices();
      const h = a.createHousehold(WP_A);
      const c1 = a.create('charge', h.entityId, chargeFields(1));
      const c2 = a.create('charge', h.entityId, chargeFields(2));
      const c3 = a.create('charge', h.entityId, chargeFields(3));
      const early = await a.push([c2, c3]);
      expect(early).toMatchObject({ ackSeq: 0, results: [], expectedSeq: 1 });
      expect(await serverRow(server.store, 'charge', c2.entityId)).toBeUndefined();
      const inOrder = await a.push([h, c1, c2, c3]);
      expect(inOrder.ackSeq).toBe(4);
      expect(inOrder.results.every((r) => r.status === 'applied')).toBe(true);
    });

    it('[CONF1] scenario 19: disjoint fields edited offline on two devices merge without conflict', async () => {
      const [a, b] = await twoDevices();
      const h = a.createHousehold(WP_A);
      await a.push([h]);
      const row = await requireServerRow(server.store, 'household', h.entityId);
      const phone = a.patch('household', row, { phone: '06 12 34 56 78' });
      const ref = b.patch('household', row, { reference: 'RL-2026-0042' });
      expect((await a.push([phone])).results[0]?.status).toBe('applied');
      expect((await b.push([ref])).results[0]?.status).toBe('applied');
      const merged = await serverRow(server.store, 'household', h.entityId);
      expect(merged).toMatchObject({ phone: '06 12 34 56 78', reference: 'RL-2026-0042', version: 3 });
      const conflicts = await server.store.transaction((tx) => tx.openConflictsOf([h.entityId]));
      expect(conflicts).toEqual([]);
    });

    for (const order of ['A then B', 'B then A'] as const) {
      it(`[CONF2] scenario 20: the same rent set on two devices offline (${order}) → same provisional winner, open conflict with both values`, async () => {
        const [a, b] = await twoDevices();
        const h = a.createHousehold(WP_A);
        const rent = a.create('charge', h.entityId, chargeFields(40_000));
        await a.push([h, rent]);
        const row = await requireServerRow(server.store, 'charge', rent.entityId);
        const fromA = a.patch('charge', row, { amountCents: 45_000 });
        clock.advance(1000);
        const fromB = b.patch('charge', row, { amountCents: 52_000 }); // later HLC: the provisional winner
        const results =
          order === 'A then B'
            ? [(await a.push([fromA])).results[0], (await b.push([fromB])).results[0]]
            : [(await b.push([fromB])).results[0], (await a.push([fromA])).results[0]];
        expect(results.map((r) => r?.status)).toEqual(['applied', 'conflict-recorded']);
        const after = await serverRow(server.store, 'charge', rent.entityId);
        expect(after?.amountCents).toBe(52_000);
        const conflicts = await server.store.transaction((tx) => tx.openConflictsOf([rent.entityId]));
        expect(conflicts).toHaveLength(1);
        const values = conflicts[0]?.values as { value: number; deviceId: string; userId: string }[];
        expect(values.map((v) => v.value).sort()).toEqual([45_000, 52_000]);
        expect(new Set(values.map((v) => v.deviceId))).toEqual(new Set([a.deviceId, b.deviceId]));
        // I4: the losing value is in the field history too.
        const history = await server.store.transaction((tx) => tx.listFieldHistory('charge', rent.entityId));
        expect(history.map((e) => e.value)).toContain(45_000);
      });
    }

    it('[CONF3] scenario 21: a device editing the same field three times offline applies in order, no conflict', async () => {
      const [a] = await twoDevices();
      const h = a.createHousehold(WP_A);
      const rent = a.create('charge', h.entityId, chargeFields(40_000));
      await a.push([h, rent]);
      const row = await requireServerRow(server.store, 'charge', rent.entityId);
      const edits = [41_000, 42_000, 43_000].map((amountCents) => a.patch('charge', row, { amountCents }));
      const response = await a.push(edits);
      expect(response.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
      expect((await serverRow(server.store, 'charge', rent.entityId))?.amountCents).toBe(43_000);
      expect(await server.store.transaction((tx) => tx.openConflictsOf([rent.entityId]))).toEqual([]);
    });

    it('[CONF1] a plain (last-writer-wins) field edited concurrently keeps the loser in history, opens no conflict', async () => {
      const [a, b] = await twoDevices();
      const h = a.createHousehold(WP_A);
      await a.push([h]);
      const row = await requireServerRow(server.store, 'household', h.entityId);
      const pa = a.patch('household', row, { phone: '0601010101' });
      clock.advance(10);
      const pb = b.patch('household', row, { phone: '0702020202' });
      await b.push([pb]);
      const result = (await a.push([pa])).results[0];
      expect(result?.status).toBe('applied');
      expect((await serverRow(server.store, 'household', h.entityId))?.phone).toBe('0702020202');
      expect(await server.store.transaction((tx) => tx.openConflictsOf([h.entityId]))).toEqual([]);
      const history = await server.store.transaction((tx) => tx.listFieldHistory('household', h.entityId));
      expect(history).toMatchObject([
        { field: 'phone', value: '0601010101', reason: 'lost-to-concurrent-write' },
      ]);
    });

    it('[CONF2] identity fields (birth date) open a conflict', async () => {
      const [a, b] = await twoDevices();
      const h = a.createHousehold(WP_A);
      const m = a.create('member', h.entityId, memberFields());
      await a.push([h, m]);
      const row = await requireServerRow(server.store, 'member', m.entityId);
      await a.push([a.patch('member', row, { birthDate: '1984-05-21' })]);
      const r = await b.push([b.patch('member', row, { birthDate: '1985-05-12' })]);
      expect(r.results[0]?.status).toBe('conflict-recorded');
    });

    it('[CONF5] notes never conflict: two revisions of one note are both kept', async () => {
      const [a, b] = await twoDevices();
      const h = a.createHousehold(WP_A);
      const note = a.create('note', h.entityId, {
        text: 'Premier rendez-vous',
        authorId: server.world.counsellorA.userId,
        writtenAt: clock.ms,
      });
      await a.push([h, note]);
      const ra = a.create('note', h.entityId, {
        text: 'Premier rendez-vous : loyer impayé',
        authorId: server.world.counsellorA.userId,
        writtenAt: clock.ms,
        supersedes: note.entityId,
      });
      const rb = b.create('note', h.entityId, {
        text: 'Premier rendez-vous, avec sa fille',
        authorId: server.world.volunteerA.userId,
        writtenAt: clock.ms,
        supersedes: note.entityId,
      });
      expect((await a.push([ra])).results[0]?.status).toBe('applied');
      expect((await b.push([rb])).results[0]?.status).toBe('applied');
      expect(
        await server.store.transaction((tx) => tx.openConflictsOf([note.entityId, ra.entityId, rb.entityId])),
      ).toEqual([]);
      const row = await requireServerRow(server.store, 'note', note.entityId);
      // An edit in place is quarantined (never applied, never dropped).
      const inPlace = await a.push([a.patch('note', row, { text: 'réécrit' })]);
      expect(inPlace.results[0]).toMatchObject({ status: 'quarantined', reason: 'append-only' });
    });

    it('[CONF4] resolving a conflict is an ordinary patch based on the latest version; it closes the conflict', async () => {
      const [a, b] = await twoDevices();
      const h = a.createHousehold(WP_A);
      const rent = a.create('charge', h.entityId, chargeFields(40_000));
      await a.push([h, rent]);
      const row = await requireServerRow(server.store, 'charge', rent.entityId);
      await a.push([a.patch('charge', row, { amountCents: 45_000 })]);
      const conflicted = await b.push([b.patch('charge', row, { amountCents: 52_000 })]);
      const conflictId = conflicted.results[0]?.conflictIds?.[0];
      expect(conflictId).toBeDefined();
      const latest = await requireServerRow(server.store, 'charge', rent.entityId);
      // "Keep 45 000": the value may differ from or equal the provisional winner.
      const resolution = await a.push([a.patch('charge', latest, { amountCents: 45_000 })]);
      expect(resolution.results[0]).toMatchObject({ status: 'applied', resolvedConflictIds: [conflictId] });
      expect(await server.store.transaction((tx) => tx.openConflictsOf([rent.entityId]))).toEqual([]);
      expect((await serverRow(server.store, 'charge', rent.entityId))?.amountCents).toBe(45_000);
    });

    it('[TOMB2] scenario 22: delete on one device, edit on another offline → row kept with the edit and an edit-vs-delete conflict (both orders)', async () => {
      for (const deleteFirst of [true, false]) {
        const [a, b] = await twoDevices();
        const h = a.createHousehold(WP_A);
        const debtCreditor = a.create('creditor', h.entityId, {
          name: 'Bailleur social',
          category: 'landlord',
        });
        await a.push([h, debtCreditor]);
        const row = await requireServerRow(server.store, 'creditor', debtCreditor.entityId);
        const del = a.remove('creditor', row);
        const edit = b.patch('creditor', row, { name: 'Bailleur social Est Métropole' });
        if (deleteFirst) {
          await a.push([del]);
          expect((await b.push([edit])).results[0]?.status).toBe('conflict-recorded');
        } else {
          await b.push([edit]);
          expect((await a.push([del])).results[0]?.status).toBe('conflict-recorded');
        }
        const after = await serverRow(server.store, 'creditor', debtCreditor.entityId);
        expect(after).toMatchObject({ deleted: false, name: 'Bailleur social Est Métropole' });
        const conflicts = await server.store.transaction((tx) => tx.openConflictsOf([debtCreditor.entityId]));
        expect(conflicts).toMatchObject([{ field: 'deleted', kind: 'edit-vs-delete' }]);
      }
    });

    it('[TOMB1] a delete is a tombstone version; [TOMB3] delete against delete converges', async () => {
      const [a, b] = await twoDevices();
      const h = a.createHousehold(WP_A);
      const c = a.create('charge', h.entityId, chargeFields());
      await a.push([h, c]);
      const row = await requireServerRow(server.store, 'charge', c.entityId);
      expect((await a.push([a.remove('charge', row)])).results[0]?.status).toBe('applied');
      expect((await b.push([b.remove('charge', row)])).results[0]?.status).toBe('applied');
      const after = await serverRow(server.store, 'charge', c.entityId);
      // The second delete changes nothing but re-sends the row (PULL9): version 3.
      expect(after).toMatchObject({
        deleted: true,
        version: 3,
        amountCents: 45_000,
        deletedBy: server.world.counsellorA.userId,
      });
      expect(await server.store.transaction((tx) => tx.openConflictsOf([c.entityId]))).toEqual([]);
    });

    it('[QUAR1] scenario 15: a poison mutation mid-batch is quarantined and acknowledged; the rest applies', async () => {
      const [a] = await twoDevices();
      const h = a.createHousehold(WP_A);
      const good1 = a.create('charge', h.entityId, chargeFields(1000));
      const poison = a.create('charge', h.entityId, { ...chargeFields(), amountCents: -5 });
      const unknownEntity = { ...a.create('charge', h.entityId, chargeFields()), entity: 'invoice' };
      const good2 = a.create('charge', h.entityId, chargeFields(2000));
      const response = await a.push([h, good1, poison, unknownEntity, good2]);
      expect(response.ackSeq).toBe(5);
      expect(response.results.map((r) => r.status)).toEqual([
        'applied',
        'applied',
        'quarantined',
        'quarantined',
        'applied',
      ]);
      expect(response.results[2]?.reason).toBe('schema-invalid');
      expect(response.results[3]?.reason).toBe('invalid-mutation');
      const list = await server.app.inject({
        method: 'GET',
        url: '/api/quarantine',
        headers: { authorization: `Bearer ${server.world.coordinator.token}` },
      });
      const items = (list.json() as { items: { mutationId: string; payload: unknown }[] }).items;
      expect(items.find((i) => i.mutationId === poison.mutationId)?.payload).toEqual(poison);
      expect(items.find((i) => i.mutationId === unknownEntity.mutationId)?.payload).toEqual(unknownEntity);
      // The device is not wedged.
      expect((await a.push([a.create('charge', h.entityId, chargeFields(3))])).results[0]?.status).toBe(
        'applied',
      );
    });

    it('[QUAR2] a status transition that is not allowed is quarantined, an allowed one applies', async () => {
      const [a] = await twoDevices();
      const h = a.createHousehold(WP_A);
      await a.push([h]);
      const row = await requireServerRow(server.store, 'household', h.entityId);
      const bad = await a.push([a.patch('household', row, { status: 'follow_up' })]);
      expect(bad.results[0]).toMatchObject({ status: 'quarantined', reason: 'transition-not-allowed' });
      const good = await a.push([a.patch('household', row, { status: 'active' })]);
      expect(good.results[0]?.status).toBe('applied');
    });

    it('[QUAR1] a patch of an unknown row, a child of an unknown household and metadata in a patch are quarantined', async () => {
      const [a] = await twoDevices();
      const h = a.createHousehold(WP_A);
      await a.push([h]);
      const ghost = a.mutation('patch', 'charge', randomUUID(), h.entityId, { amountCents: 1 });
      const orphan = a.create('charge', randomUUID(), chargeFields());
      const meta = a.mutation(
        'patch',
        'household',
        h.entityId,
        h.entityId,
        { version: 99 },
        { version: 1, fieldVersions: {} },
      );
      const r = await a.push([ghost, orphan, meta]);
      expect(r.results.map((x) => x.reason)).toEqual(['unknown-row', 'unknown-household', 'invalid-patch']);
    });

    it('[CLOCK1] scenario 23: a device clock a year ahead is clamped and does not win later conflicts', async () => {
      const [a, b] = await twoDevices();
      const h = a.createHousehold(WP_A);
      const rent = a.create('charge', h.entityId, chargeFields(40_000));
      await a.push([h, rent]);
      const row = await requireServerRow(server.store, 'charge', rent.entityId);
      a.skewMs = 365 * 24 * 3600 * 1000;
      const skewed = [
        a.patch('charge', row, { amountCents: 41_000 }),
        a.patch('charge', row, { amountCents: 42_000 }),
      ];
      await a.push(skewed);
      const afterSkew = await serverRow(server.store, 'charge', rent.entityId);
      expect(afterSkew?.amountCents).toBe(42_000); // its own edits stay in order
      expect(Number(String(afterSkew?.updatedHlc).slice(0, 13))).toBeLessThanOrEqual(clock.ms + 5 * 60_000);
      clock.advance(10 * 60_000); // ten minutes later, an honest device edits concurrently
      const honest = await b.push([b.patch('charge', row, { amountCents: 50_000 })]);
      expect(honest.results[0]?.status).toBe('conflict-recorded');
      expect((await serverRow(server.store, 'charge', rent.entityId))?.amountCents).toBe(50_000);
      // The cursor is a server sequence: unaffected by the device clock.
      const pulled = await b.pullAll();
      expect([...pulled.rows.keys()]).toContain(`charge:${rent.entityId}`);
    });

    it('[UPCAST1] scenario 30: a schema-version-0 mutation (no HLC) from an old app is upcast and applied', async () => {
      const [a] = await twoDevices();
      const h = a.createHousehold(WP_A);
      await a.push([h]);
      const { hlc: _hlc, base: _base, ...v1 } = a.create('charge', h.entityId, chargeFields(12_300));
      const old = { ...v1, schemaVersion: 0, clientTime: clock.ms - 86_400_000, baseVersion: 0 };
      const response = await a.push([old]);
      expect(response.results[0]?.status).toBe('applied');
      const row = await serverRow(server.store, 'charge', v1.entityId);
      expect(row?.updatedHlc).toBe(`${clock.ms - 86_400_000}-0000-${a.deviceId}`);
      const broken = { ...v1, seq: a.seq + 1, mutationId: randomUUID(), schemaVersion: 0 };
      a.seq += 1;
      const r2 = await a.push([broken]);
      expect(r2.results[0]).toMatchObject({ status: 'quarantined', reason: 'upcast-failed' });
      const future = { ...a.create('charge', h.entityId, chargeFields()), schemaVersion: 99 };
      expect((await a.push([future])).results[0]).toMatchObject({
        status: 'quarantined',
        reason: 'upcast-failed',
      });
    });
  });
}
