/**
 * The PDF renderer: draws a document description (src/domain/documents/document-model.ts) on
 * A4 pages with pdf-lib, in Atkinson Hyperlegible (embedded through fontkit, subset). Client
 * documents use large type (14 pt body, 22 pt figures); letters 11.5 pt; the counsellor's
 * Banque de France preparation 10 pt. Page breaks between blocks, inside tables (the header
 * row is repeated) and inside long paragraphs; a footer with the page number on every page.
 * Runs in the browser and in Node (the tests parse the output back).
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import type { Audience, Block, DocumentDescription, KeyFigure } from '../../domain/documents/document-model';
import { fill, WORDING } from '../../domain/documents/wording';
import { toFontSafeText } from './font-safe-text';
import {
  type ColumnNeed,
  fitColumns,
  longestUnbreakableWidth,
  widestLineWidth,
  wrapText,
} from './line-break';
import { unslashZero } from './unslashed-zero';
import { woffToSfnt } from './woff-to-sfnt';

export interface PdfFonts {
  readonly regular: Uint8Array | ArrayBuffer;
  readonly bold: Uint8Array | ArrayBuffer;
}

export interface PdfOptions {
  /** Stamped as the creation date (default: now). */
  readonly producedAt?: Date;
}

/** A4 in points. */
export const A4 = { width: 595.28, height: 841.89 } as const;
const MARGIN = { left: 56, right: 56, top: 48, bottom: 60 } as const;

interface Scale {
  readonly body: number;
  readonly small: number;
  readonly h1: number;
  readonly h2: number;
  readonly h3: number;
  readonly figure: number;
  readonly table: number;
}

const SCALES: Record<Audience, Scale> = {
  client: { body: 14, small: 12, h1: 22, h2: 17, h3: 15, figure: 20, table: 12.5 },
  creditor: { body: 11.5, small: 10, h1: 18, h2: 13, h3: 12, figure: 16, table: 10.5 },
  counsellor: { body: 10, small: 9, h1: 18, h2: 13, h3: 11, figure: 14, table: 9 },
};

const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.3, 0.3, 0.33);
const RULE = rgb(0.55, 0.55, 0.58);
const SHADE = rgb(0.92, 0.92, 0.93);

class Layout {
  readonly pdf: PDFDocument;
  readonly regular: PDFFont;
  readonly bold: PDFFont;
  readonly scale: Scale;
  private readonly glyphs: { regular: Set<number>; bold: Set<number> };
  page!: PDFPage;
  y = 0;
  readonly width = A4.width - MARGIN.left - MARGIN.right;

  constructor(pdf: PDFDocument, regular: PDFFont, bold: PDFFont, scale: Scale) {
    this.pdf = pdf;
    this.regular = regular;
    this.bold = bold;
    this.scale = scale;
    this.glyphs = { regular: new Set(regular.getCharacterSet()), bold: new Set(bold.getCharacterSet()) };
    this.newPage();
  }

  newPage(): void {
    this.page = this.pdf.addPage([A4.width, A4.height]);
    this.y = A4.height - MARGIN.top;
  }

  /** Height used from the top of the first page to the cursor, points (pages × content height). */
  usedHeight(): number {
    const pageHeight = A4.height - MARGIN.top - MARGIN.bottom;
    return (this.pdf.getPageCount() - 1) * pageHeight + (A4.height - MARGIN.top - this.y);
  }

  /** Starts a new page when `height` does not fit below the cursor. */
  ensure(height: number): void {
    if (this.y - height < MARGIN.bottom) this.newPage();
  }

  safe(text: string, font: PDFFont): string {
    const set = font === this.bold ? this.glyphs.bold : this.glyphs.regular;
    return toFontSafeText(text, (code) => set.has(code));
  }

  private readonly widths = new Map<string, number>();

  /** Width at 1 pt, cached: fontkit's layout is the costly part of drawing. */
  private unitWidth(text: string, font: PDFFont): number {
    const key = `${font === this.bold ? 'b' : 'r'}${text}`;
    let width = this.widths.get(key);
    if (width === undefined) {
      width = font.widthOfTextAtSize(text, 1);
      this.widths.set(key, width);
    }
    return width;
  }

  textWidth(text: string, font: PDFFont, size: number): number {
    return this.unitWidth(text, font) * size;
  }

  /** Wraps text into lines no wider than `width`: see line-break.ts for where a line may end. */
  wrap(raw: string, font: PDFFont, size: number, width: number): string[] {
    return wrapText(this.safe(raw, font), (t) => this.textWidth(t, font, size), width);
  }

  lineHeight(size: number): number {
    return size * 1.3;
  }

