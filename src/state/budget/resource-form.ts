/** The form of one resource line (ResourceSchema): text ↔ typed fields. */
import { FrequencySchema } from '../../domain/budget/monthly-amount';
import type { FieldsOf } from '../../domain/dossier/rows';
import { ResourceTypeSchema } from '../../domain/household/resource';
import type { FieldValues, Validation } from '../form-model';
import {
  amountField,
  centsText,
  choiceField,
  collect,
  optionalChoiceField,
  optionalDateField,
  optionalTextField,
  yesNoText,
  yesNoValue,
} from './field-text';
import type { LineFormSpec } from './line-form';

export const RESOURCE_FIELDS = [
  'type',
  'ownerMemberId',
  'amount',
  'frequency',
  'regular',
  'startDate',
  'endDate',
  'inSeizureBase',
  'label',
] as const;
export type ResourceField = (typeof RESOURCE_FIELDS)[number];

export function resourceInitial(row: FieldsOf<'resource'> | undefined): FieldValues<ResourceField> {
  return {
    type: row?.type ?? 'salary',
    ownerMemberId: row?.ownerMemberId ?? '',
    amount: centsText(row?.amountCents),
    frequency: row?.frequency ?? 'monthly',
    regular: yesNoText(row?.regular ?? true),
    startDate: row?.startDate ?? '',
    endDate: row?.endDate ?? '',
    inSeizureBase: yesNoText(row?.inSeizureBase ?? true),
    label: row?.label ?? '',
  };
}

/**
 * Validates a resource line; `memberIds` are the household's members (the owner must be one).
 * @example validateResource({ ...resourceInitial(undefined), amount: '1 650,50', frequency: 'weekly' }, []).ok // true
 */
export function validateResource(
  v: FieldValues<ResourceField>,
  memberIds: readonly string[],
): Validation<ResourceField, FieldsOf<'resource'>> {
  const result = collect({
    type: choiceField(v.type, ResourceTypeSchema.options),
    ownerMemberId: optionalChoiceField(v.ownerMemberId, memberIds),
    amount: amountField(v.amount),
    frequency: choiceField(v.frequency, FrequencySchema.options),
    regular: choiceField(v.regular, ['yes', 'no'] as const),
    startDate: optionalDateField(v.startDate),
    endDate: optionalDateField(v.endDate),
    inSeizureBase: choiceField(v.inSeizureBase, ['yes', 'no'] as const),
    label: optionalTextField(v.label),
  });
  if (!result.ok) return result;
  const x = result.values;
  if (x.startDate && x.endDate && x.endDate < x.startDate) {
    return { ok: false, errors: { endDate: 'budget.error.endBeforeStart' } };
  }
  return {
    ok: true,
    value: {
      type: x.type,
      ownerMemberId: x.ownerMemberId,
      amountCents: x.amount,
      frequency: x.frequency,
      regular: yesNoValue(x.regular) ?? true,
      startDate: x.startDate,
      endDate: x.endDate,
      inSeizureBase: yesNoValue(x.inSeizureBase) ?? true,
      label: x.label,
    } as FieldsOf<'resource'>,
  };
}

export function resourceFormSpec(memberIds: readonly string[]): LineFormSpec<'resource', ResourceField> {
  return {
    entity: 'resource',
    initial: resourceInitial,
    validate: (values) => validateResource(values, memberIds),
    optionalKeys: ['ownerMemberId', 'startDate', 'endDate', 'inSeizureBase', 'label'],
  };
}
