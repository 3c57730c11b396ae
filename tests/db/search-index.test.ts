/**
 * The in-memory search index (src/db/search-index.ts, docs/device-store.md "Search index held in
 * memory"): built from the device's rows after unlock, kept in step with every committed write,
 * whichever connection made it, and emptied on lock.
 */
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { declareSchemaVersions, openPullConnection, type RelaisDb } from '../../src/db/app-db';
import { DataKeyring, DeviceLockedError, randomDataKey } from '../../src/db/crypto/data-keyring';
import type { DossierRepository } from '../../src/db/repository';
import { SearchIndex, searchIndexOf } from '../../src/db/search-index';
import { applyPullPage } from '../../src/db/sync-apply/pull-apply';
import type { MatchProbe } from '../../src/domain/sync/coordination-protocol';
import type { EntityName } from '../../src/domain/sync/entities';
import type { PullResponse } from '../../src/domain/sync/protocol';
import { applicant, householdFields, openTestRepository } from './helpers';

let opened: Dexie[] = [];
afterEach(async () => {
  for (const db of opened) db.close();
  opened = [];
});

function open(): { db: RelaisDb; repo: DossierRepository } {
  const ctx = openTestRepository();
  opened.push(ctx.db);
  return ctx;
}

const ids = async (repo: DossierRepository, search: string) =>
  (await repo.listDossiers({ search })).map((s) => s.householdId);

function probe(people: MatchProbe['people']): MatchProbe {
  return { people, phones: [], emails: [] };
}

let seq = 0;
function page(changes: { entity: EntityName; row: Record<string, unknown> }[]): PullResponse {
  return {
    changes: changes.map((c) => {
      seq += 1;
      return { seq, entity: c.entity, row: c.row as PullResponse['changes'][number]['row'] };
    }),
    nextCursor: `c1.1.${seq}`,
    hasMore: false,
    deviceLastSeq: 0,
    serverTime: 0,
  };
}

/** The rows a server would send for `count` households made on another device. */
async function serverRows(count: number, name: (i: number) => string) {
  const { db, repo } = open();
  for (let i = 0; i < count; i += 1) {
    await repo.createHousehold({ ...householdFields, reference: `RL-PULL-${i}`, phone: undefined }, [
      { ...applicant, firstName: 'Ilona', lastName: name(i), birthDate: '1977-07-07' },
    ]);
  }
  const households = (await db.households.toArray()).map(({ local: _local, ...row }) => row);
  const members = await db.members.toArray();
  return [
    ...households.map((row) => ({ entity: 'household' as const, row })),
    ...members.map((row) => ({ entity: 'member' as const, row: row as unknown as Record<string, unknown> })),
  ];
}

