/**
 * Draft receipts: a form's save and the proof that it consumed the draft commit together, so a
 * draft left behind when the page died between the save and the draft's removal is dropped on
 * the next load instead of reopening an old value (the cause of the I8 failure seen in the
 * two-device browser test: a saved 520 € draft reopened after the conflict chose 480 €).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RelaisDb } from '../../src/db/app-db';
import { createSettingsStore } from '../../src/db/settings-store';
import { createDraftRegistry, type DraftReceipt, type DraftRegistry } from '../../src/state/drafts';
import { createFormModel } from '../../src/state/form-model';
import { householdFields, openTestRepository, rentCharge } from '../db/helpers';

let opened: RelaisDb[] = [];
afterEach(async () => {
  for (const db of opened) await db.delete();
  opened = [];
});

async function setup() {
  const { db, repo } = openTestRepository();
  opened.push(db);
  const settings = createSettingsStore(`drafts-${Math.random()}`);
  const { household } = await repo.createHousehold(householdFields);
  const charge = await repo.addRow('charge', household.id, rentCharge);
  return { db, repo, settings, chargeId: charge.id };
}

type Field = 'amount';
function rentForm(
  drafts: DraftRegistry,
  save: (cents: number, receipt: DraftReceipt | undefined) => Promise<void>,
) {
  return createFormModel<Field, number>({
    formId: 'charge:rent',
    drafts,
    initial: { amount: '450' },
    validate: (values) => ({ ok: true, value: Math.round(Number(values.amount) * 100) }),
    save: (cents, receipt) => save(cents, receipt),
  });
}

describe('draft receipts', () => {
  it('drops a draft whose save committed before the page died, on the next load', async () => {
    const { repo, settings, chargeId } = await setup();
    const drafts = createDraftRegistry(settings, repo);
    await rentForm(drafts, async () => undefined).edit('amount', '520');
    // The save commits with its receipt; the page dies before the draft is removed.
    await repo.updateFields('charge', chargeId, { amountCents: 52_000 }, drafts.receiptFor('charge:rent'));
    // Sync later changes the line (the conflict kept 480 €).
    await repo.updateFields('charge', chargeId, { amountCents: 48_000 });

    const reloaded = createDraftRegistry(settings, repo);
    expect(await reloaded.load('charge:rent')).toBeUndefined();
    expect(await settings.get('draft:charge:rent')).toBeUndefined();
    expect(await repo.readDraftReceipt('charge:rent')).toBeUndefined();
  });

  it('keeps a draft typed after the save, and a draft whose save never committed', async () => {
    const { repo, settings, chargeId } = await setup();
    const drafts = createDraftRegistry(settings, repo);
    const form = rentForm(drafts, async () => undefined);
    await form.edit('amount', '520');
    await repo.updateFields('charge', chargeId, { amountCents: 52_000 }, drafts.receiptFor('charge:rent'));
    await form.edit('amount', '530');
    expect(await createDraftRegistry(settings, repo).load('charge:rent')).toEqual({ amount: '530' });

    // A save refused by the device (the row is gone) records no receipt: the typing is kept.
    await form.edit('amount', '540');
    await expect(
      repo.updateFields('charge', 'missing-row', { amountCents: 54_000 }, drafts.receiptFor('charge:rent')),
    ).rejects.toThrow();
    expect(await createDraftRegistry(settings, repo).load('charge:rent')).toEqual({ amount: '540' });
  });

  it('a normal save clears both the draft and its receipt', async () => {
    const { repo, settings, chargeId } = await setup();
    const drafts = createDraftRegistry(settings, repo);
    const form = rentForm(drafts, async (cents, receipt) => {
      await repo.updateFields('charge', chargeId, { amountCents: cents }, receipt);
    });
    await form.edit('amount', '520');
    expect(await form.submit()).toBe(52_000);
    expect(await settings.get('draft:charge:rent')).toBeUndefined();
    expect(await repo.readDraftReceipt('charge:rent')).toBeUndefined();
    expect(
      (await repo.getDossier((await repo.listDossiers())[0]?.householdId ?? ''))?.charges[0]?.amountCents,
    ).toBe(52_000);
  });

  it('still reads a draft written before receipts existed (bare values)', async () => {
    const { repo, settings } = await setup();
    await settings.set('draft:charge:rent', { amount: '610' });
    expect(await createDraftRegistry(settings, repo).load('charge:rent')).toEqual({ amount: '610' });
  });
});

describe('removing the drafts of a household (PULL10)', () => {
  it('removes the drafts naming one of the ids, after the writes in flight, and keeps the others', async () => {
    const settings = createSettingsStore(`drafts-${Math.random()}`);
    const drafts = createDraftRegistry(settings);
    const forms = [
      'household:hh-1',
      'charge:new:hh-1',
      'charge:row-1',
      'household:hh-2',
      'charge:row-2',
      'intake:new',
      // A segment that merely contains an id is another form's.
      'charge:row-10',
    ];
    for (const formId of forms) void drafts.save(formId, { typed: formId });
    // Not awaited: the removal waits for these writes rather than racing them.
    expect(await drafts.removeDraftsOf(new Set(['hh-1', 'row-1']))).toBe(3);
    const left: string[] = [];
    for (const formId of forms) if ((await drafts.load(formId)) !== undefined) left.push(formId);
    expect(left).toEqual(['household:hh-2', 'charge:row-2', 'intake:new', 'charge:row-10']);
    expect(drafts.receiptFor('charge:row-1')).toBeUndefined();
    expect(drafts.receiptFor('charge:row-2')).toBeDefined();
  });
});
