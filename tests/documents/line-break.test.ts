/**
 * Where a PDF line may end (src/documents/pdf/line-break.ts), with one point per character so
 * the expected lines can be counted by hand.
 */
import { describe, expect, it } from 'vitest';
import {
  fitColumns,
  longestUnbreakableWidth,
  unbreakableParts,
  wrapText,
} from '../../src/documents/pdf/line-break';

const chars = (text: string) => [...text].length;

describe('line breaking as print does it', () => {
  it('breaks between words and after a hyphen joining two letters, never inside a word', () => {
    expect(wrapText('Mensualité Poursuites', chars, 12)).toEqual(['Mensualité', 'Poursuites']);
    expect(wrapText('Caisse du Pas-de-Calais', chars, 16)).toEqual(['Caisse du Pas-', 'de-Calais']);
    // A minus sign or a date's dashes are not places to break.
    expect(wrapText('solde -120,00 € au 2026-11-27', chars, 12)).toEqual([
      'solde',
      '-120,00 € au',
      '2026-11-27',
    ]);
  });

  it('keeps an amount whole: no-break spaces, and the unit after an ordinary space', () => {
    expect(wrapText('Reste 9\u00a0200,00 €', chars, 11)).toEqual(['Reste', '9\u00a0200,00 €']);
    expect(unbreakableParts('Pas-de-Calais 9\u00a0200,00 € 5,90 %')).toEqual([
      'Pas-',
      'de-',
      'Calais',
      '9\u00a0200,00 €',
      '5,90 %',
    ]);
    expect(longestUnbreakableWidth('Reste dû 12\u202f345,67 €', chars)).toBe(chars('12\u202f345,67 €'));
  });

  it('keeps a number with the short word after it, as a French no-break space would', () => {
    expect(wrapText('Durée 24 mois', chars, 8)).toEqual(['Durée', '24 mois']);
    expect(unbreakableParts('pendant 24 mois, soit')).toEqual(['pendant', '24 mois,', 'soit']);
  });

  it('cuts a piece only when it is wider than the whole line', () => {
    expect(wrapText('https://exemple.fr/abc', chars, 10)).toEqual(['https://ex', 'emple.fr/a', 'bc']);
  });

  it('sizes columns to their content: minimum words, then room by need, then by weight', () => {
    // Everything fits unwrapped: the rest is shared by weight.
    expect(
      fitColumns(
        [
          { min: 10, max: 20, weight: 1 },
          { min: 5, max: 10, weight: 3 },
        ],
        50,
      ),
    ).toEqual([25, 25]);
    // Not everything fits: each column gets its minimum, then the room in proportion to its need.
    expect(
      fitColumns(
        [
          { min: 10, max: 70, weight: 1 },
          { min: 20, max: 20, weight: 1 },
        ],
        60,
      ),
    ).toEqual([40, 20]);
    // A narrow column (at most a quarter of the width) stays unwrapped; the long one wraps.
    expect(
      fitColumns(
        [
          { min: 10, max: 90, weight: 1 },
          { min: 10, max: 25, weight: 1 },
        ],
        100,
      ),
    ).toEqual([75, 25]);
    // Even the minimums do not fit.
    expect(fitColumns([{ min: 40, max: 40, weight: 1 }], 30)).toBeNull();
  });
});
