/**
 * Formatting of cents for the plain-language explanations. Display only: the engine never
 * parses these strings back.
 */
import type { Cents } from './money';

function groupThousands(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/**
 * Formats cents as French euros ("1 045,93 €", narrow no-break space as thousands separator).
 * @param cents - integer cents
 * @example formatEurosFr(104_593) // '1 045,93 €'
 */
export function formatEurosFr(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const euros = groupThousands(String(Math.trunc(abs / 100)), '\u202f');
  return `${sign}${euros},${String(abs % 100).padStart(2, '0')} €`;
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
