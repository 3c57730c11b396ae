/** Node helpers for the PDF tests: the font files, and pdftotext / pdftoppm (poppler-utils). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PdfFonts } from '../../src/documents/pdf/render-pdf';

const FONT_DIR = 'node_modules/@fontsource/atkinson-hyperlegible/files';
const PREBUILT_DIR = 'src/documents/pdf/fonts';

/** The fonts the PDF renderer embeds: the prebuilt TrueType files (scripts/build-pdf-fonts.ts). */
export function fontFiles(): PdfFonts {
  return {
    regular: readFileSync(join(PREBUILT_DIR, 'atkinson-hyperlegible-400.ttf')),
    bold: readFileSync(join(PREBUILT_DIR, 'atkinson-hyperlegible-700.ttf')),
  };
}

/** The published WOFF files the prebuilt fonts are made from. */
export function sourceFontFiles(): PdfFonts {
  return {
    regular: readFileSync(join(FONT_DIR, 'atkinson-hyperlegible-latin-400-normal.woff')),
    bold: readFileSync(join(FONT_DIR, 'atkinson-hyperlegible-latin-700-normal.woff')),
  };
}

export function writeTemp(name: string, bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'relais-pdf-'));
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** The text of a PDF as pdftotext extracts it, with every kind of space made ordinary. */
export function pdfText(path: string): string {
  const raw = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  return raw.replace(/[\u00a0\u202f\u2009]/g, ' ');
}

/** Same, keeping the layout (columns on one line). */
export function pdfLayoutText(path: string): string {
  const raw = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  return raw.replace(/[\u00a0\u202f\u2009]/g, ' ');
}

export function pdfInfo(path: string): Record<string, string> {
  const raw = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  return Object.fromEntries(
    raw
      .split('\n')
      .filter((line) => line.includes(':'))
      .map((line) => {
        const index = line.indexOf(':');
        return [line.slice(0, index).trim(), line.slice(index + 1).trim()];
      }),
  );
}

export function pdfFonts(path: string): string {
  return execFileSync('pdffonts', [path], { encoding: 'utf8' });
}
