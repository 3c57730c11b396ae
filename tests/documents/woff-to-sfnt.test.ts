import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { woffToSfnt } from '../../src/documents/pdf/woff-to-sfnt';
import { sourceFontFiles } from './pdf-helpers';

describe('woffToSfnt', () => {
  it('unpacks the WOFF into the same font (glyphs, names, metrics)', async () => {
    const woff = sourceFontFiles().bold as Uint8Array;
    const sfnt = await woffToSfnt(woff);
    expect(new DataView(sfnt.buffer).getUint32(0)).toBe(0x00010000);
    const a = fontkit.create(woff as Buffer);
    const b = fontkit.create(Buffer.from(sfnt));
    expect(b.postscriptName).toBe('AtkinsonHyperlegible-Bold');
    expect(b.numGlyphs).toBe(a.numGlyphs);
    expect(b.unitsPerEm).toBe(a.unitsPerEm);
    const text = 'Préparation « œ » 1 234,56 €';
    expect(b.layout(text).advanceWidth).toBe(a.layout(text).advanceWidth);
  });

  it('leaves SFNT bytes as they are', async () => {
    const sfnt = await woffToSfnt(sourceFontFiles().regular as Uint8Array);
    expect(await woffToSfnt(sfnt)).toBe(sfnt);
  });
});