  /** Draws wrapped lines from the cursor, breaking pages between lines. */
  lines(
    lines: readonly string[],
    font: PDFFont,
    size: number,
    x: number,
    align: 'left' | 'right' = 'left',
    width = this.width,
    lh = this.lineHeight(size),
  ): void {
    for (const line of lines) {
      this.ensure(lh);
      const lineX = align === 'right' ? x + width - this.textWidth(line, font, size) : x;
      this.page.drawText(line, { x: lineX, y: this.y - size, size, font, color: INK });
      this.y -= lh;
    }
  }

  text(raw: string, font: PDFFont, size: number, x = MARGIN.left, width = this.width): void {
    this.lines(this.wrap(raw, font, size, width), font, size, x, 'left', width);
  }

  gap(points: number): void {
    this.y -= points;
  }
}

/**
 * Key figures: one row each, the label on the left and the figure large and bold on the right,
 * an optional plain sentence underneath; a frame around the group.
 */
function drawKeyFigures(l: Layout, items: readonly KeyFigure[]): void {
  const s = l.scale;
  const pad = 3;
  const padX = 6;
  // A figure is one line of digits: it needs less leading than running text.
  const figureLine = s.figure * 1.15;
  const rows = items.map((item) => {
    const valueLines = l.wrap(item.value, l.bold, s.figure, l.width * 0.55);
    const valueWidth = Math.max(...valueLines.map((v) => l.textWidth(v, l.bold, s.figure)));
    const labelLines = l.wrap(item.label, l.bold, s.body, l.width - valueWidth - 4 * padX);
    const noteLines = item.note ? l.wrap(item.note, l.regular, s.small, l.width - 2 * padX) : [];
    const height =
      2 * pad +
      Math.max(s.figure - s.body + labelLines.length * l.lineHeight(s.body), valueLines.length * figureLine) +
      noteLines.length * l.lineHeight(s.small);
    return { valueLines, labelLines, noteLines, height };
  });
  for (const row of rows) {
    l.ensure(row.height);
    const top = l.y;
    l.page.drawRectangle({
      x: MARGIN.left,
      y: top - row.height,
      width: l.width,
      height: row.height,
      borderColor: RULE,
      borderWidth: 1,
    });
    const figureTop = top - pad;
    // Label and figure share a baseline (each line's baseline is its top minus its size).
    l.y = figureTop - (s.figure - s.body);
    l.lines(row.labelLines, l.bold, s.body, MARGIN.left + padX);
    const afterLabel = l.y;
    l.y = figureTop;
    l.lines(row.valueLines, l.bold, s.figure, MARGIN.left + padX, 'right', l.width - 2 * padX, figureLine);
    l.y = Math.min(afterLabel, l.y);
    for (const line of row.noteLines) {
      l.page.drawText(line, {
        x: MARGIN.left + padX,
        y: l.y - s.small,
        size: s.small,
        font: l.regular,
        color: MUTED,
      });
      l.y -= l.lineHeight(s.small);
    }
    l.y = top - row.height;
  }
}

/** Below this size a table's text is no longer large enough to read: words are cut instead. */
const MIN_TABLE_SIZE = 7;
const CELL_PAD = 2.75;
/** Extra room on the left of every column but the first, so columns do not run together. */
const COLUMN_GAP = 6;

function cellPadding(index: number): number {
  return 2 * CELL_PAD + (index > 0 ? COLUMN_GAP : 0);
}

/**
 * The table's type size and column widths: columns sized to their content at the scale's table
 * size (no word cut, amounts whole); when even the longest words cannot sit side by side, the
 * table's type is made smaller until they do (never below MIN_TABLE_SIZE).
 */
