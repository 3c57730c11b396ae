/**
 * The print renderer: the same document description as semantic HTML (h1, sections with h2,
 * h3 headings, tables with header cells and a totals row, a description list for key figures,
 * a list for checklists) for window.print(). The Documents screen puts it in its print area;
 * its stylesheet (src/ui/pages/documents/documents.css, @media print) sets the A4 page and the
 * large type. Returns a string: every text is escaped here.
 */
import type { Block, DocumentDescription } from '../../domain/documents/document-model';

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const CHECK_WORDS = {
  fr: { done: 'reçue', todo: 'à fournir' },
  en: { done: 'received', todo: 'to provide' },
} as const;

function block(b: Block, locale: DocumentDescription['locale']): string {
  const e = escapeHtml;
  switch (b.kind) {
    case 'heading':
      return `<h3>${e(b.text)}</h3>`;
    case 'paragraph':
      if (b.tone === 'warning') return `<p class="doc-warning"><strong>${e(b.text)}</strong></p>`;
      if (b.tone === 'strong') return `<p><strong>${e(b.text)}</strong></p>`;
      return `<p>${e(b.text)}</p>`;
    case 'keyFigures':
      return `<dl class="doc-figures">${b.items
        .map(
          (i) =>
            `<div><dt>${e(i.label)}</dt><dd class="doc-figure">${e(i.value)}</dd>${i.note ? `<dd class="doc-note">${e(i.note)}</dd>` : ''}</div>`,
        )
        .join('')}</dl>`;
    case 'table': {
      const hasHeader = b.columns.some((c) => c.label !== '');
      const cls = (i: number) => (b.columns[i]?.align === 'right' ? ' class="num"' : '');
      const head = hasHeader
        ? `<thead><tr>${b.columns.map((c, i) => `<th scope="col"${cls(i)}>${e(c.label)}</th>`).join('')}</tr></thead>`
        : '';
      const rows = b.rows
        .map(
          (r) =>
            `<tr>${r
              .map((cell, i) =>
                i === 0 && !hasHeader ? `<th scope="row">${e(cell)}</th>` : `<td${cls(i)}>${e(cell)}</td>`,
              )
              .join('')}</tr>`,
        )
        .join('');
      const foot = b.footer
        ? `<tfoot><tr>${b.footer.map((cell, i) => (i === 0 ? `<th scope="row">${e(cell)}</th>` : `<td${cls(i)}>${e(cell)}</td>`)).join('')}</tr></tfoot>`
        : '';
      const caption = b.caption ? `<caption>${e(b.caption)}</caption>` : '';
      return `<table>${caption}${head}<tbody>${rows}</tbody>${foot}</table>`;
    }
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${e(i)}</li>`).join('')}</ul>`;
    case 'checklist': {
      const words = CHECK_WORDS[locale];
      return `<ul class="doc-checklist">${b.items
        .map(
          (i) =>
            `<li class="${i.done ? 'done' : 'todo'}"><span class="doc-box" aria-hidden="true">${i.done ? '☑' : '☐'}</span> ${e(i.text)} <span class="doc-state">(${e(i.done ? words.done : words.todo)})</span></li>`,
        )
        .join('')}</ul>`;
    }
    case 'address':
      return `<p class="doc-address doc-address-${b.align}">${b.lines.map(e).join('<br>')}</p>`;
  }
}

/**
 * The document as an HTML fragment (an <article>).
 * @example renderHtml(doc).startsWith('<article') // true
 */
export function renderHtml(doc: DocumentDescription): string {
  const e = escapeHtml;
  const header =
    doc.kind === 'letter'
      ? `<h1 class="doc-visually-hidden">${e(doc.title)}</h1>`
      : `<h1>${e(doc.title)}</h1>${doc.subtitle ? `<p class="doc-subtitle">${e(doc.subtitle)}</p>` : ''}`;
  const sections = doc.sections
    .map(
      (s) =>
        `<section>${s.title ? `<h2>${e(s.title)}</h2>` : ''}${s.blocks.map((b) => block(b, doc.locale)).join('')}</section>`,
    )
    .join('');
  return `<article class="doc doc-${doc.audience} doc-${doc.kind}" lang="${doc.locale}">${header}${sections}<footer class="doc-footer">${e(doc.footer)}</footer></article>`;
}
