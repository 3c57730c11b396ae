/**
 * Server-side duplicate detection (docs/merges.md DUP1c, DUP2, DUP4) on both stores: a push
 * queues the households it touches, the drain after it scores them, coordinators read the queue,
 * set pairs aside, and merged households are never proposed.
 */
import { describe, expect, it } from 'vitest';
import { MATCH_PARAMETERS } from '../../../src/domain/matching';
import { detectHousehold } from '../../../sync-server/src/duplicates/detect';
import { merge, postUndo } from '../merges/merge-harness';
import { chargeFields, ENGINES, requireServerRow, useSyncServer, WP_A, WP_B } from '../sync/harness';
import { detected, listQueue, markMerged, pairIds, post, pushFamily } from './helpers';

const AICHA = { firstName: 'Aïcha', lastName: 'Benali', birthDate: '1984-05-12' };
const KARIM = { firstName: 'Karim', lastName: 'Benali', birthDate: '1982-01-30' };
const JEAN = { firstName: 'Jean', lastName: 'Dupont', birthDate: '1950-01-01' };

describe.each(ENGINES)('duplicate detection on $name', (engine) => {
  const server = useSyncServer(engine, { perTest: true });

  it('DUP1b: a key held by more than maxBlockSize households is skipped; the others block', async () => {
    const device = await server.device(server.world.volunteerA);
    // Three records of Jean Dupont: every key of each is held by all three.
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1)
      ids.push((await pushFamily(device, { welcomePointId: WP_A, people: [JEAN] })).householdId);
    await detected(server.app);
    const [first] = ids as [string];
    const scored = (maxBlockSize: number) =>
      server.store.transaction((tx) =>
        detectHousehold(tx, first, server.clock.ms, { ...MATCH_PARAMETERS, maxBlockSize }),
      );
    expect(await scored(3)).toMatchObject({ scored: 2, open: 2 });
    expect(await scored(2)).toMatchObject({ scored: 0, open: 0 });
  });

  it('DUP1c: the same family pushed from two devices becomes one open pair, with its reasons', async () => {
    const a = await server.device(server.world.volunteerA);
    const b = await server.device(server.world.volunteerB);
    const first = await pushFamily(a, { welcomePointId: WP_A, people: [AICHA, KARIM] });
    // Recorded under the other spouse first, without the accent.
    const second = await pushFamily(b, {
      welcomePointId: WP_B,
      people: [KARIM, { ...AICHA, firstName: 'Aicha' }],
    });
    await pushFamily(b, { welcomePointId: WP_B, people: [JEAN] });
    await detected(server.app);

    const { status, candidates } = await listQueue(server.app, server.world.coordinator);
    expect(status).toBe(200);
    expect(candidates.map(pairIds)).toEqual([[first.householdId, second.householdId].sort()]);
    const [pair] = candidates;
    expect(pair?.status).toBe('open');
    expect(pair?.reasons.map((r) => r.field)).toEqual(expect.arrayContaining(['name', 'birth_date']));
    expect(pair?.score).toBeGreaterThanOrEqual(14);
    const sides = [pair?.householdA, pair?.householdB];
    const mine = sides.find((side) => side?.id === first.householdId);
    expect(mine?.label).toContain('Aïcha BENALI');
    expect(mine?.welcomePointName).toBe('Point A (Lyon 8e)');

    // The welcome point filter: either household's.
    expect(
      (await listQueue(server.app, server.world.coordinator, `?welcomePointId=${WP_B}`)).candidates,
    ).toHaveLength(1);
    expect(
      (await listQueue(server.app, server.world.coordinator, '?welcomePointId=wp-other')).candidates,
    ).toEqual([]);
    expect(await server.store.transaction((tx) => tx.queueLength())).toBe(0);
  });

  it('DUP2: "not a duplicate" hides the pair until a compared field changes, not an unrelated one', async () => {
    const a = await server.device(server.world.volunteerA);
    const b = await server.device(server.world.volunteerB);
    const first = await pushFamily(a, { welcomePointId: WP_A, people: [AICHA] });
    const second = await pushFamily(b, { welcomePointId: WP_B, people: [AICHA] });
    await detected(server.app);
    const coordinator = server.world.coordinator;

    const decided = await post(server.app, coordinator, '/not-duplicate', {
      householdA: second.householdId,
      householdB: first.householdId,
      reason: 'Two sisters-in-law',
    });
    expect(decided.status).toBe(200);
    expect(decided.body.status).toBe('not_duplicate');
    expect((await listQueue(server.app, coordinator)).candidates).toEqual([]);
    const setAside = await listQueue(server.app, coordinator, '?status=not_duplicate');
    expect(setAside.candidates.map((c) => c.decidedBy)).toEqual([coordinator.userId]);

    // Unrelated: the household's housing status and a new charge. Both are detected again…
    server.clock.advance(60_000);
    const household = await requireServerRow(server.store, 'household', first.householdId);
    await a.push([
      a.patch('household', household, { housingStatus: 'owner' }),
      a.create('charge', first.householdId, chargeFields()),
    ]);
    await detected(server.app);
    const profile = await server.store.transaction((tx) =>
      tx.sql.all<{ updated_at: number }>('SELECT updated_at FROM match_profiles WHERE household_id = $1', [
        first.householdId,
      ]),
    );
    expect(Number(profile[0]?.updated_at)).toBe(server.clock.ms);
    // …and the pair stays set aside.
    expect((await listQueue(server.app, coordinator)).candidates).toEqual([]);

    // A compared field: the birth name of the person in the second household.
    const member = await requireServerRow(server.store, 'member', second.memberIds[0] ?? '');
    await b.push([b.patch('member', member, { birthName: 'Haddad' })]);
    await detected(server.app);
    const reopened = await listQueue(server.app, coordinator);
    expect(reopened.candidates.map(pairIds)).toEqual([[first.householdId, second.householdId].sort()]);
    // The decision it had stays visible on the pair and in the history.
    expect(reopened.candidates[0]?.decidedBy).toBe(coordinator.userId);
    const [ha, hb] = [first.householdId, second.householdId].sort() as [string, string];
    const history = await server.store.transaction((tx) => tx.lapsedDecisions(ha, hb));
    expect(history.map((h) => [h.status, h.decidedBy])).toEqual([['not_duplicate', coordinator.userId]]);
  });

  it('DUP4: a merge and its undo rescore the survivor: the people it received meet other households, then leave them', async () => {
    const a = await server.device(server.world.volunteerA);
    const b = await server.device(server.world.volunteerB);
    const survivor = await pushFamily(a, { welcomePointId: WP_A, people: [KARIM] });
    const merged = await pushFamily(b, { welcomePointId: WP_B, people: [KARIM, JEAN] });
    const jean = await pushFamily(b, { welcomePointId: WP_B, people: [JEAN] });
    await detected(server.app);
    const coordinator = server.world.coordinator;
    const pairs = async () => {
      await detected(server.app);
      return (await listQueue(server.app, coordinator)).candidates.map(pairIds);
    };
    const pair = (x: string, y: string) => [x, y].sort();
    expect(await pairs()).toEqual(
      expect.arrayContaining([
        pair(survivor.householdId, merged.householdId),
        pair(merged.householdId, jean.householdId),
      ]),
    );

    const done = await merge(server, survivor.householdId, merged.householdId);
    // Jean moved into the survivor with the merge: the survivor and Jean's household now meet.
    expect(await pairs()).toEqual([pair(survivor.householdId, jean.householdId)]);

    expect((await postUndo(server, done.mergeId)).statusCode).toBe(200);
    expect((await pairs()).sort()).toEqual(
      [pair(survivor.householdId, merged.householdId), pair(merged.householdId, jean.householdId)].sort(),
    );
  });

  it('DUP4: a merged household is never a candidate; unmerged, it is again when it still scores', async () => {
    const a = await server.device(server.world.volunteerA);
    const b = await server.device(server.world.volunteerB);
    const first = await pushFamily(a, { welcomePointId: WP_A, people: [AICHA] });
    const second = await pushFamily(b, { welcomePointId: WP_B, people: [AICHA] });
    const third = await pushFamily(a, { welcomePointId: WP_A, people: [AICHA] });
    await detected(server.app);
    const coordinator = server.world.coordinator;
    expect((await listQueue(server.app, coordinator)).candidates).toHaveLength(3);

    await markMerged(server.store, second.householdId, first.householdId);
    const listed = await listQueue(server.app, coordinator);
    expect(listed.candidates.map(pairIds)).toEqual([[first.householdId, third.householdId].sort()]);
    const probe = { people: [AICHA], phones: [], emails: [] };
    const checked = await post(server.app, coordinator, '/check', { probe });
    const found = (checked.body.matches as { householdId: string }[]).map((m) => m.householdId).sort();
    expect(found).toEqual([first.householdId, third.householdId].sort());

    // Detection of the merged household (the merge queues it) drops its profile and pairs.
    await server.store.transaction((tx) => tx.queueHouseholds([second.householdId], server.clock.ms));
    server.app.duplicates.schedule();
    await detected(server.app);
    const pairsOfMerged = await server.store.transaction((tx) => tx.duplicatePairsOf(second.householdId));
    expect(pairsOfMerged).toEqual([]);

    // Unmerged: a rescan (or its next change) makes it a candidate again, as it still scores.
    await server.store.transaction((tx) =>
      tx.sql.run('UPDATE households SET merged_into = NULL WHERE id = $1', [second.householdId]),
    );
    expect((await post(server.app, server.world.admin, '/rescan')).status).toBe(200);
    expect((await listQueue(server.app, coordinator)).candidates).toHaveLength(3);
  });

  it('answers 4xx with reasons for bad input and the wrong role', async () => {
    const a = await server.device(server.world.volunteerA);
    const first = await pushFamily(a, { welcomePointId: WP_A, people: [AICHA] });
    const second = await pushFamily(a, { welcomePointId: WP_A, people: [JEAN] });
    await detected(server.app);
    const { coordinator, volunteerA } = server.world;
    expect((await listQueue(server.app, volunteerA)).status).toBe(403);
    expect((await listQueue(server.app, coordinator, '?status=maybe')).status).toBe(400);
    const same = await post(server.app, coordinator, '/not-duplicate', {
      householdA: first.householdId,
      householdB: first.householdId,
    });
    expect(same.status).toBe(400);
    expect(same.body.message).toMatch(/itself/);
    const unknown = await post(server.app, coordinator, '/not-duplicate', {
      householdA: first.householdId,
      householdB: second.householdId,
    });
    expect(unknown.status).toBe(404);
    expect(
      (await post(server.app, volunteerA, '/not-duplicate', { householdA: 'x', householdB: 'y' })).status,
    ).toBe(403);
    expect((await post(server.app, coordinator, '/rescan')).status).toBe(403);
    expect((await post(server.app, volunteerA, '/check', { probe: { people: [] } })).status).toBe(400);
  });
});

describe.each(ENGINES)('a failed drain on $name', (engine) => {
  let failing = true;
  const server = useSyncServer(engine, {
    perTest: true,
    app: {
      duplicates: {
        beforeBatch: () => {
          if (failing) throw new Error('injected crash between the push commit and detection');
        },
      },
    },
  });

  it('DUP1c: loses nothing: the push succeeds, the households stay queued, the next drain detects them', async () => {
    failing = true;
    const a = await server.device(server.world.volunteerA);
    const first = await pushFamily(a, { welcomePointId: WP_A, people: [AICHA] });
    const second = await pushFamily(a, { welcomePointId: WP_A, people: [AICHA] });
    await detected(server.app);
    expect(await server.store.transaction((tx) => tx.queuedHouseholds(10))).toEqual(
      [first.householdId, second.householdId].sort(),
    );
    expect((await listQueue(server.app, server.world.coordinator)).candidates).toEqual([]);

    failing = false;
    server.app.duplicates.schedule();
    await detected(server.app);
    expect(await server.store.transaction((tx) => tx.queueLength())).toBe(0);
    const { candidates } = await listQueue(server.app, server.world.coordinator);
    expect(candidates.map(pairIds)).toEqual([[first.householdId, second.householdId].sort()]);
  });
});
