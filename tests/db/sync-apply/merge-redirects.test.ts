/**
 * MERGE8 on the device (src/db/sync-apply/merge-redirects.ts, through applyPullPage): a pulled
 * household tombstone with `mergedInto` moves everything the device holds of the merged
 * household to the survivor, in the page's transaction; an unmerge (the household back live)
 * clears the alias. Pages are built here, as the server writes them (docs/merges.md MERGE5/6).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RelaisDb } from '../../../src/db/app-db';
import type { DossierRepository } from '../../../src/db/repository';
import { resolveHouseholdId } from '../../../src/db/sync-apply/merge-redirects';
import { applyPullPage } from '../../../src/db/sync-apply/pull-apply';
import { applyPushResponse } from '../../../src/db/sync-apply/push-apply';
import { CHILD_ENTITY_NAMES, ENTITY_TABLES, type EntityName } from '../../../src/domain/sync/entities';
import type { PullResponse } from '../../../src/domain/sync/protocol';
import { applicant, householdFields, openTestRepository, rentCharge } from '../helpers';

let opened: RelaisDb[] = [];
afterEach(() => {
  for (const db of opened) db.close();
  opened = [];
});

const MERGE_ID = '0195a1b2-c3d4-7000-8000-00000000aaaa';
const NOW = Date.UTC(2026, 2, 10);
let seq = 100;

function page(
  changes: { entity: EntityName; row: Record<string, unknown> }[],
  extra: Partial<PullResponse> = {},
) {
  return {
    changes: changes.map((c) => {
      seq += 1;
      return { seq, entity: c.entity, row: c.row as PullResponse['changes'][number]['row'] };
    }),
    nextCursor: `c1.1.${seq}`,
    hasMore: false,
    deviceLastSeq: 0,
    serverTime: 0,
    ...extra,
  } as PullResponse;
}

async function storedHousehold(db: RelaisDb, id: string): Promise<Record<string, unknown>> {
  const { local: _local, ...row } = (await db.households.get(id)) as unknown as Record<string, unknown>;
  return row;
}

/** The tombstone the server writes for a merged household (MERGE5). */
async function tombstone(
  db: RelaisDb,
  mergedId: string,
  survivorId: string,
): Promise<Record<string, unknown>> {
  const row = await storedHousehold(db, mergedId);
  return {
    ...row,
    deleted: true,
    deletedAt: NOW,
    deletedBy: 'coordinator-1',
    mergedInto: survivorId,
    mergeId: MERGE_ID,
    version: Number(row.version) + 1,
    updatedAt: NOW,
    updatedHlc: `${NOW}-0000-server`,
  };
}

/** A device holding two households, the merged one with a row in EVERY child table. */
async function twoHouseholds() {
  const { db, repo } = openTestRepository();
  opened.push(db);
  const survivor = (
    await repo.createHousehold(householdFields, [{ ...applicant, firstName: 'Zoé', lastName: 'Martin' }])
  ).household.id;
  const merged = (
    await repo.createHousehold({ ...householdFields, reference: 'RL-2026-0043' }, [
      { ...applicant, firstName: 'Zoe', lastName: 'Martinez' },
    ])
  ).household.id;
  // One row per child table, written as stored rows (the rewrite is generic over tables: it must
  // not depend on the entity's fields).
  for (const entity of CHILD_ENTITY_NAMES) {
    await db.table(ENTITY_TABLES[entity]).put({ id: `row-${entity}`, householdId: merged, version: 1 });
  }
  await db.outbox.clear(); // everything so far pushed
  return { db, repo, survivor, merged };
}

async function rowsOf(db: RelaisDb, householdId: string): Promise<string[]> {
  const ids: string[] = [];
  for (const entity of CHILD_ENTITY_NAMES) {
    const rows = await db.table(ENTITY_TABLES[entity]).where('householdId').equals(householdId).toArray();
    ids.push(...rows.map((r: { id: string }) => r.id));
  }
  return ids.sort();
}

