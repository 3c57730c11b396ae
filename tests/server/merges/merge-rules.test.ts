/**
 * The merge rules beyond the §10.2 scenarios (docs/merges.md MERGE3–MERGE10), on both stores:
 * generic re-pointing of every child entity, the merge-redirect conflict, server-only fields,
 * LIFO unmerge, chains, merges across welcome points, the preview's default picks, roles.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CHILD_ENTITY_NAMES } from '../../../src/domain/sync/entities';
import type { PullResponse } from '../../../src/domain/sync/protocol';
import { bearer, type Device, ENGINES, useSyncServer, WP_A, WP_B } from '../sync/harness';
import {
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

/** Household ids listed as removed in every page from `cursor`. */
async function removalsSince(device: Device, cursor: string | null): Promise<string[]> {
  const removed: string[] = [];
  let next = cursor;
  let page: PullResponse;
  do {
    page = await device.pull(next);
    for (const removal of page.scopeRemovals ?? []) removed.push(removal.householdId);
    next = page.nextCursor;
  } while (page.hasMore);
  return removed;
}

for (const engine of ENGINES) {
  describe(`merge rules on ${engine.name}`, () => {
    const server = useSyncServer(engine, { perTest: true });

    it('[MERGE5] every child entity of the merged household is re-pointed to the survivor, each at a new version and seq', async () => {
      const device = await server.device(server.world.counsellorA);
      const survivorId = await pushHousehold(device, WP_A);
      const mergedId = await pushHousehold(device, WP_A);
      // One row of EVERY child entity: an entity added to CHILD_ENTITY_NAMES is covered here.
      const children = new Map<string, string>();
      for (const entity of CHILD_ENTITY_NAMES) {
        children.set(entity, await pushChild(device, entity, mergedId, sampleFields(entity)));
      }
      const before = new Map((await rowsOf(server, mergedId)).map((r) => [r.id, r]));
      const seqBefore = await server.store.transaction((tx) => tx.getCounter('change_seq'));
      await merge(server, survivorId, mergedId);
      expect((await rowsOf(server, mergedId)).map((r) => r.entity)).toEqual(['household']);
      for (const [entity, id] of children) {
        const row = await storedRow(server, entity, id);
        expect([entity, row.householdId]).toEqual([entity, survivorId]);
        expect(row.version).toBe((before.get(id)?.version ?? 0) + 1);
        expect(row.seq).toBeGreaterThan(seqBefore);
        expect(row.data).toEqual(before.get(id)?.data);
      }
      expect(new Set((await rowsOf(server, survivorId)).map((r) => r.entity))).toEqual(
        new Set(['household', ...CHILD_ENTITY_NAMES]),
      );
    });

    it('[MERGE9] an offline household-field edit from the pre-merge version that disagrees opens a merge-redirect conflict on the survivor', async () => {
      const offline = await server.device(server.world.counsellorA);
      const survivorId = await pushHousehold(offline, WP_A, {
        phone: '06 11 11 11 11',
        email: 'a@example.org',
      });
      const mergedId = await pushHousehold(offline, WP_A, {
        phone: '06 22 22 22 22',
        email: 'a@example.org',
      });
      const base = versionOf(await storedRow(server, 'household', mergedId));
      const edits = [
        offline.patch('household', base, { phone: '06 99 99 99 99' }),
        offline.patch('household', base, { email: 'a@example.org', trackReason: 'Nouveau' }),
      ];
      server.clock.advance(1000);
      await merge(server, survivorId, mergedId, { fieldChoices: { phone: 'survivor' } });

      const response = await offline.push(edits);
      expect(response.results.map((r) => [r.status, r.redirectedTo, r.conflictIds?.length ?? 0])).toEqual([
        ['redirected', survivorId, 1],
        ['redirected', survivorId, 0],
      ]);
      const survivor = await storedRow(server, 'household', survivorId);
      // The coordinator's choice stays; a field the survivor lacked takes the device's value.
      expect(survivor.data).toMatchObject({ phone: '06 11 11 11 11', trackReason: 'Nouveau' });
      const conflicts = await server.store.transaction((tx) =>
        tx.listConflicts({ scope: { all: true }, householdId: survivorId }),
      );
      expect(conflicts.map((c) => [c.kind, c.entity, c.entityId, c.field])).toEqual([
        ['merge-redirect', 'household', survivorId, 'phone'],
      ]);
      expect(((conflicts[0]?.values ?? []) as { value: unknown }[]).map((v) => v.value)).toEqual([
        '06 11 11 11 11',
        '06 99 99 99 99',
      ]);
    });

    it('[MERGE9] an offline delete of the merged household never deletes the survivor: it becomes a merge-redirect conflict', async () => {
      const offline = await server.device(server.world.counsellorA);
      const survivorId = await pushHousehold(offline, WP_A);
      const mergedId = await pushHousehold(offline, WP_A);
      const base = versionOf(await storedRow(server, 'household', mergedId));
      const deletion = offline.remove('household', base);
      await merge(server, survivorId, mergedId);
      const response = await offline.push([deletion]);
      expect(response.results.map((r) => [r.status, r.redirectedTo])).toEqual([['redirected', survivorId]]);
      expect((await storedRow(server, 'household', survivorId)).deleted).toBe(false);
      const conflicts = await server.store.transaction((tx) =>
        tx.listConflicts({ scope: { all: true }, householdId: survivorId }),
      );
      expect(
        conflicts.map((c) => [c.kind, c.field, (c.values as { value: unknown }[]).map((v) => v.value)]),
      ).toEqual([['merge-redirect', 'deleted', [false, true]]]);
    });

    it('[MERGE9] a push may never set mergedInto or mergeId: quarantined invalid-patch', async () => {
      const device = await server.device(server.world.counsellorA);
      const survivorId = await pushHousehold(device, WP_A);
      const other = await pushHousehold(device, WP_A);
      const row = versionOf(await storedRow(server, 'household', other));
      const response = await device.push([device.patch('household', row, { mergedInto: survivorId })]);
      expect(response.results.map((r) => [r.status, r.reason])).toEqual([['quarantined', 'invalid-patch']]);
      expect(await mergedIntoOf(server, [other])).toEqual(new Map());
    });

    it('[MERGE6] unmerge is last in first out: refused while a later merge into the same survivor is active', async () => {
      const device = await server.device(server.world.counsellorA);
      const [h1, h2, h3] = [
        await pushHousehold(device, WP_A),
        await pushHousehold(device, WP_A),
        await pushHousehold(device, WP_A),
      ];
      const first = await merge(server, h1, h2);
      const second = await merge(server, h1, h3);
      const refused = await postUndo(server, first.mergeId);
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({ reason: 'merge-superseded', laterMergeId: second.mergeId });
      expect((await postUndo(server, second.mergeId)).statusCode).toBe(200);
      expect((await postUndo(server, first.mergeId)).statusCode).toBe(200);
      expect(await mergedIntoOf(server, [h1, h2, h3])).toEqual(new Map());
    });

    it('[MERGE3] a merged household cannot be merged again, nor merged into: 409 with the current survivor', async () => {
      const device = await server.device(server.world.counsellorA);
      const [h1, h2, h3] = [
        await pushHousehold(device, WP_A),
        await pushHousehold(device, WP_A),
        await pushHousehold(device, WP_A),
      ];
      await merge(server, h1, h2);
      for (const [survivorId, mergedId] of [
        [h3, h2],
        [h2, h3],
      ] as const) {
        const body = { ...(await mergeBody(server, h1, h3)), survivorId, mergedId };
        const response = await postMerge(server, body);
        expect(response.statusCode).toBe(409);
        expect(response.json()).toMatchObject({ reason: 'already-merged', survivorId: h1 });
      }
    });

    it('[MERGE3] the preview refuses what the merge would refuse: a merged household (naming its survivor) or the same household twice', async () => {
      const device = await server.device(server.world.counsellorA);
      const [h1, h2, h3] = [
        await pushHousehold(device, WP_A),
        await pushHousehold(device, WP_A),
        await pushHousehold(device, WP_A),
      ];
      await merge(server, h1, h2);
      const preview = (survivorId: string, mergedId: string) =>
        server.app.inject({
          method: 'GET',
          url: `/api/coordination/merge-preview?survivorId=${survivorId}&mergedId=${mergedId}`,
          headers: bearer(server.world.coordinator.token),
        });
      for (const [survivorId, mergedId] of [
        [h3, h2],
        [h2, h3],
      ] as const) {
        const response = await preview(survivorId, mergedId);
        expect([response.statusCode, response.json()]).toEqual([
          409,
          expect.objectContaining({ reason: 'already-merged', survivorId: h1 }),
        ]);
      }
      const self = await preview(h3, h3);
      expect([self.statusCode, self.json()]).toEqual([
        409,
        expect.objectContaining({ reason: 'same-household' }),
      ]);
      expect((await preview(h1, h3)).statusCode).toBe(200);
    });

    it('[MERGE5] chains collapse: H3→H2 then H2→H1 points H3 to H1, its pushes redirect to H1, and undoing H2→H1 points H3 to H2 again', async () => {
      const offline = await server.device(server.world.counsellorA);
      const [h1, h2, h3] = [
        await pushHousehold(offline, WP_A),
        await pushHousehold(offline, WP_A),
        await pushHousehold(offline, WP_A),
      ];
      await merge(server, h2, h3);
      const outer = await merge(server, h1, h2);
      expect(await mergedIntoOf(server, [h2, h3])).toEqual(
        new Map([
          [h2, h1],
          [h3, h1],
        ]),
      );
      expect((await storedRow(server, 'household', h3)).data.mergedInto).toBe(h1);
      const note = offline.create('note', h3, sampleFields('note'));
      const response = await offline.push([note]);
      expect(response.results.map((r) => [r.status, r.redirectedTo])).toEqual([['redirected', h1]]);

      expect((await postUndo(server, outer.mergeId)).statusCode).toBe(200);
      expect(await mergedIntoOf(server, [h2, h3])).toEqual(new Map([[h3, h2]]));
      expect((await storedRow(server, 'household', h3)).data.mergedInto).toBe(h2);
      // The note pushed for H3 through the redirect follows H3's pointer back to H2.
      expect((await storedRow(server, 'note', note.entityId)).householdId).toBe(h2);
    });

    it('[MERGE9] after an unmerge, an edit a device wrote to the survivor for a row moved back follows the row', async () => {
      const device = await server.device(server.world.counsellorA);
      const survivorId = await pushHousehold(device, WP_A);
      const mergedId = await pushHousehold(device, WP_A);
      const chargeId = await pushChild(device, 'charge', mergedId, sampleFields('charge'));
      const merged = await merge(server, survivorId, mergedId);
      // The device heard of the merge (its row is on the survivor), not yet of the unmerge.
      const seen = await storedRow(server, 'charge', chargeId);
      expect((await postUndo(server, merged.mergeId)).statusCode).toBe(200);
      expect((await storedRow(server, 'charge', chargeId)).householdId).toBe(mergedId);

      const edit = device.patch(
        'charge',
        { ...versionOf(seen), householdId: survivorId },
        { amountCents: 61_000 },
      );
      const response = await device.push([edit]);
      expect(response.results.map((r) => [r.status, r.redirectedTo])).toEqual([['redirected', mergedId]]);
      const after = await storedRow(server, 'charge', chargeId);
      expect([after.householdId, after.data.amountCents]).toEqual([mergedId, 61_000]);
      // A household the row was never merged with is still a mismatch.
      const stranger = await pushHousehold(device, WP_A);
      const wrong = device.patch(
        'charge',
        { ...versionOf(after), householdId: stranger },
        { amountCents: 62_000 },
      );
      expect((await device.push([wrong])).results[0]?.reason).toBe('household-mismatch');
    });

    it("[MERGE5] the merged household's own open conflicts are settled by the merge and reopened by its undo", async () => {
      const a = await server.device(server.world.counsellorA);
      const b = await server.device(server.world.counsellorA);
      const survivorId = await pushHousehold(a, WP_A);
      const mergedId = await pushHousehold(a, WP_A);
      const base = versionOf(await storedRow(server, 'household', mergedId));
      const address = (line1: string) => ({ line1, postcode: '69008', city: 'Lyon' });
      await a.push([a.patch('household', base, { address: address('1 rue A') })]);
      await b.push([b.patch('household', base, { address: address('2 rue B') })]);
      const openOn = async (id: string) =>
        server.store.transaction(async (tx) => (await tx.openConflictsOf([id])).map((c) => c.field));
      expect(await openOn(mergedId)).toEqual(['address']);

      const done = await merge(server, survivorId, mergedId);
      expect(await openOn(mergedId)).toEqual([]);
      expect((await postUndo(server, done.mergeId)).statusCode).toBe(200);
      expect(await openOn(mergedId)).toEqual(['address']);
    });

    it('[MERGE3] a deleted household is neither merged nor merged into: the preview and the merge refuse it (409)', async () => {
      const device = await server.device(server.world.counsellorA);
      const survivorId = await pushHousehold(device, WP_A);
      const deletedId = await pushHousehold(device, WP_A);
      await pushChild(device, 'charge', deletedId, sampleFields('charge'));
      const row = await storedRow(server, 'household', deletedId);
      expect((await device.push([device.remove('household', versionOf(row))])).results[0]?.status).toBe(
        'applied',
      );

      for (const [survivor, merged] of [
        [survivorId, deletedId],
        [deletedId, survivorId],
      ] as const) {
        const preview = await server.app.inject({
          method: 'GET',
          url: `/api/coordination/merge-preview?survivorId=${survivor}&mergedId=${merged}`,
          headers: bearer(server.world.coordinator.token),
        });
        expect([preview.statusCode, preview.json().reason]).toEqual([409, 'deleted-household']);
        const body = {
          mergeId: randomUUID(),
          survivorId: survivor,
          mergedId: merged,
          reason: 'test',
          fieldChoices: {},
          childChoices: [],
        };
        const refused = await postMerge(server, body);
        expect([refused.statusCode, refused.json().reason]).toEqual([409, 'deleted-household']);
      }
      expect((await rowsOf(server, deletedId)).map((r) => r.householdId)).toEqual([deletedId, deletedId]);
    });

    it('[MERGE10] a merge across welcome points that moves the survivor writes a scope removal for its old welcome point', async () => {
      const a = await server.device(server.world.volunteerA);
      const b = await server.device(server.world.volunteerB);
      const survivorId = await pushHousehold(a, WP_A);
      const mergedId = await pushHousehold(b, WP_B);
      await pushChild(a, 'charge', survivorId, sampleFields('charge'));
      const cursorA = (await a.pullAll()).last.nextCursor;
      const preview = await getPreview(server, survivorId, mergedId);
      expect(preview.differences.find((d) => d.field === 'welcomePointId')).toMatchObject({
        survivorValue: WP_A,
        mergedValue: WP_B,
      });
      await merge(server, survivorId, mergedId, { fieldChoices: { welcomePointId: 'merged' } });
      expect(await removalsSince(a, cursorA)).toContain(survivorId);
      // The devices of welcome point B receive the survivor with every row.
      const { rows } = await b.pullAll();
      expect(rows.get(`household:${survivorId}`)).toMatchObject({ welcomePointId: WP_B, deleted: false });
      expect([...rows.values()].filter((r) => r.householdId === survivorId).length).toBe(2);
    });

    it('[MERGE10] devices that held only the merged household are told to drop the survivor outside their welcome points; their late pushes still land', async () => {
      const a = await server.device(server.world.volunteerA);
      const b = await server.device(server.world.volunteerB);
      const survivorId = await pushHousehold(a, WP_A);
      const mergedId = await pushHousehold(b, WP_B);
      const cursorB = (await b.pullAll()).last.nextCursor;
      const late = b.create('note', mergedId, sampleFields('note'));
      await merge(server, survivorId, mergedId, { fieldChoices: { welcomePointId: 'survivor' } });
      const { rows } = await b.pullAll(cursorB);
      expect(rows.get(`household:${mergedId}`)).toMatchObject({ deleted: true, mergedInto: survivorId });
      expect(await removalsSince(b, cursorB)).toContain(survivorId);
      // AUTH6 on the merged household's scope: the device of B had it, so its late write lands.
      const response = await b.push([late]);
      expect(response.results.map((r) => [r.status, r.redirectedTo])).toEqual([['redirected', survivorId]]);
    });

    it('[MERGE9] a device that rewrote its outbox pushes to the survivor: authorised through the household merged into it, and no further', async () => {
      const a = await server.device(server.world.volunteerA);
      const b = await server.device(server.world.volunteerB);
      const survivorId = await pushHousehold(a, WP_A);
      const mergedId = await pushHousehold(b, WP_B);
      const chargeId = await pushChild(b, 'charge', mergedId, sampleFields('charge'));
      const unrelated = await pushHousehold(a, WP_A);
      await merge(server, survivorId, mergedId, { fieldChoices: { welcomePointId: 'survivor' } });
      const charge = versionOf(await storedRow(server, 'charge', chargeId));
      const response = await b.push([b.patch('charge', charge, { amountCents: 12_300 })]);
      expect(response.results.map((r) => r.status)).toEqual(['applied']);
      expect((await storedRow(server, 'charge', chargeId)).data.amountCents).toBe(12_300);
      // AUTH6 still holds for a household of welcome point A that nothing merged into.
      const forged = await b.pushRaw([b.create('note', unrelated, sampleFields('note'))]);
      expect(forged.statusCode).toBe(403);
    });

    it('[MERGE4] the preview lists the differences with the most recently changed value as the default pick', async () => {
      const device = await server.device(server.world.counsellorA);
      const survivorId = await pushHousehold(device, WP_A, { phone: '06 11 11 11 11', reference: 'RL-1' });
      server.clock.advance(60_000);
      device.skewMs = 60_000;
      const mergedId = await pushHousehold(device, WP_A, { phone: '06 22 22 22 22' });
      server.clock.advance(60_000);
      device.skewMs = 120_000;
      const head = versionOf(await storedRow(server, 'household', survivorId));
      await device.push([device.patch('household', head, { reference: 'RL-9' })]);
      const preview = await getPreview(server, survivorId, mergedId);
      expect(
        preview.differences.map((d) => [d.field, d.survivorValue, d.mergedValue, d.defaultPick]),
      ).toEqual([
        ['phone', '06 11 11 11 11', '06 22 22 22 22', 'merged'],
        ['reference', 'RL-9', null, 'survivor'],
      ]);
      expect(preview.survivor.createdBy.displayName).toBeTruthy();
      expect(preview.survivor.welcomePoint).toMatchObject({ id: WP_A });
    });

    it('[MERGE1] only coordinators and admins merge; an unknown household is 404', async () => {
      const device = await server.device(server.world.counsellorA);
      const survivorId = await pushHousehold(device, WP_A);
      const mergedId = await pushHousehold(device, WP_A);
      const body = await mergeBody(server, survivorId, mergedId);
      const routes = [
        ['GET', `/api/coordination/merge-preview?survivorId=${survivorId}&mergedId=${mergedId}`, undefined],
        ['POST', '/api/coordination/merges', body],
        ['GET', '/api/coordination/merges', undefined],
        ['POST', `/api/coordination/merges/${body.mergeId}/undo`, { reason: 'x' }],
      ] as const;
      for (const [method, url, payload] of routes) {
        const anonymous = await server.app.inject({ method, url, ...(payload ? { payload } : {}) });
        expect([url, anonymous.statusCode]).toEqual([url, 401]);
        for (const account of [server.world.counsellorA, server.world.volunteerA]) {
          const response = await server.app.inject({
            method,
            url,
            headers: bearer(account.token),
            ...(payload ? { payload } : {}),
          });
          expect([url, account.role, response.statusCode]).toEqual([url, account.role, 403]);
        }
      }
      const log = await server.app.inject({
        method: 'GET',
        url: '/api/coordination/merges',
        headers: bearer(server.world.admin.token),
      });
      expect(log.statusCode).toBe(200);
      const unknown = await postMerge(server, { ...body, mergedId: '01900000-0000-7000-8000-000000000000' });
      expect(unknown.statusCode).toBe(404);
      const self = await postMerge(server, { ...body, mergedId: survivorId });
      expect(self.json()).toMatchObject({ reason: 'same-household' });
    });
  });
}
