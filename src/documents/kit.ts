/**
 * The documents kit, loaded by the state layer with a dynamic import the first time the
 * Documents screen opens (its own chunk, not in the initial JavaScript): the document builders
 * and templates of the domain, the print renderer, and `renderPdfBlob`, which loads the PDF
 * renderer (pdf-lib: a second, larger chunk) only when a PDF is asked for.
 */
import type { DocumentDescription } from '../domain/documents/document-model';

export * from '../domain/documents';
export { renderHtml } from './html/render-html';

function pdfModules() {
  return Promise.all([import('./pdf/render-pdf'), import('./pdf/browser-fonts')]);
}

/**
 * Loads the PDF renderer and the fonts ahead of the first click (the Documents screen calls it
 * once it is shown), so the first PDF does not wait for them. (The printed documents' unslashed
 * zero needs nothing here: the stylesheet's face is the PDF's font, ADR 0026.)
 */
export async function preparePdf(): Promise<void> {
  const [, { loadBrowserFonts }] = await pdfModules();
  await loadBrowserFonts();
}

/** The PDF of a document, as a Blob for download. */
export async function renderPdfBlob(doc: DocumentDescription): Promise<Blob> {
  const [{ renderPdf }, { loadBrowserFonts }] = await pdfModules();
  const bytes = await renderPdf(doc, await loadBrowserFonts());
  return new Blob([bytes as BlobPart], { type: 'application/pdf' });
}

export type DocumentsKit = typeof import('./kit');