async function snapshot(db: RelaisDb) {
  const out: Record<string, unknown> = {};
  for (const table of [...Object.values(ENTITY_TABLES), 'outbox', 'conflicts', 'householdAliases']) {
    out[table] = await db.table(table).toArray();
  }
  out.receipts = (await db.meta.where('key').startsWith('draftSaved:').toArray()).map((r) => r.key).sort();
  return out;
}

async function pendingEdits(repo: DossierRepository, merged: string) {
  await repo.updateFields('household', merged, { phone: '07 11 22 33 44' });
  await repo.addRow('charge', merged, rentCharge);
}

describe('MERGE8: a merged household moves to its survivor on the device', () => {
  it('[MERGE8] rows of every entity table move to the survivor; the merged household leaves the list, the survivor stays with the people moved in', async () => {
    const { db, repo, survivor, merged } = await twoHouseholds();
    // Issue 15: plans, plan payments and micro-credits are children too; a workshop is a root.
    expect(CHILD_ENTITY_NAMES).toHaveLength(14);
    expect(CHILD_ENTITY_NAMES).toEqual(expect.arrayContaining(['plan', 'plan_payment', 'microcredit']));
    const workshop = await repo.createWorkshop({
      date: '2026-03-05',
      welcomePointId: 'wp-lyon',
      topic: 'Budget',
      durationMinutes: 90,
      participantHouseholdIds: [merged],
      anonymousParticipants: 0,
    });
    await db.outbox.clear();
    const mergedRows = await rowsOf(db, merged);
    expect(mergedRows).toHaveLength(15); // a member + one row per child table
    const applied = await applyPullPage(
      db,
      page([{ entity: 'household', row: await tombstone(db, merged, survivor) }]),
      NOW,
    );
    expect(applied.merged).toBe(1);
    expect(await rowsOf(db, merged)).toEqual([]);
    expect(await rowsOf(db, survivor)).toEqual(expect.arrayContaining(mergedRows));
    for (const entity of CHILD_ENTITY_NAMES) {
      expect((await db.table(ENTITY_TABLES[entity]).get(`row-${entity}`)).householdId).toBe(survivor);
    }
    const list = await repo.listDossiers();
    expect(list.map((s) => s.household.id)).toEqual([survivor]);
    // The survivor's index was recomputed with the merged household's applicant moved in.
    expect((await db.households.get(survivor))?.local.nameTokens).toContain('martinez');
    expect(await resolveHouseholdId(db, merged)).toBe(survivor);
    // A workshop is no row of the merged household: left alone, its own scope.
    expect(await db.workshops.get(workshop.id)).toEqual(workshop);
  });

  it('[MERGE8] pending outbox entries move (householdId; entityId too for the household itself); none is dropped', async () => {
    const { db, repo, survivor, merged } = await twoHouseholds();
    const dead = await tombstone(db, merged, survivor); // as the server has it (edits not pushed)
    await pendingEdits(repo, merged);
    await repo.updateFields('household', survivor, { reference: 'RL-2026-0042-b' });
    const before = await db.outbox.orderBy('seq').toArray();
    expect(before.map((e) => [e.entity, e.householdId])).toEqual([
      ['household', merged],
      ['charge', merged],
      ['household', survivor],
    ]);
    await applyPullPage(db, page([{ entity: 'household', row: dead }]), NOW);
    const after = await db.outbox.orderBy('seq').toArray();
    expect(after.map((e) => e.seq)).toEqual(before.map((e) => e.seq));
    expect(after.map((e) => [e.entity, e.entityId === survivor ? 'S' : e.entityId, e.householdId])).toEqual([
      ['household', 'S', survivor],
      ['charge', before[1]?.entityId, survivor],
      ['household', 'S', survivor],
    ]);
    // Patches and mutation ids unchanged: the server dedupes and redirects by them.
    expect(after.map((e) => [e.mutationId, e.patch])).toEqual(before.map((e) => [e.mutationId, e.patch]));
    // The merged household's tombstone is stored as the server sent it (no pending value left on it).
    expect(await storedHousehold(db, merged)).toMatchObject({ deleted: true, mergedInto: survivor });
    expect((await storedHousehold(db, merged)).phone).toBe(householdFields.phone);
  });

  it('[MERGE8] a pending household edit is rebased on the survivor’s row when the page brings it', async () => {
    const { db, repo, survivor, merged } = await twoHouseholds();
    await repo.updateFields('household', merged, { phone: '07 11 22 33 44' });
    const survivorRow = await storedHousehold(db, survivor);
    const chosen = { ...survivorRow, reference: 'RL-2026-0043', version: Number(survivorRow.version) + 1 };
    await applyPullPage(
      db,
      page([
        { entity: 'household', row: chosen },
        { entity: 'household', row: await tombstone(db, merged, survivor) },
      ]),
      NOW,
    );
    expect(await storedHousehold(db, survivor)).toMatchObject({
      reference: 'RL-2026-0043',
      phone: '07 11 22 33 44',
    });
  });

  it('[MERGE8] draft receipts and local conflicts of the merged household follow it', async () => {
    const { db, survivor, merged } = await twoHouseholds();
    await db.meta.bulkPut([
      { key: `draftSaved:member:new:${merged}`, value: 't1' },
      { key: `draftSaved:household:${merged}`, value: 't2' },
      { key: 'draftSaved:charge:row-charge', value: 't3' },
    ]);
    await db.conflicts.put({
      id: 'conflict-1',
      householdId: merged,
      entity: 'household',
      entityId: merged,
      source: 'server',
      status: 'open',
      fields: [{ field: 'phone', local: 'a', incoming: 'b' }],
      localHlc: '1',
      incomingHlc: '2',
      createdAt: NOW,
    });
    await applyPullPage(db, page([{ entity: 'household', row: await tombstone(db, merged, survivor) }]), NOW);
    const receipts = await db.meta.where('key').startsWith('draftSaved:').toArray();
    expect(Object.fromEntries(receipts.map((r) => [r.key, r.value]))).toEqual({
      [`draftSaved:member:new:${survivor}`]: 't1',
      [`draftSaved:household:${survivor}`]: 't2',
      'draftSaved:charge:row-charge': 't3',
    });
    expect(await db.conflicts.get('conflict-1')).toMatchObject({ householdId: survivor, entityId: survivor });
  });

  it('[MERGE8] idempotent: the same page applied twice changes nothing more', async () => {
    const { db, repo, survivor, merged } = await twoHouseholds();
    await pendingEdits(repo, merged);
    await db.meta.put({ key: `draftSaved:member:new:${merged}`, value: 't1' });
    const merge = page([{ entity: 'household', row: await tombstone(db, merged, survivor) }]);
    await applyPullPage(db, merge, NOW);
    const once = await snapshot(db);
    await applyPullPage(db, merge, NOW + 60_000);
    expect(await snapshot(db)).toEqual(once);
  });

  it('[MERGE8] a chain H3→H2 then H2→H1 resolves to the end, and so does one learnt in the other order', async () => {
    const { db, repo, survivor: h1, merged: h2 } = await twoHouseholds();
    const h3 = (await repo.createHousehold({ ...householdFields, reference: 'RL-3' }, [applicant])).household
      .id;
    await repo.addRow('charge', h3, rentCharge);
    await applyPullPage(db, page([{ entity: 'household', row: await tombstone(db, h3, h2) }]), NOW);
    expect(await resolveHouseholdId(db, h3)).toBe(h2);
    await applyPullPage(db, page([{ entity: 'household', row: await tombstone(db, h2, h1) }]), NOW);
    expect(await resolveHouseholdId(db, h3)).toBe(h1);
    expect((await db.householdAliases.get(h3))?.survivorId).toBe(h1);
    expect(await rowsOf(db, h3)).toEqual([]);
    expect(await rowsOf(db, h2)).toEqual([]);
    expect((await db.outbox.toArray()).every((e) => e.householdId === h1)).toBe(true);

    // Other order: H5→H4 known, then H6→H5 arrives: H6's rows go straight to H4.
    const h4 = (await repo.createHousehold({ ...householdFields, reference: 'RL-4' }, [])).household.id;
    const h5 = (await repo.createHousehold({ ...householdFields, reference: 'RL-5' }, [])).household.id;
    const h6 = (await repo.createHousehold({ ...householdFields, reference: 'RL-6' }, [applicant])).household
      .id;
    await applyPullPage(db, page([{ entity: 'household', row: await tombstone(db, h5, h4) }]), NOW);
    await applyPullPage(db, page([{ entity: 'household', row: await tombstone(db, h6, h5) }]), NOW);
    expect(await resolveHouseholdId(db, h6)).toBe(h4);
    expect(await rowsOf(db, h6)).toEqual([]);
    expect((await rowsOf(db, h4)).length).toBe(1);
  });

  it('[MERGE8] a write still naming the merged household (a form open during the pull) goes to the survivor', async () => {
    const { db, repo, survivor, merged } = await twoHouseholds();
    await applyPullPage(db, page([{ entity: 'household', row: await tombstone(db, merged, survivor) }]), NOW);
    const charge = await repo.addRow('charge', merged, rentCharge);
    const household = await repo.updateFields('household', merged, { phone: '07 00 00 00 01' });
    const note = await repo.appendNote(merged, 'Appel');
    expect([charge.householdId, household.id, note.householdId]).toEqual([survivor, survivor, survivor]);
    expect(
      (await db.outbox.toArray()).map((e) => [
        e.householdId,
        e.entity === 'household' ? e.entityId : survivor,
      ]),
    ).toEqual([
      [survivor, survivor],
      [survivor, survivor],
      [survivor, survivor],
    ]);
  });

  it('[MERGE8] an outbox entry that names a merged household after its page is rewritten by the next page', async () => {
    const { db, repo, survivor, merged } = await twoHouseholds();
    await applyPullPage(db, page([{ entity: 'household', row: await tombstone(db, merged, survivor) }]), NOW);
    // An entry queued under the old id (written by an older tab's code path, or re-queued).
    await repo.addRow('charge', survivor, rentCharge);
    const entry = (await db.outbox.toArray())[0];
    if (entry === undefined) throw new Error('no entry');
    await db.outbox.put({ ...entry, householdId: merged });
    await applyPullPage(db, page([]), NOW);
    expect((await db.outbox.get(entry.seq))?.householdId).toBe(survivor);
  });

  it('[MERGE10] a survivor outside the scope leaves with the merged rows, after the merge moved them; with pending edits it waits', async () => {
    const { db, repo, survivor, merged } = await twoHouseholds();
    const merge = page([{ entity: 'household', row: await tombstone(db, merged, survivor) }]);
    merge.scopeRemovals = [{ householdId: survivor, seq: seq + 1 }];
    const applied = await applyPullPage(db, merge, NOW);
    expect(applied.removed).toBe(1);
    expect(await db.households.get(survivor)).toBeUndefined();
    expect(await rowsOf(db, survivor)).toEqual([]);
    expect(await rowsOf(db, merged)).toEqual([]);
    // Their drafts go after the transaction: the survivor and every moved row are recorded.
    const owners = (await db.meta.get('removedDraftOwners'))?.value as string[];
    expect(owners).toEqual(expect.arrayContaining([survivor, 'row-charge', 'row-debt']));

    const second = await twoHouseholds();
    await pendingEdits(second.repo, second.merged);
    const deferred = page([
      { entity: 'household', row: await tombstone(second.db, second.merged, second.survivor) },
    ]);
    deferred.scopeRemovals = [{ householdId: second.survivor, seq: seq + 1 }];
    expect((await applyPullPage(second.db, deferred, NOW)).removed).toBe(0);
    expect((await second.db.meta.get('deferredScopeRemovals'))?.value).toEqual([second.survivor]);
    void repo;
  });
});

