/**
 * How each block of a document description is drawn on the page (headings, paragraphs and
 * warning boxes, key figures, lists, checklists, address blocks; tables in draw-table.ts), at
 * the cursor of a Layout (layout.ts), which breaks pages. The document around the blocks
 * (title, sections, one-page fitting, footer) is render-pdf.ts.
 */
import type { Block, KeyFigure } from '../../domain/documents/document-model';
import { drawTable } from './draw-table';
import { INK, type Layout, MARGIN, MUTED, RULE } from './layout';

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

/** Draws one block at the layout's cursor, breaking the page where it must. */
export function drawBlock(l: Layout, block: Block): void {
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
