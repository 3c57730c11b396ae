/**
 * `admin.ts rescan-duplicates` (docs/merges.md DUP1c): the operator rebuilds detection from the
 * synced rows, for instance after a restore, and what a crash left queued is detected after.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAdminCli } from '../../../sync-server/src/cli/admin';
import { SqliteStore } from '../../../sync-server/src/stores/sqlite-store';
import type { RelaisStore } from '../../../sync-server/src/stores/store';
import { makeTempDir } from '../helpers';

const EMPTY_STDIN = process.stdin;

/** Two records of one person and a third household, written as a push would leave them. */
async function seed(store: RelaisStore): Promise<void> {
  await store.transaction(async (tx) => {
    let seq = 0;
    for (const [id, first] of [
      ['h1', 'Aïcha'],
      ['h2', 'Aicha'],
      ['h3', 'Jean'],
    ] as const) {
      await tx.upsertHousehold({ id, welcomePointId: null, createdBy: 'u1' });
      const person = {
        firstName: first,
        lastName: first === 'Jean' ? 'Dupont' : 'Benali',
        birthDate: '1984-05-12',
      };
      for (const [entity, rowId, data] of [
        ['household', id, { id, status: 'intake', openedOn: '2026-11-02' }],
        ['member', `${id}-m`, { id: `${id}-m`, householdId: id, role: 'applicant', ...person }],
      ] as const) {
        seq += 1;
        await tx.upsertRow({
          entity,
          id: rowId,
          householdId: id,
          version: 1,
          seq,
          deleted: false,
          data,
          fieldMeta: {},
          updatedHlc: 'h',
        });
      }
    }
    // What a crash left queued: detected after the rescan.
    await tx.queueHouseholds(['h3'], 1);
  });
}

describe('[DUP1c] rescan-duplicates CLI', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.cleanup());

  it('rebuilds profiles, keys and pairs from the synced rows, then drains the queue', async () => {
    const store = new SqliteStore({ path: join(temp.dir, 'relais.sqlite') });
    await store.migrate();
    await seed(store);
    await store.close();

    const result = await runAdminCli(['rescan-duplicates'], { DATA_DIR: temp.dir }, EMPTY_STDIN);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/Rescanned 3 households \(3 matched/);
    expect(result.out).toMatch(/1 open/);
    expect(result.out).toMatch(/1 queued households detected after/);

    const reopened = new SqliteStore({ path: join(temp.dir, 'relais.sqlite') });
    try {
      const pairs = await reopened.transaction((tx) => tx.listDuplicatePairs({ status: 'open', limit: 10 }));
      expect(pairs.map((p) => [p.householdA, p.householdB])).toEqual([['h1', 'h2']]);
      expect(await reopened.transaction((tx) => tx.queueLength())).toBe(0);
    } finally {
      await reopened.close();
    }
  });
});
