/**
 * The store contract of the merge tables (docs/merges.md MERGE2–MERGE7, MERGE9; stores/merges-tx.ts
 * and the conflict methods the merge uses), called from store.contract.ts so SQLite and
 * PostgreSQL are held to the same behaviour: merge records by id, the LIFO queries, redirects and
 * their count in the audit log, the households.merged_into pointer set and cleared.
 */
import { expect, it } from 'vitest';
import type { RelaisStore } from '../../../sync-server/src/stores/store';
import type {
  ConflictRecord,
  MergeRecord,
  MergeRedirectRecord,
  StoredRow,
  StoreTx,
  UserRecord,
} from '../../../sync-server/src/stores/store-tx';

const person = (id: string, displayName: string): UserRecord => ({
  id,
  username: id,
  displayName,
  role: 'coordinator',
  passwordHash: 'scrypt$1$1$1$x$y',
  disabled: false,
  welcomePointIds: [],
  createdAt: 1,
  updatedAt: 1,
});

function mergeRecord(mergeId: string, survivorId: string, mergedId: string, mergeSeq: number): MergeRecord {
  return {
    mergeId,
    survivorId,
    mergedId,
    status: 'active',
    reason: 'Même famille — saisie à Saint-Étienne et à Lens',
    choices: { fieldChoices: { phone: 'merged' }, childChoices: [], big: 9_007_199_254_740_991 },
    snapshot: { survivor: [{ id: survivorId, data: { note: 'Créé — ✓' } }], merged: [], chain: [] },
    result: { mergeId, survivorId, mergedId, status: 'active', mergedAt: 10, conflictIds: [] },
    mergedBy: 'coord',
    mergedAt: 10 + mergeSeq,
    mergeSeq,
    undoneBy: null,
    undoneAt: null,
    undoReason: null,
    undoResult: null,
  };
}

function redirect(mutationId: string, mergeId: string, at: number): MergeRedirectRecord {
  return {
    mutationId,
    mergeId,
    fromHouseholdId: 'h2',
    toHouseholdId: 'h1',
    entity: 'note',
    entityId: `note-${mutationId}`,
    deviceId: 'dev-1',
    userId: 'coord',
    at,
  };
}

function row(id: string, householdId: string, seq: number): StoredRow {
  return {
    entity: id === householdId ? 'household' : 'charge',
    id,
    householdId,
    version: 1,
    seq,
    deleted: false,
    data: { id },
    fieldMeta: {},
    updatedHlc: '1764000000000-0000-d1',
  };
}

function conflict(id: string, entityId: string, householdId: string): ConflictRecord {
  return {
    id,
    entity: 'charge',
    entityId,
    householdId,
    field: 'deleted',
    kind: 'duplicate-child',
    status: 'open',
    values: [{ value: false }, { value: true }],
    openedAt: 1,
    resolvedAt: null,
    resolvedBy: null,
    resolvedByMutation: null,
  };
}

/** Households h1..h4 and the two people merges name. */
async function seed(tx: StoreTx): Promise<void> {
  await tx.insertUser(person('coord', 'Camille Roux'));
  await tx.insertUser(person('admin', 'Aïcha Benali'));
  for (const id of ['h1', 'h2', 'h3', 'h4']) {
    await tx.upsertHousehold({ id, welcomePointId: 'wp-1', createdBy: 'coord' });
  }
}

