/**
 * Calendar dates are 'YYYY-MM-DD' strings. They compare correctly as strings, and the engine
 * never reads the clock: the reference date is always an input.
 */
import { z } from 'zod';

function isRealDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) return false;
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= (monthDays[m - 1] ?? 0);
}

/** A calendar date 'YYYY-MM-DD'. */
export const IsoDateSchema = z
  .string()
  // One check, so a bad date yields one problem, not two.
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && isRealDate(v), 'expected a calendar date YYYY-MM-DD');

export type IsoDate = z.infer<typeof IsoDateSchema>;

/**
 * Age in whole years on a date (birthday reached on the same month and day).
 * @param birthDate - 'YYYY-MM-DD'
 * @param on - reference date 'YYYY-MM-DD'
 * @returns completed years (negative if born after `on`)
 * @example ageOn('2011-03-01', '2026-02-28') // 14
 */
export function ageOn(birthDate: IsoDate, on: IsoDate): number {
  const by = Number(birthDate.slice(0, 4));
  const oy = Number(on.slice(0, 4));
  const hadBirthday = on.slice(5) >= birthDate.slice(5);
  return oy - by - (hadBirthday ? 0 : 1);
}

/**
 * Adds whole months to a date, clamping the day to the end of the target month.
 * @param date - 'YYYY-MM-DD'
 * @param months - integer number of months (may be negative)
 * @example addMonths('2026-01-31', 1) // '2026-02-28'
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month] ?? 31;
  const day = Math.min(Number(date.slice(8, 10)), monthDays);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Adds whole days to a date (calendar days, no time zone involved).
 * @param date - 'YYYY-MM-DD'
 * @param days - integer number of days (may be negative)
 * @example addDays('2026-02-20', 10) // '2026-03-02'
 */
export function addDays(date: IsoDate, days: number): IsoDate {
  const utc = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return new Date(utc + days * 86_400_000).toISOString().slice(0, 10);
}
