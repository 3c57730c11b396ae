import { afterEach, describe, expect, it } from 'vitest';
import type { RelaisDb } from '../../src/db/app-db';
import { AppendOnlyError, RowNotFoundError, RowValidationError } from '../../src/db/repository-errors';
import { OutboxEntrySchema } from '../../src/domain/sync/mutation';
import { applicant, householdFields, openTestRepository, rentCharge } from './helpers';

let opened: RelaisDb[] = [];
function setup(options: Parameters<typeof openTestRepository>[0] = {}) {
  const ctx = openTestRepository(options);
  opened.push(ctx.db);
  return ctx;
}
afterEach(async () => {
  for (const db of opened) await db.delete();
  opened = [];
});

describe('write path: one outbox entry per row change, in the same transaction', () => {
  it('createHousehold writes the household, its members and one outbox entry each', async () => {
    const { db, repo } = setup();
    const { household, members } = await repo.createHousehold(householdFields, [applicant]);
    expect(household.householdId).toBe(household.id);
    expect(household.version).toBe(0);
    expect(household.deleted).toBe(false);
    expect(household.origin).toEqual({ deviceId: expect.any(String), userId: 'user-1' });
    const outbox = await db.outbox.toArray();
    expect(outbox.map((e) => [e.op, e.entity, e.entityId])).toEqual([
      ['create', 'household', household.id],
      ['create', 'member', members[0]?.id],
    ]);
    for (const entry of outbox) {
      expect(OutboxEntrySchema.safeParse(entry).success).toBe(true);
      expect(entry.householdId).toBe(household.id);
      expect(entry.deviceId).toBe(household.origin.deviceId);
      expect(entry.base).toEqual({ version: 0, fieldVersions: {} });
      expect(entry.state).toBe('pending');
    }
    expect(outbox[1]?.patch).toMatchObject({ firstName: 'Zoé', lastName: 'Martin', role: 'applicant' });
    expect(outbox[1]?.patch).not.toHaveProperty('version');
  });

  it('each write adds exactly one outbox entry, seq strictly increasing and gapless', async () => {
    const { db, repo } = setup();
    const { household } = await repo.createHousehold(householdFields);
    const charge = await repo.addRow('charge', household.id, rentCharge);
    await repo.updateFields('charge', charge.id, { amountCents: 70_000 });
    await repo.updateFields('household', household.id, { phone: '07 00 00 00 00', status: 'follow_up' });
    await repo.removeRow('charge', charge.id);
    await repo.restoreRow('charge', charge.id);
    const seqs = (await db.outbox.toArray()).map((e) => e.seq);
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await db.meta.get('nextSeq'))?.value).toBe(7);
    const hlcs = (await db.outbox.toArray()).map((e) => e.hlc);
    expect([...hlcs].sort()).toEqual(hlcs);
    expect(new Set((await db.outbox.toArray()).map((e) => e.mutationId)).size).toBe(6);
  });

  it('a patch records only changed fields, with their base versions, and clears with null', async () => {
    const { db, repo } = setup();
    const { household } = await repo.createHousehold(householdFields);
    // Pretend the server acknowledged the row at version 3.
    await db.households.update(household.id, { version: 3, fieldVersions: { phone: 2, status: 3 } });
    const updated = await repo.updateFields('household', household.id, {
      phone: '07 11 22 33 44',
      status: 'active',
      reference: undefined,
    });
    expect(updated.reference).toBeUndefined();
    expect(updated.updatedHlc > household.updatedHlc).toBe(true);
    const last = await db.outbox.orderBy('seq').last();
    expect(last?.op).toBe('patch');
    expect(last?.patch).toEqual({ phone: '07 11 22 33 44', reference: null });
    expect(last?.base).toEqual({ version: 3, fieldVersions: { phone: 2, reference: 0 } });
  });

  it('a patch that changes nothing writes nothing', async () => {
    const { db, repo } = setup();
    const { household } = await repo.createHousehold(householdFields);
    await repo.updateFields('household', household.id, { status: 'active', phone: '06 12 34 56 78' });
    expect(await db.outbox.count()).toBe(1);
  });

  it('a schema-invalid write rejects and leaves neither row nor outbox entry', async () => {
    const { db, repo } = setup();
    const { household } = await repo.createHousehold(householdFields);
    const before = await db.outbox.count();
    await expect(
      repo.addRow('charge', household.id, { ...rentCharge, amountCents: -5 }),
    ).rejects.toBeInstanceOf(RowValidationError);
    await expect(repo.updateFields('household', household.id, { departement: '999' })).rejects.toBeInstanceOf(
      RowValidationError,
    );
    expect(await db.charges.count()).toBe(0);
    expect(await db.outbox.count()).toBe(before);
    expect((await db.households.get(household.id))?.departement).toBe('69');
    expect((await db.meta.get('nextSeq'))?.value).toBe(2);
  });

  it('a failure later in the transaction rolls back the row, its outbox entry and seq', async () => {
    const { db, repo } = setup();
    const { household } = await repo.createHousehold(householdFields);
    // The second member is invalid: the first one, already written in the transaction, must go too.
    await expect(
      repo.createHousehold(householdFields, [applicant, { ...applicant, birthDate: '1980-02-30' }]),
    ).rejects.toBeInstanceOf(RowValidationError);
    expect(await db.households.count()).toBe(1);
    expect(await db.members.count()).toBe(0);
    expect(await db.outbox.count()).toBe(1);
    const next = await repo.addRow('charge', household.id, rentCharge);
    expect((await db.outbox.orderBy('seq').last())?.entityId).toBe(next.id);
    expect((await db.outbox.orderBy('seq').last())?.seq).toBe(2);
  });

  it('rejects rows for a missing or deleted household', async () => {
    const { repo } = setup();
    await expect(repo.addRow('charge', 'nope', rentCharge)).rejects.toBeInstanceOf(RowNotFoundError);
    const { household } = await repo.createHousehold(householdFields);
    await repo.removeRow('household', household.id);
    await expect(repo.addRow('charge', household.id, rentCharge)).rejects.toBeInstanceOf(RowNotFoundError);
    await expect(repo.updateFields('household', household.id, { status: 'closed' })).rejects.toBeInstanceOf(
      RowNotFoundError,
    );
  });
});

