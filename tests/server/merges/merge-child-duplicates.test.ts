/**
 * Child duplicates across successive merges (docs/merges.md MERGE4, MERGE6), on both stores. A
 * first merge that kept both children leaves the survivor with two similar children and an open
 * `duplicate-child` conflict; a second merge involving that household lists two child duplicates
 * sharing one survivor child. Reported as a 503 (the one-open-conflict-per-field index): a valid
 * command never gets a 5xx, and every duplicate is still decided, nothing silently dropped.
 */
import { describe, expect, it } from 'vitest';
import type { ConflictRecord } from '../../../sync-server/src/stores/store-tx';
import { type Device, ENGINES, useSyncServer, WP_A } from '../sync/harness';
import {
  creditorFields,
  debtFields,
  getPreview,
  merge,
  mergeBody,
  postMerge,
  postUndo,
  pushChild,
  pushHousehold,
  storedRow,
  versionOf,
} from './merge-harness';

for (const engine of ENGINES) {
  describe(`child duplicates across merges on ${engine.name}`, () => {
    const server = useSyncServer(engine, { perTest: true });

    /** Open conflicts on the `deleted` field of creditor `id`. */
    async function openOn(id: string): Promise<ConflictRecord[]> {
      const all = await server.store.transaction((tx) => tx.openConflictsOf([id]));
      return all.filter((c) => c.field === 'deleted');
    }

    /** A household with one creditor "Cofidis" (spelt as given) and a debt owed to it. */
    async function withCofidis(device: Device, spelling: string) {
      const householdId = await pushHousehold(device, WP_A);
      const creditorId = await pushChild(device, 'creditor', householdId, creditorFields(spelling));
      const debtId = await pushChild(device, 'debt', householdId, debtFields(creditorId));
      return { householdId, creditorId, debtId };
    }

    it("[MERGE4] a second merge into a survivor that kept both: the survivor's two similar children and the new one are all decided", async () => {
      const device = await server.device(server.world.counsellorA);
      const h1 = await withCofidis(device, 'Cofidis');
      const h2 = await withCofidis(device, 'COFIDIS');
      const h3 = await withCofidis(device, 'cofidis ');
      const first = await merge(server, h1.householdId, h2.householdId, { keep: 'both' });
      const second = await merge(server, h1.householdId, h3.householdId, { keep: 'both' });
      expect((await openOn(h2.creditorId)).map((c) => c.id)).toEqual(first.conflictIds);
      expect((await openOn(h3.creditorId)).map((c) => c.id)).toEqual(second.conflictIds);
      for (const id of [h1.creditorId, h2.creditorId, h3.creditorId]) {
        expect((await storedRow(server, 'creditor', id)).deleted).toBe(false);
      }
    });

    it("[MERGE4] two child duplicates sharing one survivor child, both kept 'both', where one already has an open duplicate-child conflict: merged, the conflict joined, and each undo restores its own", async () => {
      const device = await server.device(server.world.counsellorA);
      const h1 = await withCofidis(device, 'Cofidis');
      const h2 = await withCofidis(device, 'COFIDIS');
      const h3 = await withCofidis(device, 'cofidis ');
      const inner = await merge(server, h2.householdId, h3.householdId, { keep: 'both' });
      const [earlier] = await openOn(h3.creditorId);
      expect(earlier?.id).toBe(inner.conflictIds[0]);

      const preview = await getPreview(server, h1.householdId, h2.householdId);
      expect(preview.childDuplicates.map((d) => [d.entity, d.survivorChildId, d.mergedChildId])).toEqual([
        ['creditor', h1.creditorId, h2.creditorId],
        ['creditor', h1.creditorId, h3.creditorId],
      ]);
      const outer = await merge(server, h1.householdId, h2.householdId, { keep: 'both' });
      // Every duplicate is decided: C2 gets its conflict, C3 keeps its one open conflict (the same
      // question: keep it or drop it), both named in the result for the coordinator.
      const [onC2] = await openOn(h2.creditorId);
      expect(await openOn(h3.creditorId)).toEqual([expect.objectContaining({ id: earlier?.id })]);
      expect([...outer.conflictIds].sort()).toEqual([onC2?.id, earlier?.id].sort());
      expect((await openOn(h3.creditorId))[0]?.values).toEqual(earlier?.values);
      for (const id of [h2.creditorId, h3.creditorId]) {
        const row = await storedRow(server, 'creditor', id);
        expect([row.householdId, row.deleted]).toEqual([h1.householdId, false]);
      }

      // MERGE6: the outer undo closes only the conflict it opened; the inner one stays open.
      expect((await postUndo(server, outer.mergeId)).statusCode).toBe(200);
      expect(await openOn(h2.creditorId)).toEqual([]);
      expect((await openOn(h3.creditorId)).map((c) => [c.id, c.householdId])).toEqual([
        [earlier?.id, h2.householdId],
      ]);
      expect((await postUndo(server, inner.mergeId)).statusCode).toBe(200);
      expect(await openOn(h3.creditorId)).toEqual([]);
    });

    it("[MERGE4] two merged children kept 'survivor' for the same survivor child: both tombstoned, their debts re-pointed, the earlier open conflict settled by the merge and reopened by its undo", async () => {
      const device = await server.device(server.world.counsellorA);
      const h1 = await withCofidis(device, 'Cofidis');
      const h2 = await withCofidis(device, 'COFIDIS');
      const h3 = await withCofidis(device, 'cofidis ');
      await merge(server, h2.householdId, h3.householdId, { keep: 'both' });
      const [earlier] = await openOn(h3.creditorId);

      const outer = await merge(server, h1.householdId, h2.householdId, { keep: 'survivor' });
      expect(outer.conflictIds).toEqual([]);
      for (const { creditorId, debtId } of [h2, h3]) {
        expect((await storedRow(server, 'creditor', creditorId)).deleted).toBe(true);
        expect((await storedRow(server, 'debt', debtId)).data.creditorId).toBe(h1.creditorId);
      }
      // The coordinator dropped C3: its open keep-or-drop question is answered, by this merge.
      expect(await openOn(h3.creditorId)).toEqual([]);
      const settled = await server.store.transaction((tx) =>
        tx.listConflicts({ scope: { all: true }, householdId: h1.householdId, status: 'resolved' }),
      );
      expect(settled.map((c) => [c.id, c.resolvedByMutation])).toEqual([[earlier?.id, outer.mergeId]]);

      expect((await postUndo(server, outer.mergeId)).statusCode).toBe(200);
      for (const { creditorId, debtId } of [h2, h3]) {
        expect((await storedRow(server, 'creditor', creditorId)).deleted).toBe(false);
        expect((await storedRow(server, 'debt', debtId)).data.creditorId).toBe(creditorId);
      }
      expect((await openOn(h3.creditorId)).map((c) => [c.id, c.status, c.householdId])).toEqual([
        [earlier?.id, 'open', h2.householdId],
      ]);
    });

    it("[MERGE4] a merged child kept 'both' while an edit-vs-delete conflict is open on it: merged, that conflict carries the decision", async () => {
      const editor = await server.device(server.world.counsellorA);
      const remover = await server.device(server.world.counsellorA);
      const h1 = await withCofidis(editor, 'Cofidis');
      const h2 = await withCofidis(editor, 'Cofidis');
      const base = versionOf(await storedRow(server, 'creditor', h2.creditorId));
      await editor.push([editor.patch('creditor', base, { category: 'other' })]);
      await remover.push([remover.remove('creditor', base)]);
      const [edited] = await openOn(h2.creditorId);
      expect(edited?.kind).toBe('edit-vs-delete');
      const result = await merge(server, h1.householdId, h2.householdId, { keep: 'both' });
      expect(result.conflictIds).toEqual([edited?.id]);
      expect((await openOn(h2.creditorId)).map((c) => [c.id, c.householdId])).toEqual([
        [edited?.id, h1.householdId],
      ]);
    });

    it('[MERGE4] a command that decides one merged child twice is a 400, never a 5xx', async () => {
      const device = await server.device(server.world.counsellorA);
      const h1 = await withCofidis(device, 'Cofidis');
      const h2 = await withCofidis(device, 'Cofidis');
      const body = await mergeBody(server, h1.householdId, h2.householdId, { keep: 'both' });
      const [choice] = body.childChoices;
      if (choice === undefined) throw new Error('the preview lists the creditors');
      for (const twice of [
        [choice, choice],
        [choice, { ...choice, keep: 'survivor' as const }],
      ]) {
        const response = await postMerge(server, { ...body, childChoices: twice });
        expect([response.statusCode, response.body]).toEqual([
          400,
          expect.stringContaining('more than once'),
        ]);
      }
      expect((await postMerge(server, body)).statusCode).toBe(200);
    });
  });
}
