/**
 * The workshop form as text (WS1): its fields, checked and turned into a session's fields, with a
 * message key per field that the screen words next to it. The bounds come from WorkshopSchema, so
 * the form refuses exactly what the device's write (and the server) would refuse. The welcome
 * point must be one of the signed-in person's (AUTH10, as for a household at intake): another one
 * would be refused by the server and would block the device's sync behind it.
 */
import { IsoDateSchema } from '../../domain/dates';
import type { WorkshopRow } from '../../domain/dossier/rows';
import { type Workshop, WorkshopSchema } from '../../domain/workshops/workshop';
import type { MessageKey } from '../../i18n/messages-fr';
import type { FieldErrors, FieldValues, Validation } from '../form-model';
import { optionalText } from '../intake/intake-fields';

export const WORKSHOP_FIELDS = [
  'date',
  'welcomePointId',
  'facilitator',
  'facilitatorName',
  'topic',
  'durationHours',
  'durationMinutes',
  'participants',
  'anonymousParticipants',
  'details',
] as const;
export type WorkshopField = (typeof WORKSHOP_FIELDS)[number];

/** Who ran the session: the signed-in person, or a partner whose name is typed. */
export type FacilitatorChoice = 'me' | 'partner';

/** A session's fields (its id and sync metadata apart). */
export type WorkshopFields = Omit<Workshop, 'id'>;

const shape = WorkshopSchema.shape;
/** Duration bounds in minutes, from the schema. */
export const DURATION_MIN = shape.durationMinutes.minValue ?? 15;
export const DURATION_MAX = shape.durationMinutes.maxValue ?? 480;
export const ANONYMOUS_MAX = shape.anonymousParticipants.maxValue ?? 500;
const TOPIC_MAX = 200;
const FACILITATOR_NAME_MAX = 200;
const DETAILS_MAX = 4000;

/** The participant ids, kept in the form (and its draft) as one text field, space-separated. */
export function participantIdsOf(values: Partial<Record<string, string>>): string[] {
  return (values.participants ?? '').split(/\s+/).filter((id) => id !== '');
}

export function withParticipant(values: FieldValues<WorkshopField>, householdId: string): string {
  const ids = participantIdsOf(values);
  return ids.includes(householdId) ? ids.join(' ') : [...ids, householdId].join(' ');
}

export function withoutParticipant(values: FieldValues<WorkshopField>, householdId: string): string {
  return participantIdsOf(values)
    .filter((id) => id !== householdId)
    .join(' ');
}

export function emptyWorkshopValues(today: string, welcomePointId = ''): FieldValues<WorkshopField> {
  return {
    date: today,
    welcomePointId,
    facilitator: 'me',
    facilitatorName: '',
    topic: '',
    durationHours: '2',
    durationMinutes: '0',
    participants: '',
    anonymousParticipants: '0',
    details: '',
  };
}

/** A stored session as the form's text. */
export function workshopValuesOf(row: WorkshopRow): FieldValues<WorkshopField> {
  return {
    date: row.date,
    welcomePointId: row.welcomePointId,
    // A partner is a typed name; otherwise a user ran it (kept as is on edit: facilitatorOf).
    facilitator: row.facilitatorName === undefined ? 'me' : 'partner',
    facilitatorName: row.facilitatorName ?? '',
    topic: row.topic,
    durationHours: String(Math.floor(row.durationMinutes / 60)),
    durationMinutes: String(row.durationMinutes % 60),
    participants: row.participantHouseholdIds.join(' '),
    anonymousParticipants: String(row.anonymousParticipants),
    details: row.details ?? '',
  };
}

/**
 * The user a "user ran it" choice names: an edited session keeps the user it had (a colleague's
 * session stays theirs); a new one, or one a partner ran before, gets the signed-in person.
 */
export function facilitatorUserOf(editing: WorkshopRow | undefined, currentUserId: string | undefined) {
  return editing?.facilitatorUserId ?? currentUserId;
}

/** A whole number typed (digits only, spaces around allowed); undefined otherwise. */
function wholeNumber(text: string | undefined): number | undefined {
  const trimmed = (text ?? '').trim();
  return /^\d{1,6}$/.test(trimmed) ? Number(trimmed) : undefined;
}

