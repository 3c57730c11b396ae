import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { toFontSafeText } from '../../src/documents/pdf/font-safe-text';

const font = fontkit.create(
  readFileSync(
    'node_modules/@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-latin-400-normal.woff',
  ),
);
const hasGlyph = (code: number) => font.hasGlyphForCodePoint(code);

describe('toFontSafeText with Atkinson Hyperlegible latin', () => {
  it('keeps French letters, œ, « », € and the no-break space as they are', () => {
    const text = 'Élodie, sœur, Œuvre, « à compléter », 12,00 €, l’été, ç, ù, ï, \u00a0, …, –, —, •';
    expect(toFontSafeText(text, hasGlyph)).toBe(text);
  });

  it('turns the narrow no-break space (missing from the font) into a no-break space', () => {
    expect(hasGlyph(0x202f)).toBe(false);
    expect(toFontSafeText('1\u202f045,93 €', hasGlyph)).toBe('1\u00a0045,93 €');
  });

  it('substitutes the symbols it knows and marks any other missing character', () => {
    expect(toFontSafeText('≈ 3 ≥ 2 ✓', hasGlyph)).toBe('~ 3 >= 2 x');
    expect(toFontSafeText('漢', hasGlyph)).toBe('?');
  });
});
