/**
 * The household's intake form as text: its fields, contact and referral, checked and turned
 * into row fields, with per-field message keys; the welcome points it may be placed in (AUTH6,
 * AUTH6c); and an edit as only the fields changed. The screens only show values and errors.
 */
import type { NewHousehold } from '../../db/repository';
import type { PostalAddress, ReferralSource } from '../../domain/dossier/dossier-meta';
import { normalisePhone } from '../../domain/dossier/normalise';
import type { HouseholdRow, PatchOf } from '../../domain/dossier/rows';
import { DepartementSchema, type HousingStatus, type Territory } from '../../domain/household/territory';
import type { WelcomePoint } from '../../domain/sync/protocol';
import { clearsWelcomePoint } from '../../domain/sync/welcome-point-rule';
import type { MessageKey } from '../../i18n/messages-fr';
import type { FieldErrors, FieldValues, Validation } from '../form-model';
import {
  changedOnly,
  HOUSING_STATUSES,
  optionalText,
  pick,
  REFERRAL_SOURCES,
  TERRITORIES,
  withoutUndefined,
} from './intake-fields';

export const HOUSEHOLD_FIELDS = [
  'territory',
  'departement',
  'housingStatus',
  'phone',
  'email',
  'addressLine1',
  'addressLine2',
  'postcode',
  'city',
  'referralSource',
  'referralDetails',
  'welcomePointId',
  'reference',
] as const;
export type HouseholdField = (typeof HOUSEHOLD_FIELDS)[number];

/** The household's fields that intake edits; `undefined` means "not given" (removed on edit). */
export interface HouseholdIntake {
  territory: Territory;
  departement: string;
  housingStatus: HousingStatus;
  phone: string | undefined;
  email: string | undefined;
  address: PostalAddress | undefined;
  referralSource: ReferralSource | undefined;
  referralDetails: string | undefined;
  welcomePointId: string | undefined;
  reference: string | undefined;
}

export function emptyHouseholdValues(): FieldValues<HouseholdField> {
  const values = Object.fromEntries(HOUSEHOLD_FIELDS.map((f) => [f, ''])) as FieldValues<HouseholdField>;
  values.territory = 'metropole';
  return values;
}

export function householdValuesOf(row: HouseholdRow): FieldValues<HouseholdField> {
  return {
    territory: row.territory,
    departement: row.departement,
    housingStatus: row.housingStatus,
    phone: row.phone ?? '',
    email: row.email ?? '',
    addressLine1: row.address?.line1 ?? '',
    addressLine2: row.address?.line2 ?? '',
    postcode: row.address?.postcode ?? '',
    city: row.address?.city ?? '',
    referralSource: row.referralSource ?? '',
    referralDetails: row.referralDetails ?? '',
    welcomePointId: row.welcomePointId ?? '',
    reference: row.reference ?? '',
  };
}

