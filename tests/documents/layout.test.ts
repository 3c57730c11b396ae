/**
 * Layout tests (issue 12, points 17 and 18): documents for 20 debts with long creditor names
 * and addresses, a couple and an empty budget are drawn as PDFs, read back with pdftotext and
 * rendered with pdftoppm. They check that the documents read like print:
 * - no word is split across lines: every word pdftotext finds is a word of the document's own
 *   texts (or a part of one ending at a real hyphen, "Pas-de-" then "Calais");
 * - every amount is whole: the amounts found on the page are exactly the amounts written;
 * - nothing is drawn in the right margin (the PNG's margin is blank);
 * - the budget sheet of a usual household is one page and lists every debt;
 * - 20 debts paginate with the table's header row repeated on each page it runs onto.
 * Set LAYOUT_PNG_DIR to keep the rendered pages for a look.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { A4, renderPdf } from '../../src/documents/pdf/render-pdf';
import {
  buildBdfPreparation,
  buildBudgetSheet,
  buildLetter,
  type DocumentDescription,
  documentTexts,
  draftLetter,
  letterTemplate,
} from '../../src/domain/documents';
import { WORDING } from '../../src/domain/documents/templates/wording';
import type { Dossier } from '../../src/domain/dossier/dossier';
import { diagnosisOf, makeDossier, TODAY } from '../domain/documents/fixture';
import { emptyBudget, lopsidedHousehold, USUAL_CREDITORS, usualHousehold, withDebts } from './layout-fixture';
import { fontFiles, pdfInfo, pdfLayoutText, writeTemp } from './pdf-helpers';
import { decodePng } from './png';

const fonts = fontFiles();
const SPACES = /[\s\u00a0\u202f\u2009]+/;
/** A French amount as printed: "9 200,00 €" (any kind of space), not inside a longer number. */
const AMOUNT = /(?<![\d,])-?\d{1,3}(?:[ \u00a0\u202f]\d{3})*,\d\d[ \u00a0\u202f]€/g;

interface Rendered {
  readonly doc: DocumentDescription;
  readonly path: string;
  readonly pages: number;
  /** pdftotext -layout, every kind of space made ordinary; pages separated by \f. */
  readonly layout: string;
}

async function render(name: string, doc: DocumentDescription): Promise<Rendered> {
  const bytes = await renderPdf(doc, fonts, { producedAt: new Date('2026-11-27T10:00:00Z') });
  const path = writeTemp(`${name}.pdf`, bytes);
  return { doc, path, pages: Number(pdfInfo(path).Pages), layout: pdfLayoutText(path) };
}

/**
 * Every word of the document's texts, with the parts of a hyphenated word a line may end or
 * start with ("Pas-", "Pas-de-", "de-Calais", "Calais"…), plus the page numbers.
 */
function expectedWords(doc: DocumentDescription, pages: number): Set<string> {
  const texts = [...documentTexts(doc)];
  // A checklist item is printed with its note in brackets: "Contrat (manquante)".
  for (const block of doc.sections.flatMap((s) => s.blocks)) {
    if (block.kind === 'checklist') {
      for (const item of block.items) if (item.note) texts.push(`${item.text} (${item.note})`);
    }
  }
  for (let n = 1; n <= pages; n += 1)
    texts.push(WORDING[doc.locale].common.page.replace('{n}', String(n)).replace('{total}', String(pages)));
  const words = new Set<string>();
  for (const text of texts) {
    for (const word of text.split(SPACES)) {
      const parts = word.split(/(?<=\p{L}-)(?=\p{L})/u);
      for (let from = 0; from < parts.length; from += 1) {
        for (let to = from + 1; to <= parts.length; to += 1) words.add(parts.slice(from, to).join(''));
      }
    }
  }
  words.delete('');
  return words;
}

/** The words pdftotext found that are not words of the document (a word cut in two). */
function strangeWords(r: Rendered): string[] {
  const expected = expectedWords(r.doc, r.pages);
  return [...new Set(r.layout.split(SPACES).filter((w) => w !== '' && !expected.has(w)))];
}