/** The merge cases of the store contract; `open` gives a fresh store of the fixture's database. */
export function describeMergesContract(open: () => RelaisStore): void {
  async function migrated(): Promise<RelaisStore> {
    const store = open();
    await store.migrate();
    await store.transaction(seed);
    return store;
  }

  it('[MERGE2] stores a merge and finds it by id with its JSON intact; a merge id is stored once', async () => {
    const store = await migrated();
    const record = mergeRecord('m1', 'h1', 'h2', 5);
    await store.transaction((tx) => tx.insertMerge(record));
    expect(await store.transaction((tx) => tx.getMerge('m1'))).toEqual(record);
    expect(await store.transaction((tx) => tx.getMerge('m-unknown'))).toBeUndefined();
    await expect(store.transaction((tx) => tx.insertMerge(record))).rejects.toThrow();
  });

  it('[MERGE6] marks a merge undone with who, when, why and the result kept for a repeat', async () => {
    const store = await migrated();
    await store.transaction((tx) => tx.insertMerge(mergeRecord('m1', 'h1', 'h2', 5)));
    const undo = {
      mergeId: 'm1',
      status: 'undone',
      undoneAt: 20,
      flags: [{ why: 'child-created-after-merge' }],
    };
    await store.transaction((tx) =>
      tx.markMergeUndone('m1', { by: 'admin', at: 20, reason: 'Erreur de l’accueil', result: undo }),
    );
    expect(await store.transaction((tx) => tx.getMerge('m1'))).toMatchObject({
      status: 'undone',
      undoneBy: 'admin',
      undoneAt: 20,
      undoReason: 'Erreur de l’accueil',
      undoResult: undo,
    });
  });

  it('[MERGE6] finds the active merges into survivors, newest first, and the latest later active merge involving a household (LIFO)', async () => {
    const store = await migrated();
    await store.transaction(async (tx) => {
      await tx.insertMerge(mergeRecord('m1', 'h1', 'h2', 5));
      await tx.insertMerge(mergeRecord('m2', 'h1', 'h3', 9));
      await tx.insertMerge(mergeRecord('m3', 'h4', 'h1', 12));
      await tx.insertMerge(mergeRecord('m4', 'h2', 'h3', 15));
      await tx.markMergeUndone('m4', { by: 'admin', at: 30, reason: 'x', result: {} });
    });
    const into = await store.transaction((tx) => tx.activeMergesInto(['h1', 'h2']));
    expect(into.map((m) => m.mergeId)).toEqual(['m2', 'm1']);
    expect(await store.transaction((tx) => tx.activeMergesInto([]))).toEqual([]);
    // After m1 (seq 5): m2 (h1 as survivor) and m3 (h1 as merged household); m3 is the latest.
    expect(await store.transaction((tx) => tx.laterActiveMerge(['h1', 'h2'], 5))).toBe('m3');
    expect(await store.transaction((tx) => tx.laterActiveMerge(['h3'], 5))).toBe('m2');
    // m4 involves h2 and h3 but is undone: it never blocks an undo.
    expect(await store.transaction((tx) => tx.laterActiveMerge(['h2', 'h3'], 9))).toBeUndefined();
  });

  it('[MERGE7] records redirects, lists them in time order and counts them in the audit log with the names, newest merge first', async () => {
    const store = await migrated();
    await store.transaction(async (tx) => {
      await tx.insertMerge(mergeRecord('m1', 'h1', 'h2', 5));
      await tx.insertMerge(mergeRecord('m2', 'h3', 'h4', 9));
      await tx.insertRedirect(redirect('mut-b', 'm1', 40));
      await tx.insertRedirect(redirect('mut-a', 'm1', 30));
      await tx.markMergeUndone('m2', { by: 'admin', at: 50, reason: 'x', result: {} });
    });
    await expect(store.transaction((tx) => tx.insertRedirect(redirect('mut-a', 'm1', 60)))).rejects.toThrow();
    const redirects = await store.transaction((tx) => tx.redirectsOf('m1'));
    expect(redirects).toEqual([redirect('mut-a', 'm1', 30), redirect('mut-b', 'm1', 40)]);
    const log = await store.transaction((tx) => tx.listMerges({ limit: 10 }));
    expect(log.map((m) => [m.mergeId, m.redirects, m.mergedByDisplayName, m.undoneByDisplayName])).toEqual([
      ['m2', 0, 'Camille Roux', 'Aïcha Benali'],
      ['m1', 2, 'Camille Roux', null],
    ]);
    const ofH2 = await store.transaction((tx) => tx.listMerges({ householdId: 'h2', limit: 10 }));
    expect(ofH2.map((m) => m.mergeId)).toEqual(['m1']);
    expect((await store.transaction((tx) => tx.listMerges({ limit: 1 }))).map((m) => m.mergeId)).toEqual([
      'm2',
    ]);
  });

  it('[MERGE3] sets and clears households.merged_into, seen by the lock, the one-hop lookup and the list of households merged into a survivor', async () => {
    const store = await migrated();
    await store.transaction(async (tx) => {
      await tx.setMergedInto('h2', 'h1');
      await tx.setMergedInto('h3', 'h1');
    });
    const locked = await store.transaction((tx) => tx.lockHouseholds(['h2', 'h1', 'h9']));
    expect([...locked.entries()].map(([id, h]) => [id, h.mergedInto, h.welcomePointId])).toEqual([
      ['h1', null, 'wp-1'],
      ['h2', 'h1', 'wp-1'],
    ]);
    expect(await store.transaction((tx) => tx.mergedIntoOf(['h1', 'h2', 'h3', 'h4']))).toEqual(
      new Map([
        ['h2', 'h1'],
        ['h3', 'h1'],
      ]),
    );
    const into = await store.transaction((tx) => tx.householdsMergedInto(['h1']));
    expect(into.map((h) => [h.id, h.mergedInto, h.createdBy])).toEqual([
      ['h2', 'h1', 'coord'],
      ['h3', 'h1', 'coord'],
    ]);
    await store.transaction((tx) => tx.setMergedInto('h2', null));
    expect(await store.transaction((tx) => tx.mergedIntoOf(['h2', 'h3']))).toEqual(new Map([['h3', 'h1']]));
  });

  it('[MERGE5] lists every row of a household in seq order and moves its conflicts, all or only those of given rows', async () => {
    const store = await migrated();
    await store.transaction(async (tx) => {
      await tx.upsertRow(row('c2', 'h2', 3));
      await tx.upsertRow(row('h2', 'h2', 1));
      await tx.upsertRow(row('c1', 'h1', 2));
      await tx.insertConflict(conflict('k1', 'c2', 'h2'));
      await tx.insertConflict(conflict('k2', 'c3', 'h2'));
    });
    expect((await store.transaction((tx) => tx.rowsOfHousehold('h2'))).map((r) => r.id)).toEqual([
      'h2',
      'c2',
    ]);
    await store.transaction((tx) => tx.moveConflicts('h2', 'h1', ['c2']));
    const households = async () =>
      (await store.transaction((tx) => tx.getConflicts(['k1', 'k2']))).map((c) => [c.id, c.householdId]);
    expect(await households()).toEqual([
      ['k1', 'h1'],
      ['k2', 'h2'],
    ]);
    await store.transaction((tx) => tx.moveConflicts('h2', 'h1'));
    expect(await households()).toEqual([
      ['k1', 'h1'],
      ['k2', 'h1'],
    ]);
  });

  it('[MERGE6] reopens a conflict only when the given mutation closed it', async () => {
    const store = await migrated();
    await store.transaction(async (tx) => {
      await tx.insertConflict(conflict('k1', 'c1', 'h1'));
      await tx.resolveConflict('k1', { userId: 'coord', mutationId: 'merge-1', at: 5 });
      await tx.reopenConflict('k1', 'another-merge');
    });
    expect((await store.transaction((tx) => tx.getConflicts(['k1'])))[0]?.status).toBe('resolved');
    await store.transaction((tx) => tx.reopenConflict('k1', 'merge-1'));
    expect(await store.transaction((tx) => tx.getConflicts(['k1', 'k-unknown']))).toEqual([
      conflict('k1', 'c1', 'h1'),
    ]);
  });
}
