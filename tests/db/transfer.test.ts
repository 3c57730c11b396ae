import { afterEach, describe, expect, it } from 'vitest';
import type { RelaisDb } from '../../src/db/app-db';
import { TransferValidationError } from '../../src/db/repository-errors';
import { TransferDocumentSchema } from '../../src/domain/dossier/transfer';
import { applicant, householdFields, openTestRepository, rentCharge, seededBytes } from './helpers';

let opened: RelaisDb[] = [];
afterEach(async () => {
  for (const db of opened) await db.delete();
  opened = [];
});

/** A device whose clock the test sets. */
function device(seed: number, startMs: number) {
  let now = startMs;
  const ctx = openTestRepository({
    seed,
    now: () => {
      now += 1;
      return now;
    },
    randomBytes: seededBytes(seed),
    currentUserId: () => `user-${seed}`,
  });
  opened.push(ctx.db);
  return { ...ctx, setTime: (ms: number) => (now = ms) };
}

const T0 = Date.UTC(2026, 2, 2, 9);

async function fullDossier(repo: ReturnType<typeof device>['repo']) {
  const { household } = await repo.createHousehold(householdFields, [applicant]);
  const creditor = await repo.addRow('creditor', household.id, { name: 'Bailleur', category: 'landlord' });
  await repo.addRow('debt', household.id, {
    creditorId: creditor.id,
    product: 'rent_arrears',
    capitalRemainingCents: 0,
    arrearsCents: 180_000,
    amountDueNowCents: 180_000,
    nominalRateBps: 0,
    instalmentMonthlyCents: 0,
    insuranceMonthlyCents: 0,
    isJoint: false,
    enforcementInProgress: true,
  });
  const charge = await repo.addRow('charge', household.id, rentCharge);
  await repo.addRow('resource', household.id, {
    type: 'salary',
    amountCents: 140_000,
    frequency: 'monthly',
    regular: true,
  });
  const note = await repo.appendNote(household.id, 'Premier entretien.');
  await repo.reviseNote(note.id, 'Premier entretien, bail apporté.');
  await repo.addRow('appointment', household.id, { startsAt: '2026-03-20T10:00', status: 'planned' });
  await repo.addRow('consent', household.id, {
    purpose: 'dossier_processing',
    date: '2026-03-02',
    recordedBy: 'user-1',
  });
  return { householdId: household.id, chargeId: charge.id };
}

/** Through JSON, as a file would carry it. */
function viaFile<T>(doc: T): unknown {
  return JSON.parse(JSON.stringify(doc));
}