function tableGeometry(
  l: Layout,
  block: Extract<Block, { kind: 'table' }>,
): { size: number; widths: number[] } {
  const header = block.columns.map((c) => c.label);
  // First try: header labels kept on one line ("Par mois", not "Par / mois"); then words only.
  const needsAt = (size: number, wholeHeader: boolean): ColumnNeed[] =>
    block.columns.map((column, i) => {
      const cells: [string, PDFFont][] = [
        [header[i] ?? '', l.bold],
        ...block.rows.map((row): [string, PDFFont] => [row[i] ?? '', l.regular]),
        ...(block.footer ? [[block.footer[i] ?? '', l.bold] as [string, PDFFont]] : []),
      ];
      let min = 0;
      let max = 0;
      for (const [raw, font] of cells) {
        const measure = (t: string) => l.textWidth(t, font, size);
        const text = l.safe(raw, font);
        min = Math.max(min, longestUnbreakableWidth(text, measure));
        max = Math.max(max, widestLineWidth(text, measure));
      }
      if (wholeHeader)
        min = Math.max(
          min,
          widestLineWidth(l.safe(header[i] ?? '', l.bold), (t) => l.textWidth(t, l.bold, size)),
        );
      return { min: min + cellPadding(i), max: max + cellPadding(i), weight: column.weight ?? 1 };
    });
  let size = l.scale.table;
  const headerWhole = fitColumns(needsAt(size, true), l.width);
  if (headerWhole) return { size, widths: headerWhole };
  for (;;) {
    const needs = needsAt(size, false);
    const widths = fitColumns(needs, l.width);
    if (widths) return { size, widths };
    const sumMin = needs.reduce((s, n) => s + n.min, 0);
    const smaller = Math.max(MIN_TABLE_SIZE, Math.floor(size * (l.width / sumMin) * 10) / 10);
    if (smaller >= size) {
      // Even the smallest type cannot hold the words: share by minimum width (words get cut).
      return { size, widths: needs.map((n) => (n.min * l.width) / sumMin) };
    }
    size = smaller;
  }
}

function drawTable(l: Layout, block: Extract<Block, { kind: 'table' }>): void {
  const { size, widths } = tableGeometry(l, block);
  const pad = CELL_PAD;
  // Table lines are set a little tighter than running text: a row is one item, read across.
  const lh = size * 1.22;
  const hasHeader = block.columns.some((c) => c.label !== '');
  const cellLines = (cells: readonly string[], font: PDFFont) =>
    cells.map((cell, i) => l.wrap(cell, font, size, (widths[i] ?? 0) - cellPadding(i)));
  const drawRow = (cells: readonly string[], font: PDFFont, shade: boolean, ruleAbove: boolean) => {
    const wrapped = cellLines(cells, font);
    const height = Math.max(1, ...wrapped.map((w) => w.length)) * lh + 2 * pad;
    return { wrapped, height, shade, ruleAbove, font };
  };
  const paint = (row: ReturnType<typeof drawRow>) => {
    const top = l.y;
    if (row.shade) {
      l.page.drawRectangle({
        x: MARGIN.left,
        y: top - row.height,
        width: l.width,
        height: row.height,
        color: SHADE,
      });
    }
    if (row.ruleAbove) {
      l.page.drawLine({
        start: { x: MARGIN.left, y: top },
        end: { x: MARGIN.left + l.width, y: top },
        thickness: 1.2,
        color: INK,
      });
    }
    let x = MARGIN.left;
    row.wrapped.forEach((lines, i) => {
      const width = widths[i] ?? 0;
      const align = block.columns[i]?.align ?? 'left';
      let y = top - pad;
      for (const line of lines) {
        const lineX =
          align === 'right'
            ? x + width - pad - l.textWidth(line, row.font, size)
            : x + pad + (i > 0 ? COLUMN_GAP : 0);
        l.page.drawText(line, { x: lineX, y: y - size, size, font: row.font, color: INK });
        y -= lh;
      }
      x += width;
    });
    l.page.drawLine({
      start: { x: MARGIN.left, y: top - row.height },
      end: { x: MARGIN.left + l.width, y: top - row.height },
      thickness: 0.5,
      color: RULE,
    });
    l.y = top - row.height;
  };

  if (block.caption) {
    l.ensure(l.lineHeight(l.scale.h3) * 2);
    l.text(block.caption, l.bold, l.scale.h3);
  }
  const header = hasHeader
    ? drawRow(
        block.columns.map((c) => c.label),
        l.bold,
        true,
        false,
      )
    : null;
  const rows = block.rows.map((cells) => drawRow(cells, l.regular, false, false));
  const footer = block.footer ? drawRow(block.footer, l.bold, false, true) : null;
  // Keep the header with at least the first row.
  l.ensure((header?.height ?? 0) + (rows[0]?.height ?? footer?.height ?? 0));
  if (header) paint(header);
  const body = [...rows, ...(footer ? [footer] : [])];
  body.forEach((row, index) => {
    // The totals row never stands alone on a page: the last row goes over with it.
    const keepWithNext = footer && index === body.length - 2 ? footer.height : 0;
    if (l.y - row.height - keepWithNext < MARGIN.bottom) {
      l.newPage();
      if (header) paint(header);
    }
    paint(row);
  });
  l.gap(l.scale.body * 0.7);
}