describe('tombstones', () => {
  it('removeRow keeps the row, marked deleted, and records a delete mutation', async () => {
    const { db, repo } = setup();
    const { household } = await repo.createHousehold(householdFields);
    const charge = await repo.addRow('charge', household.id, rentCharge);
    await repo.removeRow('charge', charge.id);
    const stored = await db.charges.get(charge.id);
    expect(stored?.deleted).toBe(true);
    expect(stored?.deletedBy).toBe('user-1');
    expect(typeof stored?.deletedAt).toBe('number');
    const last = await db.outbox.orderBy('seq').last();
    expect(last?.op).toBe('delete');
    expect(last?.patch).toEqual({ deleted: true, deletedAt: stored?.deletedAt, deletedBy: 'user-1' });
    expect((await repo.getDossier(household.id))?.charges).toEqual([]);
    expect((await repo.getDossier(household.id, { includeDeleted: true }))?.charges).toHaveLength(1);
    // Deleting twice is a no-op.
    await repo.removeRow('charge', charge.id);
    expect(await db.outbox.count()).toBe(3);
  });

  it('restoreRow clears the tombstone with a restore mutation', async () => {
    const { db, repo } = setup();
    const { household } = await repo.createHousehold(householdFields);
    const charge = await repo.addRow('charge', household.id, rentCharge);
    await repo.removeRow('charge', charge.id);
    await repo.restoreRow('charge', charge.id);
    const stored = await db.charges.get(charge.id);
    expect(stored?.deleted).toBe(false);
    expect(stored).not.toHaveProperty('deletedAt');
    const last = await db.outbox.orderBy('seq').last();
    expect(last?.op).toBe('restore');
    expect(last?.patch).toEqual({ deleted: false, deletedAt: null, deletedBy: null });
  });

  it('a deleted household leaves the list', async () => {
    const { repo } = setup();
    const { household } = await repo.createHousehold(householdFields);
    await repo.removeRow('household', household.id);
    expect(await repo.listDossiers()).toEqual([]);
    expect(await repo.getDossier(household.id)).toBeUndefined();
    expect((await repo.listDossiers({ includeDeleted: true })).map((s) => s.householdId)).toEqual([
      household.id,
    ]);
  });
});

