/**
 * The new-dossier form: the household's fields and its people (`m.<slot>.<field>`, slots added
 * and removed as the person types) in one set of values, checked as a whole (at least one
 * person, an applicant), and what the duplicate check reads from it.
 */
import { type IsoDate, IsoDateSchema } from '../../domain/dates';
import type { FieldsOf } from '../../domain/dossier/rows';
import type { MemberRole } from '../../domain/household/member';
import type { MatchProbe } from '../../domain/sync/coordination-protocol';
import type { MessageKey } from '../../i18n/messages-fr';
import type { Validation } from '../form-model';
import { emptyHouseholdValues, type HouseholdIntake, validateHouseholdValues } from './household-intake';
import {
  emptyMemberValues,
  MEMBER_FIELDS,
  type MemberField,
  memberFields,
  validateMemberValues,
} from './member-intake';

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

function filled(text: string | undefined): string | undefined {
  const trimmed = (text ?? '').trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * What the duplicate check (DUP3) reads from the form as typed: the people with a name (their
 * birth date once it is a whole date: a half-typed one is unknown, not a different one), the
 * phone, the e-mail and the address.
 */
export function duplicateProbeOf(values: Record<string, string>): MatchProbe {
  const people = memberSlots(values)
    .map((slot) => memberValuesAt(values, slot))
    .filter((m) => filled(m.firstName) ?? filled(m.lastName) ?? filled(m.birthName))
    .map((m) => {
      const person: MatchProbe['people'][number] = {};
      const firstName = filled(m.firstName);
      const lastName = filled(m.lastName);
      const birthName = filled(m.birthName);
      const birthDate = m.birthDate.trim();
      if (firstName !== undefined) person.firstName = firstName;
      if (lastName !== undefined) person.lastName = lastName;
      if (birthName !== undefined) person.birthName = birthName;
      if (IsoDateSchema.safeParse(birthDate).success) person.birthDate = birthDate;
      return person;
    });
  const probe: MatchProbe = { people, phones: [], emails: [] };
  const phone = filled(values.phone);
  if (phone !== undefined) probe.phones.push(phone);
  const email = filled(values.email);
  if (email !== undefined) probe.emails.push(email);
  const postcode = filled(values.postcode);
  if (postcode !== undefined) probe.postcode = postcode;
  const addressLine = filled(values.addressLine1);
  if (addressLine !== undefined) probe.addressLine = addressLine;
  return probe;
}

/** A stable key of a probe: the check runs again only when it changed. */
export function probeKey(probe: MatchProbe): string {
  return JSON.stringify(probe);
}
