/** The form of one charge line (ChargeSchema): text ↔ typed fields. */
import { FrequencySchema } from '../../domain/budget/monthly-amount';
import type { FieldsOf } from '../../domain/dossier/rows';
import { ChargeModeSchema, ChargeTypeSchema } from '../../domain/household/charge';
import { ForfaitKindSchema } from '../../domain/parameters/commission-forfaits';
import type { FieldValues, Validation } from '../form-model';
import {
  amountField,
  centsText,
  choiceField,
  collect,
  optionalAmountField,
  optionalChoiceField,
  optionalTextField,
  yesNoText,
  yesNoValue,
} from './field-text';
import type { LineFormSpec } from './line-form';

export const CHARGE_FIELDS = [
  'type',
  'amount',
  'frequency',
  'mode',
  'cap',
  'forfaitKind',
  'hasProof',
  'label',
] as const;
export type ChargeField = (typeof CHARGE_FIELDS)[number];

export function chargeInitial(row: FieldsOf<'charge'> | undefined): FieldValues<ChargeField> {
  return {
    type: row?.type ?? 'rent',
    amount: centsText(row?.amountCents),
    frequency: row?.frequency ?? 'monthly',
    mode: row?.mode ?? 'real',
    cap: centsText(row?.capMonthlyCents),
    forfaitKind: row?.forfaitKind ?? '',
    hasProof: yesNoText(row?.hasProof),
    label: row?.label ?? '',
  };
}

/**
 * Validates a charge line: a capped line needs its ceiling (R731-3).
 * @example validateCharge({ ...chargeInitial(undefined), amount: '550' }).ok // true
 */
export function validateCharge(v: FieldValues<ChargeField>): Validation<ChargeField, FieldsOf<'charge'>> {
  const result = collect({
    type: choiceField(v.type, ChargeTypeSchema.options),
    amount: amountField(v.amount),
    frequency: choiceField(v.frequency, FrequencySchema.options),
    mode: choiceField(v.mode, ChargeModeSchema.options),
    cap: v.mode === 'capped_real' ? amountField(v.cap) : optionalAmountField(''),
    forfaitKind:
      v.mode === 'forfait'
        ? optionalChoiceField(v.forfaitKind, ForfaitKindSchema.options)
        : optionalChoiceField('', []),
    hasProof: optionalChoiceField(v.hasProof, ['yes', 'no'] as const),
    label: optionalTextField(v.label),
  });
  if (!result.ok) {
    const errors = { ...result.errors };
    if (errors.cap === 'error.amount.empty') errors.cap = 'budget.error.capRequired';
    return { ok: false, errors };
  }
  const x = result.values;
  return {
    ok: true,
    value: {
      type: x.type,
      amountCents: x.amount,
      frequency: x.frequency,
      mode: x.mode,
      capMonthlyCents: x.cap,
      forfaitKind: x.forfaitKind,
      hasProof: yesNoValue(x.hasProof ?? ''),
      label: x.label,
    } as FieldsOf<'charge'>,
  };
}

export const chargeFormSpec: LineFormSpec<'charge', ChargeField> = {
  entity: 'charge',
  initial: chargeInitial,
  validate: validateCharge,
  optionalKeys: ['capMonthlyCents', 'forfaitKind', 'hasProof', 'label'],
};
