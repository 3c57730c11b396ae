/**
 * The dossier list's filters as the screen shows them (text of each control) turned into the
 * list model's query, plus the "no appointment" choice that the query cannot express and that
 * is applied to its results.
 */
import type { IsoDate } from '../../domain/dates';
import type { DossierStatus, Track } from '../../domain/dossier/dossier-meta';
import { DossierStatusSchema, TrackSchema } from '../../domain/dossier/dossier-meta';
import type { ListFilters } from '../workspace/dossier-list-model';

export const APPOINTMENT_CHOICES = ['any', 'next7', 'next30', 'none', 'between'] as const;
export type AppointmentChoice = (typeof APPOINTMENT_CHOICES)[number];

export interface ListFilterValues {
  search: string;
  track: string;
  status: string;
  welcomePoint: string;
  appointment: AppointmentChoice;
  /** 'YYYY-MM-DD', for 'between'. */
  from: string;
  to: string;
}

export const EMPTY_LIST_FILTERS: ListFilterValues = {
  search: '',
  track: '',
  status: '',
  welcomePoint: '',
  appointment: 'any',
  from: '',
  to: '',
};

/** The date `days` after `date`, both 'YYYY-MM-DD'. */
export function addDays(date: string, days: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number);
  const next = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days));
  return next.toISOString().slice(0, 10) as IsoDate;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function toListQuery(values: ListFilterValues, today: IsoDate): ListFilters {
  const query: ListFilters = {};
  const search = values.search.trim();
  if (search !== '') query.search = search;
  if (TrackSchema.safeParse(values.track).success) query.track = values.track as Track;
  if (DossierStatusSchema.safeParse(values.status).success) query.status = values.status as DossierStatus;
  if (values.welcomePoint !== '') query.welcomePointId = values.welcomePoint;
  if (values.appointment === 'next7' || values.appointment === 'next30') {
    query.nextAppointmentAfter = today;
    query.nextAppointmentBefore = addDays(today, values.appointment === 'next7' ? 8 : 31);
  } else if (values.appointment === 'between') {
    if (DATE.test(values.from)) query.nextAppointmentAfter = values.from;
    if (DATE.test(values.to)) query.nextAppointmentBefore = addDays(values.to, 1);
  }
  return query;
}

/** Applies what the query cannot say: "without an appointment". */
export function applyLocalFilters<T extends { nextAppointment?: string }>(
  results: readonly T[],
  values: ListFilterValues,
): T[] {
  return values.appointment === 'none'
    ? results.filter((r) => r.nextAppointment === undefined)
    : [...results];
}

export function hasActiveFilters(values: ListFilterValues): boolean {
  return (
    values.search.trim() !== '' ||
    values.track !== '' ||
    values.status !== '' ||
    values.welcomePoint !== '' ||
    values.appointment !== 'any'
  );
}
