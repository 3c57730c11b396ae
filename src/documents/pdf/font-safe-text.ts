/**
 * The one place where text is adapted to the embedded font before drawing.
 *
 * Atkinson Hyperlegible (latin subset, 400 and 700) carries the French letters (é è ê à ç ô
 * ù û î ï ë É À Ç…), œ Œ, « », €, ’, …, – —, the no-break space U+00A0 and •. It has NO glyph
 * for the narrow no-break space U+202F (which the French money format puts between thousands
 * and before €) nor for the thin space U+2009: both become U+00A0, which keeps the number and
 * its unit together on a line. A few symbols the app might write (≈ ≥ ≤ ✓ ✗ ☐ ☑) get plain
 * substitutes; any other character the font lacks becomes '?', so pdf-lib never throws in the
 * middle of a document and the gap is visible rather than silent.
 */
const SUBSTITUTES: Readonly<Record<string, string>> = {
  '\u202f': '\u00a0',
  '\u2009': '\u00a0',
  '\u2007': '\u00a0',
  '\u2248': '~',
  '\u2265': '>=',
  '\u2264': '<=',
  '\u2713': 'x',
  '\u2717': '-',
  '\u2610': '[ ]',
  '\u2611': '[x]',
  '\u00ad': '',
  '\t': ' ',
};

/**
 * Replaces the characters the font cannot draw.
 * @param text - text as the document builders wrote it
 * @param hasGlyph - whether the font has a glyph for a code point (from PDFFont.getCharacterSet)
 * @example toFontSafeText('1\u202f045,00 €', (c) => c !== 0x202f) // '1\u00a0045,00 €'
 */
export function toFontSafeText(text: string, hasGlyph: (codePoint: number) => boolean): string {
  let out = '';
  for (const char of text) {
    const substitute = SUBSTITUTES[char];
    if (substitute !== undefined && !hasGlyph(char.codePointAt(0) ?? 0)) {
      out += substitute;
      continue;
    }
    const code = char.codePointAt(0) ?? 0;
    if (char === '\n' || hasGlyph(code)) out += char;
    else out += substitute ?? '?';
  }
  return out;
}
