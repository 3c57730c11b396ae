/** Appointments of the follow-up: the typed form, the list in order, the next one. */
import { IsoDateSchema } from '../../domain/dates';
import {
  type AppointmentStatus,
  AppointmentStatusSchema,
  type Orientation,
  OrientationSchema,
} from '../../domain/dossier/appointment';
import type { AppointmentRow, FieldsOf } from '../../domain/dossier/rows';
import type { FieldErrors, Validation } from '../form-model';

export type AppointmentField = 'date' | 'time' | 'duration' | 'place' | 'purpose' | 'status' | 'orientation';

export function appointmentInitial(row?: AppointmentRow): Record<AppointmentField, string> {
  return {
    date: row ? row.startsAt.slice(0, 10) : '',
    time: row ? row.startsAt.slice(11, 16) : '',
    duration: row?.durationMinutes !== undefined ? String(row.durationMinutes) : '',
    place: row?.place ?? '',
    purpose: row?.purpose ?? '',
    status: row?.status ?? 'planned',
    orientation: row?.orientation ?? '',
  };
}

/**
 * A walk-in consultation (RPT1 `consultations`): a done appointment for today at the time it is
 * recorded, whose orientation the counsellor picks.
 * @param now - local 'YYYY-MM-DDTHH:mm'
 */
export function walkInInitial(now: string): Record<AppointmentField, string> {
  return { ...appointmentInitial(), date: now.slice(0, 10), time: now.slice(11, 16), status: 'done' };
}

/** The error key of an orientation picked for a consultation, or null (required once done, RPT1). */
export function orientationError(text: string): string | null {
  if (text === '') return 'followup.error.orientation';
  return OrientationSchema.safeParse(text).success ? null : 'followup.error.orientation';
}

/** Accepts "9:30", "09:30", "9h30", "9 h" (French habits). */
export function parseTime(text: string): string | null {
  const match = /^\s*([01]?\d|2[0-3])\s*(?:[:hH]\s*([0-5]\d)?)?\s*$/.exec(text);
  if (!match) return null;
  return `${(match[1] ?? '0').padStart(2, '0')}:${match[2] ?? '00'}`;
}

export function validateAppointment(
  values: Record<AppointmentField, string>,
): Validation<AppointmentField, FieldsOf<'appointment'>> {
  const errors: FieldErrors<AppointmentField> = {};
  const date = values.date.trim();
  if (date === '') errors.date = 'error.required';
  else if (!IsoDateSchema.safeParse(date).success) errors.date = 'error.date.invalid';
  const time = parseTime(values.time);
  if (values.time.trim() === '') errors.time = 'error.required';
  else if (!time) errors.time = 'followup.error.time';
  let durationMinutes: number | undefined;
  if (values.duration.trim() !== '') {
    const n = Number(values.duration.trim());
    if (!Number.isInteger(n) || n < 5 || n > 600) errors.duration = 'followup.error.duration';
    else durationMinutes = n;
  }
  if (values.place.trim().length > 200) errors.place = 'error.tooLong';
  if (values.purpose.trim().length > 500) errors.purpose = 'error.tooLong';
  const status = AppointmentStatusSchema.safeParse(values.status);
  if (!status.success) errors.status = 'error.required';
  // A done appointment is a consultation: the report counts it with its orientation (RPT1).
  const done = status.success && status.data === 'done';
  const orientation = done ? orientationError(values.orientation) : null;
  if (orientation) errors.orientation = orientation;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const place = values.place.trim();
  const purpose = values.purpose.trim();
  return {
    ok: true,
    value: {
      startsAt: `${date}T${time}`,
      status: status.data as AppointmentStatus,
      ...(durationMinutes !== undefined ? { durationMinutes } : {}),
      ...(place ? { place } : {}),
      ...(purpose ? { purpose } : {}),
      ...(done ? { orientation: values.orientation as Orientation } : {}),
    },
  };
}

/** The local wall-clock time of `date` as 'YYYY-MM-DDTHH:mm' (a walk-in is recorded now). */
export function localDateTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Live appointments, soonest first. */
export function sortedAppointments(rows: readonly AppointmentRow[]): AppointmentRow[] {
  return rows.filter((r) => !r.deleted).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

/**
 * The next planned appointment from `now` ('YYYY-MM-DDTHH:mm', local), or null.
 * @example nextAppointment(rows, '2026-11-27T00:00')
 */
export function nextAppointment(rows: readonly AppointmentRow[], now: string): AppointmentRow | null {
  return sortedAppointments(rows).find((r) => r.status === 'planned' && r.startsAt >= now) ?? null;
}
