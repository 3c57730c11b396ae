/**
 * Visual check: page 1 of the budget sheet rendered to PNG by poppler (`pdftoppm -r 50 -png`)
 * and compared with the committed reference image, pixel by pixel.
 *
 * Tolerance: a pixel differs when one of its channels differs by more than 64 (of 255): that
 * ignores anti-aliasing changes between poppler versions but not a moved, missing or different
 * glyph. The test fails when more than 0.5 % of the pixels differ (a 50-dpi A4 page is
 * 414 × 585 pixels: about 1 200 pixels, i.e. a line of text moving or a figure changing).
 * It also fails when the size differs. To refresh the reference after an intended change of
 * layout: `UPDATE_REFERENCE=1 npx vitest run tests/documents/visual.test.ts`, then look at the
 * new image before committing it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../src/documents/pdf/render-pdf';
import { buildBudgetSheet } from '../../src/domain/documents';
import { diagnosisOf, makeDossier, TODAY } from '../domain/documents/fixture';
import { fontFiles, writeTemp } from './pdf-helpers';
import { decodePng, differingShare } from './png';

const REFERENCE = 'tests/documents/reference/budget-sheet-page1.png';
const CHANNEL_THRESHOLD = 64;
const MAX_DIFFERING_SHARE = 0.005;

async function renderPage1(): Promise<Uint8Array> {
  const dossier = makeDossier();
  const doc = buildBudgetSheet({ dossier, diagnosis: diagnosisOf(dossier), locale: 'fr', today: TODAY });
  const pdf = await renderPdf(doc, fontFiles(), { producedAt: new Date('2026-11-27T10:00:00Z') });
  const path = writeTemp('budget.pdf', pdf);
  const prefix = join(dirname(path), 'page');
  execFileSync('pdftoppm', ['-r', '50', '-png', '-f', '1', '-l', '1', '-singlefile', path, prefix]);
  return readFileSync(`${prefix}.png`);
}

describe('visual check of the budget sheet', () => {
  it('page 1 matches the reference image within the tolerance', async () => {
    const png = await renderPage1();
    if (process.env.UPDATE_REFERENCE === '1' || !existsSync(REFERENCE)) {
      writeFileSync(REFERENCE, png);
      if (process.env.UPDATE_REFERENCE !== '1')
        throw new Error(`no reference yet: wrote ${REFERENCE}, check it`);
    }
    const actual = decodePng(png);
    const reference = decodePng(readFileSync(REFERENCE));
    expect([actual.width, actual.height]).toEqual([reference.width, reference.height]);
    expect(actual.width).toBe(414);
    expect(differingShare(actual, reference, CHANNEL_THRESHOLD)).toBeLessThanOrEqual(MAX_DIFFERING_SHARE);
  });

  it('the comparison sees a real change (a different figure fails it)', async () => {
    const reference = decodePng(readFileSync(REFERENCE));
    const dossier = makeDossier();
    const changed = dossier.resources[0];
    if (changed) changed.amountCents = 245_000;
    const doc = buildBudgetSheet({ dossier, diagnosis: diagnosisOf(dossier), locale: 'fr', today: TODAY });
    const pdf = await renderPdf(doc, fontFiles(), { producedAt: new Date('2026-11-27T10:00:00Z') });
    const path = writeTemp('changed.pdf', pdf);
    const prefix = join(dirname(path), 'page');
    execFileSync('pdftoppm', ['-r', '50', '-png', '-f', '1', '-l', '1', '-singlefile', path, prefix]);
    const actual = decodePng(readFileSync(`${prefix}.png`));
    const share = differingShare(actual, reference, CHANNEL_THRESHOLD);
    expect(share).toBeGreaterThan(MAX_DIFFERING_SHARE);
  });

  it('the decoder reads what pdftoppm writes (white margins, dark text)', async () => {
    const image = decodePng(await renderPage1());
    const at = (x: number, y: number) =>
      Array.from(image.rgb.subarray((y * image.width + x) * 3, (y * image.width + x) * 3 + 3));
    expect(at(2, 2)).toEqual([255, 255, 255]);
    let dark = 0;
    for (let i = 0; i < image.rgb.length; i += 3) if ((image.rgb[i] ?? 255) < 100) dark += 1;
    expect(dark).toBeGreaterThan(2000);
  });
});
