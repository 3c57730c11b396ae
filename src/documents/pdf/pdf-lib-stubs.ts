/**
 * What pdf-lib's browser chunk is built with instead of two of its dependencies (vite.config.ts
 * aliases them here; ADR 0026). pdf-lib imports both from modules that every document uses, so
 * they cannot be tree-shaken, yet the renderer never calls them:
 * - @pdf-lib/standard-fonts: the metrics of the 14 standard PDF fonts (about 90 kB gzip of
 *   compressed AFM data), read only by embedStandardFont and form fields. The documents embed
 *   Atkinson Hyperlegible only, and always pass their font to drawText.
 * - @pdf-lib/upng: the PNG decoder, read only by embedPng. The documents draw no image.
 * Calling either throws, so a future use fails loudly in the browser instead of drawing wrong.
 * Node (tests, benchmarks) loads the real packages.
 */
export { Encodings } from '@pdf-lib/standard-fonts/es/Encoding.js';

const notBundled = (what: string) => new Error(`${what} is not in the app's PDF renderer (ADR 0026)`);

export enum FontNames {
  Courier = 'Courier',
  CourierBold = 'Courier-Bold',
  CourierOblique = 'Courier-Oblique',
  CourierBoldOblique = 'Courier-BoldOblique',
  Helvetica = 'Helvetica',
  HelveticaBold = 'Helvetica-Bold',
  HelveticaOblique = 'Helvetica-Oblique',
  HelveticaBoldOblique = 'Helvetica-BoldOblique',
  TimesRoman = 'Times-Roman',
  TimesRomanBold = 'Times-Bold',
  TimesRomanItalic = 'Times-Italic',
  TimesRomanBoldItalic = 'Times-BoldItalic',
  Symbol = 'Symbol',
  ZapfDingbats = 'ZapfDingbats',
}

// biome-ignore lint/complexity/noStaticOnlyClass: the shape pdf-lib imports (Font.load).
export class Font {
  static load(name: string): never {
    throw notBundled(`the standard font ${name}`);
  }
}

/** The PNG decoder's default export (UPNG.decode, UPNG.toRGBA8). */
export const upng = {
  decode(): never {
    throw notBundled('PNG images');
  },
  toRGBA8(): never {
    throw notBundled('PNG images');
  },
};
