/**
 * "Mes plans" on the device (PLAN8): the counsellor's plans read through the live query, their
 * state by planState with the thresholds kept on the device (PLAN5), grouped by what to do.
 */
import 'fake-indexeddb/auto';
import { signal } from '@preact/signals';
import { describe, expect, it, vi } from 'vitest';
import { RelaisDb } from '../../../src/db/app-db';
import { observeQuery } from '../../../src/db/live-query';
import { listDevicePlans } from '../../../src/db/plan-queries';
import { readPlanThresholds, writePlanThresholds } from '../../../src/db/plan-thresholds-store';
import { DossierRepository } from '../../../src/db/repository';
import { createSettingsStore } from '../../../src/db/settings-store';
import type { FieldsOf } from '../../../src/domain/dossier/rows';
import { DEFAULT_PLAN_THRESHOLDS } from '../../../src/domain/plans/plan-monitoring';
import { createMyPlansModel } from '../../../src/state/plans/my-plans-model';

const TODAY = '2026-11-27';

async function waitFor(check: () => boolean): Promise<void> {
  await vi.waitFor(() => expect(check()).toBe(true));
}

async function seed() {
  const db = new RelaisDb(`my-plans-${Math.random()}`);
  const repository = new DossierRepository(db);
  const settings = createSettingsStore(`my-plans-settings-${Math.random()}`);
  async function household(name: string, counsellorId: string) {
    const { household } = await repository.createHousehold(
      { territory: 'metropole', departement: '69', housingStatus: 'tenant', counsellorId },
      [{ role: 'applicant', firstName: name, lastName: 'Test', birthDate: '1980-01-01' }],
    );
    return household.id;
  }
  const plan = (fields: Partial<FieldsOf<'plan'>>): FieldsOf<'plan'> => ({
    kind: 'amicable',
    firstDueOn: '2026-12-20',
    steps: [{ months: 12, monthlyCents: 5_000 }],
    ...fields,
  });
  // A: mine, 170 € a month from 5 August; August paid, September missed, October and November
  // unrecorded more than 10 days after they fell due: 3 missed, 510 € in arrears.
  const a = await household('Alice', 'me');
  const planA = await repository.addRow(
    'plan',
    a,
    plan({
      kind: 'bdf_conventional',
      firstDueOn: '2026-08-05',
      steps: [{ months: 24, monthlyCents: 17_000 }],
    }),
  );
  await repository.addRow('plan_payment', a, {
    planId: planA.id,
    dueOn: '2026-08-05',
    status: 'paid',
    amountCents: 17_000,
    paidOn: '2026-08-05',
    source: 'counsellor',
    recordedOn: '2026-08-06',
  });
  await repository.addRow('plan_payment', a, {
    planId: planA.id,
    dueOn: '2026-09-05',
    status: 'missed',
    amountCents: 0,
    source: 'household_word',
    recordedOn: '2026-09-20',
  });
  // B: mine, first instalment on 1 December, within 7 days of 27 November: a reminder.
  const b = await household('Bruno', 'me');
  await repository.addRow('plan', b, plan({ firstDueOn: '2026-12-01' }));
  // C: mine, first instalment on 20 December: on track.
  const c = await household('Chloé', 'me');
  await repository.addRow('plan', c, plan({ firstDueOn: '2026-12-20' }));
  // D: another counsellor's, late.
  const d = await household('David', 'other');
  await repository.addRow('plan', d, plan({ firstDueOn: '2026-09-01' }));
  // E: mine, ended.
  const e = await household('Emma', 'me');
  await repository.addRow(
    'plan',
    e,
    plan({ firstDueOn: '2026-09-01', endedOn: '2026-11-01', endReason: 'abandoned' }),
  );
  // F: no counsellor named, the plan recorded by me: mine (PLAN8). G: no counsellor, recorded by
  // another user's device: not mine.
  const mineByRecord = new DossierRepository(db, { currentUserId: () => 'me' });
  const f = await mineByRecord.createHousehold(
    { territory: 'metropole', departement: '69', housingStatus: 'tenant' },
    [{ role: 'applicant', firstName: 'Fanny', lastName: 'Test', birthDate: '1980-01-01' }],
  );
  await mineByRecord.addRow('plan', f.household.id, plan({ firstDueOn: '2027-01-20' }));
  const byOther = new DossierRepository(db, { currentUserId: () => 'other' });
  const g = await byOther.createHousehold(
    { territory: 'metropole', departement: '69', housingStatus: 'tenant' },
    [{ role: 'applicant', firstName: 'Gaël', lastName: 'Test', birthDate: '1980-01-01' }],
  );
  await byOther.addRow('plan', g.household.id, plan({ firstDueOn: '2027-01-20' }));
  const lastSyncAt = signal<number | null>(null);
  const model = createMyPlansModel({
    observePlans: (listener, onError) => observeQuery(() => listDevicePlans(db), listener, onError),
    readThresholds: () => readPlanThresholds(settings),
    today: () => TODAY,
    userId: signal('me'),
    lastSyncAt,
  });
  return { model, settings, lastSyncAt, repository, planA, a };
}

