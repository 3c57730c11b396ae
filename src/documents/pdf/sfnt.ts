/**
 * Reading and writing TrueType (SFNT) fonts, table by table, and keeping only some glyphs. Used
 * at build time (scripts/build-pdf-fonts.ts: the zero without its slash, the documents'
 * repertoire) and in the browser (prebuilt-font.ts: each PDF embeds only the glyphs it draws).
 * Glyph ids never change: a glyph that is not kept becomes empty, so the font's own tables
 * (cmap, hmtx, GSUB, GPOS) stay true and the ids in the metrics table stay valid.
 */

export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The tables of an SFNT font by tag (views into `font`, not copies). */
export function readTables(font: Uint8Array): Map<string, Uint8Array> {
  const view = viewOf(font);
  const tables = new Map<string, Uint8Array>();
  const count = view.getUint16(4);
  for (let i = 0; i < count; i += 1) {
    const record = 12 + i * 16;
    const tag = String.fromCharCode(...font.subarray(record, record + 4));
    const offset = view.getUint32(record + 8);
    const length = view.getUint32(record + 12);
    tables.set(tag, font.subarray(offset, offset + length));
  }
  return tables;
}

/** An SFNT font from its tables (sorted by tag, 4-byte aligned, with checksums). */
export function writeSfnt(flavor: number, tables: Map<string, Uint8Array>): Uint8Array {
  const entries = [...tables].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const header = 12 + entries.length * 16;
  const size = entries.reduce((sum, [, data]) => sum + ((data.length + 3) & ~3), header);
  const out = new Uint8Array(size);
  const view = viewOf(out);
  let power = 1;
  let log2 = 0;
  while (power * 2 <= entries.length) {
    power *= 2;
    log2 += 1;
  }
  view.setUint32(0, flavor);
  view.setUint16(4, entries.length);
  view.setUint16(6, power * 16);
  view.setUint16(8, log2);
  view.setUint16(10, entries.length * 16 - power * 16);
  let offset = header;
  entries.forEach(([tag, data], index) => {
    const record = 12 + index * 16;
    for (let c = 0; c < 4; c += 1) out[record + c] = tag.charCodeAt(c);
    out.set(data, offset);
    let checksum = 0;
    for (let at = offset; at < offset + data.length; at += 4)
      checksum = (checksum + view.getUint32(at)) >>> 0;
    view.setUint32(record + 4, checksum);
    view.setUint32(record + 8, offset);
    view.setUint32(record + 12, data.length);
    offset += (data.length + 3) & ~3;
  });
  return out;
}

/** The 'glyf' record of each glyph, by id. */
export function glyphRecords(tables: Map<string, Uint8Array>): Uint8Array[] {
  const head = tables.get('head');
  const loca = tables.get('loca');
  const glyf = tables.get('glyf');
  const maxp = tables.get('maxp');
  if (!head || !loca || !glyf || !maxp) throw new Error('not a TrueType font (no glyf, loca, head or maxp)');
  const numGlyphs = viewOf(maxp).getUint16(4);
  const longLoca = viewOf(head).getInt16(50) === 1;
  const locaView = viewOf(loca);
  const offsetOf = (id: number) => (longLoca ? locaView.getUint32(id * 4) : locaView.getUint16(id * 2) * 2);
  return Array.from({ length: numGlyphs }, (_, id) => glyf.subarray(offsetOf(id), offsetOf(id + 1)));
}

/** The glyph ids a composite glyph is made of (none for a simple or empty glyph). */
export function componentsOf(glyph: Uint8Array): number[] {
  if (glyph.length < 10) return [];
  const view = viewOf(glyph);
  if (view.getInt16(0) >= 0) return [];
  const ids: number[] = [];
  let at = 10;
  for (;;) {
    const flags = view.getUint16(at);
    ids.push(view.getUint16(at + 2));
    at += 4 + (flags & 0x1 ? 4 : 2);
    if (flags & 0x8) at += 2;
    else if (flags & 0x40) at += 4;
    else if (flags & 0x80) at += 8;
    if (!(flags & 0x20)) return ids;
  }
}

/**
 * The font with the given glyphs (plus .notdef and every component of a kept composite), the
 * others emptied, 'loca' long; only the tables named in `keepTables` when given.
 */
export function keepGlyphs(
  font: Uint8Array,
  ids: Iterable<number>,
  replace: ReadonlyMap<number, Uint8Array> = new Map(),
  keepTables?: readonly string[],
): Uint8Array {
  const tables = readTables(font);
  const records = glyphRecords(tables).map((g, id) => replace.get(id) ?? g);
  const kept = new Set<number>([0]);
  const pending = [...ids];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (kept.has(id) || id >= records.length) continue;
    kept.add(id);
    pending.push(...componentsOf(records[id] ?? new Uint8Array()));
  }
  const glyphs = records.map((g, id) => (kept.has(id) ? g : new Uint8Array()));
  const glyf = new Uint8Array(glyphs.reduce((sum, g) => sum + ((g.length + 3) & ~3), 0));
  const loca = new Uint8Array((glyphs.length + 1) * 4);
  const locaView = viewOf(loca);
  let at = 0;
  glyphs.forEach((g, id) => {
    locaView.setUint32(id * 4, at);
    glyf.set(g, at);
    at += (g.length + 3) & ~3;
  });
  locaView.setUint32(glyphs.length * 4, at);
  const head = (tables.get('head') ?? new Uint8Array(54)).slice();
  viewOf(head).setInt16(50, 1);
  // checkSumAdjustment is left at 0: no reader of these fonts checks it.
  viewOf(head).setUint32(8, 0);
  tables.set('glyf', glyf);
  tables.set('loca', loca);
  tables.set('head', head);
  if (keepTables) for (const tag of [...tables.keys()]) if (!keepTables.includes(tag)) tables.delete(tag);
  return writeSfnt(viewOf(font).getUint32(0), tables);
}
