/**
 * Tables in the PDF: columns sized to their content (line-break.ts `fitColumns`, measured with
 * the embedded fonts), cells wrapped only between words, rows never split across pages, the
 * header row repeated on each page and the totals row kept with the last row.
 */
import type { PDFFont } from 'pdf-lib';
import type { Block } from '../../domain/documents/document-model';
import { INK, type Layout, MARGIN, RULE, SHADE } from './layout';
import { type ColumnNeed, fitColumns, longestUnbreakableWidth, widestLineWidth } from './line-break';

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

export function drawTable(l: Layout, block: Extract<Block, { kind: 'table' }>): void {
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
