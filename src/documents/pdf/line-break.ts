/**
 * Line breaking for the PDF renderer, as print does it: a line ends only between words (at an
 * ordinary space) or just after a real hyphen (one between two letters, as in
 * "Pas-de-Calais"). A no-break space never breaks, so an amount ("9 200,00 €", whose spaces
 * are no-break spaces once the text is made font-safe, and whose unit follows an ordinary
 * space that is kept with the number) stays whole, and a minus sign or a date's dashes
 * ("2026-11-27") never end a line. Widths come from a measuring function (the
 * embedded font's advance widths), so the same rules size a table's columns and wrap its cells.
 */

/** Width of a text at the size in use, points. */
export type Measure = (text: string) => number;

/** A piece of text between two break opportunities; `glued` when no space precedes it. */
interface Piece {
  readonly text: string;
  readonly glued: boolean;
}

/** Just after a hyphen that joins two letters. */
const AFTER_HYPHEN = /(?<=\p{L}-)(?=\p{L})/u;

/** Room for rounding in the widths (points): a word exactly as wide as its column fits. */
const EPSILON = 0.01;

/** A unit printed after a number with an ordinary space ("146,00 €", "5,90 %"): kept with it. */
const UNIT_AFTER_NUMBER = /^[€%]/;
const NUMBER = /^\(?[-+]?\d[\d\u00a0\u202f.,]*$/;
/** A short word after a number ("24 mois", "3 months"): French puts a no-break space there. */
const SHORT_WORD = /^\p{L}{1,6}[).,;:]?$/u;

/** The words of a paragraph: split at spaces, except between a number and its unit. */
function wordsOf(paragraph: string): string[] {
  const words: string[] = [];
  for (const word of paragraph.split(' ')) {
    const previous = words[words.length - 1];
    const afterNumber = previous !== undefined && NUMBER.test(previous.split(' ').at(-1) ?? '');
    if (
      previous !== undefined &&
      ((/\d$/.test(previous) && UNIT_AFTER_NUMBER.test(word)) || (afterNumber && SHORT_WORD.test(word)))
    ) {
      words[words.length - 1] = `${previous} ${word}`;
    } else {
      words.push(word);
    }
  }
  return words;
}

function piecesOf(paragraph: string): Piece[] {
  const pieces: Piece[] = [];
  wordsOf(paragraph).forEach((word, w) => {
    word.split(AFTER_HYPHEN).forEach((text, i) => {
      pieces.push({ text, glued: w === 0 || i > 0 });
    });
  });
  return pieces;
}

/**
 * The pieces no line break can split (words, or the parts of a hyphenated word with their
 * hyphen), over every line of the text.
 * @example unbreakableParts('Pas-de-Calais 9\u00a0200,00 €') // ['Pas-', 'de-', 'Calais', '9\u00a0200,00 €']
 */
export function unbreakableParts(text: string): string[] {
  return text
    .split('\n')
    .flatMap((paragraph) => piecesOf(paragraph).map((p) => p.text))
    .filter((t) => t !== '');
}

/**
 * The width of the widest piece no break can split: the narrowest a column can be without
 * cutting a word.
 */
export function longestUnbreakableWidth(text: string, measure: Measure): number {
  return Math.max(0, ...unbreakableParts(text).map(measure));
}

/** The width of the text's widest line when nothing is wrapped. */
export function widestLineWidth(text: string, measure: Measure): number {
  return Math.max(0, ...text.split('\n').map(measure));
}

/**
 * Wraps text into lines no wider than `width`, breaking only at spaces and after real hyphens.
 * A single piece wider than the line (a long web address in a letter) is the one case cut
 * inside, as a last resort; tables size their columns so that it does not happen.
 * @param text - font-safe text; '\n' starts a new line
 * @param measure - width of a text, points
 * @param width - the line's width, points
 * @example wrapText('Pas-de-Calais', (t) => t.length, 8) // ['Pas-de-', 'Calais']
 */
export function wrapText(text: string, measure: Measure, width: number): string[] {
  const space = measure(' ');
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let lineWidth = 0;
    let empty = true;
    for (const piece of piecesOf(paragraph)) {
      const gap = empty || piece.glued ? '' : ' ';
      const pieceWidth = measure(piece.text);
      const candidate = lineWidth + (gap ? space : 0) + pieceWidth;
      if (empty || candidate <= width + EPSILON) {
        line += gap + piece.text;
        lineWidth = candidate;
        empty = false;
      } else {
        lines.push(line);
        line = piece.text;
        lineWidth = pieceWidth;
      }
      while (lineWidth > width + EPSILON && line.length > 1) {
        // Last resort: a piece wider than the whole line.
        let cut = line.length - 1;
        while (cut > 1 && measure(line.slice(0, cut)) > width + EPSILON) cut -= 1;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
        lineWidth = measure(line);
      }
    }
    lines.push(line);
  }
  return lines;
}

export interface ColumnNeed {
  /** The widest unbreakable piece of any cell, plus the cell's padding, points. */
  readonly min: number;
  /** The widest cell unwrapped, plus padding, points. */
  readonly max: number;
  /** The builder's relative weight, for sharing the room left when every cell fits unwrapped. */
  readonly weight: number;
}

/**
 * Column widths sized to their content, as browsers lay out an automatic table: every column
 * gets at least its longest unbreakable word; when all cells fit unwrapped, the room left is
 * shared by weight; otherwise narrow columns (at most a quarter of the width) stay unwrapped and
 * the room above the minimums goes to the other columns in proportion to how much wrapping they
 * would need (all columns share it that way when the narrow ones cannot all stay unwrapped).
 * @returns the widths (summing to `available`), or null when even the minimums do not fit
 * @example fitColumns([{ min: 10, max: 40, weight: 1 }, { min: 20, max: 20, weight: 1 }], 50) // [30, 20]
 */
export function fitColumns(needs: readonly ColumnNeed[], available: number): number[] | null {
  const sumMin = needs.reduce((s, n) => s + n.min, 0);
  const sumMax = needs.reduce((s, n) => s + Math.max(n.min, n.max), 0);
  if (sumMin > available + EPSILON) return null;
  if (sumMax <= available) {
    const weights = needs.reduce((s, n) => s + n.weight, 0);
    return needs.map((n) => Math.max(n.min, n.max) + ((available - sumMax) * n.weight) / weights);
  }
  // Narrow columns (amounts, dates, short names) are kept unwrapped when the others can still
  // have their minimum: the wrapping goes to the long text columns.
  const narrow = needs.map((n) => Math.max(n.min, n.max) <= available * NARROW_SHARE);
  const fixed = needs.reduce((s, n, i) => s + (narrow[i] ? Math.max(n.min, n.max) : n.min), 0);
  const flexible = needs.filter((_, i) => !narrow[i]);
  const flexStretch = flexible.reduce((s, n) => s + Math.max(n.min, n.max) - n.min, 0);
  if (flexible.length > 0 && fixed <= available && flexStretch > 0) {
    return needs.map((n, i) =>
      narrow[i]
        ? Math.max(n.min, n.max)
        : n.min + ((available - fixed) * (Math.max(n.min, n.max) - n.min)) / flexStretch,
    );
  }
  const stretch = sumMax - sumMin;
  return needs.map((n) => n.min + ((available - sumMin) * (Math.max(n.min, n.max) - n.min)) / stretch);
}

/** A column at most this share of the table's width is "narrow" (see fitColumns). */
const NARROW_SHARE = 0.25;
