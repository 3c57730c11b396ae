/**
 * Size: over 450 lines, deliberately not split in issue 12, which changed behaviour here;
 * issue 13 splits it along its seam, with behaviour unchanged:
 * one module per form (household, members, consents).
 *
 * Intake forms as text: the household, contact and referral fields, the members and the
 * consents, each turned from what was typed into typed row fields, with per-field message keys.
 * The screens only show values and errors; the rules live here.
 */

import type { NewHousehold } from '../../db/repository';
import type { IsoDate } from '../../domain/dates';
import { IsoDateSchema } from '../../domain/dates';
import { type ConsentPurpose, ConsentPurposeSchema } from '../../domain/dossier/consent';
import {
  type DossierStatus,
  DossierStatusSchema,
  type PostalAddress,
  type ReferralSource,
  ReferralSourceSchema,
  type Track,
  TrackSchema,
} from '../../domain/dossier/dossier-meta';
import type { DuplicateProbe } from '../../domain/dossier/duplicates';
import { normalisePhone } from '../../domain/dossier/normalise';
import type { FieldsOf, HouseholdRow, MemberRow, PatchOf } from '../../domain/dossier/rows';
import {
  type Custody,
  CustodySchema,
  isAdultOn,
  type MemberRole,
  MemberRoleSchema,
} from '../../domain/household/member';
import {
  DepartementSchema,
  type HousingStatus,
  HousingStatusSchema,
  type Territory,
  TerritorySchema,
} from '../../domain/household/territory';
import type { WelcomePoint } from '../../domain/sync/protocol';
import { clearsWelcomePoint } from '../../domain/sync/welcome-point-rule';
import type { MessageKey } from '../../i18n/messages-fr';
import type { FieldErrors, FieldValues, Validation } from '../form-model';

export const TERRITORIES = TerritorySchema.options;
export const HOUSING_STATUSES = HousingStatusSchema.options;
export const REFERRAL_SOURCES = ReferralSourceSchema.options;
export const MEMBER_ROLES = MemberRoleSchema.options;
export const CUSTODIES = CustodySchema.options;
export const CONSENT_PURPOSES = ConsentPurposeSchema.options;
export const TRACKS = TrackSchema.options;
export const STATUSES = DossierStatusSchema.options;

/** Roles for which where the person lives (custody, shared residence) is asked. */
export function asksCustody(role: string): boolean {
  return role === 'child' || role === 'other_dependent';
}

// ------------------------------------------------------------------ household

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

const optionalText = (text: string | undefined): string | undefined => {
  const trimmed = (text ?? '').trim();
  return trimmed === '' ? undefined : trimmed;
};

