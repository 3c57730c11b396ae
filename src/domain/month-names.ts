/**
 * Month names in French and English for the text the domain writes itself (documents, alerts,
 * explanations). Pure, without Intl, so Node, the browser and the worker print the same words;
 * the screens write their dates with Intl through src/i18n/i18n.ts (formatDate).
 * The one list of month names: docs/decisions/0021-document-wording-home.md.
 */
import type { IsoDate } from './dates';

export type MonthNamesLocale = 'fr' | 'en';

export const MONTH_NAMES: Readonly<Record<MonthNamesLocale, readonly string[]>> = {
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
 * The name of a date's month.
 * @example monthName('2026-08-01', 'fr') // 'août'
 */
export function monthName(date: IsoDate, locale: MonthNamesLocale): string {
  return MONTH_NAMES[locale][Number(date.slice(5, 7)) - 1] ?? date.slice(5, 7);
}

/**
 * A month and its year.
 * @example monthAndYear('2026-12-01', 'fr') // 'décembre 2026'
 */
export function monthAndYear(date: IsoDate, locale: MonthNamesLocale): string {
  return `${monthName(date, locale)} ${date.slice(0, 4)}`;
}
