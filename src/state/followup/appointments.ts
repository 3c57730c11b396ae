/** Appointments of the follow-up: the typed form, the list in order, the next one. */
import { IsoDateSchema } from '../../domain/dates';
import { type AppointmentStatus, AppointmentStatusSchema } from '../../domain/dossier/appointment';
import type { AppointmentRow, FieldsOf } from '../../domain/dossier/rows';
import type { FieldErrors, Validation } from '../form-model';

export type AppointmentField = 'date' | 'time' | 'duration' | 'place' | 'purpose' | 'status';

export function appointmentInitial(row?: AppointmentRow): Record<AppointmentField, string> {
  return {
    date: row ? row.startsAt.slice(0, 10) : '',
    time: row ? row.startsAt.slice(11, 16) : '',
    duration: row?.durationMinutes !== undefined ? String(row.durationMinutes) : '',
    place: row?.place ?? '',
    purpose: row?.purpose ?? '',
    status: row?.status ?? 'planned',
  };
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
    },
  };
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
