/**
 * Phonex, the French phonetic code of Frédéric Brouard (1999, « Phonex, un algorithme de
 * phonétisation pour le français », published with its SQL and C versions), written from the
 * published rules. Reference implementation read for checking: Yomguithereal/talisman
 * src/phonetics/french/phonex.js (MIT); no dependency is taken.
 *
 * Two deliberate differences, both for matching what people type at intake:
 * - accents are folded first (normaliseName): the original reads É/È/Ê as Y, so « Lefèvre » and
 *   « Lefebvre » would differ only because one was typed with its accent;
 * - a nasal group at the end of the word (AN, EN, IN…) is a nasal, as before a consonant: the
 *   published prose says « suivi d'une consonne ou en fin de mot », while the talisman regexes
 *   need a following letter (so « Martin » and « Martain » would differ).
 * The result is the letter code (Brouard's last step turns it into a float for sorting; a string
 * is what keys and equality need).
 */
import { normaliseName } from '../dossier/normalise';

/** Nasal groups are followed by something that is neither a vowel nor a sound digit, or the end. */
const NOT_VOWEL = '(?=[^AEIOU1234]|$)';

const RULES: readonly (readonly [RegExp, string])[] = [
  [/Y/g, 'I'],
  [/([^PCS])H/g, '$1'],
  [/PH/g, 'F'],
  [/G(AI?[NM])/g, 'K$1'],
  [/[AE]I[NM]([AEIOU])/g, 'YN$1'],
  [/EAU/g, 'O'],
  [/OUA/g, '2'],
  [/[EA]I[NM]/g, '4'],
  [/[EA]I/g, 'Y'],
  [/E([RTZ])/g, 'Y$1'],
  [/ESS/g, 'YS'],
  [new RegExp(`[AOE]N${NOT_VOWEL}`, 'g'), '1'],
  [new RegExp(`[AE]M${NOT_VOWEL}`, 'g'), '1'],
  [new RegExp(`IN${NOT_VOWEL}`, 'g'), '4'],
  [/([AEIOUY1234])S(?=[AEIOUY1234])/g, '$1Z'],
  [/OE|EU/g, 'E'],
  [/AU/g, 'O'],
  [/O[IY]/g, '2'],
  [/OU/g, '3'],
  [/SCH|CH|SH/g, '5'],
  [/SS/g, 'S'],
  [/SC?([EIY])/g, 'S$1'],
  [/GU|QU|Q|C/g, 'K'],
  [/G([AOY])/g, 'K$1'],
];

/** The last step's single-letter sounds: A→O, D/P→T, J→G, B/V→F, M→N. */
const SINGLE_LETTERS: Readonly<Record<string, string>> = {
  A: 'O',
  D: 'T',
  P: 'T',
  J: 'G',
  B: 'F',
  V: 'F',
  M: 'N',
};

/**
 * The Phonex code of one word ('' when nothing is left, e.g. an empty string).
 * @example phonex('Dupont') === phonex('Dupond') // both 'TUT1'
 */
export function phonex(word: string): string {
  let code = normaliseName(word)
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
  for (const [pattern, replacement] of RULES) code = code.replace(pattern, replacement);
  let translated = '';
  for (const letter of code) {
    const sound = SINGLE_LETTERS[letter] ?? letter;
    if (translated.at(-1) !== sound) translated += sound;
  }
  return translated.replace(/[TX]$/, '');
}

/**
 * The Phonex codes of a name of several words ('Le Goff', 'Marie-Claire'), joined by a space.
 * @example namePhonex('Marie-Claire') // 'NORI KLYR'
 */
export function namePhonex(name: string): string {
  return normaliseName(name)
    .split(' ')
    .map(phonex)
    .filter((code) => code !== '')
    .join(' ');
}
