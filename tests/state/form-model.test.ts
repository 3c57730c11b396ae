import { describe, expect, it } from 'vitest';
import { createSettingsStore } from '../../src/db/settings-store';
import { parseEurosToCents } from '../../src/domain/user-input';
import { createDraftRegistry } from '../../src/state/drafts';
import { createFormModel, type Validation } from '../../src/state/form-model';

type Field = 'label' | 'amount';

function makeForm(save: (value: { label: string; amountCents: number }) => Promise<void>, dbName: string) {
  const drafts = createDraftRegistry(createSettingsStore(dbName));
  const form = createFormModel<Field, { label: string; amountCents: number }>({
    formId: 'resource:1',
    drafts,
    initial: { label: 'Salaire', amount: '1500,00' },
    validate(values): Validation<Field, { label: string; amountCents: number }> {
      const amount = parseEurosToCents(values.amount);
      const errors: Partial<Record<Field, string>> = {};
      if (!values.label.trim()) errors.label = 'required';
      if (!amount.ok) errors.amount = amount.error;
      if (!amount.ok || errors.label) return { ok: false, errors };
      return { ok: true, value: { label: values.label.trim(), amountCents: amount.value } };
    },
    save,
  });
  return { form, drafts };
}

describe('form model', () => {
  it('validates on submit into typed values, with one error code per field', async () => {
    const saved: unknown[] = [];
    const { form } = makeForm(async (v) => void saved.push(v), `forms-${Math.random()}`);
    await form.edit('amount', '12,3,4');
    await form.edit('label', ' ');
    expect(await form.submit()).toBeNull();
    expect(form.errors.value).toEqual({ label: 'required', amount: 'invalid' });
    expect(saved).toEqual([]);
    await form.edit('amount', '1 650,5');
    expect(form.errors.value).toEqual({ label: 'required' });
    await form.edit('label', 'Salaire net');
    expect(await form.submit()).toEqual({ label: 'Salaire net', amountCents: 165050 });
    expect(form.status.value).toEqual({ kind: 'saved' });
    expect(form.isDirty.value).toBe(false);
  });

  it('keeps no control character the server would refuse (INPUT1): a pasted vertical tab becomes a space', async () => {
    const saved: { label: string; amountCents: number }[] = [];
    const { form } = makeForm(async (v) => void saved.push(v), `forms-${Math.random()}`);
    await form.edit('label', 'Salaire\u000bnet\u0000');
    expect(form.values.value.label).toBe('Salaire net ');
    await form.submit();
    expect(saved).toEqual([{ label: 'Salaire net', amountCents: 150000 }]);
  });

  it('keeps every keystroke as a draft and restores it in a new model (a reload)', async () => {
    const dbName = `forms-${Math.random()}`;
    const first = makeForm(async () => {}, dbName);
    await first.form.edit('amount', '1 7');
    const second = makeForm(async () => {}, dbName);
    await second.form.load();
    expect(second.form.values.value).toEqual({ label: 'Salaire', amount: '1 7' });
    expect(second.form.draftRestored.value).toBe(true);
    expect(second.form.isDirty.value).toBe(true);
  });

  it('a draft read back after the first keystroke does not overwrite what is being typed', async () => {
    const dbName = `forms-${Math.random()}`;
    const first = makeForm(async () => {}, dbName);
    await first.form.edit('amount', 'old draft');
    const second = makeForm(async () => {}, dbName);
    const loading = second.form.load();
    void second.form.edit('amount', '12');
    await loading;
    expect(second.form.values.value.amount).toBe('12');
    expect(second.form.draftRestored.value).toBe(false);
  });

  it('never says saved when the store refuses, and keeps the draft', async () => {
    const dbName = `forms-${Math.random()}`;
    const { form, drafts } = makeForm(async () => {
      throw new Error('QuotaExceededError');
    }, dbName);
    await form.edit('amount', '99');
    expect(await form.submit()).toBeNull();
    expect(form.status.value).toEqual({ kind: 'failed', reason: 'Error: QuotaExceededError' });
    expect(await drafts.load('resource:1')).toEqual({ label: 'Salaire', amount: '99' });
  });

  it('discard goes back to the stored values and drops the draft', async () => {
    const { form, drafts } = makeForm(async () => {}, `forms-${Math.random()}`);
    await form.edit('label', 'x');
    await form.discard();
    expect(form.values.value.label).toBe('Salaire');
    expect(await drafts.load('resource:1')).toBeUndefined();
  });
});