describe('MERGE6 on the device: an unmerge clears the alias', () => {
  it('[MERGE6] the merged household back live (no mergedInto) routes to itself again; re-pointed rows return; the list shows both', async () => {
    const { db, repo, survivor, merged } = await twoHouseholds();
    const dead = await tombstone(db, merged, survivor);
    await applyPullPage(db, page([{ entity: 'household', row: dead }]), NOW);
    expect(await resolveHouseholdId(db, merged)).toBe(survivor);
    const member = (await db.members.where('householdId').equals(survivor).toArray()).find(
      (m) => m.lastName === 'Martinez',
    );
    if (member === undefined) throw new Error('member not moved');
    const { mergedInto: _m, mergeId: _id, deletedAt: _a, deletedBy: _b, ...restored } = dead;
    await applyPullPage(
      db,
      page([
        { entity: 'member', row: { ...member, householdId: merged, version: member.version + 1 } },
        { entity: 'household', row: { ...restored, deleted: false, version: Number(dead.version) + 1 } },
      ]),
      NOW,
    );
    expect(await resolveHouseholdId(db, merged)).toBe(merged);
    expect(await db.householdAliases.count()).toBe(0);
    expect((await repo.listDossiers()).map((s) => s.household.id).sort()).toEqual([survivor, merged].sort());
    expect((await db.households.get(merged))?.local.nameTokens).toContain('martinez');
    // A new row for it now stays on it.
    expect((await repo.addRow('charge', merged, rentCharge)).householdId).toBe(merged);
  });
});