/**
 * Checks the form. `allowedWelcomePoints`: the signed-in person's active welcome points (plus the
 * session's own when editing one placed elsewhere). `currentUserId`: who "me" is.
 */
export function validateWorkshopValues(
  values: Partial<Record<string, string>>,
  allowedWelcomePoints: readonly string[],
  currentUserId: string | undefined,
): Validation<WorkshopField, WorkshopFields> {
  const errors: FieldErrors<WorkshopField> = {};
  const date = (values.date ?? '').trim();
  if (date === '') errors.date = 'error.required' satisfies MessageKey;
  else if (!IsoDateSchema.safeParse(date).success) errors.date = 'error.date.invalid' satisfies MessageKey;

  const welcomePointId = optionalText(values.welcomePointId);
  if (welcomePointId === undefined) errors.welcomePointId = 'error.required' satisfies MessageKey;
  else if (!allowedWelcomePoints.includes(welcomePointId))
    errors.welcomePointId = 'workshops.error.welcomePointNotAllowed' satisfies MessageKey;

  const partner = values.facilitator === 'partner';
  const facilitatorName = optionalText(values.facilitatorName);
  if (partner && facilitatorName === undefined)
    errors.facilitatorName = 'workshops.error.facilitatorName' satisfies MessageKey;
  else if (partner && facilitatorName !== undefined && facilitatorName.length > FACILITATOR_NAME_MAX)
    errors.facilitatorName = 'error.tooLong' satisfies MessageKey;

  const topic = optionalText(values.topic);
  if (topic === undefined) errors.topic = 'error.required' satisfies MessageKey;
  else if (topic.length > TOPIC_MAX) errors.topic = 'error.tooLong' satisfies MessageKey;

  const hours = wholeNumber(values.durationHours || '0');
  const minutes = wholeNumber(values.durationMinutes || '0');
  let durationMinutes: number | undefined;
  if (hours === undefined) errors.durationHours = 'workshops.error.wholeNumber' satisfies MessageKey;
  if (minutes === undefined || minutes > 59)
    errors.durationMinutes = 'workshops.error.minutes' satisfies MessageKey;
  if (hours !== undefined && minutes !== undefined && minutes <= 59) {
    durationMinutes = hours * 60 + minutes;
    if (durationMinutes < DURATION_MIN || durationMinutes > DURATION_MAX)
      errors.durationHours = 'workshops.error.duration' satisfies MessageKey;
  }

  const participantHouseholdIds = participantIdsOf(values);
  if (!shape.participantHouseholdIds.safeParse(participantHouseholdIds).success)
    errors.participants = 'workshops.error.tooManyParticipants' satisfies MessageKey;
  const anonymousParticipants = wholeNumber(values.anonymousParticipants || '0');
  if (anonymousParticipants === undefined || anonymousParticipants > ANONYMOUS_MAX)
    errors.anonymousParticipants = 'workshops.error.anonymous' satisfies MessageKey;
  else if (anonymousParticipants === 0 && participantHouseholdIds.length === 0)
    errors.anonymousParticipants = 'workshops.error.noParticipant' satisfies MessageKey;

  const details = optionalText(values.details);
  if (details !== undefined && details.length > DETAILS_MAX)
    errors.details = 'error.tooLong' satisfies MessageKey;

  if (
    Object.keys(errors).length > 0 ||
    welcomePointId === undefined ||
    topic === undefined ||
    durationMinutes === undefined ||
    anonymousParticipants === undefined
  )
    return { ok: false, errors };
  const facilitator: Pick<WorkshopFields, 'facilitatorUserId' | 'facilitatorName'> = partner
    ? { facilitatorName }
    : currentUserId === undefined
      ? {}
      : { facilitatorUserId: currentUserId };
  return {
    ok: true,
    value: {
      date,
      welcomePointId,
      ...facilitator,
      topic,
      durationMinutes,
      participantHouseholdIds,
      anonymousParticipants,
      ...(details === undefined ? {} : { details }),
    },
  };
}
