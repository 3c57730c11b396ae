/**
 * Formatting for documents, in the document's language (not the screen's): amounts with the
 * domain's formatters (French: "1 045,93 €" with a narrow no-break space), dates in words.
 * Pure: no Intl, so Node, the browser and the worker print exactly the same text. The month
 * names are the domain's one list (src/domain/month-names.ts).
 */
import type { IsoDate } from '../dates';
import type { Cents } from '../money';
import { formatEurosEn, formatEurosFr } from '../money-format';
import { monthAndYear, monthName } from '../month-names';
import type { DocumentLocale } from './document-model';

/**
 * Cents as euros in the document's language.
 * @example money(104_593, 'fr') // '1 045,93 €'
 */
export function money(cents: Cents, locale: DocumentLocale): string {
  return locale === 'fr' ? formatEurosFr(cents) : formatEurosEn(cents);
}

/**
 * A date in words.
 * @example longDate('2026-11-01', 'fr') // '1er novembre 2026'
 */
export function longDate(date: IsoDate, locale: DocumentLocale): string {
  const year = date.slice(0, 4);
  const month = monthName(date, locale);
  const day = Number(date.slice(8, 10));
  if (locale === 'fr') return `${day === 1 ? '1er' : day} ${month} ${year}`;
  return `${day} ${month} ${year}`;
}

/**
 * A month and its year.
 * @example monthLabel('2026-12-01', 'fr') // 'décembre 2026'
 */
export function monthLabel(date: IsoDate, locale: DocumentLocale): string {
  return monthAndYear(date, locale);
}

/**
 * A short numeric date: 27/11/2026 in both languages (British English is day-first too).
 * @example shortDate('2026-11-27') // '27/11/2026'
 */
export function shortDate(date: IsoDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}