describe('MERGE9 on the device: a redirected push result', () => {
  it('[MERGE9] `redirected` is acknowledged like `applied`: out of the outbox, no quarantine, no pull reset', async () => {
    const { db, repo, survivor, merged } = await twoHouseholds();
    await pendingEdits(repo, merged);
    await db.meta.put({ key: 'pullCursor', value: 'c1.1.5' });
    const [first, second] = await db.outbox.orderBy('seq').toArray();
    if (first === undefined || second === undefined) throw new Error('no entries');
    const applied = await applyPushResponse(
      db,
      {
        ackSeq: second.seq,
        results: [
          { seq: first.seq, mutationId: first.mutationId, status: 'redirected', redirectedTo: survivor },
          {
            seq: second.seq,
            mutationId: second.mutationId,
            status: 'duplicate',
            original: { status: 'redirected' },
          },
        ],
        serverTime: NOW,
      } as Parameters<typeof applyPushResponse>[1],
      NOW,
    );
    expect(applied).toMatchObject({ acked: 2, quarantined: [], redirected: 2 });
    expect(await db.outbox.count()).toBe(0);
    expect(await db.sentLog.count()).toBe(2);
    expect((await db.meta.get('syncQuarantine'))?.value).toBeUndefined();
    expect((await db.meta.get('pullCursor'))?.value).toBe('c1.1.5');
  });
});

describe('MERGE11: a merged household is counted once, as its survivor', () => {
  it('[MERGE11] the list, the trash view and an export of all dossiers leave out the merged household', async () => {
    const { db, repo, survivor, merged } = await twoHouseholds();
    const deleted = (await repo.createHousehold(householdFields, [applicant])).household.id;
    await repo.removeRow('household', deleted);
    expect((await repo.listDossiers()).map((d) => d.householdId).sort()).toEqual([merged, survivor].sort());
    await applyPullPage(db, page([{ entity: 'household', row: await tombstone(db, merged, survivor) }]), NOW);

    expect((await repo.listDossiers()).map((d) => d.householdId)).toEqual([survivor]);
    // A deleted dossier still shows among the deleted ones; a merged one never does.
    const withDeleted = await repo.listDossiers({ includeDeleted: true });
    expect(withDeleted.map((d) => d.householdId).sort()).toEqual([deleted, survivor].sort());
    const exported = await repo.exportDossiers('all');
    expect(exported.households.map((d) => d.household.id).sort()).toEqual([deleted, survivor].sort());
  });
});