function drawCheckbox(l: Layout, x: number, top: number, size: number, done: boolean): void {
  const box = size * 0.8;
  const y = top - size * 0.95;
  l.page.drawRectangle({ x, y, width: box, height: box, borderColor: INK, borderWidth: 1 });
  if (done) {
    l.page.drawLine({
      start: { x: x + box * 0.18, y: y + box * 0.5 },
      end: { x: x + box * 0.42, y: y + box * 0.2 },
      thickness: 1.6,
      color: INK,
    });
    l.page.drawLine({
      start: { x: x + box * 0.42, y: y + box * 0.2 },
      end: { x: x + box * 0.85, y: y + box * 0.85 },
      thickness: 1.6,
      color: INK,
    });
  }
}

function drawBlock(l: Layout, block: Block): void {
  const s = l.scale;
  switch (block.kind) {
    case 'heading':
      l.ensure(l.lineHeight(s.h3) * 2.5);
      l.gap(s.body * 0.3);
      l.text(block.text, l.bold, s.h3);
      l.gap(s.body * 0.2);
      return;
    case 'paragraph': {
      if (block.tone === 'warning') {
        const pad = 8;
        const lines = l.wrap(block.text, l.bold, s.body, l.width - 2 * pad - 6);
        const height = lines.length * l.lineHeight(s.body) + 2 * pad;
        l.ensure(height);
        const top = l.y;
        l.page.drawRectangle({
          x: MARGIN.left,
          y: top - height,
          width: l.width,
          height,
          borderColor: INK,
          borderWidth: 1.5,
        });
        l.page.drawRectangle({ x: MARGIN.left, y: top - height, width: 5, height, color: INK });
        l.y = top - pad;
        l.lines(lines, l.bold, s.body, MARGIN.left + pad + 6);
        l.y = top - height;
      } else {
        l.text(block.text, block.tone === 'strong' ? l.bold : l.regular, s.body);
      }
      l.gap(s.body * 0.6);
      return;
    }
    case 'keyFigures':
      drawKeyFigures(l, block.items);
      l.gap(s.body * 0.5);
      return;
    case 'table':
      drawTable(l, block);
      return;
    case 'list':
      for (const item of block.items) {
        const lines = l.wrap(item, l.regular, s.body, l.width - 18);
        l.ensure(l.lineHeight(s.body));
        l.page.drawText('•', {
          x: MARGIN.left + 4,
          y: l.y - s.body,
          size: s.body,
          font: l.regular,
          color: INK,
        });
        l.lines(lines, l.regular, s.body, MARGIN.left + 18);
      }
      l.gap(s.body * 0.5);
      return;
    case 'checklist':
      for (const item of block.items) {
        const text = item.note ? `${item.text} (${item.note})` : item.text;
        const font = item.done ? l.regular : l.bold;
        const lines = l.wrap(text, font, s.body, l.width - 24);
        l.ensure(l.lineHeight(s.body) * Math.min(2, lines.length));
        drawCheckbox(l, MARGIN.left + 2, l.y, s.body, item.done);
        l.lines(lines, font, s.body, MARGIN.left + 24);
        l.gap(2);
      }
      l.gap(s.body * 0.5);
      return;
    case 'address': {
      const x = block.align === 'right' ? MARGIN.left + l.width * 0.52 : MARGIN.left;
      const width = block.align === 'right' ? l.width * 0.48 : l.width * 0.6;
      const lines = block.lines.flatMap((line) => l.wrap(line, l.regular, s.body, width));
      l.ensure(lines.length * l.lineHeight(s.body));
      l.lines(lines, l.regular, s.body, x, 'left', width);
      l.gap(s.body * 1.2);
      return;
    }
  }
}

const unpacked = new WeakMap<object, Promise<Uint8Array>>();

/**
 * The font unpacked from WOFF once per font buffer (see woff-to-sfnt.ts for why), its zero
 * drawn without the slash (unslashed-zero.ts, ADR 0020).
 */
function sfntOf(bytes: Uint8Array | ArrayBuffer): Promise<Uint8Array> {
  let result = unpacked.get(bytes);
  if (!result) {
    result = woffToSfnt(bytes).then(unslashZero);
    unpacked.set(bytes, result);
  }
  return result;
}

/**
 * Draws a document as a PDF.
 * @param doc - the description
 * @param fonts - the WOFF bytes of Atkinson Hyperlegible latin 400 and 700
 * @returns the PDF bytes
 */
