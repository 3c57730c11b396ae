/**
 * Documents in Chromium, offline after install: the app is installed online (service worker),
 * then the network is cut and the server stopped, and each document is produced from the
 * Documents tab. Each PDF download happens, starts with %PDF and pdftotext finds the household's
 * name in it; printing opens the print dialog with the document in the print area. A Banque de
 * France preparation for 20 debts lists every creditor (its speed: bench/documents.bench.ts).
 * The dossier is written by a small page bundled from the real src/db code (as in
 * bench/device-store.bench.ts), served from the app's origin so the app opens that database.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { keepUnlocked, TEST_PIN } from './app-helpers';
import { useE2eApp, waitForServiceWorkerControl, writeSeedPage } from './harness';

const SEED_PAGE = `
import { RelaisDb } from './src/db/app-db';
import { localProfileKeyring } from './tests/e2e/seed-keyring';
import { DossierRepository } from './src/db/repository';
import { seedDocumentsDossier } from './tests/ui/documents/fixture';

window.seed = async (extraDebts) => {
  // Sealed under the local profile's key, which TEST_PIN opens (LOCK13).
  const db = new RelaisDb(undefined, { keyring: await localProfileKeyring('${TEST_PIN}') });
  const repository = new DossierRepository(db);
  // The debt reference is stored on the debt row (Debts tab): the letter reads it from there.
  const seeded = await seedDocumentsDossier(repository, { extraDebts, debtReference: 'RC-778899' });
  db.close();
  return seeded.id;
};
`;

describe('Documents produced offline, in Chromium', () => {
  const app = useE2eApp('e2e-documents', (distDir) => writeSeedPage(distDir, 'documents-seed', SEED_PAGE));
  let householdId: string;
  let bigHouseholdId: string;

  it('installs the app and its dossier while online', async () => {
    const { page, context, server } = app;
    const seedPage = await context.newPage();
    await seedPage.goto(`${server.url}/documents-seed.html`);
    await seedPage.waitForFunction(() => 'seed' in window);
    const seed = (extra: number) =>
      seedPage.evaluate((n) => (window as never as { seed(n: number): Promise<string> }).seed(n), extra);
    householdId = await seed(0);
    // 3 + 17 = 20 debts (the case bench/documents.bench.ts times).
    bigHouseholdId = await seed(17);
    await seedPage.close();
    expect(householdId).toBeTruthy();
    // The seeded rows are the local profile's: the app opens locked, TEST_PIN unlocks it.
    keepUnlocked(page);

    await page.goto(`${server.url}/dossiers`);
    await page.getByRole('heading', { level: 1, name: 'Dossiers' }).waitFor();
    await waitForServiceWorkerControl(page);
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys())
          urls.push(new URL(request.url).pathname);
      }
      return urls;
    });
    // The fonts the PDFs embed (prebuilt at build time, ADR 0026) are precached with the shell;
    // @fontsource's WOFF and WOFF2 files are not needed any more.
    expect(cached.some((url) => /atkinson-hyperlegible-400-.*\.ttf$/.test(url))).toBe(true);
    expect(cached.some((url) => /atkinson-hyperlegible-700-.*\.ttf$/.test(url))).toBe(true);
    expect(cached.filter((url) => /\.woff2?$/.test(url))).toEqual([]);
    // No font library in the PDF chunk, and none of pdf-lib's standard fonts (ADR 0026): the
    // renderer's chunk is pdf-lib, pako and our code, about 82 kB gzip; fontkit alone was 343.
    const assets = readdirSync(join(app.distDir, 'assets'));
    expect(assets.filter((name) => /fontkit|woff-to-sfnt/.test(name))).toEqual([]);
    const renderer = assets.find((name) => /^render-pdf-.*\.js$/.test(name)) ?? '';
    const rendererGzip = gzipSync(readFileSync(join(app.distDir, 'assets', renderer)), { level: 9 }).length;
    expect(rendererGzip).toBeLessThan(100_000);
  });

  async function download(choice: string, prepare?: () => Promise<void>): Promise<string> {
    const { page, distDir } = app;
    await page.getByRole('radio', { name: choice }).check();
    if (prepare) await prepare();
    const [file] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByRole('button', { name: 'Télécharger le PDF' }).click(),
    ]);
    const path = join(distDir, `download-${Date.now()}.pdf`);
    await file.saveAs(path);
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.getByText(/PDF créé/).waitFor();
    return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  }

  it('produces each document with the network off and the server stopped', async () => {
    const { page, context, server, distDir } = app;
    await server.stop();
    await context.setOffline(true);
    await page.goto(`${server.url}/dossiers/${householdId}/documents`);
    await page.getByRole('group', { name: 'Quel document ?' }).waitFor({ timeout: 30_000 });

    const budget = await download('Fiche budget pour la personne');
    expect(budget).toContain('Votre budget');
    expect(budget).toContain('Awa Diallo');
    expect(budget).toContain('1 660,00 € par mois');

    const plan = await download('Plan de remboursement pour la personne');
    expect(plan).toContain('Votre plan de remboursement');
    expect(plan).toContain('Awa Diallo');
    expect(plan).toContain('6 950,00 €');

    const bdf = await download('Préparation du dossier Banque de France');
    expect(bdf).toContain('Préparation du dossier de surendettement');
    expect(bdf).toContain('Awa Diallo');
    expect(bdf).toContain('RC-778899');

    const letter = await download('Courrier à un créancier', async () => {
      await page.getByLabel('Ce qui s’est passé').fill('J’ai perdu mon emploi en septembre.');
    });
    expect(letter).toContain('Awa Diallo');
    expect(letter).toContain('référence : RC-778899');
    expect(letter).toContain('J’ai perdu mon emploi en septembre.');

    // Printing: the document goes to the print area and the print dialog opens.
    await page.evaluate(() => {
      const w = window as never as { __printed: string[]; print: () => void };
      w.__printed = [];
      w.print = () => {
        w.__printed.push(document.querySelector('.document-print-area[data-printing]')?.textContent ?? '');
      };
    });
    await page.getByRole('radio', { name: 'Fiche budget pour la personne' }).check();
    await page.getByRole('button', { name: 'Imprimer' }).click();
    await page.getByText('Document envoyé à l’impression. Il est noté dans le suivi du dossier.').waitFor();
    // The print dialog opens in an effect (after paint), which may come after that message.
    await page.waitForFunction(() => (window as never as { __printed: string[] }).__printed.length > 0);
    const printed = (await page.evaluate(
      () => (window as never as { __printed: string[] }).__printed,
    )) as string[];
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain('Awa Diallo');

    // The print stylesheet: with the document in the print area, only the document is on paper.
    await page.evaluate(() => {
      const w = window as never as { __printedHtml: string; print: () => void };
      w.print = () => {
        w.__printedHtml = document.querySelector('.document-print-area[data-printing]')?.innerHTML ?? '';
      };
    });
    await page.getByRole('button', { name: 'Imprimer' }).click();
    await page.waitForFunction(() => Boolean((window as never as { __printedHtml?: string }).__printedHtml));
    await page.evaluate(() => {
      const area = document.querySelector('.document-print-area');
      area?.setAttribute('data-printing', 'true');
      if (area) area.innerHTML = (window as never as { __printedHtml: string }).__printedHtml;
    });
    // The printed zero is the PDF's, without the slash (ADR 0020): the print family's faces are
    // the PDF's own prebuilt fonts (ADR 0026), both weights loaded.
    const faces = await page.evaluate(async () => {
      await document.fonts.ready;
      const sources = [...document.styleSheets].flatMap((sheet) =>
        [...sheet.cssRules].flatMap((rule) =>
          rule instanceof CSSFontFaceRule && rule.style.getPropertyValue('font-family').includes('Atkinson')
            ? [rule.style.getPropertyValue('src')]
            : [],
        ),
      );
      await Promise.all([
        document.fonts.load('400 16px "Atkinson Hyperlegible"'),
        document.fonts.load('700 16px "Atkinson Hyperlegible"'),
      ]);
      const loaded = [...document.fonts]
        .filter((f) => f.family.includes('Atkinson Hyperlegible') && f.status === 'loaded')
        .map((f) => f.weight)
        .sort();
      return { sources, loaded };
    });
    expect(faces.sources).toHaveLength(2);
    for (const src of faces.sources) expect(src).toMatch(/atkinson-hyperlegible-[47]00-.*\.ttf/);
    expect(faces.loaded).toEqual(['400', '700']);
    await page.emulateMedia({ media: 'print' });
    const styles = await page.evaluate(() => ({
      header: getComputedStyle(document.querySelector('.app-header') as Element).display,
      screen: getComputedStyle(document.querySelector('.documents-screen') as Element).display,
      area: getComputedStyle(document.querySelector('.document-print-area') as Element).display,
      font: getComputedStyle(document.querySelector('.doc') as Element).fontFamily,
    }));
    expect(styles).toMatchObject({ header: 'none', screen: 'none', area: 'block' });
    expect(styles.font).toContain('Atkinson Hyperlegible');
    const paper = join(distDir, 'printed.pdf');
    writeFileSync(paper, await page.pdf({ format: 'A4' }));
    const paperText = execFileSync('pdftotext', ['-enc', 'UTF-8', paper, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    );
    expect(paperText).toContain('Votre budget');
    expect(paperText).toContain('1 660,00 € par mois');
    expect(paperText).not.toContain('Télécharger le PDF');
    await page.emulateMedia({ media: 'screen' });

    // On a phone, nothing overflows sideways, whichever document is chosen.
    await page.setViewportSize({ width: 390, height: 844 });
    for (const choice of [
      'Fiche budget pour la personne',
      'Courrier à un créancier',
      'Préparation du dossier Banque de France',
      'Plan de remboursement pour la personne',
    ]) {
      await page.getByRole('radio', { name: choice }).check();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, choice).toBeLessThanOrEqual(0);
    }
    await page.setViewportSize({ width: 1280, height: 800 });

    expect(await page.getByTestId('connection-status').textContent()).toContain('Hors ligne');
  });

  it('a Banque de France preparation for 20 debts is produced offline, with every debt in it', async () => {
    // Its speed (target: at most 1 s) is measured by `npm run bench documents`, not here.
    const { page } = app;
    await page.goto(`${page.url().split('/dossiers')[0]}/dossiers/${bigHouseholdId}/documents`);
    await page.getByRole('group', { name: 'Quel document ?' }).waitFor({ timeout: 30_000 });
    const text = await download('Préparation du dossier Banque de France');
    expect(text).toContain('Préparation du dossier de surendettement');
    expect(text).toContain('Awa Diallo');
    for (const creditor of ['Cofidis', 'Habitat Rhône', 'SIP Lyon 3e']) expect(text).toContain(creditor);
    const banks = new Set([...text.matchAll(/Banque n° (\d+)/g)].map((m) => Number(m[1])));
    expect([...banks].sort((a, b) => a - b)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    expect(await page.getByTestId('connection-status').textContent()).toContain('Hors ligne');
  });
});
