/**
 * Formatting for documents, in the document's language (not the screen's): amounts with the
 * domain's formatters (French: "1 045,93 €" with a narrow no-break space), dates in words.
 * Pure: no Intl, so Node, the browser and the worker print exactly the same text.
 */
import type { IsoDate } from '../dates';
import type { Cents } from '../money';
import { formatEurosEn, formatEurosFr } from '../money-format';
import type { DocumentLocale } from './document-model';

const MONTHS: Record<DocumentLocale, readonly string[]> = {
  fr: [
    'janvier',
    'février',
    'mars',
    'avril',
    'mai',
    'juin',
    'juillet',
    'août',
    'septembre',
    'octobre',
    'novembre',
    'décembre',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

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
  const month = MONTHS[locale][Number(date.slice(5, 7)) - 1] ?? '';
  const day = Number(date.slice(8, 10));
  if (locale === 'fr') return `${day === 1 ? '1er' : day} ${month} ${year}`;
  return `${day} ${month} ${year}`;
}

/**
 * A month and its year.
 * @example monthLabel('2026-12-01', 'fr') // 'décembre 2026'
 */
export function monthLabel(date: IsoDate, locale: DocumentLocale): string {
  return `${MONTHS[locale][Number(date.slice(5, 7)) - 1] ?? ''} ${date.slice(0, 4)}`;
}

/**
 * A short numeric date: 27/11/2026 in both languages (British English is day-first too).
 * @example shortDate('2026-11-27') // '27/11/2026'
 */
export function shortDate(date: IsoDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}
