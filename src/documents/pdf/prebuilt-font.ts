/**
 * Embeds the prebuilt fonts (scripts/build-pdf-fonts.ts, ADR 0026) in pdf-lib without fontkit:
 * the glyph of each character and its width come from the metrics table made at build time by
 * fontkit's own layout, so text measures, breaks and draws as it did when fontkit ran in the
 * browser. The font is written as pdf-lib writes a custom font: Type0, Identity-H, a
 * CIDFontType2 with CIDToGIDMap Identity, a /W array and a ToUnicode CMap (text extraction),
 * its FontFile2 holding only the glyphs the document draws (glyph ids unchanged, sfnt.ts).
 *
 * pdf-lib's PDFFont accepts only its own embedder classes, so this one extends
 * CustomFontEmbedder: the parent's constructor is given a plain object with the few font fields
 * it and the font descriptor read (names, vertical metrics, flags), never a fontkit font.
 */
import {
  CustomFontEmbedder,
  type PDFContext,
  type PDFDocument,
  PDFFont,
  PDFHexString,
  type PDFRef,
} from 'pdf-lib';
import { keepGlyphs } from './sfnt';

/** What the PDF renderer needs of a prebuilt font; made by scripts/build-pdf-fonts.ts. */
export interface FontMetrics {
  readonly postscriptName: string;
  readonly unitsPerEm: number;
  readonly ascent: number;
  readonly descent: number;
  readonly capHeight: number;
  readonly xHeight: number;
  readonly italicAngle: number;
  /** minX, minY, maxX, maxY in font units. */
  readonly bbox: readonly number[];
  readonly fixedPitch: boolean;
  readonly italic: boolean;
  readonly familyClass: number;
  /** [code point, glyph id] for every character of the repertoire (the font's own cmap). */
  readonly cmap: readonly (readonly number[])[];
  /** [code point, glyph id] where the layout draws another glyph than the cmap's (U+00AD). */
  readonly substitutes: readonly (readonly number[])[];
  /** A character drawn as glyph `id` when the previous character is one of `context`. */
  readonly after: readonly GlyphRule[];
  /** A character drawn as glyph `id` when the next character is one of `context`. */
  readonly before: readonly GlyphRule[];
  /** Advance width of each glyph by id, font units. */
  readonly widths: readonly number[];
}

export interface GlyphRule {
  readonly cp: number;
  readonly id: number;
  readonly context: readonly number[];
}

/** The tables a PDF reader needs of an embedded TrueType font (fontkit's subsets wrote these). */
const PDF_TABLES = ['head', 'hhea', 'loca', 'maxp', 'cvt ', 'prep', 'glyf', 'hmtx', 'fpgm'];

function contextMap(rules: readonly GlyphRule[]): Map<number, Map<number, number>> {
  const map = new Map<number, Map<number, number>>();
  for (const rule of rules) {
    const byContext = map.get(rule.cp) ?? new Map<number, number>();
    for (const c of rule.context) byContext.set(c, rule.id);
    map.set(rule.cp, byContext);
  }
  return map;
}

const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');

class PrebuiltFontEmbedder extends CustomFontEmbedder {
  private readonly metrics: FontMetrics;
  private readonly glyphOf: Map<number, number>;
  private readonly after: Map<number, Map<number, number>>;
  private readonly before: Map<number, Map<number, number>>;
  private readonly unicodeOf = new Map<number, number[]>();
  private readonly used = new Set<number>();

  constructor(fontData: Uint8Array, metrics: FontMetrics) {
    const [minX = 0, minY = 0, maxX = 0, maxY = 0] = metrics.bbox;
    const fields = {
      postscriptName: metrics.postscriptName,
      unitsPerEm: metrics.unitsPerEm,
      ascent: metrics.ascent,
      descent: metrics.descent,
      capHeight: metrics.capHeight,
      xHeight: metrics.xHeight,
      italicAngle: metrics.italicAngle,
      bbox: { minX, minY, maxX, maxY },
      characterSet: metrics.cmap.map(([cp]) => cp ?? 0),
      post: { isFixedPitch: metrics.fixedPitch },
      head: { macStyle: { italic: metrics.italic } },
      'OS/2': { sFamilyClass: metrics.familyClass },
    };
    super(fields as never, fontData);
    this.metrics = metrics;
    this.glyphOf = new Map([...metrics.cmap, ...metrics.substitutes].map(([cp, id]) => [cp ?? 0, id ?? 0]));
    this.after = contextMap(metrics.after);
    this.before = contextMap(metrics.before);
    for (const [cp = 0, id = 0] of metrics.cmap)
      this.unicodeOf.set(id, [...(this.unicodeOf.get(id) ?? []), cp]);
  }