export async function renderPdf(
  doc: DocumentDescription,
  fonts: PdfFonts,
  options: PdfOptions = {},
): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const [regularBytes, boldBytes] = await Promise.all([sfntOf(fonts.regular), sfntOf(fonts.bold)]);
  const regular = await pdf.embedFont(regularBytes, { subset: true });
  const bold = await pdf.embedFont(boldBytes, { subset: true });
  const producedAt = options.producedAt ?? new Date();
  const layout = drawDocument(pdf, doc, regular, bold, SCALES[doc.audience]);
  if (doc.onePage && pdf.getPageCount() > 1) {
    // Too long for one page: the largest type, down to the floor, that holds it on one page
    // (found by halving the interval; the height does not shrink in proportion to the type,
    // because paddings and rules stay). When even the floor does not fit, large type on more
    // pages is kept.
    const attempt = async (factor: number) => {
      const candidate = await PDFDocument.create();
      candidate.registerFontkit(fontkit);
      const r = await candidate.embedFont(regularBytes, { subset: true });
      const b = await candidate.embedFont(boldBytes, { subset: true });
      const drawn = drawDocument(candidate, doc, r, b, scaled(SCALES[doc.audience], factor));
      return candidate.getPageCount() === 1 ? { pdf: candidate, layout: drawn, regular: r } : null;
    };
    let best = await attempt(ONE_PAGE_MIN_FACTOR);
    if (best) {
      let [low, high] = [ONE_PAGE_MIN_FACTOR, 1];
      while (high - low > 0.02) {
        const middle = (low + high) / 2;
        const fits = await attempt(middle);
        if (fits) [best, low] = [fits, middle];
        else high = middle;
      }
      return finish(best.pdf, doc, best.layout, best.regular, producedAt);
    }
  }
  return finish(pdf, doc, layout, regular, producedAt);
}

/** The smallest type a one-page document may use: 78 % of large type (body 10.9 pt, figures 15.6 pt). */
const ONE_PAGE_MIN_FACTOR = 0.78;

function scaled(scale: Scale, factor: number): Scale {
  return Object.fromEntries(
    Object.entries(scale).map(([key, size]) => [key, Math.round(size * factor * 10) / 10]),
  ) as unknown as Scale;
}

/** Draws the title and every section on new pages of `pdf`. */
function drawDocument(
  pdf: PDFDocument,
  doc: DocumentDescription,
  regular: PDFFont,
  bold: PDFFont,
  scale: Scale,
): Layout {
  const l = new Layout(pdf, regular, bold, scale);
  if (doc.kind !== 'letter') {
    l.text(doc.title, bold, scale.h1);
    if (doc.subtitle) {
      l.gap(2);
      l.text(doc.subtitle, regular, scale.h3);
    }
    l.gap(scale.body * 0.8);
  }
  for (const section of doc.sections) {
    if (section.title) {
      l.ensure(l.lineHeight(scale.h2) * 3);
      l.gap(scale.body * 0.3);
      l.text(section.title, bold, scale.h2);
      l.page.drawLine({
        start: { x: MARGIN.left, y: l.y + 2 },
        end: { x: MARGIN.left + l.width, y: l.y + 2 },
        thickness: 0.8,
        color: RULE,
      });
      l.gap(scale.body * 0.4);
    }
    for (const block of section.blocks) drawBlock(l, block);
  }

  return l;
}

/** Metadata, the footer on every page, and the bytes. */
function finish(
  pdf: PDFDocument,
  doc: DocumentDescription,
  l: Layout,
  regular: PDFFont,
  producedAt: Date,
): Promise<Uint8Array> {
  pdf.setTitle(
    toFontSafeText(doc.title, () => true),
    { showInWindowTitleBar: true },
  );
  pdf.setLanguage(doc.locale === 'fr' ? 'fr-FR' : 'en-GB');
  pdf.setCreator('Relais');
  pdf.setProducer('Relais (pdf-lib)');
  pdf.setCreationDate(producedAt);
  pdf.setModificationDate(producedAt);
  const pages = pdf.getPages();
  const footerSize = 9;
  pages.forEach((page, index) => {
    const number = l.safe(
      fill(WORDING[doc.locale].common.page, { n: index + 1, total: pages.length }),
      regular,
    );
    const footer = l.wrap(doc.footer, regular, footerSize, l.width * 0.7)[0] ?? '';
    page.drawLine({
      start: { x: MARGIN.left, y: MARGIN.bottom - 18 },
      end: { x: A4.width - MARGIN.right, y: MARGIN.bottom - 18 },
      thickness: 0.5,
      color: RULE,
    });
    page.drawText(footer, {
      x: MARGIN.left,
      y: MARGIN.bottom - 32,
      size: footerSize,
      font: regular,
      color: MUTED,
    });
    page.drawText(number, {
      x: A4.width - MARGIN.right - regular.widthOfTextAtSize(number, footerSize),
      y: MARGIN.bottom - 32,
      size: footerSize,
      font: regular,
      color: MUTED,
    });
  });
  return pdf.save();
}