const names = (rows: { item: { displayName: string } }[]) => rows.map((r) => r.item.displayName);

describe('Mes plans (PLAN8)', () => {
  it('PLAN8: my plans grouped: late to act on, an instalment within 7 days a reminder, the rest on track; ended left out', async () => {
    const { model } = await seed();
    const stop = model.start();
    await waitFor(() => model.plans.value !== null);
    const groups = model.groups.value;
    expect(names(groups.act)).toEqual(['Alice Test']);
    expect(groups.act[0]?.state).toMatchObject({ status: 'late', missedCount: 3, arrearsCents: 51_000 });
    expect(names(groups.remind)).toEqual(['Bruno Test']);
    expect(groups.remind[0]?.reminders).toEqual([
      { code: 'instalment_due', dueOn: '2026-12-01', dueCents: 5_000 },
    ]);
    // Fanny's dossier names no counsellor and I recorded its plan: mine; Gaël's, recorded by another: not.
    expect(names(groups.onTrack)).toEqual(['Chloé Test', 'Fanny Test']);
    expect(model.attentionCount.value).toBe(2);
    // Every plan on the device: David's (another counsellor's) too.
    model.showAll.value = true;
    expect(names(model.groups.value.act)).toEqual(['Alice Test', 'David Test']);
    stop();
  });

  it('PLAN8: a payment recorded on the device moves the plan at once (live query)', async () => {
    const { model, repository, planA, a } = await seed();
    const stop = model.start();
    await waitFor(() => model.plans.value !== null);
    for (const dueOn of ['2026-09-05', '2026-10-05', '2026-11-05']) {
      await repository.addRow('plan_payment', a, {
        planId: planA.id,
        dueOn,
        status: 'late',
        amountCents: 17_000,
        paidOn: '2026-11-20',
        source: 'counsellor',
        recordedOn: '2026-11-21',
      });
    }
    await waitFor(() => model.groups.value.act.length === 0);
    expect(names(model.groups.value.onTrack)).toContain('Alice Test');
    stop();
  });

  it('PLAN5: the thresholds the last sync kept replace the defaults (late from 4 missed: Alice is no longer late)', async () => {
    const { model, settings, lastSyncAt } = await seed();
    const stop = model.start();
    await waitFor(() => model.plans.value !== null);
    expect(model.thresholdsFromServer.value).toBe(false);
    expect(model.thresholds.value).toEqual(DEFAULT_PLAN_THRESHOLDS);
    await writePlanThresholds(settings, { ...DEFAULT_PLAN_THRESHOLDS, lateAfterMissed: 4 });
    lastSyncAt.value = Date.now();
    await waitFor(() => model.thresholdsFromServer.value);
    expect(model.groups.value.act).toEqual([]);
    expect(names(model.groups.value.onTrack)).toContain('Alice Test');
    stop();
  });

  it('PLAN5: nothing kept, or a value this app cannot read, gives the defaults', async () => {
    const settings = createSettingsStore(`thresholds-${Math.random()}`);
    expect(await readPlanThresholds(settings)).toEqual({
      thresholds: DEFAULT_PLAN_THRESHOLDS,
      fromServer: false,
    });
    await settings.set('planThresholds', { graceDays: 'ten' });
    expect(await readPlanThresholds(settings)).toEqual({
      thresholds: DEFAULT_PLAN_THRESHOLDS,
      fromServer: false,
    });
  });
});
