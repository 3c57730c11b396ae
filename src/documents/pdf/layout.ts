/**
 * The page geometry, the type scales, the colours and the cursor the PDF renderer draws with:
 * one Layout per PDF, which wraps text (line-break.ts) with the embedded fonts' widths and
 * starts a new page when a block does not fit.
 */
import type { PDFDocument, PDFFont, PDFPage } from 'pdf-lib';
import { rgb } from 'pdf-lib';
import type { Audience } from '../../domain/documents/document-model';
import { toFontSafeText } from './font-safe-text';
import { wrapText } from './line-break';

/** A4 in points. */
export const A4 = { width: 595.28, height: 841.89 } as const;
export const MARGIN = { left: 56, right: 56, top: 48, bottom: 60 } as const;

export interface Scale {
  readonly body: number;
  readonly small: number;
  readonly h1: number;
  readonly h2: number;
  readonly h3: number;
  readonly figure: number;
  readonly table: number;
}

export const SCALES: Record<Audience, Scale> = {
  client: { body: 14, small: 12, h1: 22, h2: 17, h3: 15, figure: 20, table: 12.5 },
  creditor: { body: 11.5, small: 10, h1: 18, h2: 13, h3: 12, figure: 16, table: 10.5 },
  counsellor: { body: 10, small: 9, h1: 18, h2: 13, h3: 11, figure: 14, table: 9 },
};

export const INK = rgb(0.1, 0.1, 0.12);
export const MUTED = rgb(0.3, 0.3, 0.33);
export const RULE = rgb(0.55, 0.55, 0.58);
export const SHADE = rgb(0.92, 0.92, 0.93);

export class Layout {
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
