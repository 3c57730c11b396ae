/**
 * The font files in the browser: the prebuilt TrueType fonts (scripts/build-pdf-fonts.ts, ADR
 * 0026). Vite turns each `?url` import into a hashed asset, which the service worker precaches
 * (the precache glob includes ttf), so producing a PDF works offline. The documents' stylesheet
 * uses the same files for its @font-face, so the browser has usually fetched them already.
 */

import regularUrl from './fonts/atkinson-hyperlegible-400.ttf?url';
import boldUrl from './fonts/atkinson-hyperlegible-700.ttf?url';
import type { PdfFonts } from './render-pdf';

let loading: Promise<PdfFonts> | null = null;

async function fetchBytes(url: string): Promise<ArrayBuffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`font ${url}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

export function loadBrowserFonts(): Promise<PdfFonts> {
  loading ??= Promise.all([fetchBytes(regularUrl), fetchBytes(boldUrl)])
    .then(([regular, bold]) => ({ regular, bold }))
    .catch((error: unknown) => {
      loading = null;
      throw error;
    });
  return loading;
}
