// @vitest-environment node
/**
 * [PULL1] The initial pull's fast path (issue 6, Benchmarks): a pull into an empty store with an
 * empty outbox reads no incoming row and refreshes the household index once per page, in batch.
 * It must store exactly what the read-and-rebase path stores: the same rows, the same `local`
 * household index, whatever the page size. The pages are captured from the real app, then
 * applied to a fresh database (fast path) and to a fresh database whose outbox holds a pending
 * entry without fields for every pulled row (every row then goes through the read and rebase
 * path; an entry that changes no field keeps the server values).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RelaisDb } from '../../src/db/app-db';
import { computeHouseholdLocal } from '../../src/db/household-index';
import { applyPullPage } from '../../src/db/sync-apply/pull-apply';
import type { FieldsOf } from '../../src/domain/dossier/rows';
import { ENTITY_NAMES, ENTITY_TABLES } from '../../src/domain/sync/entities';
import type { OutboxEntry } from '../../src/domain/sync/mutation';
import type { PullResponse } from '../../src/domain/sync/protocol';
import type { SyncClient } from '../../src/sync/sync-client';
import {
  applicantFields,
  capturingClient,
  type Device,
  householdFields,
  makeDevice,
  rentFields,
  TestServer,
} from './helpers';

let counter = 0;
function freshDb(): RelaisDb {
  counter += 1;
  return new RelaisDb(`initial-pull-${counter}-${Math.random().toString(36).slice(2)}`);
}

/** Every row of every synced table, `local` included, sorted by id. */
async function everything(db: RelaisDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const entity of ENTITY_NAMES) {
    const rows = (await db.table(ENTITY_TABLES[entity]).toArray()) as { id: string }[];
    out[entity] = rows.sort((a, b) => a.id.localeCompare(b.id));
  }
  return out;
}

describe('[PULL1] initial pull into an empty store (fast path)', () => {
  let server: TestServer;
  const dbs: RelaisDb[] = [];
  let author: Device;

  beforeEach(async () => {
    server = await TestServer.start();
    await server.makeWorld();
    author = await makeDevice(server, 'author');
    const repo = author.repository;
    // Dossiers written over several commits, so a household's rows spread over several pages:
    // later member edits, a deleted member (tombstone), appointments added after the household.
    for (let i = 0; i < 4; i += 1) {
      const { household, members } = await repo.createHousehold(
        { ...householdFields(), phone: `06 12 34 56 7${i}` } as Parameters<typeof repo.createHousehold>[0],
        [
          applicantFields(),
          {
            role: 'co_applicant',
            firstName: `Karim${i}`,
            lastName: 'Benali',
            birthDate: `1982-03-0${i + 1}`,
          } as FieldsOf<'member'>,
        ],
      );
      await repo.addRow('charge', household.id, rentFields(40_000 + i));
      await repo.addRow('appointment', household.id, {
        startsAt: `2026-12-0${i + 1}T10:00`,
        status: 'planned',
      } as FieldsOf<'appointment'>);
      server.clock.advance(1_000);
      const spouse = members[1];
      if (spouse === undefined) throw new Error('no spouse');
      if (i % 2 === 0) await repo.removeRow('member', spouse.id);
      else await repo.updateFields('member', spouse.id, { firstName: `Samir${i}` });
      await repo.addRow('appointment', household.id, {
        startsAt: `2026-11-2${i}T09:30`,
        status: 'planned',
      } as FieldsOf<'appointment'>);
      await repo.updateFields('household', household.id, { reference: `REF-${i}` } as never);
    }
    await author.client.sync();
  });
  afterEach(async () => {
    author.db.close();
    for (const db of dbs.splice(0)) {
      db.close();
      await db.delete();
    }
    await server.close();
  });

  /** A fresh device's client; its pull pages are captured as the server sent them. */
  async function freshClient(
    pullLimit?: number,
  ): Promise<{ db: RelaisDb; client: SyncClient; pages: PullResponse[] }> {
    const db = freshDb();
    dbs.push(db);
    const { client, pages } = await capturingClient(server, db, pullLimit === undefined ? {} : { pullLimit });
    return { db, client, pages };
  }

  it('stores the same rows and household index as the read-and-rebase path, whatever the page size', async () => {
    // One large page (the default initial limit) and pages of 4 rows.
    const large = await freshClient();
    await large.client.sync();
    expect(large.pages).toHaveLength(1);
    const small = await freshClient(4);
    await small.client.sync();
    expect(small.pages.length).toBeGreaterThanOrEqual(5);
    const rowCount = small.pages.reduce((n, p) => n + p.changes.length, 0);
    expect(large.pages[0]?.changes.length).toBe(rowCount);

    // The same small pages applied to a store whose outbox holds an entry for every pulled row.
    const slow = freshDb();
    dbs.push(slow);
    await slow.open();
    const pending: OutboxEntry[] = small.pages
      .flatMap((p) => p.changes)
      .map((change, i) => ({
        seq: i + 1,
        mutationId: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`,
        deviceId: 'slow-device',
        userId: 'local-user',
        op: 'patch',
        entity: change.entity,
        entityId: change.row.id,
        householdId: String(change.row.householdId),
        patch: {},
        base: { version: 0, fieldVersions: {} },
        hlc: '0000000000000-0000-slow-device',
        schemaVersion: 1,
        appVersion: '1.0.0',
        state: 'pending',
        attempts: 0,
        createdAt: 0,
      }));
    // First without an outbox (the fast path again), then, as after a reset (PULL6), the same
    // pages once more over the stored rows with an entry pending on every one of them: each row
    // is read and rebased.
    for (const page of small.pages) await applyPullPage(slow, page, server.clock.now());
    await slow.outbox.bulkPut(pending);
    let rebased = 0;
    for (const page of small.pages) rebased += (await applyPullPage(slow, page, server.clock.now())).rebased;
    expect(rebased).toBe(rowCount);

    const fast = await everything(large.db);
    expect(await everything(small.db)).toEqual(fast);
    expect(await everything(slow)).toEqual(fast);

    // And the index is what the definition says: every member and appointment stored for the
    // household, activity = the latest change to any row of the dossier.
    const households = fast.household as Parameters<typeof computeHouseholdLocal>[0][] &
      { id: string; local: unknown }[];
    expect(households).toHaveLength(4);
    for (const household of households) {
      const of = (entity: 'member' | 'appointment') =>
        (fast[entity] as { householdId: string }[]).filter((r) => r.householdId === household.id);
      const dossier = ENTITY_NAMES.flatMap((e) =>
        (fast[e] as { householdId: string; updatedAt: number }[]).filter(
          (r) => r.householdId === household.id,
        ),
      );
      const activity = Math.max(...dossier.map((r) => r.updatedAt));
      expect(household.local).toEqual(
        computeHouseholdLocal(household, of('member') as never, of('appointment') as never, activity),
      );
    }
  });
});