function pick<T extends string>(options: readonly T[], text: string | undefined): T | undefined {
  return (options as readonly string[]).includes(text ?? '') ? (text as T) : undefined;
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

// ------------------------------------------------------------------ welcome point (AUTH6)

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

/** Drops the keys whose value is undefined (a new row stores only what was given). */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The fields of a new household row: only what was given. */
export function newHouseholdFields(household: HouseholdIntake): NewHousehold {
  return withoutUndefined(household) as NewHousehold;
}

/**
 * Only the fields that differ from `before` (what the form started from): a save never writes
 * back a value the person did not touch, which another screen or device may have changed since.
 * `undefined` removes a cleared field.
 */
export function changedOnly<T extends object>(patch: T, current: object): Partial<T> {
  const stored = current as Record<string, unknown>;
  const changed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (JSON.stringify(value) !== JSON.stringify(stored[key])) changed[key] = value;
  }
  return changed as Partial<T>;
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

// ------------------------------------------------------------------ members

export const MEMBER_FIELDS = ['role', 'firstName', 'lastName', 'birthDate', 'custody'] as const;
export type MemberField = (typeof MEMBER_FIELDS)[number];

export interface MemberIntake {
  role: MemberRole;
  firstName: string | undefined;
  lastName: string | undefined;
  birthDate: IsoDate;
  custody: Custody | undefined;
}

export function emptyMemberValues(role: MemberRole = 'applicant'): FieldValues<MemberField> {
  return { role, firstName: '', lastName: '', birthDate: '', custody: '' };
}

export function memberValuesOf(row: MemberRow): FieldValues<MemberField> {
  return {
    role: row.role,
    firstName: row.firstName ?? '',
    lastName: row.lastName ?? '',
    birthDate: row.birthDate,
    custody: row.custody ?? '',
  };
}

export function validateMemberValues(
  values: Partial<Record<MemberField, string>>,
  today: IsoDate,
): Validation<MemberField, MemberIntake> {
  const errors: FieldErrors<MemberField> = {};
  const role = pick(MEMBER_ROLES, values.role);
  if (!role) errors.role = 'error.required' satisfies MessageKey;
  const firstName = optionalText(values.firstName);
  const lastName = optionalText(values.lastName);
  if (firstName && firstName.length > 200) errors.firstName = 'error.tooLong' satisfies MessageKey;
  if (lastName && lastName.length > 200) errors.lastName = 'error.tooLong' satisfies MessageKey;
  if (role === 'applicant' && !firstName && !lastName)
    errors.lastName = 'intake.error.applicantName' satisfies MessageKey;
  const birthDate = (values.birthDate ?? '').trim();
  if (birthDate === '') errors.birthDate = 'error.required' satisfies MessageKey;
  else if (!IsoDateSchema.safeParse(birthDate).success || birthDate < '1900-01-01')
    errors.birthDate = 'error.date.invalid' satisfies MessageKey;
  else if (birthDate > today) errors.birthDate = 'error.date.future' satisfies MessageKey;
  const custody = role && asksCustody(role) ? pick(CUSTODIES, values.custody) : undefined;
  if (Object.keys(errors).length > 0 || !role) return { ok: false, errors };
  return { ok: true, value: { role, firstName, lastName, birthDate: birthDate as IsoDate, custody } };
}

export function memberFields(member: MemberIntake): FieldsOf<'member'> {
  return withoutUndefined(member) as FieldsOf<'member'>;
}

/** The edit of a member: the intake fields changed since `before` (the row the form started from). */
export function memberPatch(member: MemberIntake, before: MemberRow): PatchOf<'member'> {
  const { role, firstName, lastName, birthDate, custody } = before;
  return changedOnly({ ...member }, { role, firstName, lastName, birthDate, custody }) as PatchOf<'member'>;
}

// ------------------------------------------------------------------ new dossier (household + members)

/** Field names of the new-dossier form: the household's, then `m.<slot>.<field>` per person. */
export type NewDossierField = string;
export const MEMBER_SLOTS_FIELD = 'memberSlots';

export function memberFieldName(slot: string, field: MemberField): string {
  return `m.${slot}.${field}`;
}

/** The person slots of the form, in order ("1,2,3" as stored in the draft). */
export function memberSlots(values: Record<string, string>): string[] {
  return (values[MEMBER_SLOTS_FIELD] ?? '').split(',').filter((s) => s !== '');
}

/**
 * The blank new-dossier form. `defaultWelcomePointId` (the signed-in person's first welcome point)
 * pre-fills the welcome point, still editable: without one, the server shows the new household
 * only to its creator.
 */
export function emptyNewDossierValues(defaultWelcomePointId?: string): Record<string, string> {
  const values: Record<string, string> = { ...emptyHouseholdValues(), [MEMBER_SLOTS_FIELD]: '1' };
  if (defaultWelcomePointId !== undefined) values.welcomePointId = defaultWelcomePointId;
  for (const field of MEMBER_FIELDS) values[memberFieldName('1', field)] = emptyMemberValues()[field];
  return values;
}

/** The values with one more person (a new slot, empty fields). */
export function withAddedMember(values: Record<string, string>, role: MemberRole): Record<string, string> {
  const slots = memberSlots(values);
  const next = String(Math.max(0, ...slots.map(Number).filter(Number.isFinite)) + 1);
  const added: Record<string, string> = { ...values, [MEMBER_SLOTS_FIELD]: [...slots, next].join(',') };
  for (const field of MEMBER_FIELDS) added[memberFieldName(next, field)] = emptyMemberValues(role)[field];
  return added;
}

export function withoutMember(values: Record<string, string>, slot: string): Record<string, string> {
  const rest: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (!key.startsWith(`m.${slot}.`)) rest[key] = value;
  }
  rest[MEMBER_SLOTS_FIELD] = memberSlots(values)
    .filter((s) => s !== slot)
    .join(',');
  return rest;
}

export function memberValuesAt(values: Record<string, string>, slot: string): Record<MemberField, string> {
  return Object.fromEntries(MEMBER_FIELDS.map((f) => [f, values[memberFieldName(slot, f)] ?? ''])) as Record<
    MemberField,
    string
  >;
}

export interface NewDossier {
  household: HouseholdIntake;
  members: FieldsOf<'member'>[];
}

export function validateNewDossier(
  values: Record<string, string>,
  today: IsoDate,
  allowedWelcomePoints?: readonly string[],
): Validation<NewDossierField, NewDossier> {
  const errors: Record<string, string> = {};
  const household = validateHouseholdValues(values, allowedWelcomePoints);
  if (!household.ok) Object.assign(errors, household.errors);
  const members: FieldsOf<'member'>[] = [];
  const slots = memberSlots(values);
  for (const slot of slots) {
    const member = validateMemberValues(memberValuesAt(values, slot), today);
    if (member.ok) members.push(memberFields(member.value));
    else
      for (const [field, code] of Object.entries(member.errors))
        errors[memberFieldName(slot, field as MemberField)] = code;
  }
  const firstSlot = slots[0];
  if (firstSlot === undefined) errors[MEMBER_SLOTS_FIELD] = 'intake.error.noMember' satisfies MessageKey;
  else if (!members.some((m) => m.role === 'applicant') && !errors[memberFieldName(firstSlot, 'role')])
    errors[memberFieldName(firstSlot, 'role')] = 'intake.error.noApplicant' satisfies MessageKey;
  if (Object.keys(errors).length > 0 || !household.ok) return { ok: false, errors };
  return { ok: true, value: { household: household.value, members } };
}

/** What the duplicate check needs from the form as typed: people with a birth date, and the phone. */
export function duplicateProbeOf(values: Record<string, string>): DuplicateProbe {
  const people = memberSlots(values)
    .map((slot) => memberValuesAt(values, slot))
    .filter((m) => IsoDateSchema.safeParse(m.birthDate.trim()).success && (m.firstName || m.lastName))
    .map((m) => ({ firstName: m.firstName, lastName: m.lastName, birthDate: m.birthDate.trim() }));
  const phone = (values.phone ?? '').trim();
  return { people, phones: phone === '' ? [] : [phone] };
}

/** A stable key of a probe: the check runs again only when it changed. */
export function probeKey(probe: DuplicateProbe): string {
  return JSON.stringify(probe);
}

// ------------------------------------------------------------------ consent

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

export type { DossierStatus, Track };
