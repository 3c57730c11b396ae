/** The form of one creditor (CreditorSchema): name and category. */
import type { FieldsOf } from '../../domain/dossier/rows';
import { CreditorCategorySchema } from '../../domain/household/creditor';
import { choiceField, collect } from '../budget/field-text';
import type { LineFormSpec } from '../budget/line-form';
import type { FieldValues, Validation } from '../form-model';

export type CreditorField = 'name' | 'category';

export function creditorInitial(row: FieldsOf<'creditor'> | undefined): FieldValues<CreditorField> {
  return { name: row?.name ?? '', category: row?.category ?? 'credit_institution' };
}

export function validateCreditor(
  v: FieldValues<CreditorField>,
): Validation<CreditorField, FieldsOf<'creditor'>> {
  const name = v.name.trim();
  const result = collect({
    name:
      name === ''
        ? { ok: false as const, error: 'error.required' }
        : name.length > 200
          ? { ok: false as const, error: 'error.tooLong' }
          : { ok: true as const, value: name },
    category: choiceField(v.category, CreditorCategorySchema.options),
  });
  if (!result.ok) return result;
  return { ok: true, value: { name: result.values.name, category: result.values.category } };
}

export const creditorFormSpec: LineFormSpec<'creditor', CreditorField> = {
  entity: 'creditor',
  initial: creditorInitial,
  validate: validateCreditor,
  optionalKeys: [],
};
