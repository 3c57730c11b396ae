/**
 * The retention boundary (docs/household-rights.md RIGHT8): a dossier closed on day C is due for
 * anonymisation once `years` full years have passed, that is on the day after C + years. Pure.
 */
import type { IsoDate } from '../dates';

/**
 * The first closing day that is NOT yet due on `today`: dossiers closed strictly before it are.
 * A 29 February with no counterpart becomes 28 February.
 * @example retentionCutoff('2031-06-15', 5) // '2026-06-15': closed 2026-06-14 is due, 2026-06-15 not yet
 * @example retentionCutoff('2029-02-28', 1) // '2028-02-28'
 * @example retentionCutoff('2033-02-28', 5) // '2028-02-28'
 */
export function retentionCutoff(today: IsoDate, years: number): IsoDate {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const year = y - years;
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}` as IsoDate;
}
