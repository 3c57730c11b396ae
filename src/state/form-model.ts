/**
 * A form's state: the raw text of every field (what the person typed, kept as typed), autosaved
 * as a draft on each change, validated on save into typed values, with per-field error codes that
 * the UI words in the user's language next to each field.
 *
 * Why raw text: "1 234,5" is not yet a number, and a reload must give back exactly what was typed.
 */
import { computed, signal } from '@preact/signals';
import type { DraftReceipt } from '../db/draft-receipts';
import { keepableText } from '../domain/sync/input-rules';
import type { DraftRegistry } from './drafts';

export type FieldValues<F extends string> = Record<F, string>;
export type FieldErrors<F extends string> = Partial<Record<F, string>>;

export type Validation<F extends string, T> = { ok: true; value: T } | { ok: false; errors: FieldErrors<F> };

export type FormStatus =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'failed'; reason: string };

export interface FormModelOptions<F extends string, T> {
  /** Stable id of this form instance, e.g. `debt:<id>`; the draft is stored under it. */
  formId: string;
  drafts: DraftRegistry;
  /** Field values when there is no draft: the stored record, written as text. */
  initial: FieldValues<F>;
  validate(values: FieldValues<F>): Validation<F, T>;
  /**
   * Stores the validated value; must reject when the device refused the write. A save that
   * writes rows passes `receipt` to the repository, which records it in the same transaction:
   * the draft then cannot outlive the save (src/state/drafts.ts).
   */
  save(value: T, receipt: DraftReceipt | undefined): Promise<void>;
  /** Turns a storage failure into a message code for the UI. */
  describeError?(cause: unknown): string;
}

export function createFormModel<F extends string, T>(options: FormModelOptions<F, T>) {
  const saved = signal<FieldValues<F>>({ ...options.initial });
  const values = signal<FieldValues<F>>({ ...options.initial });
  const errors = signal<FieldErrors<F>>({});
  const status = signal<FormStatus>({ kind: 'idle' });
  const draftRestored = signal(false);
  const isDirty = computed(() =>
    (Object.keys(values.value) as F[]).some((field) => values.value[field] !== saved.value[field]),
  );

  // Set on the first keystroke: a draft read back after that must not overwrite fresh typing.
  let editedSinceOpen = false;

  /** Restores a draft left by a crash, a reload or an update. */
  async function load(): Promise<void> {
    const draft = await options.drafts.load<Partial<FieldValues<F>>>(options.formId);
    if (editedSinceOpen) return;
    if (draft && typeof draft === 'object') {
      const merged = { ...saved.value, ...draft };
      const differs = (Object.keys(merged) as F[]).some((field) => merged[field] !== saved.value[field]);
      if (differs) {
        values.value = merged;
        draftRestored.value = true;
      }
    }
  }

  function edit(field: F, typed: string): Promise<void> {
    editedSinceOpen = true;
    // Control characters the server refuses (INPUT1) never enter a form, pasted or typed.
    const text = keepableText(typed);
    values.value = { ...values.value, [field]: text };
    if (errors.value[field]) {
      const { [field]: _cleared, ...rest } = errors.value;
      errors.value = rest as FieldErrors<F>;
    }
    status.value = { kind: 'idle' };
    return options.drafts.save(options.formId, values.value);
  }

  async function submit(): Promise<T | null> {
    const result = options.validate(values.value);
    if (!result.ok) {
      errors.value = result.errors;
      return null;
    }
    errors.value = {};
    status.value = { kind: 'saving' };
    try {
      await options.save(result.value, options.drafts.receiptFor(options.formId));
      await options.drafts.clear(options.formId);
    } catch (cause) {
      // Never a false "saved": the draft stays, the person sees why.
      status.value = {
        kind: 'failed',
        reason: options.describeError ? options.describeError(cause) : String(cause),
      };
      return null;
    }
    saved.value = { ...values.value };
    draftRestored.value = false;
    status.value = { kind: 'saved' };
    return result.value;
  }

  /** Drops typed changes and the draft, back to the stored record. */
  async function discard(): Promise<void> {
    values.value = { ...saved.value };
    errors.value = {};
    draftRestored.value = false;
    await options.drafts.clear(options.formId);
  }

  return {
    formId: options.formId,
    values,
    errors,
    status,
    draftRestored,
    isDirty,
    load,
    edit,
    submit,
    discard,
  };
}

export type FormModel<F extends string, T> = ReturnType<typeof createFormModel<F, T>>;
