/**
 * The printed documents (window.print(), the print area set in Atkinson Hyperlegible) get the
 * same unslashed zero as the PDF (ADR 0020): the redrawn zero is added to the page's fonts as a
 * face of the same family that covers U+0030 only. A face added later wins for the characters
 * it covers (CSS Fonts, unicode-range), so every other character keeps the stylesheet's font.
 * The app's own screens are set in the system font and do not change.
 */
import type { PdfFonts } from './render-pdf';
import { unslashZero } from './unslashed-zero';
import { woffToSfnt } from './woff-to-sfnt';

export const PRINT_FAMILY = 'Atkinson Hyperlegible';

let registered: Promise<void> | null = null;

/**
 * Adds the unslashed zero, regular and bold, to `document.fonts` (once).
 * Does nothing where the FontFace API is missing (the zero stays slashed there).
 */
export function registerPrintZero(fonts: PdfFonts): Promise<void> {
  if (typeof FontFace === 'undefined' || typeof document === 'undefined' || !document.fonts) {
    return Promise.resolve();
  }
  registered ??= Promise.all(
    (['regular', 'bold'] as const).map(async (weight) => {
      const bytes = unslashZero(await woffToSfnt(fonts[weight]));
      const face = new FontFace(PRINT_FAMILY, bytes as Uint8Array<ArrayBuffer>, {
        weight: weight === 'bold' ? '700' : '400',
        style: 'normal',
        unicodeRange: 'U+0030',
      });
      document.fonts.add(await face.load());
    }),
  )
    .then(() => undefined)
    .catch((error: unknown) => {
      registered = null;
      throw error;
    });
  return registered;
}
