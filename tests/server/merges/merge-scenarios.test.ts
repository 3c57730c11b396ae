/**
 * Reliability scenarios 24–28 of sync-design §10.2 (docs/merges.md MERGE1–MERGE6, MERGE9), against
 * the real app, on SQLite and (with DATABASE_URL) PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import type { MergeLogEntry } from '../../../src/domain/sync/coordination-protocol';
import { chargeFields, ENGINES, useSyncServer, WP_A } from '../sync/harness';
import {
  creditorFields,
  dataById,
  debtFields,
  getPreview,
  merge,
  mergeBody,
  mergedIntoOf,
  postMerge,
  postUndo,
  pushChild,
  pushHousehold,
  rowsOf,
  sampleFields,
  storedRow,
  versionOf,
} from './merge-harness';

for (const engine of ENGINES) {
  describe(`merge scenarios on ${engine.name}`, () => {
    const server = useSyncServer(engine, { perTest: true });

    it('[MERGE9] scenario 24: an offline device edits the budget, adds a debt and a note to the merged household: all three are redirected to the survivor', async () => {
      const offline = await server.device(server.world.counsellorA);
      const other = await server.device(server.world.counsellorA);
      const survivorId = await pushHousehold(other, WP_A, { phone: '06 11 11 11 11' });
      const mergedId = await pushHousehold(offline, WP_A, { phone: '06 22 22 22 22' });
      const chargeId = await pushChild(offline, 'charge', mergedId, chargeFields(40_000));
      const creditorId = await pushChild(offline, 'creditor', mergedId, creditorFields('Banque Rhône'));
      const charge = versionOf(await storedRow(server, 'charge', chargeId));

      // Offline: three changes the device makes before it hears of the merge.
      const edits = [
        offline.patch('charge', charge, { amountCents: 52_000 }),
        offline.create('debt', mergedId, debtFields(creditorId, 'PRET-7')),
        offline.create('note', mergedId, sampleFields('note')),
      ];
      const merged = await merge(server, survivorId, mergedId);

      const response = await offline.push(edits);
      expect(response.results.map((r) => [r.status, r.redirectedTo])).toEqual([
        ['redirected', survivorId],
        ['redirected', survivorId],
        ['redirected', survivorId],
      ]);
      expect((await storedRow(server, 'charge', chargeId)).data.amountCents).toBe(52_000);
      for (const [entity, id] of [
        ['charge', chargeId],
        ['debt', edits[1]?.entityId],
        ['note', edits[2]?.entityId],
      ] as const) {
        const row = await storedRow(server, entity, String(id));
        expect(row.householdId).toBe(survivorId);
        expect(row.deleted).toBe(false);
      }
      // The pull delivers the tombstone with its pointer.
      const { rows } = await offline.pullAll();
      const tombstone = rows.get(`household:${mergedId}`);
      expect(tombstone).toMatchObject({ deleted: true, mergedInto: survivorId, mergeId: merged.mergeId });
      // No orphan: only the tombstone keeps the merged household's id.
      expect((await rowsOf(server, mergedId)).map((r) => [r.entity, r.id, r.deleted])).toEqual([
        ['household', mergedId, true],
      ]);
      const redirects = await server.store.transaction((tx) => tx.redirectsOf(merged.mergeId));
      expect(redirects.map((r) => r.mutationId).sort()).toEqual(edits.map((m) => m.mutationId).sort());
      // MERGE7: the audit log counts them.
      const [logged] = await server.store.transaction((tx) =>
        tx.listMerges({ householdId: mergedId, limit: 5 }),
      );
      expect(logged?.redirects).toBe(3);
      // A replay of the same batch gives the same results (PUSH3), the survivor named again.
      const replay = await offline.push(edits);
      expect(replay.results.map((r) => [r.status, r.original?.status, r.redirectedTo])).toEqual(
        edits.map(() => ['duplicate', 'redirected', survivorId]),
      );
    });

    it('[MERGE2] scenario 25: a merge submitted twice gets the identical response and merges once', async () => {
      const device = await server.device(server.world.counsellorA);
      const survivorId = await pushHousehold(device, WP_A);
      const mergedId = await pushHousehold(device, WP_A);
      await pushChild(device, 'charge', mergedId, chargeFields());
      const body = await mergeBody(server, survivorId, mergedId);
      const first = await postMerge(server, body);
      const seqAfterFirst = await server.store.transaction((tx) => tx.getCounter('change_seq'));
      server.clock.advance(60_000);
      const second = await postMerge(server, body);
      expect(first.statusCode).toBe(200);
      expect(second.statusCode).toBe(200);
      expect(second.json()).toEqual(first.json());
      expect(await server.store.transaction((tx) => tx.getCounter('change_seq'))).toBe(seqAfterFirst);
      const log = await server.store.transaction((tx) => tx.listMerges({ limit: 10 }));
      expect(log.map((m) => m.mergeId)).toEqual([body.mergeId]);
    });

    it('[MERGE3] scenario 26: crossed merges H1→H2 and H2→H1 at once: one succeeds, the other is refused with the survivor, no cycle', async () => {
      const device = await server.device(server.world.counsellorA);
      // PostgreSQL runs the two commands truly concurrently (a pool of connections): many times.
      const rounds = engine.name === 'postgres' ? 12 : 3;
      for (let round = 0; round < rounds; round += 1) {
        const h1 = await pushHousehold(device, WP_A);
        const h2 = await pushHousehold(device, WP_A);
        const [a, b] = [await mergeBody(server, h2, h1), await mergeBody(server, h1, h2)];
        const responses = await Promise.all([postMerge(server, a), postMerge(server, b)]);
        const codes = responses.map((r) => r.statusCode).sort();
        expect(codes).toEqual([200, 409]);
        const winner = responses.find((r) => r.statusCode === 200)?.json() as {
          survivorId: string;
          mergedId: string;
        };
        const refusal = responses.find((r) => r.statusCode === 409)?.json();
        expect(refusal).toMatchObject({ reason: 'already-merged', survivorId: winner.survivorId });
        const pointers = await mergedIntoOf(server, [h1, h2]);
        expect([...pointers]).toEqual([[winner.mergedId, winner.survivorId]]);
      }
    });

    it('[MERGE6] scenario 27: merge then unmerge restores both households and their children as the snapshot; edits after the merge are kept and flagged', async () => {
      const device = await server.device(server.world.counsellorA);
      const survivorId = await pushHousehold(device, WP_A, { phone: '06 11 11 11 11', reference: 'RL-1' });
      const mergedId = await pushHousehold(device, WP_A, { phone: '06 22 22 22 22', reference: 'RL-2' });
      await pushChild(device, 'charge', survivorId, chargeFields(30_000));
      const movedCharge = await pushChild(device, 'charge', mergedId, chargeFields(40_000));
      await pushChild(device, 'note', mergedId, sampleFields('note'));
      await pushChild(device, 'member', mergedId, sampleFields('member'));
      const survivorBefore = dataById(await rowsOf(server, survivorId));
      const mergedBefore = dataById(await rowsOf(server, mergedId));

      server.clock.advance(1000);
      const merged = await merge(server, survivorId, mergedId, {
        fieldChoices: { phone: 'merged', reference: 'merged' },
      });
      expect((await storedRow(server, 'household', survivorId)).data).toMatchObject({
        phone: '06 22 22 22 22',
        reference: 'RL-2',
      });
      // After the merge: the survivor's phone edited again, a moved charge edited, a new child.
      server.clock.advance(1000);
      const head = versionOf(await storedRow(server, 'household', survivorId));
      const charge = versionOf(await storedRow(server, 'charge', movedCharge));
      const edits = [
        device.patch('household', head, { phone: '06 33 33 33 33' }),
        device.patch('charge', charge, { amountCents: 41_000 }),
      ];
      const late = device.create('charge', survivorId, chargeFields(7_000));
      const after = await device.push([...edits, late]);
      expect(after.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);

      server.clock.advance(1000);
      const undo = await postUndo(server, merged.mergeId);
      expect(undo.statusCode, undo.body).toBe(200);
      expect(undo.json().flags).toEqual([
        {
          entity: 'household',
          entityId: survivorId,
          householdId: survivorId,
          why: 'field-edited-after-merge',
          field: 'phone',
        },
        {
          entity: 'charge',
          entityId: late.entityId,
          householdId: survivorId,
          why: 'child-created-after-merge',
        },
      ]);
      // The merged household and its children exactly as the snapshot, the later edit kept.
      const mergedNow = dataById(await rowsOf(server, mergedId));
      const expectedMerged = new Map(mergedBefore);
      expectedMerged.set(`charge:${movedCharge}`, {
        ...mergedBefore.get(`charge:${movedCharge}`),
        amountCents: 41_000,
      });
      expect(mergedNow).toEqual(expectedMerged);
      // The survivor as before, but for the field edited after the merge and the child made since.
      const survivorNow = dataById(await rowsOf(server, survivorId));
      const expectedSurvivor = new Map(survivorBefore);
      expectedSurvivor.set(`household:${survivorId}`, {
        ...survivorBefore.get(`household:${survivorId}`),
        phone: '06 33 33 33 33',
      });
      expectedSurvivor.set(
        `charge:${late.entityId}`,
        (await storedRow(server, 'charge', late.entityId)).data,
      );
      expect(survivorNow).toEqual(expectedSurvivor);
      expect(await mergedIntoOf(server, [mergedId])).toEqual(new Map());
      // Idempotent: a repeat returns the stored result.
      const again = await postUndo(server, merged.mergeId);
      expect(again.json()).toEqual(undo.json());
      // MERGE7: the log says who, why, what was kept and what the unmerge flagged.
      const log = await server.app.inject({
        method: 'GET',
        url: `/api/coordination/merges?householdId=${survivorId}`,
        headers: { authorization: `Bearer ${server.world.coordinator.token}` },
      });
      const [entry] = log.json().merges as MergeLogEntry[];
      expect(entry).toMatchObject({
        mergeId: merged.mergeId,
        status: 'undone',
        reason: 'Même famille enregistrée deux fois',
        mergedBy: { userId: server.world.coordinator.userId },
        undoReason: 'Fusion faite par erreur',
        redirects: 0,
      });
      expect(entry?.keptFields).toEqual([
        { field: 'phone', pick: 'merged', value: '06 22 22 22 22' },
        { field: 'reference', pick: 'merged', value: 'RL-2' },
      ]);
      expect(entry?.flags).toHaveLength(2);
    });

    it('[MERGE4] scenario 28: duplicate children kept both stay live with a duplicate-child conflict', async () => {
      const device = await server.device(server.world.counsellorA);
      const survivorId = await pushHousehold(device, WP_A);
      const mergedId = await pushHousehold(device, WP_A);
      const c1 = await pushChild(device, 'creditor', survivorId, creditorFields('Cofidis'));
      const c2 = await pushChild(device, 'creditor', mergedId, creditorFields('COFIDIS '));
      const d1 = await pushChild(device, 'debt', survivorId, debtFields(c1, 'CT-42/7'));
      const d2 = await pushChild(device, 'debt', mergedId, debtFields(c2, 'ct 42 7'));
      const preview = await getPreview(server, survivorId, mergedId);
      expect(preview.childDuplicates).toEqual([
        { entity: 'creditor', survivorChildId: c1, mergedChildId: c2, why: 'same_creditor' },
        { entity: 'debt', survivorChildId: d1, mergedChildId: d2, why: 'same_debt_reference' },
      ]);
      // A merge that misses a child choice is refused.
      const incomplete = { ...(await mergeBody(server, survivorId, mergedId)), childChoices: [] };
      expect((await postMerge(server, incomplete)).statusCode).toBe(400);

      const result = await merge(server, survivorId, mergedId, { keep: 'both' });
      for (const id of [d1, d2]) {
        const debt = await storedRow(server, 'debt', id);
        expect([debt.householdId, debt.deleted]).toEqual([survivorId, false]);
      }
      const conflicts = await server.store.transaction((tx) =>
        tx.listConflicts({ scope: { all: true }, householdId: survivorId }),
      );
      expect(conflicts.map((c) => [c.kind, c.entity, c.entityId, c.field, c.status]).sort()).toEqual([
        ['duplicate-child', 'creditor', c2, 'deleted', 'open'],
        ['duplicate-child', 'debt', d2, 'deleted', 'open'],
      ]);
      expect(result.conflictIds.sort()).toEqual(conflicts.map((c) => c.id).sort());
      // Devices get them in the pull (PULL4), as the protocol's schema reads them.
      const { last } = await device.pullAll();
      expect((last.conflicts ?? []).map((c) => [c.kind, c.entityId]).sort()).toEqual(
        [
          ['duplicate-child', c2],
          ['duplicate-child', d2],
        ].sort(),
      );
    });

    it("[MERGE4] scenario 28: keep 'survivor' tombstones the merged child and re-points its references; the unmerge restores both", async () => {
      const device = await server.device(server.world.counsellorA);
      const survivorId = await pushHousehold(device, WP_A);
      const mergedId = await pushHousehold(device, WP_A);
      const c1 = await pushChild(device, 'creditor', survivorId, creditorFields('Cofidis'));
      const c2 = await pushChild(device, 'creditor', mergedId, creditorFields('Cofidis'));
      const d2 = await pushChild(device, 'debt', mergedId, debtFields(c2, 'A-1'));
      const before = dataById(await rowsOf(server, mergedId));
      const result = await merge(server, survivorId, mergedId, { keep: 'survivor' });
      const creditor = await storedRow(server, 'creditor', c2);
      expect([creditor.householdId, creditor.deleted]).toEqual([survivorId, true]);
      expect((await storedRow(server, 'debt', d2)).data.creditorId).toBe(c1);

      expect((await postUndo(server, result.mergeId)).statusCode).toBe(200);
      expect(dataById(await rowsOf(server, mergedId))).toEqual(before);
      expect((await storedRow(server, 'creditor', c2)).deleted).toBe(false);
    });
  });
}
