/**
 * A consent's intake form as text: purpose, who gave it (an adult of the household on that day),
 * the date and who recorded it, checked and turned into row fields with per-field message keys.
 */
import { type IsoDate, IsoDateSchema } from '../../domain/dates';
import type { ConsentPurpose } from '../../domain/dossier/consent';
import { isAdultOn } from '../../domain/household/member';
import type { MessageKey } from '../../i18n/messages-fr';
import type { FieldErrors, FieldValues, Validation } from '../form-model';
import { CONSENT_PURPOSES, optionalText, pick } from './intake-fields';

export const CONSENT_FIELDS = ['purpose', 'purposeDetails', 'memberId', 'date', 'recordedBy'] as const;
export type ConsentField = (typeof CONSENT_FIELDS)[number];

export interface ConsentIntake {
  purpose: ConsentPurpose;
  purposeDetails: string | undefined;
  memberId: string | undefined;
  date: IsoDate;
  recordedBy: string;
}

/**
 * A new consent: today, recorded by the person signed in (their display name; editable, and
 * empty when nobody is signed in on this device).
 */
export function emptyConsentValues(today: IsoDate, signedInName = ''): FieldValues<ConsentField> {
  return {
    purpose: 'dossier_processing',
    purposeDetails: '',
    memberId: '',
    date: today,
    recordedBy: signedInName,
  };
}

/** The day a consent is given: the date typed when it is a valid past date, else today. */
function consentDay(values: Partial<Record<ConsentField, string>>, today: IsoDate): IsoDate {
  const date = (values.date ?? '').trim();
  return IsoDateSchema.safeParse(date).success && date <= today ? date : today;
}

/** Who may give consent: the adults of the household on the day it is given (isAdultOn). */
export function consentGivers<M extends { readonly id: string; readonly birthDate: IsoDate }>(
  members: readonly M[],
  values: Partial<Record<ConsentField, string>>,
  today: IsoDate,
): M[] {
  const on = consentDay(values, today);
  return members.filter((member) => isAdultOn(member, on));
}

export function validateConsentValues(
  values: Partial<Record<ConsentField, string>>,
  today: IsoDate,
  members: readonly { readonly id: string; readonly birthDate: IsoDate }[],
): Validation<ConsentField, ConsentIntake> {
  const errors: FieldErrors<ConsentField> = {};
  const purpose = pick(CONSENT_PURPOSES, values.purpose);
  if (!purpose) errors.purpose = 'error.required' satisfies MessageKey;
  const purposeDetails = optionalText(values.purposeDetails);
  if (purposeDetails && purposeDetails.length > 500)
    errors.purposeDetails = 'error.tooLong' satisfies MessageKey;
  if (purpose === 'other' && !purposeDetails)
    errors.purposeDetails = 'intake.error.purposeDetails' satisfies MessageKey;
  const date = (values.date ?? '').trim();
  if (date === '') errors.date = 'error.required' satisfies MessageKey;
  else if (!IsoDateSchema.safeParse(date).success) errors.date = 'error.date.invalid' satisfies MessageKey;
  else if (date > today) errors.date = 'error.date.future' satisfies MessageKey;
  // A child's id can still come from a draft typed before a birth date was corrected.
  const memberId = optionalText(values.memberId);
  if (memberId && !consentGivers(members, values, today).some((m) => m.id === memberId))
    errors.memberId = 'intake.error.consentByMinor' satisfies MessageKey;
  const recordedBy = (values.recordedBy ?? '').trim();
  if (recordedBy === '') errors.recordedBy = 'error.required' satisfies MessageKey;
  else if (recordedBy.length > 100) errors.recordedBy = 'error.tooLong' satisfies MessageKey;
  if (Object.keys(errors).length > 0 || !purpose) return { ok: false, errors };
  return {
    ok: true,
    value: {
      purpose,
      purposeDetails,
      memberId,
      date: date as IsoDate,
      recordedBy,
    },
  };
}
