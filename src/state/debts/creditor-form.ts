/** The form of one creditor (the creditor row): name, category, postal address and reference. */
import type { FieldsOf } from '../../domain/dossier/rows';
import { CreditorCategorySchema } from '../../domain/household/creditor';
import { choiceField, collect, optionalTextField } from '../budget/field-text';
import type { LineFormSpec } from '../budget/line-form';
import type { FieldValues, Validation } from '../form-model';

export type CreditorField = 'name' | 'category' | 'address' | 'reference';

export function creditorInitial(row: FieldsOf<'creditor'> | undefined): FieldValues<CreditorField> {
  return {
    name: row?.name ?? '',
    category: row?.category ?? 'credit_institution',
    address: row?.address ?? '',
    reference: row?.reference ?? '',
  };
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
    address: optionalTextField(v.address.replace(/[ \t]+\n/g, '\n'), 500),
    reference: optionalTextField(v.reference, 100),
  });
  if (!result.ok) return result;
  const x = result.values;
  return {
    ok: true,
    value: {
      name: x.name,
      category: x.category,
      ...(x.address === undefined ? {} : { address: x.address }),
      ...(x.reference === undefined ? {} : { reference: x.reference }),
    },
  };
}

export const creditorFormSpec: LineFormSpec<'creditor', CreditorField> = {
  entity: 'creditor',
  initial: creditorInitial,
  validate: validateCreditor,
  optionalKeys: ['address', 'reference'],
};