/** A phone number as typed is valid when it holds 8 to 15 digits and nothing but phone signs. */
export function isPhoneNumber(text: string): boolean {
  const phone = normalisePhone(text);
  if (phone === undefined) return false;
  const digits = phone.replace('+', '').length;
  return digits >= 8 && digits <= 15;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Checks the household fields as typed. `allowedWelcomePoints` (see `allowedWelcomePointIds`),
 * when given, are the only welcome points the household may be placed in: another one is
 * refused here, before it reaches the outbox, since the server would refuse the whole push
 * (AUTH6) and the device's sync would stay stuck behind it. `placedIn`, the welcome point the
 * household has, may be changed but not taken away (AUTH6c, ADR 0019): its colleagues would
 * lose the dossier, and the server would quarantine the change.
 */
export function validateHouseholdValues(
  values: Partial<Record<string, string>>,
  allowedWelcomePoints?: readonly string[],
  placedIn?: string,
): Validation<HouseholdField, HouseholdIntake> {
  const errors: FieldErrors<HouseholdField> = {};
  const territory = pick(TERRITORIES, values.territory);
  if (!territory) errors.territory = 'error.required' satisfies MessageKey;
  const departement = (values.departement ?? '').trim().toUpperCase();
  if (departement === '') errors.departement = 'error.required' satisfies MessageKey;
  else if (!DepartementSchema.safeParse(departement).success)
    errors.departement = 'intake.error.departement' satisfies MessageKey;
  const housingStatus = pick(HOUSING_STATUSES, values.housingStatus);
  if (!housingStatus) errors.housingStatus = 'error.required' satisfies MessageKey;

  const phone = optionalText(values.phone);
  if (phone !== undefined && (!isPhoneNumber(phone) || phone.length > 40))
    errors.phone = 'error.phone.invalid' satisfies MessageKey;
  const email = optionalText(values.email);
  if (email !== undefined && (!EMAIL.test(email) || email.length > 200))
    errors.email = 'error.email.invalid' satisfies MessageKey;

  const line1 = optionalText(values.addressLine1);
  const line2 = optionalText(values.addressLine2);
  const postcode = optionalText(values.postcode);
  const city = optionalText(values.city);
  let address: PostalAddress | undefined;
  if (line1 || line2 || postcode || city) {
    if (!line1) errors.addressLine1 = 'intake.error.addressIncomplete' satisfies MessageKey;
    else if (line1.length > 200) errors.addressLine1 = 'error.tooLong' satisfies MessageKey;
    if (line2 && line2.length > 200) errors.addressLine2 = 'error.tooLong' satisfies MessageKey;
    if (!postcode) errors.postcode = 'intake.error.addressIncomplete' satisfies MessageKey;
    else if (!/^\d{5}$/.test(postcode)) errors.postcode = 'error.postcode.invalid' satisfies MessageKey;
    if (!city) errors.city = 'intake.error.addressIncomplete' satisfies MessageKey;
    else if (city.length > 100) errors.city = 'error.tooLong' satisfies MessageKey;
    if (line1 && postcode && city) address = { line1, ...(line2 ? { line2 } : {}), postcode, city };
  }

  const referralSource = pick(REFERRAL_SOURCES, values.referralSource);
  const referralDetails = optionalText(values.referralDetails);
  if (referralDetails && referralDetails.length > 500)
    errors.referralDetails = 'error.tooLong' satisfies MessageKey;
  if (referralSource === 'other' && !referralDetails)
    errors.referralDetails = 'intake.error.referralDetails' satisfies MessageKey;
  const welcomePointId = optionalText(values.welcomePointId);
  if (welcomePointId && welcomePointId.length > 100)
    errors.welcomePointId = 'error.tooLong' satisfies MessageKey;
  else if (welcomePointId && allowedWelcomePoints && !allowedWelcomePoints.includes(welcomePointId))
    errors.welcomePointId = 'intake.error.welcomePointNotAllowed' satisfies MessageKey;
  else if (clearsWelcomePoint(placedIn, welcomePointId))
    errors.welcomePointId = 'intake.error.welcomePointRequired' satisfies MessageKey;
  const reference = optionalText(values.reference);
  if (reference && reference.length > 40) errors.reference = 'error.tooLong' satisfies MessageKey;

  if (Object.keys(errors).length > 0 || !territory || !housingStatus) return { ok: false, errors };
  return {
    ok: true,
    value: {
      territory,
      departement,
      housingStatus,
      phone,
      email,
      address,
      referralSource,
      referralDetails,
      welcomePointId,
      reference,
    },
  };
}

/**
 * The welcome points a household may be placed in on this device: the person's active ones, and
 * the household's current one (even archived or not the person's: keeping it never moves the
 * household). No welcome point ("none": the creator's own household) is allowed only for a
 * household that has none yet (AUTH6c: `validateHouseholdValues` with `placedIn`).
 */
export function allowedWelcomePointIds(
  known: readonly WelcomePoint[],
  current: string | undefined,
): string[] {
  const ids = known.filter((wp) => !wp.archived).map((wp) => wp.id);
  return current && !ids.includes(current) ? [...ids, current] : ids;
}

/** One choice of the welcome-point select; `kind` says how to word it. */
export interface WelcomePointChoice {
  id: string;
  /** The name when known, else the id (a session saved by an older app). */
  name: string;
  /** `archived`: the household's current, closed one; `not-allowed`: the value, refused. */
  kind: 'active' | 'archived' | 'not-allowed';
}

/**
 * The choices of the welcome-point select: the allowed ones by name, then the value as it is if
 * it is none of them (an old draft), so the select shows it and its error, never another value.
 */
export function welcomePointChoices(
  known: readonly WelcomePoint[],
  current: string | undefined,
  value: string,
): WelcomePointChoice[] {
  const nameOf = (id: string) => known.find((wp) => wp.id === id)?.name ?? id;
  const allowed = allowedWelcomePointIds(known, current);
  const choices: WelcomePointChoice[] = allowed.map((id) => ({
    id,
    name: nameOf(id),
    kind: known.some((wp) => wp.id === id && wp.archived) ? 'archived' : 'active',
  }));
  const typed = value.trim();
  if (typed !== '' && !allowed.includes(typed))
    choices.push({ id: typed, name: nameOf(typed), kind: 'not-allowed' });
  return choices;
}

/** The fields of a new household row: only what was given. */
export function newHouseholdFields(household: HouseholdIntake): NewHousehold {
  return withoutUndefined(household) as NewHousehold;
}

/** The edit of a household: the intake fields changed since `before`. */
export function householdPatch(household: HouseholdIntake, before: HouseholdIntake): PatchOf<'household'> {
  return changedOnly({ ...household }, before) as PatchOf<'household'>;
}

/** The household row as the intake form reads it, to compare an edit with. */
export function householdIntakeOf(row: HouseholdRow): HouseholdIntake {
  const parsed = validateHouseholdValues(householdValuesOf(row));
  if (parsed.ok) return parsed.value;
  return {
    territory: row.territory,
    departement: row.departement,
    housingStatus: row.housingStatus,
    phone: row.phone,
    email: row.email,
    address: row.address,
    referralSource: row.referralSource,
    referralDetails: row.referralDetails,
    welcomePointId: row.welcomePointId,
    reference: row.reference,
  };
}
