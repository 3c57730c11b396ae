/** An appointment with the household. Times are local wall-clock times, as on a paper diary. */
import { z } from 'zod';
import { EntityIdSchema } from '../household/ids';

/** A local date and time 'YYYY-MM-DDTHH:mm' (no zone); compares correctly as a string. */
export const LocalDateTimeSchema = z
  .string()
  .regex(
    /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/,
    'expected YYYY-MM-DDTHH:mm',
  );
export type LocalDateTime = z.infer<typeof LocalDateTimeSchema>;

export const AppointmentStatusSchema = z.enum(['planned', 'done', 'missed', 'cancelled']);
export type AppointmentStatus = z.infer<typeof AppointmentStatusSchema>;

/**
 * Where a consultation sent the household (RPT2: a done appointment is a consultation, counted
 * with its orientation): one of the three tracks, a micro-credit, another organisation, or nowhere.
 */
export const OrientationSchema = z.enum([
  'support',
  'mediation',
  'over_indebtedness',
  'microcredit',
  'other_organisation',
  'none',
]);
export type Orientation = z.infer<typeof OrientationSchema>;

export const AppointmentSchema = z.object({
  id: EntityIdSchema,
  startsAt: LocalDateTimeSchema,
  durationMinutes: z.number().int().min(5).max(600).optional(),
  place: z.string().max(200).optional(),
  /** User who meets the household. */
  withUserId: z.string().min(1).max(100).optional(),
  purpose: z.string().max(500).optional(),
  status: AppointmentStatusSchema,
  /** Set when the appointment took place: where the consultation oriented the household. */
  orientation: OrientationSchema.optional(),
});
export type Appointment = z.infer<typeof AppointmentSchema>;
