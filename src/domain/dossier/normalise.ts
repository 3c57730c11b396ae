/**
 * Normal forms for matching what people type: names (search, duplicate checks), French phone
 * numbers and file references. Pure string functions.
 */

/**
 * Lower case, accents and ligatures folded, punctuation turned into spaces, spaces collapsed.
 * @example normaliseName("  Le Bœuf-D'Arçy ") // 'le boeuf d arcy'
 */
export function normaliseName(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The distinct normalised words of names, in first-seen order.
 * @example nameTokens('Marie-Claire', 'DUPONT') // ['marie', 'claire', 'dupont']
 */
export function nameTokens(...parts: readonly (string | undefined)[]): string[] {
  const tokens: string[] = [];
  for (const part of parts) {
    if (part === undefined) continue;
    for (const token of normaliseName(part).split(' ')) {
      if (token !== '' && !tokens.includes(token)) tokens.push(token);
    }
  }
  return tokens;
}

/**
 * Digits of a phone number in French national form: "+33 6 12 34 56 78", "0033 (0)6.12.34.56.78"
 * and "06 12 34 56 78" all give "0612345678". Other international numbers keep their "+".
 * Works on partial input too (search as you type). Undefined when the text holds letters or no
 * digit.
 * @example normalisePhone('+33 (0)6.12.34.56.78') // '0612345678'
 */
export function normalisePhone(value: string): string | undefined {
  const compact = value.replace(/\(0\)/g, '').replace(/[\s.\-/()]/g, '');
  if (!/^\+?\d+$/.test(compact)) return undefined;
  if (compact.startsWith('+33')) return `0${compact.slice(3)}`;
  if (compact.startsWith('0033')) return `0${compact.slice(4)}`;
  return compact;
}

/**
 * Keys under which a phone number is indexed for search: the national form, and the form
 * without the trunk 0 (people often type "6 12 34…").
 * @example phoneSearchKeys('06 12 34 56 78') // ['0612345678', '612345678']
 */
export function phoneSearchKeys(value: string | undefined): string[] {
  if (value === undefined) return [];
  const phone = normalisePhone(value);
  if (phone === undefined || phone.length < 6) return [];
  return phone.startsWith('0') ? [phone, phone.slice(1)] : [phone];
}

/**
 * A file reference without case, spaces or punctuation.
 * @example normaliseReference('RL-2026 / 0042') // 'rl20260042'
 */
export function normaliseReference(value: string): string {
  return normaliseName(value).replace(/ /g, '');
}
