/**
 * Figures without a slashed zero (issue 12, point 17; ADR 0020): the zero of the embedded
 * Atkinson Hyperlegible is redrawn without its slash, and nothing else in the font changes.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../src/documents/pdf/render-pdf';
import { unslashZero, withoutSlash } from '../../src/documents/pdf/unslashed-zero';
import { woffToSfnt } from '../../src/documents/pdf/woff-to-sfnt';
import type { DocumentDescription } from '../../src/domain/documents';
import { fontFiles, pdfText, sourceFontFiles, writeTemp } from './pdf-helpers';
import { decodePng } from './png';

/** The published WOFF fonts (what unslashZero is given at build time) and the prebuilt ones. */
const sources = sourceFontFiles();
const files = fontFiles();

function contoursOf(font: Uint8Array, char: string): number {
  const glyph = fontkit.create(font).glyphForCodePoint(char.codePointAt(0) ?? 0);
  return glyph.path.toSVG().split('Z').length - 1;
}

/** Draws one zero, 400 pt tall, and says whether its centre (where the slash crosses) is inked. */
async function centreIsInked(font: Uint8Array): Promise<boolean> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const embedded = await pdf.embedFont(font, { subset: true });
  const page = pdf.addPage([600, 600]);
  const size = 500;
  page.drawText('0', { x: 100, y: 100, size, font: embedded, color: rgb(0, 0, 0) });
  const path = writeTemp('zero.pdf', await pdf.save());
  expect(pdfText(path).trim()).toBe('0');
  const prefix = join(dirname(path), 'zero');
  execFileSync('pdftoppm', ['-r', '36', '-png', '-singlefile', path, prefix]);
  const image = decodePng(readFileSync(`${prefix}.png`));
  // The glyph's box, in font units (1000 per em), centred on the zero's designed middle.
  const box = fontkit.create(font).glyphForCodePoint(0x30).bbox;
  const cx = 100 + (((box.minX + box.maxX) / 2) * size) / 1000;
  const cy = 600 - (100 + (((box.minY + box.maxY) / 2) * size) / 1000);
  const scale = 36 / 72;
  let ink = 0;
  for (let dy = -2; dy <= 2; dy += 1) {
    for (let dx = -2; dx <= 2; dx += 1) {
      const x = Math.round(cx * scale) + dx;
      const y = Math.round(cy * scale) + dy;
      if ((image.rgb[(y * image.width + x) * 3] ?? 255) < 128) ink += 1;
    }
  }
  return ink > 0;
}

describe('the zero of the embedded font', () => {
  for (const weight of ['regular', 'bold'] as const) {
    it(`${weight}: drawn without its slash, the same width, every other glyph unchanged`, async () => {
      const original = await woffToSfnt(sources[weight]);
      const patched = unslashZero(original);
      // A ring and its two counters (the slash between them) → a ring and one counter.
      expect(contoursOf(original, '0')).toBe(3);
      expect(contoursOf(patched, '0')).toBe(2);
      expect(await centreIsInked(original)).toBe(true);
      expect(await centreIsInked(patched)).toBe(false);
      const before = fontkit.create(original);
      const after = fontkit.create(patched);
      expect(after.numGlyphs).toBe(before.numGlyphs);
      const zeroBefore = before.glyphForCodePoint(0x30);
      const zeroAfter = after.glyphForCodePoint(0x30);
      expect(zeroAfter.advanceWidth).toBe(zeroBefore.advanceWidth);
      expect(zeroAfter.bbox).toEqual(zeroBefore.bbox);
      for (const char of 'O8Bé€1 234,56 €Œ') {
        const code = char.codePointAt(0) ?? 0;
        expect(after.glyphForCodePoint(code).path.toSVG()).toBe(before.glyphForCodePoint(code).path.toSVG());
        expect(after.glyphForCodePoint(code).advanceWidth).toBe(before.glyphForCodePoint(code).advanceWidth);
      }
      // Width of a run of text is the same, so layouts do not move.
      expect(after.layout('10 200,00 €').advanceWidth).toBe(before.layout('10 200,00 €').advanceWidth);
    });
  }

  it('a zero that is not a slashed ring is left as it is (the patched font is returned unchanged)', async () => {
    const patched = unslashZero(await woffToSfnt(sources.regular));
    expect(unslashZero(patched)).toBe(patched);
    const ring = [
      { x: 0, y: 0, onCurve: true },
      { x: 100, y: 0, onCurve: true },
      { x: 100, y: 100, onCurve: true },
    ];
    expect(withoutSlash([ring, ring.map((p) => ({ ...p, x: p.x / 2 + 25, y: p.y / 2 + 25 }))])).toBeNull();
  });

  it('the PDF renderer embeds the zero without its slash', async () => {
    const doc: DocumentDescription = {
      kind: 'budget_sheet',
      locale: 'fr',
      audience: 'client',
      title: '0',
      footer: '',
      fileName: 'zero',
      sections: [],
    };
    const path = writeTemp('title-zero.pdf', await renderPdf(doc, files));
    const prefix = join(dirname(path), 'title');
    // Only the top-left corner, where the title is, at 600 dpi.
    execFileSync('pdftoppm', [
      '-r',
      '600',
      '-x',
      '0',
      '-y',
      '0',
      '-W',
      '900',
      '-H',
      '900',
      '-singlefile',
      '-png',
      path,
      prefix,
    ]);
    const image = decodePng(readFileSync(`${prefix}.png`));
    // The title (22 pt, bold) starts at the left margin (56 pt), its baseline 22 pt below the
    // top margin (48 pt). The bold zero's box is 45..618 × -12..680 units per 1000.
    const size = 22;
    const cx = ((56 + (((45 + 618) / 2) * size) / 1000) * 600) / 72;
    const cy = ((48 + size - (((-12 + 680) / 2) * size) / 1000) * 600) / 72;
    let ink = 0;
    for (let dy = -3; dy <= 3; dy += 1) {
      for (let dx = -3; dx <= 3; dx += 1) {
        const at = (Math.round(cy) + dy) * image.width + Math.round(cx) + dx;
        if ((image.rgb[at * 3] ?? 255) < 128) ink += 1;
      }
    }
    expect(ink).toBe(0);
    // The zero's ring is there: ink on its left stroke, at mid-height.
    const left = ((56 + (70 * size) / 1000) * 600) / 72;
    expect(image.rgb[(Math.round(cy) * image.width + Math.round(left)) * 3]).toBeLessThan(128);
  });
});