  /** The glyph ids fontkit's layout gave for `text` (a character the font lacks is .notdef). */
  glyphIds(text: string): number[] {
    const cps = Array.from(text, (c) => c.codePointAt(0) ?? 0);
    return cps.map((cp, i) => {
      const next = cps[i + 1];
      const previous = cps[i - 1];
      return (
        (next === undefined ? undefined : this.before.get(cp)?.get(next)) ??
        (previous === undefined ? undefined : this.after.get(cp)?.get(previous)) ??
        this.glyphOf.get(cp) ??
        0
      );
    });
  }

  override encodeText(text: string): PDFHexString {
    const ids = this.glyphIds(text);
    for (const id of ids) this.used.add(id);
    return PDFHexString.of(ids.map(hex4).join(''));
  }

  /** As pdf-lib sums fontkit's advance widths (same operations, so the same floating result). */
  override widthOfTextAtSize(text: string, size: number): number {
    let total = 0;
    for (const id of this.glyphIds(text)) total += (this.metrics.widths[id] ?? 0) * this.scale;
    return total * (size / 1000);
  }

  protected override isCFF(): boolean {
    return false;
  }

  protected override serializeFont(): Promise<Uint8Array> {
    return Promise.resolve(keepGlyphs(this.fontData, this.used, new Map(), PDF_TABLES));
  }

  private usedIds(): number[] {
    return [...this.used].sort((a, b) => a - b);
  }

  /** /W: runs of consecutive glyph ids, each with its widths (in 1/1000 em). */
  protected override computeWidths(): (number | number[])[] {
    const out: (number | number[])[] = [];
    let run: number[] = [];
    let previous = -2;
    for (const id of this.usedIds()) {
      if (id !== previous + 1) {
        if (run.length > 0) out.push(run);
        out.push(id);
        run = [];
      }
      run.push((this.metrics.widths[id] ?? 0) * this.scale);
      previous = id;
    }
    if (run.length > 0) out.push(run);
    return out;
  }

  protected override embedUnicodeCmap(context: PDFContext): PDFRef {
    const chars = this.usedIds()
      .filter((id) => this.unicodeOf.has(id))
      .map((id) => `<${hex4(id)}> <${(this.unicodeOf.get(id) ?? []).map(unicodeHex).join('')}>`);
    const cmap = `/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo <<\n  /Registry (Adobe)\n  /Ordering (UCS)\n  /Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000><ffff>\nendcodespacerange\n${chars.length} beginbfchar\n${chars.join('\n')}\nendbfchar\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend`;
    return context.register(context.flateStream(cmap));
  }
}

/** A code point as UTF-16 hex, as ToUnicode CMaps want it. */
function unicodeHex(cp: number): string {
  if (cp <= 0xffff) return hex4(cp);
  const v = cp - 0x10000;
  return hex4(0xd800 + (v >> 10)) + hex4(0xdc00 + (v & 0x3ff));
}

/**
 * A prebuilt font in `pdf`, drawn and measured like any PDFFont. It is written into the file by
 * `embedPrebuiltFonts` (pdf-lib's save() only writes the fonts it embedded itself).
 */
export function prebuiltFont(pdf: PDFDocument, bytes: Uint8Array, metrics: FontMetrics): PDFFont {
  const font = PDFFont.of(pdf.context.nextRef(), pdf, new PrebuiltFontEmbedder(bytes, metrics));
  const fonts = pending.get(pdf) ?? [];
  fonts.push(font);
  pending.set(pdf, fonts);
  return font;
}

const pending = new WeakMap<PDFDocument, PDFFont[]>();

/** Writes the prebuilt fonts of `pdf` (call once drawing is done, before save()). */
export async function embedPrebuiltFonts(pdf: PDFDocument): Promise<void> {
  for (const font of pending.get(pdf) ?? []) await font.embed();
}
