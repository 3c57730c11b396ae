/** The day plan statuses are computed for: the date in Europe/Paris, where the associations work. */
import type { IsoDate } from '../../../src/domain/dates';

const PARIS_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * @param now - Unix ms
 * @example parisDay(Date.UTC(2026, 2, 31, 22, 30)) // '2026-04-01' (00:30 in Paris, summer time)
 */
export function parisDay(now: number): IsoDate {
  return PARIS_DAY.format(new Date(now));
}
