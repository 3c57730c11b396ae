/**
 * Parsing of what people type into amount and rate fields, into integer units, without floats.
 * French habits first: "1 234,56", "1 234,56 €", "1.500" (a thousands dot), but "12.5" works too.
 * Errors are codes; the UI words them in the user's language next to the field.
 */

export type AmountInputError = 'empty' | 'invalid' | 'negative' | 'tooManyDecimals' | 'tooLarge';
export type ParseResult = { ok: true; value: number } | { ok: false; error: AmountInputError };

const SPACES = /[\s\u00a0\u202f']/g;

/** Splits "1 234,56" into its integer and fraction digit strings, or null when it is not a number. */
function splitDecimal(text: string): { integer: string; fraction: string } | null {
  const lastComma = text.lastIndexOf(',');
  const lastDot = text.lastIndexOf('.');
  let decimalSeparator: ',' | '.' | null = null;
  if (lastComma >= 0 && lastDot >= 0) decimalSeparator = lastComma > lastDot ? ',' : '.';
  else if (lastComma >= 0) decimalSeparator = (text.match(/,/g) ?? []).length === 1 ? ',' : null;
  else if (lastDot >= 0) {
    // A single dot followed by exactly three digits is a French thousands separator ("1.500").
    const dots = (text.match(/\./g) ?? []).length;
    decimalSeparator = dots === 1 && !/\.\d{3}$/.test(text) ? '.' : null;
  }
  const thousands = decimalSeparator === ',' ? '.' : decimalSeparator === '.' ? ',' : /[.,]/g;
  let integer = text;
  let fraction = '';
  if (decimalSeparator) {
    const at = text.lastIndexOf(decimalSeparator);
    integer = text.slice(0, at);
    fraction = text.slice(at + 1);
  }
  const groups = integer.split(thousands);
  // Thousands groups must look like thousands: "12.345.678", not "12,3,4".
  if (groups.length > 1 && !groups.every((group, i) => (i === 0 ? /^\d{1,3}$/ : /^\d{3}$/).test(group))) {
    return null;
  }
  integer = groups.join('');
  if (!/^\d*$/.test(integer) || !/^\d*$/.test(fraction) || (integer === '' && fraction === '')) return null;
  return { integer: integer === '' ? '0' : integer, fraction };
}

function parseScaled(raw: string, decimals: number, max: number): ParseResult {
  let text = raw.replace(SPACES, '').replace(/€|%/g, '');
  if (text === '') return { ok: false, error: 'empty' };
  if (text.startsWith('-')) return { ok: false, error: 'negative' };
  if (text.startsWith('+')) text = text.slice(1);
  const parts = splitDecimal(text);
  if (!parts) return { ok: false, error: 'invalid' };
  if (parts.fraction.length > decimals) return { ok: false, error: 'tooManyDecimals' };
  const digits = `${parts.integer}${parts.fraction.padEnd(decimals, '0')}`.replace(/^0+(?=\d)/, '');
  if (digits.length > 15) return { ok: false, error: 'tooLarge' };
  const value = Number(digits);
  if (value > max) return { ok: false, error: 'tooLarge' };
  return { ok: true, value };
}

/**
 * Parses a typed euro amount into integer cents.
 * @param text - what the user typed
 * @param maxCents - largest accepted amount (default 100 million euros)
 * @example parseEurosToCents('1 234,56 €') // { ok: true, value: 123456 }
 */
export function parseEurosToCents(text: string, maxCents = 10_000_000_000): ParseResult {
  return parseScaled(text, 2, maxCents);
}

/**
 * Parses a typed percentage into basis points (1 % = 100 bps).
 * @example parsePercentToBps('2,62 %') // { ok: true, value: 262 }
 */
export function parsePercentToBps(text: string, maxBps = 100_000): ParseResult {
  return parseScaled(text, 2, maxBps);
}

/**
 * Writes cents back in the French input style ("1234,56"), for pre-filling a field.
 * @example centsToInputText(123456) // '1234,56'
 */
export function centsToInputText(cents: number, decimalSeparator: ',' | '.' = ','): string {
  const abs = Math.abs(Math.trunc(cents));
  const text = `${Math.trunc(abs / 100)}${decimalSeparator}${String(abs % 100).padStart(2, '0')}`;
  return cents < 0 ? `-${text}` : text;
}
