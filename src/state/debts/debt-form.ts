/** The form of one debt (DebtSchema, every field of the engine's model): text ↔ typed fields. */
import type { FieldsOf } from '../../domain/dossier/rows';
import { DebtProductSchema, GuarantorSchema } from '../../domain/household/debt';
import {
  amountField,
  bpsText,
  centsText,
  choiceField,
  collect,
  optionalAmountField,
  optionalChoiceField,
  optionalDateField,
  optionalIntegerField,
  optionalTextField,
  rateField,
  yesNoText,
  yesNoValue,
} from '../budget/field-text';
import type { LineFormSpec } from '../budget/line-form';
import type { FieldValues, Validation } from '../form-model';

/** Every field of the debt, in the order the form and the card list them: the amounts first. */
export const DEBT_FIELDS = [
  'creditorId',
  'product',
  'label',
  'capitalRemaining',
  'arrears',
  'amountDueNow',
  'accruedInterest',
  'nominalRate',
  'remainingTerm',
  'instalment',
  'insurance',
  'balloon',
  'reference',
  'firstUnpaidOn',
  'isJoint',
  'guarantor',
  'enforcementInProgress',
  'isProfessional',
] as const;
export type DebtField = (typeof DEBT_FIELDS)[number];

/** Who may back a debt: the schema's own list. */
export const GUARANTOR_OPTIONS = GuarantorSchema.options;

export function debtInitial(row: FieldsOf<'debt'> | undefined, creditorId = ''): FieldValues<DebtField> {
  return {
    creditorId: row?.creditorId ?? creditorId,
    product: row?.product ?? 'amortising_loan',
    label: row?.label ?? '',
    capitalRemaining: centsText(row?.capitalRemainingCents),
    arrears: centsText(row?.arrearsCents ?? (row ? 0 : undefined)),
    amountDueNow: centsText(row?.amountDueNowCents),
    accruedInterest: centsText(row?.accruedInterestCents),
    nominalRate: bpsText(row?.nominalRateBps),
    instalment: centsText(row?.instalmentMonthlyCents),
    insurance: centsText(row?.insuranceMonthlyCents),
    remainingTerm: row?.remainingTermMonths === undefined ? '' : String(row.remainingTermMonths),
    balloon: centsText(row?.balloonCents),
    isJoint: yesNoText(row?.isJoint ?? false),
    guarantor: row?.guarantor ?? '',
    enforcementInProgress: yesNoText(row?.enforcementInProgress ?? false),
    isProfessional: yesNoText(row?.isProfessional),
    reference: row?.reference ?? '',
    firstUnpaidOn: row?.firstUnpaidOn ?? '',
  };
}

/** An amount the engine needs but a person may leave blank to mean 0 (no arrears, no insurance). */
function zeroIfBlank(text: string) {
  return text.trim() === '' ? { ok: true as const, value: 0 } : amountField(text);
}

/**
 * Validates a debt; the creditor must be one of the household's.
 * @example validateDebt({ ...debtInitial(undefined, 'k1'), capitalRemaining: '6 000', nominalRate: '2,62' }, ['k1']).ok // true
 */
export function validateDebt(
  v: FieldValues<DebtField>,
  creditorIds: readonly string[],
): Validation<DebtField, FieldsOf<'debt'>> {
  const result = collect({
    creditorId: choiceField(v.creditorId, creditorIds),
    product: choiceField(v.product, DebtProductSchema.options),
    label: optionalTextField(v.label),
    capitalRemaining: zeroIfBlank(v.capitalRemaining),
    arrears: zeroIfBlank(v.arrears),
    amountDueNow: zeroIfBlank(v.amountDueNow),
    accruedInterest: optionalAmountField(v.accruedInterest),
    nominalRate: v.nominalRate.trim() === '' ? { ok: true as const, value: 0 } : rateField(v.nominalRate),
    instalment: zeroIfBlank(v.instalment),
    insurance: zeroIfBlank(v.insurance),
    remainingTerm: optionalIntegerField(v.remainingTerm, 0, 600),
    balloon: optionalAmountField(v.balloon),
    isJoint: choiceField(v.isJoint, ['yes', 'no'] as const),
    guarantor: optionalChoiceField(v.guarantor, GUARANTOR_OPTIONS),
    enforcementInProgress: choiceField(v.enforcementInProgress, ['yes', 'no'] as const),
    isProfessional: optionalChoiceField(v.isProfessional, ['yes', 'no'] as const),
    reference: optionalTextField(v.reference, 100),
    firstUnpaidOn: optionalDateField(v.firstUnpaidOn),
  });
  if (!result.ok) return result;
  const x = result.values;
  return {
    ok: true,
    value: {
      creditorId: x.creditorId,
      product: x.product,
      label: x.label,
      capitalRemainingCents: x.capitalRemaining,
      arrearsCents: x.arrears,
      amountDueNowCents: x.amountDueNow,
      accruedInterestCents: x.accruedInterest,
      nominalRateBps: x.nominalRate,
      instalmentMonthlyCents: x.instalment,
      insuranceMonthlyCents: x.insurance,
      remainingTermMonths: x.remainingTerm,
      balloonCents: x.balloon,
      isJoint: x.isJoint === 'yes',
      guarantor: x.guarantor,
      enforcementInProgress: x.enforcementInProgress === 'yes',
      isProfessional: yesNoValue(x.isProfessional ?? ''),
      reference: x.reference,
      firstUnpaidOn: x.firstUnpaidOn,
    } as FieldsOf<'debt'>,
  };
}

export function debtFormSpec(
  creditorIds: readonly string[],
  defaultCreditorId = '',
): LineFormSpec<'debt', DebtField> {
  return {
    entity: 'debt',
    initial: (row) => debtInitial(row, defaultCreditorId),
    validate: (values) => validateDebt(values, creditorIds),
    // documentsProvided is not a field of this form: the checklist writes it on its own.
    optionalKeys: [
      'label',
      'accruedInterestCents',
      'remainingTermMonths',
      'balloonCents',
      'guarantor',
      'isProfessional',
      'reference',
      'firstUnpaidOn',
    ],
  };
}
