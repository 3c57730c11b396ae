/**
 * PULL2 through the page transaction (src/db/sync-apply/pull-apply.ts): a field edited on the
 * device and not pushed yet keeps its local value when a pull brings the row, while the other
 * fields take the server's. The rule itself is property-tested on the pure function
 * (tests/domain/sync/rebase.test.ts); this checks that the transaction feeds it the local row.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RelaisDb } from '../../../src/db/app-db';
import { applyPullPage } from '../../../src/db/sync-apply/pull-apply';
import type { EntityName } from '../../../src/domain/sync/entities';
import type { PullResponse } from '../../../src/domain/sync/protocol';
import { applicant, householdFields, openTestRepository, rentCharge } from '../helpers';

let opened: RelaisDb[] = [];
afterEach(() => {
  for (const db of opened) db.close();
  opened = [];
});

/**
 * A device holding a household with its rent, everything pushed, then one unsent local edit of
 * `entity`; and the page a server sends with another field of that row changed by someone else.
 */
async function pendingEditThenPull(entity: Extract<EntityName, 'household' | 'charge'>) {
  const { db, repo } = openTestRepository();
  opened.push(db);
  const { household } = await repo.createHousehold(householdFields, [applicant]);
  const rent = await repo.addRow('charge', household.id, rentCharge);
  await db.outbox.clear(); // pushed and acknowledged
  const id = entity === 'household' ? household.id : rent.id;
  const before = (await db.table(entity === 'household' ? 'households' : 'charges').get(id)) as Record<
    string,
    unknown
  >;
  const { local: _local, ...synced } = before;
  const localEdit = entity === 'household' ? { phone: '07 99 99 99 99' } : { amountCents: 12_345 };
  await repo.updateFields(entity, id, localEdit);
  // Another device changed the label (charge) or the reference (household) meanwhile.
  const serverEdit = entity === 'household' ? { reference: 'RL-2026-0099' } : { label: 'Loyer (bail 2026)' };
  const fieldVersions = synced.fieldVersions as Record<string, number>;
  const serverRow: Record<string, unknown> = {
    ...synced,
    ...serverEdit,
    version: Number(synced.version) + 1,
    fieldVersions: { ...fieldVersions, [Object.keys(serverEdit)[0] as string]: 2 },
  };
  const page: PullResponse = {
    changes: [{ seq: 7, entity, row: serverRow as PullResponse['changes'][number]['row'] }],
    nextCursor: 'c1.1.7',
    hasMore: false,
    deviceLastSeq: 0,
    serverTime: 0,
  };
  const applied = await applyPullPage(db, page, Date.UTC(2026, 2, 3));
  const stored = (await db.table(entity === 'household' ? 'households' : 'charges').get(id)) as Record<
    string,
    unknown
  >;
  return {
    applied,
    stored,
    localEdit,
    serverEdit,
    serverVersion: serverRow.version,
    pending: await db.outbox.count(),
  };
}

describe('PULL2 in the pull page transaction', () => {
  it('[PULL2] a household field edited on the device keeps its local value; the server’s other fields apply', async () => {
    const { applied, stored, localEdit, serverEdit, serverVersion, pending } =
      await pendingEditThenPull('household');
    expect(applied.rebased).toBe(1);
    expect(stored).toMatchObject({ ...localEdit, ...serverEdit, version: serverVersion });
    expect(pending).toBe(1);
  });

  // applyPullPage writes the page's child rows before it reads the local rows to rebase (PULL12,
  // ADR 0013): the pending value must come from the outbox, not from the row read back (a bug
  // found in issue 13, when the local value was lost until the edit was pushed and pulled again).
  it('[PULL2] a charge field edited on the device keeps its local value; the server’s other fields apply', async () => {
    const { applied, stored, localEdit, serverEdit, serverVersion, pending } =
      await pendingEditThenPull('charge');
    expect(applied.rebased).toBe(1);
    expect(pending).toBe(1);
    expect(stored).toMatchObject({ ...localEdit, ...serverEdit, version: serverVersion });
  });
});
