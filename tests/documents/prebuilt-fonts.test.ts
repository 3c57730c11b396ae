/**
 * The documents' fonts are prepared at build time (scripts/build-pdf-fonts.ts, ADR 0026) and
 * embedded without fontkit (prebuilt-font.ts). These tests hold the three promises of that
 * change: the committed files are what the script makes; text measures and draws with the same
 * glyphs and widths as fontkit's layout gave (so no line break moves); no font library reaches
 * the browser's PDF chunk.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { build } from 'esbuild';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { buildPdfFonts, fontFileName, METRICS_FILE, OUT_DIR } from '../../scripts/build-pdf-fonts';
import { toFontSafeText } from '../../src/documents/pdf/font-safe-text';
import METRICS from '../../src/documents/pdf/fonts/metrics.json';
import { type FontMetrics, prebuiltFont } from '../../src/documents/pdf/prebuilt-font';
import { glyphRecords, keepGlyphs, readTables } from '../../src/documents/pdf/sfnt';
import { unslashZero } from '../../src/documents/pdf/unslashed-zero';
import { woffToSfnt } from '../../src/documents/pdf/woff-to-sfnt';
import { fontFiles, sourceFontFiles } from './pdf-helpers';

const WEIGHTS = [
  { weight: '400', key: 'regular' },
  { weight: '700', key: 'bold' },
] as const;
const metrics: Readonly<Record<string, FontMetrics>> = METRICS;

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Strings as the documents write them, and strings made to hit every contextual substitution:
 * capitals, "i", combining accents (after letters and after each other) and the soft hyphen.
 */
function samples(repertoire: readonly number[]): string[] {
  const next = random(17);
  const pick = (chars: readonly number[]) => chars[Math.floor(next() * chars.length)] ?? 0x20;
  const tricky = [0x41, 0x45, 0x69, 0x49, 0x61, 0x300, 0x301, 0x303, 0x304, 0x308, 0xad, 0x20, 0x30];
  const out = [
    'Préparation du dossier « Banque de France » : 1\u00a0234,56\u00a0€ — œuvre, Œuf, déjà.',
    'Caisse d’Allocations Familiales du Pas-de-Calais\n62000 Arras',
    'E\u0301tienne, i\u0301le, A\u0301\u0300, a\u0301\u0300, co\u00adop\u00e9ration',
  ];
  for (let n = 0; n < 400; n += 1) {
    const length = 1 + Math.floor(next() * 12);
    const chars = Array.from({ length }, () => (next() < 0.5 ? pick(tricky) : pick(repertoire)));
    out.push(String.fromCodePoint(...chars));
  }
  return out;
}

describe('the prebuilt fonts', () => {
  it('are what scripts/build-pdf-fonts.ts makes (run it after changing the font or the rule)', async () => {
    const built = await buildPdfFonts();
    expect([...built.keys()].sort()).toEqual(
      [...WEIGHTS.map((w) => fontFileName(w.weight)), METRICS_FILE].sort(),
    );
    for (const [name, bytes] of built) {
      expect(Buffer.compare(Buffer.from(bytes), readFileSync(join(OUT_DIR, name))), name).toBe(0);
    }
  }, 120_000);

  for (const { weight, key } of WEIGHTS) {
    it(`${weight}: the repertoire is what toFontSafeText keeps, the zero has no slash`, async () => {
      const prebuilt = fontkit.create(Buffer.from(fontFiles()[key] as Uint8Array));
      const source = fontkit.create(Buffer.from(await woffToSfnt(sourceFontFiles()[key])));
      const has = new Set(source.characterSet);
      const kept = source.characterSet.filter((cp) => {
        const char = String.fromCodePoint(cp);
        return toFontSafeText(char, (c) => has.has(c)) === char;
      });
      const m = metrics[weight];
      expect(m?.cmap.map(([cp]) => cp).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
        kept.sort((a, b) => a - b),
      );
      expect(prebuilt.glyphForCodePoint(0x30).path.toSVG().split('Z').length - 1).toBe(2);
      expect(prebuilt.glyphForCodePoint(0x4f).path.toSVG()).toBe(source.glyphForCodePoint(0x4f).path.toSVG());
    });

    it(`${weight}: glyphs and widths are fontkit's, for document text and every substitution`, async () => {
      // The path this replaces: fontkit's subset embedding of the same font, in pdf-lib.
      const sfnt = unslashZero(await woffToSfnt(sourceFontFiles()[key]));
      const reference = await PDFDocument.create();
      reference.registerFontkit(fontkit);
      const before = await reference.embedFont(sfnt, { subset: false });
      const layout = fontkit.create(Buffer.from(sfnt));
      const after = prebuiltFont(
        await PDFDocument.create(),
        fontFiles()[key] as Uint8Array,
        metrics[weight] as FontMetrics,
      );
      expect(after.getCharacterSet().sort((a, b) => a - b)).toEqual(
        [...before.getCharacterSet()].sort((a, b) => a - b),
      );
      for (const text of samples(after.getCharacterSet())) {
        const ids = layout.layout(text).glyphs.map((g) => g.id.toString(16).toUpperCase().padStart(4, '0'));
        expect(after.encodeText(text).asString(), JSON.stringify(text)).toBe(ids.join(''));
        expect(after.widthOfTextAtSize(text, 13.7), JSON.stringify(text)).toBe(
          before.widthOfTextAtSize(text, 13.7),
        );
      }
      for (const size of [9, 14, 22]) {
        expect(after.heightAtSize(size)).toBe(before.heightAtSize(size));
        expect(after.heightAtSize(size, { descender: false })).toBe(
          before.heightAtSize(size, { descender: false }),
        );
      }
      expect(after.sizeAtHeight(20)).toBe(before.sizeAtHeight(20));
    });
  }

  it('a PDF embeds only the glyphs it draws, with the parts of composite glyphs', () => {
    const font = fontFiles().regular as Uint8Array;
    const cmap = new Map((metrics['400']?.cmap ?? []).map(([cp, id]) => [cp, id ?? 0]));
    const eAcute = cmap.get(0xe9) ?? 0;
    const subset = glyphRecords(readTables(keepGlyphs(font, [eAcute])));
    const nonEmpty = subset.flatMap((g, id) => (g.length > 0 ? [id] : []));
    // .notdef, é, and what é is drawn from (e and the acute accent in this font).
    expect(nonEmpty).toContain(0);
    expect(nonEmpty).toContain(eAcute);
    expect(nonEmpty.length).toBeGreaterThan(2);
    expect(nonEmpty.length).toBeLessThan(6);
    expect(subset.length).toBe(glyphRecords(readTables(font)).length);
  });

  it('no font library is in the browser code that makes a PDF', async () => {
    const result = await build({
      entryPoints: ['src/documents/kit.ts'],
      bundle: true,
      write: false,
      metafile: true,
      format: 'esm',
      platform: 'browser',
      logLevel: 'silent',
      plugins: [
        {
          name: 'asset-urls',
          setup(b) {
            b.onResolve({ filter: /\?url$/ }, (args) => ({ path: args.path, external: true }));
          },
        },
      ],
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((path) => path.includes('render-pdf'))).toBe(true);
    expect(inputs.filter((path) => /fontkit|unslashed-zero|woff-to-sfnt/.test(path))).toEqual([]);
  }, 60_000);
});