function amounts(text: string): string[] {
  return [...text.matchAll(AMOUNT)].map((m) => m[0].replace(/[\u00a0\u202f]/g, ' ')).sort();
}

/** The document's amounts, as written by the builder, one per occurrence. */
function writtenAmounts(doc: DocumentDescription): string[] {
  return documentTexts(doc).flatMap(amounts).sort();
}

/** Renders every page at 50 dpi; returns the PNG files (kept in LAYOUT_PNG_DIR when set). */
function pagesAsPng(r: Rendered, name: string): string[] {
  const prefix = join(dirname(r.path), name);
  execFileSync('pdftoppm', ['-r', '50', '-png', r.path, prefix]);
  const files = readdirSync(dirname(r.path))
    .filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))
    .sort()
    .map((f) => join(dirname(r.path), f));
  const keep = process.env.LAYOUT_PNG_DIR;
  if (keep) {
    mkdirSync(keep, { recursive: true });
    for (const file of files) copyFileSync(file, join(keep, file.slice(dirname(file).length + 1)));
  }
  return files;
}

/** Dark pixels right of the text area (the right margin, minus 2 pt for anti-aliasing). */
function inkInRightMargin(png: string): number {
  const image = decodePng(readFileSync(png));
  const dpi = 50;
  const from = Math.ceil(((A4.width - 56 + 2) * dpi) / 72);
  let ink = 0;
  for (let y = 0; y < image.height; y += 1) {
    for (let x = from; x < image.width; x += 1) {
      if ((image.rgb[(y * image.width + x) * 3] ?? 255) < 160) ink += 1;
    }
  }
  return ink;
}

/** Reads like print: no word cut, every amount whole, nothing in the margin. */
function expectPrintLike(r: Rendered, name: string): void {
  expect(strangeWords(r)).toEqual([]);
  expect(amounts(r.layout)).toEqual(writtenAmounts(r.doc));
  const pngs = pagesAsPng(r, name);
  expect(pngs).toHaveLength(r.pages);
  for (const png of pngs) expect(inkInRightMargin(png)).toBe(0);
}

function budgetSheet(dossier: Dossier): DocumentDescription {
  return buildBudgetSheet({ dossier, diagnosis: diagnosisOf(dossier), locale: 'fr', today: TODAY });
}