describe('notes are append-only', () => {
  it('reviseNote appends a revision that supersedes the previous one', async () => {
    const { db, repo } = setup();
    const { household } = await repo.createHousehold(householdFields);
    const first = await repo.appendNote(household.id, 'Premier rendez-vous.');
    const second = await repo.reviseNote(first.id, 'Premier rendez-vous, courriers apportés.');
    expect(second.supersedes).toBe(first.id);
    expect(second.id).not.toBe(first.id);
    expect((await db.notes.get(first.id))?.text).toBe('Premier rendez-vous.');
    const ops = (await db.outbox.where('entity').equals('note').toArray()).map((e) => e.op);
    expect(ops).toEqual(['create', 'create']);
    const dossier = await repo.getDossier(household.id);
    expect(dossier?.notes.map((n) => n.id)).toEqual([first.id, second.id]);
  });

  it('updateFields refuses to edit a note', async () => {
    const { repo } = setup();
    const { household } = await repo.createHousehold(householdFields);
    const note = await repo.appendNote(household.id, 'x');
    await expect(repo.updateFields('note', note.id, { text: 'y' })).rejects.toBeInstanceOf(AppendOnlyError);
  });
});

describe('getDossier', () => {
  it('returns the household with all its rows, parsed', async () => {
    const { repo } = setup();
    const { household, members } = await repo.createHousehold(householdFields, [applicant]);
    const creditor = await repo.addRow('creditor', household.id, {
      name: 'Banque X',
      category: 'credit_institution',
    });
    await repo.addRow('debt', household.id, {
      creditorId: creditor.id,
      product: 'revolving_credit',
      capitalRemainingCents: 300_000,
      arrearsCents: 0,
      amountDueNowCents: 0,
      nominalRateBps: 1900,
      instalmentMonthlyCents: 9_000,
      insuranceMonthlyCents: 0,
      isJoint: false,
      enforcementInProgress: false,
    });
    await repo.addRow('action', household.id, {
      kind: 'mediation_request',
      date: '2026-03-03',
      status: 'sent',
      creditorId: creditor.id,
    });
    await repo.addRow('appointment', household.id, { startsAt: '2026-03-10T14:30', status: 'planned' });
    await repo.addRow('consent', household.id, {
      purpose: 'dossier_processing',
      date: '2026-03-02',
      recordedBy: 'user-1',
    });
    await repo.addRow('scenario', household.id, {
      name: 'Plan 84 mois',
      savedAt: 1,
      savedBy: 'user-1',
      isChosen: true,
      parameters: { months: 84 },
      summary: { monthly: 12_000 },
    });
    const dossier = await repo.getDossier(household.id);
    expect(dossier?.household.reference).toBe('RL-2026-0042');
    expect(dossier?.household).not.toHaveProperty('local');
    expect(dossier?.members.map((m) => m.id)).toEqual([members[0]?.id]);
    expect(dossier?.creditors).toHaveLength(1);
    expect(dossier?.debts).toHaveLength(1);
    expect(dossier?.actions[0]?.kind).toBe('mediation_request');
    expect(dossier?.appointments).toHaveLength(1);
    expect(dossier?.consents).toHaveLength(1);
    expect(dossier?.scenarios[0]?.summary).toEqual({ monthly: 12_000 });
  });

  it('reports and skips a stored row that no longer parses', async () => {
    const invalid: string[] = [];
    const { db, repo } = setup({ onInvalidRow: (table, id) => invalid.push(`${table}/${id}`) });
    const { household } = await repo.createHousehold(householdFields);
    const charge = await repo.addRow('charge', household.id, rentCharge);
    await db.charges.update(charge.id, { amountCents: 'lots' as unknown as number });
    expect((await repo.getDossier(household.id))?.charges).toEqual([]);
    expect(invalid).toEqual([`charges/${charge.id}`]);
  });
});
