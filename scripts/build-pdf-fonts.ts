/**
 * The documents' fonts, prepared at build time so the browser needs no font library (issue 17,
 * ADR 0026): Atkinson Hyperlegible latin 400 and 700 from @fontsource (WOFF), unpacked to
 * TrueType, the zero redrawn without its slash (ADR 0020), and every glyph the documents cannot
 * draw emptied. Writes src/documents/pdf/fonts/: one .ttf per weight (embedded in the PDFs, and
 * the documents' @font-face) and metrics.json, what pdf-lib needs to lay out and embed them
 * (prebuilt-font.ts).
 *
 * The repertoire is the one rule of font-safe-text.ts: a character is drawn when toFontSafeText
 * keeps it. The glyph drawn for each character, and its width, are what fontkit's layout (the
 * one pdf-lib used in the browser before) gives; so are the few substitutions that depend on a
 * neighbour (a combining accent after a capital takes its capital form, "i" before an accent
 * loses its dot), found by laying out every pair of characters of the repertoire.
 *
 * Run `npx tsx scripts/build-pdf-fonts.ts` after changing the font or the rule;
 * tests/documents/prebuilt-fonts.test.ts fails while the committed files are out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { toFontSafeText } from '../src/documents/pdf/font-safe-text';
import type { FontMetrics } from '../src/documents/pdf/prebuilt-font';
import { keepGlyphs } from '../src/documents/pdf/sfnt';
import { unslashZero } from '../src/documents/pdf/unslashed-zero';
import { woffToSfnt } from '../src/documents/pdf/woff-to-sfnt';

const ROOT = new URL('../', import.meta.url).pathname;
const SOURCE_DIR = join(ROOT, 'node_modules/@fontsource/atkinson-hyperlegible/files');
export const OUT_DIR = join(ROOT, 'src/documents/pdf/fonts');
export const WEIGHTS = ['400', '700'] as const;

export const fontFileName = (weight: string) => `atkinson-hyperlegible-${weight}.ttf`;
export const METRICS_FILE = 'metrics.json';

interface LaidGlyph {
  id: number;
  advanceWidth: number;
}

interface FontkitFont {
  characterSet: number[];
  numGlyphs: number;
  unitsPerEm: number;
  postscriptName: string;
  ascent: number;
  descent: number;
  capHeight: number;
  xHeight: number;
  italicAngle: number;
  bbox: { minX: number; minY: number; maxX: number; maxY: number };
  post: { isFixedPitch: number | boolean };
  head: { macStyle: { italic: boolean } };
  'OS/2'?: { sFamilyClass: number };
  glyphForCodePoint(codePoint: number): LaidGlyph;
  getGlyph(id: number): LaidGlyph;
  layout(text: string): { glyphs: LaidGlyph[] };
}

function prepare(sfnt: Uint8Array): { font: Uint8Array; metrics: FontMetrics } {
  const f = fontkit.create(sfnt) as unknown as FontkitFont;
  const inFont = new Set(f.characterSet);
  const repertoire = f.characterSet
    .filter((cp) => {
      const char = String.fromCodePoint(cp);
      return toFontSafeText(char, (c) => inFont.has(c)) === char;
    })
    .sort((a, b) => a - b);
  const cmap = repertoire.map((cp) => [cp, f.glyphForCodePoint(cp).id] as const);
  const single = new Map(repertoire.map((cp) => [cp, f.layout(String.fromCodePoint(cp)).glyphs]));
  const substitutes = cmap
    .filter(([cp, id]) => single.get(cp)?.length !== 1 || single.get(cp)?.[0]?.id !== id)
    .map(([cp]) => {
      const glyphs = single.get(cp) ?? [];
      if (glyphs.length !== 1) throw new Error(`U+${cp.toString(16)}: laid out as ${glyphs.length} glyphs`);
      return [cp, glyphs[0]?.id ?? 0] as [number, number];
    });
  const alone = (cp: number) => single.get(cp)?.[0]?.id ?? 0;
  const after = new Map<string, number[]>();
  const before = new Map<string, number[]>();
  for (const a of repertoire) {
    for (const b of repertoire) {
      const glyphs = f.layout(String.fromCodePoint(a, b)).glyphs;
      if (glyphs.length !== 2) throw new Error(`U+${a.toString(16)} U+${b.toString(16)}: not 2 glyphs`);
      const [first, second] = glyphs.map((g) => g.id) as [number, number];
      if (first !== alone(a)) before.set(`${a} ${first}`, [...(before.get(`${a} ${first}`) ?? []), b]);
      if (second !== alone(b)) after.set(`${b} ${second}`, [...(after.get(`${b} ${second}`) ?? []), a]);
    }
  }
  const rules = (map: Map<string, number[]>) =>
    [...map].map(([key, context]) => {
      const [cp, id] = key.split(' ').map(Number) as [number, number];
      return { cp, id, context };
    });
  const metrics: FontMetrics = {
    postscriptName: f.postscriptName,
    unitsPerEm: f.unitsPerEm,
    ascent: f.ascent,
    descent: f.descent,
    capHeight: f.capHeight,
    xHeight: f.xHeight,
    italicAngle: f.italicAngle,
    bbox: [f.bbox.minX, f.bbox.minY, f.bbox.maxX, f.bbox.maxY],
    fixedPitch: Boolean(f.post.isFixedPitch),
    italic: f.head.macStyle.italic,
    familyClass: f['OS/2']?.sFamilyClass ?? 0,
    cmap: cmap.map(([cp, id]) => [cp, id]),
    substitutes,
    after: rules(after),
    before: rules(before),
    widths: Array.from({ length: f.numGlyphs }, (_, id) => f.getGlyph(id).advanceWidth),
  };
  const used = [
    ...cmap.map(([, id]) => id),
    ...substitutes.map(([, id]) => id),
    ...metrics.after.map((r) => r.id),
    ...metrics.before.map((r) => r.id),
  ];
  return { font: keepGlyphs(sfnt, used), metrics };
}

/** The files this script writes, by name (the test compares them with the committed ones). */
export async function buildPdfFonts(): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  const metrics: Record<string, FontMetrics> = {};
  for (const weight of WEIGHTS) {
    const woff = readFileSync(join(SOURCE_DIR, `atkinson-hyperlegible-latin-${weight}-normal.woff`));
    const sfnt = unslashZero(await woffToSfnt(woff));
    const prepared = prepare(sfnt);
    files.set(fontFileName(weight), prepared.font);
    metrics[weight] = prepared.metrics;
  }
  files.set(METRICS_FILE, new TextEncoder().encode(`${JSON.stringify(metrics)}\n`));
  return files;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  for (const [name, bytes] of await buildPdfFonts()) {
    writeFileSync(join(OUT_DIR, name), bytes);
    console.log(`${name}: ${bytes.length} bytes`);
  }
}
