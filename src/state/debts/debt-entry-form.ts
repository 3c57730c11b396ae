/**
 * The form of one debt as the Debts tab shows it: the debt's fields and, when "Nouveau créancier"
 * is chosen as its creditor, the new creditor's fields too. One draft keeps both (under the debt
 * line's draft id); one save writes both rows in one transaction, so a counsellor never has to
 * fill the Créanciers section before the debt.
 */
import type { FieldsOf, PatchOf } from '../../domain/dossier/rows';
import { withClearedOptionals, withoutUndefined } from '../budget/field-text';
import { lineFormId } from '../budget/line-form';
import type { DraftRegistry } from '../drafts';
import { createFormModel, type FieldErrors, type FieldValues, type Validation } from '../form-model';
import type { DossierModel } from '../workspace/dossier-model';
import { describeWriteError } from '../workspace/workspace-model';
import { type CreditorField, creditorInitial, validateCreditor } from './creditor-form';
import { type DebtField, debtFormSpec } from './debt-form';

/** The creditor choice that opens the new creditor's fields. */
export const NEW_CREDITOR = 'new';

/** The new creditor's fields, named apart from the debt's own `reference`. */
export const NEW_CREDITOR_FIELDS = {
  newCreditorName: 'name',
  newCreditorCategory: 'category',
  newCreditorAddress: 'address',
  newCreditorReference: 'reference',
} as const satisfies Record<string, CreditorField>;
export type NewCreditorField = keyof typeof NEW_CREDITOR_FIELDS;
export type DebtEntryField = DebtField | NewCreditorField;

/** What a save writes: the debt, and the creditor to create with it when one was typed. */
export interface DebtEntry {
  debt: FieldsOf<'debt'>;
  newCreditor?: FieldsOf<'creditor'>;
}

const NEW_CREDITOR_ENTRIES = Object.entries(NEW_CREDITOR_FIELDS) as [NewCreditorField, CreditorField][];

/** The new creditor's fields, blank, under the form's names. */
function newCreditorInitial(): FieldValues<NewCreditorField> {
  const blank = creditorInitial(undefined);
  return Object.fromEntries(
    NEW_CREDITOR_ENTRIES.map(([field, name]) => [field, blank[name]]),
  ) as FieldValues<NewCreditorField>;
}

/** The new creditor as the creditor's own form reads it. */
function typedCreditor(values: FieldValues<DebtEntryField>): FieldValues<CreditorField> {
  return Object.fromEntries(
    NEW_CREDITOR_ENTRIES.map(([field, name]) => [name, values[field]]),
  ) as FieldValues<CreditorField>;
}

/**
 * Validates the debt and, for a new creditor, the creditor; errors come back under the form's
 * field names.
 * @example validateDebtEntry({ ...values, creditorId: NEW_CREDITOR, newCreditorName: '' }, []).ok // false
 */
export function validateDebtEntry(
  values: FieldValues<DebtEntryField>,
  creditorIds: readonly string[],
  allowNew = true,
): Validation<DebtEntryField, DebtEntry> {
  const isNew = values.creditorId === NEW_CREDITOR && allowNew;
  const debt = debtFormSpec(isNew ? [...creditorIds, NEW_CREDITOR] : creditorIds).validate(values);
  const creditor = isNew ? validateCreditor(typedCreditor(values)) : undefined;
  if (debt.ok && (creditor === undefined || creditor.ok)) {
    return { ok: true, value: { debt: debt.value, ...(creditor ? { newCreditor: creditor.value } : {}) } };
  }
  const errors: FieldErrors<DebtEntryField> = debt.ok ? {} : { ...debt.errors };
  if (creditor && !creditor.ok) {
    for (const [field, name] of NEW_CREDITOR_ENTRIES) {
      const error = creditor.errors[name];
      if (error) errors[field] = error;
    }
  }
  return { ok: false, errors };
}

export function createDebtEntryForm(options: {
  model: DossierModel;
  drafts: DraftRegistry;
  creditorIds: readonly string[];
  /**
   * The creditor chosen at first for a new debt ('' for none, NEW_CREDITOR to type one). A new
   * creditor is offered for a new debt only: both rows are then written in one transaction.
   */
  defaultCreditorId: string;
  /** The stored debt; absent for a new one. */
  row?: (FieldsOf<'debt'> & { id: string }) | undefined;
}) {
  const { model, row } = options;
  const spec = debtFormSpec(options.creditorIds, options.defaultCreditorId);
  return createFormModel<DebtEntryField, DebtEntry>({
    formId: lineFormId('debt', model.householdId, row?.id),
    drafts: options.drafts,
    initial: { ...spec.initial(row), ...newCreditorInitial() },
    validate: (values) => validateDebtEntry(values, options.creditorIds, row === undefined),
    describeError: describeWriteError,
    save: async ({ debt, newCreditor }, receipt) => {
      if (newCreditor && !row) {
        const { creditorId: _typedHere, ...owed } = debt;
        await model.addDebtWithCreditor(newCreditor, withoutUndefined(owed), receipt);
      } else if (row) {
        const patch = withClearedOptionals(debt, spec.optionalKeys) as unknown as PatchOf<'debt'>;
        await model.updateRow('debt', row.id, patch, receipt);
      } else {
        await model.addRow('debt', withoutUndefined(debt), receipt);
      }
    },
  });
}

export type DebtEntryForm = ReturnType<typeof createDebtEntryForm>;
