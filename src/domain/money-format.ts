/**
 * Formatting of cents as euros: the one implementation, used by the domain's explanations and
 * documents and, through `formatMoney` in src/i18n/i18n.ts, by every screen. Display only: the
 * engine never parses these strings back.
 */
import type { Cents } from './money';

function groupThousands(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/**
 * The space before the French euro sign. Screens use a no-break space (as Intl does), so an
 * amount never wraps before its sign; documents keep a plain space, because their line breaker
 * (src/documents/pdf/line-break.ts) already keeps an amount whole and the reference PDFs are
 * fixed on it.
 */
export type EuroSignSpace = ' ' | '\u00a0';

/**
 * Formats cents as euros in the given language, for the screens and the documents alike.
 * @example formatEuros(104_593, 'fr', '\u00a0') // '1 045,93 €' (no-break space before €)
 * @example formatEuros(104_593, 'en') // '€1,045.93'
 */
export function formatEuros(cents: Cents, locale: 'fr' | 'en', beforeEuroSign: EuroSignSpace = ' '): string {
  return locale === 'fr' ? formatEurosFr(cents, beforeEuroSign) : formatEurosEn(cents);
}

/**
 * Formats cents as French euros ("1 045,93 €", narrow no-break space as thousands separator).
 * @param cents - integer cents
 * @example formatEurosFr(104_593) // '1 045,93 €'
 */
export function formatEurosFr(cents: Cents, beforeEuroSign: EuroSignSpace = ' '): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const euros = groupThousands(String(Math.trunc(abs / 100)), '\u202f');
  return `${sign}${euros},${String(abs % 100).padStart(2, '0')}${beforeEuroSign}€`;
}

/**
 * Formats cents as English euros ("€1,045.93").
 * @param cents - integer cents
 * @example formatEurosEn(104_593) // '€1,045.93'
 */
export function formatEurosEn(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const euros = groupThousands(String(Math.trunc(abs / 100)), ',');
  return `${sign}€${euros}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * Formats basis points as a percentage with two decimals ("39,66 %" / "39.66%").
 * @param bps - basis points (1 % = 100)
 * @param locale - 'fr' or 'en'
 * @example formatBps(3_966, 'fr') // '39,66 %'
 */
export function formatBps(bps: number, locale: 'fr' | 'en'): string {
  const sign = bps < 0 ? '-' : '';
  const abs = Math.abs(bps);
  const text = `${Math.trunc(abs / 100)}${locale === 'fr' ? ',' : '.'}${String(abs % 100).padStart(2, '0')}`;
  return locale === 'fr' ? `${sign}${text} %` : `${sign}${text}%`;
}