describe('documents that read like print', () => {
  it('the checks see a word cut in two and a split amount', () => {
    const doc = budgetSheet(makeDossier());
    const cut: Rendered = {
      doc,
      path: '',
      pages: 1,
      layout: 'Cofidis  Crédit renouve\nlable   4 800,00\n€',
    };
    expect(strangeWords(cut)).toEqual(['renouve', 'lable']);
    expect(amounts(cut.layout)).not.toContain('4 800,00 €');
    expect(expectedWords(withHyphen(), 1).has('Pas-de-')).toBe(true);
    expect(expectedWords(withHyphen(), 1).has('Calais')).toBe(true);
    expect(expectedWords(withHyphen(), 1).has('Ca')).toBe(false);
  });

  it('the budget sheet of a usual household (a couple, 6 debts, 12 budget lines) is one page and lists every debt', async () => {
    const dossier = usualHousehold();
    expect(dossier.resources.length + dossier.charges.length).toBe(12);
    const r = await render('budget-usual', budgetSheet(dossier));
    expect(r.pages).toBe(1);
    for (const creditor of USUAL_CREDITORS) {
      expect(r.layout.replace(/\s+/g, ' ')).toContain(creditor.name);
    }
    // Every debt row, with what is still owed, on the page; and the totals row.
    const debtsTable = r.doc.sections.at(-1)?.blocks[0];
    if (debtsTable?.kind !== 'table') throw new Error('no debts table');
    expect(debtsTable.rows).toHaveLength(6);
    for (const row of debtsTable.rows) expect(r.layout).toContain((row[2] ?? '').replace(/\u202f/g, ' '));
    expect(r.layout).toMatch(/Total\s+73 236,99 €\s+252,90 €/);
    expectPrintLike(r, 'budget-usual');
  });

  it('the heaviest usual budget sheet (1 resource, 11 charges, 6 debts) is one page too', async () => {
    const dossier = lopsidedHousehold();
    expect([dossier.resources.length, dossier.charges.length, dossier.debts.length]).toEqual([1, 11, 6]);
    const r = await render('budget-lopsided', budgetSheet(dossier));
    expect(r.pages).toBe(1);
    for (const creditor of USUAL_CREDITORS) expect(r.layout.replace(/\s+/g, ' ')).toContain(creditor.name);
    expectPrintLike(r, 'budget-lopsided');
  });

  it('20 debts with long creditor names and addresses: clean pages, the header row on each page of the table', async () => {
    const dossier = withDebts(makeDossier({ couple: true }), 20);
    const budget = await render('budget-20', budgetSheet(dossier));
    expectPrintLike(budget, 'budget-20');
    const bdf = await render('bdf-20', buildBdfPreparation({ dossier, locale: 'fr', today: TODAY }));
    expectPrintLike(bdf, 'bdf-20');
    // A debts-table row: the budget sheet's ends with what is owed and the monthly amount; the
    // Banque de France one carries the debt's reference.
    const tables = [
      {
        r: budget,
        header: /^\s*À qui\s+Quoi\s+Reste dû\s+Par mois/m,
        row: /^.*\S\s+[\d ]+,\d\d €\s+[\d ]+,\d\d €\s*$/m,
      },
      { r: bdf, header: /^\s*Créancier\s+Adresse du/m, row: /REF-10\d\d/ },
    ];
    for (const { r, header, row } of tables) {
      const pages = r.layout.split('\f').filter((page) => row.test(page));
      expect(pages.length).toBeGreaterThan(1);
      for (const page of pages) {
        const headerAt = page.search(header);
        expect(headerAt).toBeGreaterThanOrEqual(0);
        expect(headerAt).toBeLessThan(page.search(row));
      }
    }
    // The Banque de France table prints each reference once, every debt on some page.
    for (let i = 0; i < 20; i += 1) expect(bdf.layout).toContain(`REF-${1000 + i}`);
  });

  it('a couple: the Banque de France preparation and a letter with a long address', async () => {
    const dossier = usualHousehold();
    const bdf = await render('bdf-couple', buildBdfPreparation({ dossier, locale: 'fr', today: TODAY }));
    expectPrintLike(bdf, 'bdf-couple');
    expect(bdf.layout).toContain('Awa Diallo et Marc Lefèvre');
    const template = letterTemplate('grace_period_request', 'fr');
    const draft = draftLetter(
      template,
      { dossier, diagnosis: diagnosisOf(dossier), plan: null, locale: 'fr', today: TODAY },
      {
        kind: 'grace_period_request',
        debtId: 'debt-2',
        reason: 'Nous avons perdu nos deux emplois.',
        graceMonths: 6,
      },
    );
    const letter = await render(
      'letter-couple',
      buildLetter({
        dossier,
        locale: 'fr',
        today: TODAY,
        kind: 'grace_period_request',
        debtId: 'debt-2',
        subject: draft.subject.text,
        body: draft.body.text,
      }),
    );
    expectPrintLike(letter, 'letter-couple');
    expect(letter.layout).toContain('93400 Saint-Ouen-sur-Seine');
  });

  it('an empty budget: one page, nothing left blank without a word', async () => {
    const r = await render('budget-empty', budgetSheet(emptyBudget()));
    expect(r.pages).toBe(1);
    expect(r.layout).toContain('Aucune dette n’est notée dans le dossier.');
    expectPrintLike(r, 'budget-empty');
    const bdf = await render(
      'bdf-empty',
      buildBdfPreparation({ dossier: emptyBudget(), locale: 'fr', today: TODAY }),
    );
    expectPrintLike(bdf, 'bdf-empty');
  });
});

/** A description whose only text is a hyphenated name, for the word check's own test. */
function withHyphen(): DocumentDescription {
  return {
    kind: 'budget_sheet',
    locale: 'fr',
    audience: 'client',
    title: 'Pas-de-Calais',
    footer: '',
    fileName: 'x',
    sections: [],
  };
}
