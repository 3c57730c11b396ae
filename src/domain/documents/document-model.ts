/**
 * The layout-independent description of a document made on the device: a title, sections of
 * blocks (headings, paragraphs, key figures, tables, lists, checklists, address blocks). The PDF
 * renderer (src/documents/pdf) and the print renderer (src/documents/html) both draw it; the
 * domain builders of this folder produce it from the dossier. Every text is already in the
 * document's language and every amount already formatted: renderers only lay out.
 */
export type DocumentLocale = 'fr' | 'en';

/** The documents the counsellor can produce. */
export type DocumentKind = 'budget_sheet' | 'letter' | 'bdf_preparation' | 'client_plan';

/** Who reads it: client documents use larger type. */
export type Audience = 'client' | 'creditor' | 'counsellor';

export interface KeyFigure {
  readonly label: string;
  readonly value: string;
  /** One plain sentence under the figure. */
  readonly note?: string;
}

export interface TableColumn {
  readonly label: string;
  readonly align: 'left' | 'right';
  /** Relative width (default 1). */
  readonly weight?: number;
}

export type Block =
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string; readonly tone?: 'normal' | 'strong' | 'warning' }
  | { readonly kind: 'keyFigures'; readonly items: readonly KeyFigure[] }
  | {
      readonly kind: 'table';
      readonly caption?: string;
      readonly columns: readonly TableColumn[];
      readonly rows: readonly (readonly string[])[];
      /** A totals row, drawn bold. */
      readonly footer?: readonly string[];
    }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  | {
      readonly kind: 'checklist';
      readonly items: readonly { readonly text: string; readonly done: boolean; readonly note?: string }[];
    }
  /** Postal address block (letters): right-aligned for the recipient. */
  | { readonly kind: 'address'; readonly lines: readonly string[]; readonly align: 'left' | 'right' };

export interface DocumentSection {
  /** Section title (an h2 in print); absent for a letter's body. */
  readonly title?: string;
  readonly blocks: readonly Block[];
}

export interface DocumentDescription {
  readonly kind: DocumentKind;
  readonly locale: DocumentLocale;
  readonly audience: Audience;
  readonly title: string;
  readonly subtitle?: string;
  /** Running footer text (the page number is added by the renderer). */
  readonly footer: string;
  /** File name without extension, ASCII only. */
  readonly fileName: string;
  readonly sections: readonly DocumentSection[];
  /**
   * The document is meant as one page (the client's budget sheet): the renderer makes the type
   * a little smaller, down to a floor that stays large, when that is what it takes.
   */
  readonly onePage?: boolean;
}

/** Every text of a description, in reading order (tests and the print renderer use it). */
export function documentTexts(doc: DocumentDescription): string[] {
  const out: string[] = [doc.title];
  if (doc.subtitle) out.push(doc.subtitle);
  for (const section of doc.sections) {
    if (section.title) out.push(section.title);
    for (const block of section.blocks) {
      switch (block.kind) {
        case 'heading':
        case 'paragraph':
          out.push(block.text);
          break;
        case 'keyFigures':
          for (const item of block.items) out.push(item.label, item.value, ...(item.note ? [item.note] : []));
          break;
        case 'table':
          if (block.caption) out.push(block.caption);
          out.push(...block.columns.map((c) => c.label));
          for (const row of block.rows) out.push(...row);
          if (block.footer) out.push(...block.footer);
          break;
        case 'list':
          out.push(...block.items);
          break;
        case 'checklist':
          for (const item of block.items) out.push(item.text, ...(item.note ? [item.note] : []));
          break;
        case 'address':
          out.push(...block.lines);
          break;
      }
    }
  }
  out.push(doc.footer);
  return out;
}

/** An ASCII file name from a title and a date: 'budget-dupont-2026-11-27'. */
export function fileNameOf(parts: readonly string[]): string {
  return parts
    .join('-')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}
