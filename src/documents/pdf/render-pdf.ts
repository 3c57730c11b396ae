/**
 * The PDF renderer: draws a document description (src/domain/documents/document-model.ts) on
 * A4 pages with pdf-lib, in Atkinson Hyperlegible (prepared at build time, embedded by
 * prebuilt-font.ts with only the glyphs drawn: no font library in the browser, ADR 0026). Client
 * documents use large type (14 pt body, 22 pt figures); letters 11.5 pt; the counsellor's
 * Banque de France preparation 10 pt. Page breaks between blocks, inside tables (the header
 * row is repeated) and inside long paragraphs; a footer with the page number on every page.
 * Runs in the browser and in Node (the tests parse the output back). How each block is drawn is
 * draw-blocks.ts; the cursor and page breaks layout.ts.
 */
import { PDFDocument, type PDFFont } from 'pdf-lib';
import type { DocumentDescription } from '../../domain/documents/document-model';
import { fill, WORDING } from '../../domain/documents/templates/wording';
import { drawBlock } from './draw-blocks';
import { toFontSafeText } from './font-safe-text';
import METRICS from './fonts/metrics.json';
import { A4, Layout, MARGIN, MUTED, RULE, SCALES, type Scale } from './layout';
import { embedPrebuiltFonts, type FontMetrics, prebuiltFont } from './prebuilt-font';

/** The prebuilt TrueType bytes of fonts/atkinson-hyperlegible-400.ttf and -700.ttf. */
export interface PdfFonts {
  readonly regular: Uint8Array | ArrayBuffer;
  readonly bold: Uint8Array | ArrayBuffer;
}

export interface PdfOptions {
  /** Stamped as the creation date (default: now). */
  readonly producedAt?: Date;
}

export { A4 } from './layout';

const FONT_METRICS: Readonly<Record<'400' | '700', FontMetrics>> = METRICS;

const bytesOf = (data: Uint8Array | ArrayBuffer) =>
  data instanceof Uint8Array ? data : new Uint8Array(data);

/** The two faces in `pdf`, measured from the build-time metrics (prebuilt-font.ts, ADR 0026). */
function embedFonts(pdf: PDFDocument, fonts: PdfFonts): { regular: PDFFont; bold: PDFFont } {
  return {
    regular: prebuiltFont(pdf, bytesOf(fonts.regular), FONT_METRICS['400']),
    bold: prebuiltFont(pdf, bytesOf(fonts.bold), FONT_METRICS['700']),
  };
}

/**
 * Draws a document as a PDF.
 * @param doc - the description
 * @param fonts - the prebuilt fonts (Atkinson Hyperlegible 400 and 700, fonts/*.ttf)
 * @returns the PDF bytes
 */
export async function renderPdf(
  doc: DocumentDescription,
  fonts: PdfFonts,
  options: PdfOptions = {},
): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const { regular, bold } = embedFonts(pdf, fonts);
  const producedAt = options.producedAt ?? new Date();
  const layout = drawDocument(pdf, doc, regular, bold, SCALES[doc.audience]);
  if (doc.onePage && pdf.getPageCount() > 1) {
    // Too long for one page: the largest type, down to the floor, that holds it on one page
    // (found by halving the interval; the height does not shrink in proportion to the type,
    // because paddings and rules stay). When even the floor does not fit, large type on more
    // pages is kept.
    const attempt = async (factor: number) => {
      const candidate = await PDFDocument.create();
      const { regular: r, bold: b } = embedFonts(candidate, fonts);
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
async function finish(
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
  await embedPrebuiltFonts(pdf);
  return pdf.save();
}
