/**
 * A member's intake form as text: role, names (usage and birth names), birth date and custody, checked and turned into
 * row fields with per-field message keys, and an edit as only the fields changed.
 */
import { type IsoDate, IsoDateSchema } from '../../domain/dates';
import type { FieldsOf, MemberRow, PatchOf } from '../../domain/dossier/rows';
import type { Custody, MemberRole } from '../../domain/household/member';
import type { MessageKey } from '../../i18n/messages-fr';
import type { FieldErrors, FieldValues, Validation } from '../form-model';
import {
  asksCustody,
  CUSTODIES,
  changedOnly,
  MEMBER_ROLES,
  optionalText,
  pick,
  withoutUndefined,
} from './intake-fields';

export const MEMBER_FIELDS = ['role', 'firstName', 'lastName', 'birthName', 'birthDate', 'custody'] as const;
export type MemberField = (typeof MEMBER_FIELDS)[number];

export interface MemberIntake {
  role: MemberRole;
  firstName: string | undefined;
  lastName: string | undefined;
  /** The birth name (nom de naissance), when it differs from the usage name: duplicate checks read it. */
  birthName: string | undefined;
  birthDate: IsoDate;
  custody: Custody | undefined;
}

export function emptyMemberValues(role: MemberRole = 'applicant'): FieldValues<MemberField> {
  return { role, firstName: '', lastName: '', birthName: '', birthDate: '', custody: '' };
}

export function memberValuesOf(row: MemberRow): FieldValues<MemberField> {
  return {
    role: row.role,
    firstName: row.firstName ?? '',
    lastName: row.lastName ?? '',
    birthName: row.birthName ?? '',
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
  const birthName = optionalText(values.birthName);
  if (firstName && firstName.length > 200) errors.firstName = 'error.tooLong' satisfies MessageKey;
  if (lastName && lastName.length > 200) errors.lastName = 'error.tooLong' satisfies MessageKey;
  if (birthName && birthName.length > 200) errors.birthName = 'error.tooLong' satisfies MessageKey;
  if (role === 'applicant' && !firstName && !lastName)
    errors.lastName = 'intake.error.applicantName' satisfies MessageKey;
  const birthDate = (values.birthDate ?? '').trim();
  if (birthDate === '') errors.birthDate = 'error.required' satisfies MessageKey;
  else if (!IsoDateSchema.safeParse(birthDate).success || birthDate < '1900-01-01')
    errors.birthDate = 'error.date.invalid' satisfies MessageKey;
  else if (birthDate > today) errors.birthDate = 'error.date.future' satisfies MessageKey;
  const custody = role && asksCustody(role) ? pick(CUSTODIES, values.custody) : undefined;
  if (Object.keys(errors).length > 0 || !role) return { ok: false, errors };
  return {
    ok: true,
    value: { role, firstName, lastName, birthName, birthDate: birthDate as IsoDate, custody },
  };
}

export function memberFields(member: MemberIntake): FieldsOf<'member'> {
  return withoutUndefined(member) as FieldsOf<'member'>;
}

/** The edit of a member: the intake fields changed since `before` (the row the form started from). */
export function memberPatch(member: MemberIntake, before: MemberRow): PatchOf<'member'> {
  const { role, firstName, lastName, birthName, birthDate, custody } = before;
  return changedOnly(
    { ...member },
    { role, firstName, lastName, birthName, birthDate, custody },
  ) as PatchOf<'member'>;
}
