/**
 * Issue 15's entities on the device (docs/reports-and-plans.md): plans, their payments and
 * micro-credits are children of a household, written, read, exported and pulled like any other;
 * a workshop session is a root (WS1: its own scope, `householdId === id`), kept out of the dossier
 * list, duplicate checks and household counts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RelaisDb } from '../../src/db/app-db';
import { readDeviceUsage } from '../../src/db/device-wipe';
import { applyPullPage } from '../../src/db/sync-apply/pull-apply';
import type { FieldsOf } from '../../src/domain/dossier/rows';
import type { PullResponse } from '../../src/domain/sync/protocol';
import { applicant, householdFields, openTestRepository } from './helpers';

let opened: RelaisDb[] = [];
function setup(seed = 42) {
  const ctx = openTestRepository({ seed });
  opened.push(ctx.db);
  return ctx;
}
afterEach(async () => {
  for (const db of opened) await db.delete();
  opened = [];
});

const plan: FieldsOf<'plan'> = {
  kind: 'bdf_conventional',
  firstDueOn: '2026-04-05',
  steps: [
    { months: 6, monthlyCents: 0 },
    { months: 30, monthlyCents: 15_000 },
  ],
  reference: 'BDF-69-2026-001',
};
const microcredit: FieldsOf<'microcredit'> = {
  requestedOn: '2026-02-10',
  purpose: 'Voiture pour aller au travail',
  decision: 'granted',
  amountCents: 300_000,
  months: 24,
  monthlyPaymentCents: 13_500,
};
function workshop(overrides: Partial<FieldsOf<'workshop'>> = {}): FieldsOf<'workshop'> {
  return {
    date: '2026-03-12',
    welcomePointId: 'wp-lyon',
    topic: 'Le budget du mois',
    durationMinutes: 120,
    participantHouseholdIds: [],
    anonymousParticipants: 4,
    ...overrides,
  };
}

describe('plans, plan payments and micro-credits: children of a household', () => {
  it('round trip: added, read in the dossier, edited, deleted and restored, one outbox entry each', async () => {
    const { db, repo } = setup();
    const { household } = await repo.createHousehold(householdFields, [applicant]);
    const p = await repo.addRow('plan', household.id, plan);
    const payment = await repo.addRow('plan_payment', household.id, {
      planId: p.id,
      dueOn: '2026-10-05',
      status: 'paid',
      amountCents: 15_000,
      paidOn: '2026-10-04',
      source: 'counsellor',
      recordedOn: '2026-10-06',
    });
    const mc = await repo.addRow('microcredit', household.id, microcredit);
    for (const row of [p, payment, mc]) expect(row.householdId).toBe(household.id);

    const dossier = await repo.getDossier(household.id);
    expect(dossier?.plans).toEqual([p]);
    expect(dossier?.planPayments).toEqual([payment]);
    expect(dossier?.microcredits).toEqual([mc]);
    expect(await db.planPayments.where('planId').equals(p.id).primaryKeys()).toEqual([payment.id]);

    await repo.updateFields('plan', p.id, { lastReviewOn: '2026-09-01' });
    await repo.updateFields('microcredit', mc.id, { repaidOn: '2028-03-01' });
    await repo.removeRow('plan_payment', payment.id);
    expect((await repo.getDossier(household.id))?.planPayments).toEqual([]);
    await repo.restoreRow('plan_payment', payment.id);
    const after = await repo.getDossier(household.id);
    expect(after?.plans[0]?.lastReviewOn).toBe('2026-09-01');
    expect(after?.microcredits[0]?.repaidOn).toBe('2028-03-01');
    expect(after?.planPayments.map((r) => r.id)).toEqual([payment.id]);

    const outbox = await db.outbox.orderBy('seq').toArray();
    expect(outbox.slice(2).map((e) => [e.op, e.entity, e.householdId])).toEqual([
      ['create', 'plan', household.id],
      ['create', 'plan_payment', household.id],
      ['create', 'microcredit', household.id],
      ['patch', 'plan', household.id],
      ['patch', 'microcredit', household.id],
      ['delete', 'plan_payment', household.id],
      ['restore', 'plan_payment', household.id],
    ]);
  });

  it('a transfer file carries them, and one exported before issue 15 (no such collections) still imports', async () => {
    const a = setup(1);
    const { household } = await a.repo.createHousehold(householdFields, [applicant]);
    const p = await a.repo.addRow('plan', household.id, plan);
    const mc = await a.repo.addRow('microcredit', household.id, microcredit);
    const document = await a.repo.exportDossiers([household.id]);
    const b = setup(2);
    await b.repo.importDossiers(JSON.parse(JSON.stringify(document)));
    const imported = await b.repo.getDossier(household.id);
    expect(imported?.plans.map((r) => r.id)).toEqual([p.id]);
    expect(imported?.microcredits.map((r) => r.id)).toEqual([mc.id]);

    const old = JSON.parse(JSON.stringify(document));
    for (const d of old.households) {
      delete d.plans;
      delete d.planPayments;
      delete d.microcredits;
    }
    const c = setup(3);
    const report = await c.repo.importDossiers(old);
    expect(report.householdIds).toEqual([household.id]);
    expect((await c.repo.getDossier(household.id))?.plans).toEqual([]);
  });
});

describe('workshops: a root entity (WS1)', () => {
  it('[WS1] createWorkshop writes a root row (householdId === id) and one outbox entry naming it as its own household', async () => {
    const { db, repo } = setup();
    const w = await repo.createWorkshop(workshop());
    expect(w.householdId).toBe(w.id);
    expect(w.version).toBe(0);
    const outbox = await db.outbox.toArray();
    expect(outbox.map((e) => [e.op, e.entity, e.entityId, e.householdId])).toEqual([
      ['create', 'workshop', w.id, w.id],
    ]);
    expect(outbox[0]?.patch).toMatchObject({ welcomePointId: 'wp-lyon', anonymousParticipants: 4 });

    const edited = await repo.updateFields('workshop', w.id, { anonymousParticipants: 6 });
    expect(edited.anonymousParticipants).toBe(6);
    await repo.removeRow('workshop', w.id);
    expect(await repo.listWorkshops()).toEqual([]);
    await repo.restoreRow('workshop', w.id);
    expect((await repo.listWorkshops()).map((r) => r.anonymousParticipants)).toEqual([6]);
    expect((await db.outbox.toArray()).map((e) => [e.op, e.householdId])).toEqual([
      ['create', w.id],
      ['patch', w.id],
      ['delete', w.id],
      ['restore', w.id],
    ]);
  });

  it('[WS1] listWorkshops filters by period (bounds included) and welcome points, by date', async () => {
    const { repo } = setup();
    const march = await repo.createWorkshop(workshop({ date: '2026-03-31' }));
    const april = await repo.createWorkshop(workshop({ date: '2026-04-01', welcomePointId: 'wp-vienne' }));
    const feb = await repo.createWorkshop(workshop({ date: '2026-02-01' }));
    expect((await repo.listWorkshops()).map((r) => r.id)).toEqual([feb.id, march.id, april.id]);
    expect((await repo.listWorkshops({ from: '2026-03-01', to: '2026-03-31' })).map((r) => r.id)).toEqual([
      march.id,
    ]);
    expect((await repo.listWorkshops({ from: '2026-03-31' })).map((r) => r.id)).toEqual([march.id, april.id]);
    expect((await repo.listWorkshops({ welcomePointIds: ['wp-vienne'] })).map((r) => r.id)).toEqual([
      april.id,
    ]);
  });

  it('[WS1] a workshop is no dossier: not in the dossier list, the duplicate check or the household count, and it cannot take child rows', async () => {
    const { db, repo } = setup();
    const { household } = await repo.createHousehold(householdFields, [applicant]);
    const w = await repo.createWorkshop(workshop({ participantHouseholdIds: [household.id] }));
    expect((await repo.listDossiers()).map((s) => s.household.id)).toEqual([household.id]);
    expect((await repo.listDossiers({ includeDeleted: true })).map((s) => s.household.id)).toEqual([
      household.id,
    ]);
    expect(await repo.getDossier(w.id)).toBeUndefined();
    const probe = {
      people: [{ firstName: 'Zoé', lastName: 'Martin', birthDate: '1980-02-01' }],
      phones: [],
      emails: [],
    };
    expect((await repo.findPossibleDuplicates(probe)).map((d) => d.householdId)).toEqual([household.id]);
    expect((await readDeviceUsage(db)).dossiers).toBe(1);
    await expect(repo.addRow('plan', w.id, plan)).rejects.toMatchObject({ name: 'RowNotFoundError' });
  });

  it('[WS1] a pulled workshop is stored in its table, and a scope removal of it takes it off the device', async () => {
    const { db, repo } = setup();
    const w = await repo.createWorkshop(workshop());
    await db.outbox.clear(); // pushed
    const pulled = { ...w, version: 1, topic: 'Énergie', updatedHlc: `${Date.UTC(2026, 2, 20)}-0000-server` };
    const page = (extra: Partial<PullResponse>, seq: number) =>
      ({
        changes: [],
        nextCursor: `c1.1.${seq}`,
        hasMore: false,
        deviceLastSeq: 0,
        serverTime: 0,
        ...extra,
      }) as PullResponse;
    await applyPullPage(
      db,
      page(
        { changes: [{ seq: 5, entity: 'workshop', row: pulled as PullResponse['changes'][number]['row'] }] },
        5,
      ),
      Date.UTC(2026, 2, 20),
    );
    expect((await repo.listWorkshops()).map((r) => r.topic)).toEqual(['Énergie']);
    expect(await db.households.count()).toBe(0);
    const applied = await applyPullPage(
      db,
      page({ scopeRemovals: [{ householdId: w.id, seq: 6 }] }, 6),
      Date.UTC(2026, 2, 21),
    );
    expect(applied.removed).toBe(1);
    expect(await db.workshops.count()).toBe(0);
  });
});