describe('export and import', () => {
  it('round-trips every row, with its metadata, to a fresh device; imported rows go to its outbox', async () => {
    const a = device(1, T0);
    const b = device(2, T0 + 60_000);
    const { householdId } = await fullDossier(a.repo);
    const doc = await a.repo.exportDossiers('all');
    expect(TransferDocumentSchema.safeParse(doc).success).toBe(true);
    expect(doc.households).toHaveLength(1);

    const report = await b.repo.importDossiers(viaFile(doc));
    const rowCount = await a.db.outbox.count();
    expect(report).toMatchObject({
      created: rowCount,
      updated: 0,
      unchanged: 0,
      skippedNewerLocal: [],
      conflicts: [],
    });
    expect(report.householdIds).toEqual([householdId]);
    expect(await b.repo.getDossier(householdId, { includeDeleted: true })).toEqual(
      await a.repo.getDossier(householdId, { includeDeleted: true }),
    );

    const outbox = await b.db.outbox.toArray();
    expect(outbox).toHaveLength(rowCount);
    expect(outbox.map((e) => e.seq)).toEqual(Array.from({ length: rowCount }, (_, i) => i + 1));
    expect(new Set(outbox.map((e) => e.op))).toEqual(new Set(['create']));
    expect(new Set(outbox.map((e) => e.deviceId)).size).toBe(1);
    expect(outbox[0]?.deviceId).not.toBe(doc.deviceId);
    // The list on the new device finds it.
    expect((await b.repo.listDossiers({ search: 'martin' })).map((s) => s.householdId)).toEqual([
      householdId,
    ]);
  });

  it('importing the same file twice changes nothing the second time', async () => {
    const a = device(1, T0);
    const b = device(2, T0);
    await fullDossier(a.repo);
    const doc = viaFile(await a.repo.exportDossiers('all'));
    await b.repo.importDossiers(doc);
    const before = await b.db.outbox.count();
    const report = await b.repo.importDossiers(doc);
    expect(report).toMatchObject({ created: 0, updated: 0, skippedNewerLocal: [], conflicts: [] });
    expect(report.unchanged).toBe(before);
    expect(await b.db.outbox.count()).toBe(before);
  });

  it('applies newer imported rows, tombstones included, as patch and delete mutations', async () => {
    const a = device(1, T0);
    const b = device(2, T0);
    const { householdId, chargeId } = await fullDossier(a.repo);
    await b.repo.importDossiers(viaFile(await a.repo.exportDossiers([householdId])));
    a.setTime(T0 + 3_600_000);
    await a.repo.updateFields('household', householdId, { phone: '07 00 00 00 01' });
    await a.repo.removeRow('charge', chargeId);
    const report = await b.repo.importDossiers(viaFile(await a.repo.exportDossiers([householdId])));
    expect(report).toMatchObject({ created: 0, updated: 2, skippedNewerLocal: [], conflicts: [] });
    expect((await b.repo.getRow('household', householdId))?.phone).toBe('07 00 00 00 01');
    expect((await b.repo.getRow('charge', chargeId))?.deleted).toBe(true);
    const ops = (await b.db.outbox.orderBy('seq').toArray()).slice(-2).map((e) => [e.op, e.entity, e.patch]);
    expect(ops).toEqual([
      ['patch', 'household', { phone: '07 00 00 00 01' }],
      ['delete', 'charge', expect.objectContaining({ deleted: true })],
    ]);
  });

  it('never overwrites newer local data: the local row is kept and reported', async () => {
    const a = device(1, T0);
    const b = device(2, T0);
    const { householdId } = await fullDossier(a.repo);
    const oldFile = viaFile(await a.repo.exportDossiers('all'));
    await b.repo.importDossiers(oldFile);
    b.setTime(T0 + 3_600_000);
    await b.repo.updateFields('household', householdId, { phone: '07 12 12 12 12' });
    // Re-importing the older file must not bring the old phone back.
    const outboxBefore = await b.db.outbox.count();
    const report = await b.repo.importDossiers(oldFile);
    expect(report.updated).toBe(0);
    expect(report.skippedNewerLocal).toEqual([
      expect.objectContaining({ entity: 'household', id: householdId, fields: ['phone'] }),
    ]);
    expect((await b.repo.getRow('household', householdId))?.phone).toBe('07 12 12 12 12');
    expect(await b.db.outbox.count()).toBe(outboxBefore);
  });

  it('keeps unsynced local edits of a field the import also changed, and reports a conflict', async () => {
    const a = device(1, T0);
    const b = device(2, T0);
    const { householdId } = await fullDossier(a.repo);
    await b.repo.importDossiers(viaFile(await a.repo.exportDossiers('all')));
    b.setTime(T0 + 1_000_000);
    await b.repo.updateFields('household', householdId, { status: 'follow_up' });
    a.setTime(T0 + 2_000_000);
    await a.repo.updateFields('household', householdId, { status: 'closed', phone: '07 99 99 99 99' });
    const report = await b.repo.importDossiers(viaFile(await a.repo.exportDossiers('all')));
    expect(report.conflicts).toEqual([
      expect.objectContaining({
        entity: 'household',
        id: householdId,
        fields: [{ field: 'status', local: 'follow_up', incoming: 'closed' }],
      }),
    ]);
    const row = await b.repo.getRow('household', householdId);
    expect(row?.status).toBe('follow_up');
    expect(row?.phone).toBe('07 99 99 99 99');
    const conflicts = await b.db.conflicts.toArray();
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ source: 'import', status: 'open', entityId: householdId });
  });

  it('rejects an invalid document and imports nothing', async () => {
    const a = device(1, T0);
    const b = device(2, T0);
    await fullDossier(a.repo);
    const doc = viaFile(await a.repo.exportDossiers('all')) as {
      households: { charges: { amountCents: unknown }[] }[];
    };
    const charge = doc.households[0]?.charges[0];
    if (charge) charge.amountCents = 'beaucoup';
    await expect(b.repo.importDossiers(doc)).rejects.toBeInstanceOf(TransferValidationError);
    await expect(b.repo.importDossiers({ format: 'other' })).rejects.toBeInstanceOf(TransferValidationError);
    expect(await b.db.households.count()).toBe(0);
    expect(await b.db.outbox.count()).toBe(0);
  });
});