describe('search index held in memory', () => {
  it('[IDX2] follows local writes once built: a new household, a renamed member, a removed one', async () => {
    const { db, repo } = open();
    const a = (await repo.createHousehold(householdFields, [applicant])).household.id;
    expect(await ids(repo, 'zoe')).toEqual([a]);
    expect(searchIndexOf(db).size).toBe(1);
    const b = (
      await repo.createHousehold({ ...householdFields, reference: 'RL-2026-0077' }, [
        { ...applicant, firstName: 'Zacharie', lastName: 'Quentin' },
      ])
    ).household.id;
    expect(await ids(repo, 'quent')).toEqual([b]);
    const member = (await repo.getDossier(b))?.members[0];
    await repo.updateFields('member', member?.id ?? '', { lastName: 'Ortolan' });
    expect(await ids(repo, 'quent')).toEqual([]);
    expect(await ids(repo, 'ortol')).toEqual([b]);
    await repo.updateFields('household', b, { reference: 'RL-2026-0099' });
    expect(await ids(repo, 'RL-2026-0099')).toEqual([b]);
    expect(await ids(repo, 'RL-2026-0077')).toEqual([]);
    await repo.removeRow('household', b);
    expect(await ids(repo, 'ortol')).toEqual([]);
  });

  it('[IDX2] follows pull pages written through the pull connection, small and bulk (≥ 50 rows a table)', async () => {
    const rows = await serverRows(60, (i) => `Pullman${String(i).padStart(2, '0')}`);
    const { db, repo } = open();
    const pullDb = openPullConnection(db);
    opened.push(pullDb);
    expect(await ids(repo, 'pullman')).toEqual([]); // built, empty
    const first = rows.filter(
      (c) => c.row.reference === 'RL-PULL-0' || c.row.householdId === rows[0]?.row.id,
    );
    await applyPullPage(pullDb, page(first), Date.UTC(2026, 2, 3));
    expect(await ids(repo, 'pullman00')).toEqual([rows[0]?.row.id]);
    // The whole batch in one page: 60 households and 60 members, a bulk write Dexie's own event reports as "the whole
    // table"; the tracker names the keys, so the index re-reads those rows, not every household.
    const fullReads = vi.spyOn(db.households, 'toArray');
    await applyPullPage(pullDb, page(rows), Date.UTC(2026, 2, 3));
    expect(await ids(repo, 'pullman')).toHaveLength(60);
    expect(fullReads).not.toHaveBeenCalled();
    expect(await ids(repo, 'pullman17')).toEqual([
      rows.find((c) => c.row.reference === 'RL-PULL-17')?.row.id,
    ]);
    const duplicates = await repo.findPossibleDuplicates(
      probe([{ firstName: 'Ilona', lastName: 'Pullman05', birthDate: '1977-07-07' }]),
    );
    expect(duplicates[0]?.householdId).toBe(rows.find((c) => c.row.reference === 'RL-PULL-5')?.row.id);
  });

  it('[IDX2] a merge pulled through the pull connection: the survivor is found by the merged people, the merged household no more', async () => {
    const { db, repo } = open();
    const survivor = (await repo.createHousehold(householdFields, [applicant])).household.id;
    const merged = (
      await repo.createHousehold({ ...householdFields, reference: 'RL-2026-0043' }, [
        { ...applicant, firstName: 'Noor', lastName: 'Martinez', birthDate: '1981-03-03' },
      ])
    ).household.id;
    expect(await ids(repo, 'martinez')).toEqual([merged]);
    await db.outbox.clear(); // pushed
    const { local: _local, ...row } = (await db.households.get(merged)) as unknown as Record<string, unknown>;
    const now = Date.UTC(2026, 2, 10);
    const tombstone = {
      ...row,
      deleted: true,
      deletedAt: now,
      deletedBy: 'coordinator-1',
      mergedInto: survivor,
      mergeId: '0195a1b2-c3d4-7000-8000-00000000aaaa',
      version: Number(row.version) + 1,
      updatedAt: now,
      updatedHlc: `${now}-0000-server`,
    };
    const pullDb = openPullConnection(db);
    opened.push(pullDb);
    await applyPullPage(pullDb, page([{ entity: 'household', row: tombstone }]), now);
    expect(await ids(repo, 'martinez')).toEqual([survivor]);
    const duplicates = await repo.findPossibleDuplicates(
      probe([{ firstName: 'Noor', lastName: 'Martinez', birthDate: '1981-03-03' }]),
    );
    expect(duplicates.map((d) => d.householdId)).toEqual([survivor]);
  });

  it('[IDX2] follows a connection that does not report (another tab) through Dexie’s change event', async () => {
    const { db, repo } = open();
    const a = (await repo.createHousehold(householdFields, [applicant])).household.id;
    expect(await ids(repo, 'zoe')).toEqual([a]);
    // A bare Dexie connection, without the tracker: its change reaches the index only as Dexie's
    // `storagemutated` event, as another tab's does.
    const other = new Dexie(db.name);
    declareSchemaVersions(other);
    opened.push(other);
    const stored = await db.households.get(a);
    await other.table('households').put({ ...stored, local: { ...stored?.local, nameTokens: ['yseult'] } });
    expect(await ids(repo, 'yseult')).toEqual([a]);
    expect(await ids(repo, 'zoe')).toEqual([]);
  });

  it('[IDX3] is emptied on lock, refuses to answer while locked, and is rebuilt after unlock', async () => {
    const { db, repo } = open();
    const a = (await repo.createHousehold(householdFields, [applicant])).household.id;
    const keyring = new DataKeyring(randomDataKey());
    const index = new SearchIndex(db, keyring);
    expect(await index.search('zoe')).toEqual([a]);
    expect(index.size).toBe(1);
    keyring.clear();
    expect(index.isBuilt).toBe(false);
    expect(index.size).toBe(0);
    await expect(index.search('zoe')).rejects.toBeInstanceOf(DeviceLockedError);
    // A write while locked (here, by another path) is seen by the rebuild at unlock.
    const b = (
      await repo.createHousehold(householdFields, [{ ...applicant, firstName: 'Zélie', lastName: 'Arnaud' }])
    ).household.id;
    keyring.set(randomDataKey());
    expect(await index.search('z')).toEqual([b, a]);
    index.dispose();
  });

  it('[IDX3] a lock during a build throws the build away', async () => {
    const { db, repo } = open();
    await repo.createHousehold(householdFields, [applicant]);
    const keyring = new DataKeyring(randomDataKey());
    const index = new SearchIndex(db, keyring);
    const building = index.ready();
    keyring.clear();
    await expect(building).rejects.toBeInstanceOf(DeviceLockedError);
    expect(index.isBuilt).toBe(false);
    expect(index.size).toBe(0);
    index.dispose();
  });
});

describe('search index built in pages after the first paint (issue 17, ADR 0031)', () => {
  it('[IDX3] reads the households a page at a time; a household written or renamed during the build is found', async () => {
    const { db, repo } = open();
    const made: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      const saved = await repo.createHousehold(householdFields, [{ ...applicant, lastName: `Page${i}` }]);
      made.push(saved.household.id);
    }
    const index = new SearchIndex(db, new DataKeyring(randomDataKey()), 2);
    const pages = vi.spyOn(db.households, 'where');
    const building = index.ready(['households']);
    // While the pages are read: a new household and a renamed applicant.
    const late = (
      await repo.createHousehold(householdFields, [{ ...applicant, firstName: 'Tardive', lastName: 'Late' }])
    ).household.id;
    const first = (await repo.getDossier(made[0] as string))?.members[0];
    await repo.updateFields('member', first?.id ?? '', { lastName: 'Renommée' });
    await building;
    // 8 or 9 households in pages of 2: the first page, then at least 3 more by id.
    expect(pages.mock.calls.length).toBeGreaterThanOrEqual(3);
    expect(index.size).toBe(8);
    for (let i = 1; i < 7; i += 1) expect(await index.search(`page${i}`)).toEqual([made[i]]);
    expect(await index.search('tardive')).toEqual([late]);
    expect(await index.search('renommee')).toEqual([made[0]]);
    expect(await index.search('page0')).toEqual([]);
    index.dispose();
  });

  it('[IDX3] the list asks for the build once its first rows are in, before any search', async () => {
    const { db, repo } = open();
    await repo.createHousehold(householdFields, [applicant]);
    const { createDossierListModel } = await import('../../src/state/workspace/dossier-list-model');
    const list = createDossierListModel(repo);
    const stop = list.start();
    await vi.waitFor(() => expect(list.results.value).toHaveLength(1));
    // No search was typed: the households' part is there all the same.
    await vi.waitFor(() => expect(searchIndexOf(db).size).toBe(1));
    stop();
  });
});
