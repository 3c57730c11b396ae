/**
 * Figures without a slashed zero (ADR 0020). Atkinson Hyperlegible draws its zero with a slash
 * (to tell it from the letter O) and has no alternate glyph, stylistic set or `zero` feature
 * to turn the slash off; for the amounts a client reads ("1 200,00 €"), a slashed zero reads
 * as "Ø". Before the font is embedded, its zero is redrawn without the slash: the outer ring is
 * kept as designed, and the two counters the slash leaves are replaced by one counter, the
 * ring's own outline scaled to the counters' extent (the font's designed inner curve has the
 * same proportions, to a few units). Advance width, side bearings and every other glyph are
 * untouched, so the text measures and extracts exactly as before.
 *
 * Run at build time (scripts/build-pdf-fonts.ts), not in the browser (it reads the font with
 * fontkit). The font is rebuilt as SFNT with a long-format 'loca' (sfnt.ts). A font whose zero is not a simple
 * glyph of three contours (outer ring and two counters) is returned unchanged.
 */
import fontkit from '@pdf-lib/fontkit';
import { glyphRecords, keepGlyphs, readTables, viewOf } from './sfnt';

interface Point {
  x: number;
  y: number;
  onCurve: boolean;
}

type Contour = Point[];

/** The contours of a simple glyph (TrueType 'glyf' record), or null for a composite or empty one. */
export function decodeSimpleGlyph(glyph: Uint8Array): Contour[] | null {
  if (glyph.length < 10) return null;
  const view = viewOf(glyph);
  const contours = view.getInt16(0);
  if (contours <= 0) return null;
  const ends: number[] = [];
  for (let i = 0; i < contours; i += 1) ends.push(view.getUint16(10 + 2 * i));
  const count = (ends[ends.length - 1] ?? -1) + 1;
  let at = 10 + 2 * contours;
  at += 2 + view.getUint16(at);
  const flags: number[] = [];
  while (flags.length < count) {
    const flag = glyph[at++] ?? 0;
    flags.push(flag);
    if (flag & 8) {
      const repeat = glyph[at++] ?? 0;
      for (let r = 0; r < repeat; r += 1) flags.push(flag);
    }
  }
  const coordinates = (shortBit: number, sameBit: number): number[] => {
    const out: number[] = [];
    let value = 0;
    for (const flag of flags) {
      if (flag & shortBit) {
        const delta = glyph[at++] ?? 0;
        value += flag & sameBit ? delta : -delta;
      } else if (!(flag & sameBit)) {
        value += view.getInt16(at);
        at += 2;
      }
      out.push(value);
    }
    return out;
  };
  const xs = coordinates(2, 16);
  const ys = coordinates(4, 32);
  const points = flags.map((flag, i) => ({ x: xs[i] ?? 0, y: ys[i] ?? 0, onCurve: (flag & 1) === 1 }));
  let start = 0;
  return ends.map((end) => {
    const contour = points.slice(start, end + 1);
    start = end + 1;
    return contour;
  });
}

/** A simple glyph record: no instructions, every coordinate a 16-bit delta. */
export function encodeSimpleGlyph(contours: readonly Contour[]): Uint8Array {
  const points = contours.flat();
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const size = 10 + 2 * contours.length + 2 + points.length * 5;
  const out = new Uint8Array(size + ((4 - (size % 4)) % 4));
  const view = viewOf(out);
  view.setInt16(0, contours.length);
  view.setInt16(2, Math.min(...xs));
  view.setInt16(4, Math.min(...ys));
  view.setInt16(6, Math.max(...xs));
  view.setInt16(8, Math.max(...ys));
  let at = 10;
  let end = -1;
  for (const contour of contours) {
    end += contour.length;
    view.setUint16(at, end);
    at += 2;
  }
  view.setUint16(at, 0);
  at += 2;
  for (const p of points) out[at++] = p.onCurve ? 1 : 0;
  for (const axis of ['x', 'y'] as const) {
    let previous = 0;
    for (const p of points) {
      view.setInt16(at, p[axis] - previous);
      previous = p[axis];
      at += 2;
    }
  }
  return out;
}

function extent(points: readonly Point[]) {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  return { minX: Math.min(...xs), maxX: Math.max(...xs), minY: Math.min(...ys), maxY: Math.max(...ys) };
}

/**
 * A slashed zero's contours without the slash: the outer ring, and its outline scaled to the
 * extent of the counters, reversed (a counter turns the other way).
 * @returns null when the glyph is not an outer ring and two counters
 */
export function withoutSlash(contours: readonly Contour[]): Contour[] | null {
  if (contours.length !== 3) return null;
  const areaOf = (c: Contour) => {
    const e = extent(c);
    return (e.maxX - e.minX) * (e.maxY - e.minY);
  };
  const outer = [...contours].sort((a, b) => areaOf(b) - areaOf(a))[0];
  if (!outer) return null;
  const o = extent(outer);
  const i = extent(contours.filter((c) => c !== outer).flat());
  const inside = i.minX > o.minX && i.maxX < o.maxX && i.minY > o.minY && i.maxY < o.maxY;
  if (!inside) return null;
  const sx = (i.maxX - i.minX) / (o.maxX - o.minX);
  const sy = (i.maxY - i.minY) / (o.maxY - o.minY);
  const counter = outer
    .map((p) => ({
      x: Math.round(i.minX + (p.x - o.minX) * sx),
      y: Math.round(i.minY + (p.y - o.minY) * sy),
      onCurve: p.onCurve,
    }))
    .reverse();
  return [outer, counter];
}

/**
 * The font with its zero (U+0030) drawn without the slash.
 * @param font - SFNT bytes (TrueType outlines)
 * @returns new SFNT bytes, or the same bytes when the zero is not a slashed ring
 */
export function unslashZero(font: Uint8Array): Uint8Array {
  const tables = readTables(font);
  if (!tables.has('glyf') || !tables.has('loca')) return font;
  const zeroId = fontkit.create(font).glyphForCodePoint(0x30).id;
  const glyphs = glyphRecords(tables);
  const contours = decodeSimpleGlyph(glyphs[zeroId] ?? new Uint8Array());
  const redrawn = contours ? withoutSlash(contours) : null;
  if (!redrawn) return font;
  return keepGlyphs(
    font,
    glyphs.map((_, id) => id),
    new Map([[zeroId, encodeSimpleGlyph(redrawn)]]),
  );
}
