/**
 * French typography, checked over every string the others may add too: no ASCII apostrophe in
 * French text (’ U+2019; `npx tsx scripts/typographic-apostrophes.ts` fixes them), and no
 * "dette(s)" pseudo-plural in either language (a counting message has `{ one, other }` forms,
 * src/domain/plural.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appSourceFiles, findAsciiApostrophes, textSpans } from '../../scripts/typographic-apostrophes';
import { LETTER_TEMPLATES } from '../../src/domain/documents/templates';
import { BDF_PREPARATION_TEXT } from '../../src/domain/documents/templates/bdf-preparation-text';
import { BUDGET_SHEET_TEXT } from '../../src/domain/documents/templates/budget-sheet-text';
import { CLIENT_PLAN_TEXT } from '../../src/domain/documents/templates/client-plan-text';
import {
  LETTER_DUE_SENTENCE,
  LETTER_OFFER,
  LETTER_TEXT,
} from '../../src/domain/documents/templates/letter-text';
import { WORDING } from '../../src/domain/documents/templates/wording';
import { isPluralForms } from '../../src/domain/plural';
import type { Message } from '../../src/i18n/i18n';

type Catalogue = Record<string, Message>;

// Every catalogue file, today's and those added later, found by name.
const cataloguesFr = import.meta.glob<Record<string, Catalogue>>('../../src/i18n/catalogues/*-fr.ts', {
  eager: true,
});
const cataloguesEn = import.meta.glob<Record<string, Catalogue>>('../../src/i18n/catalogues/*-en.ts', {
  eager: true,
});

/** [where, text] for every text of every catalogue exported by the modules. */
function entriesOf(modules: Record<string, Record<string, Catalogue>>): [string, string][] {
  return Object.entries(modules).flatMap(([file, exports]) =>
    Object.values(exports).flatMap((catalogue) =>
      Object.entries(catalogue).flatMap(([key, entry]): [string, string][] =>
        isPluralForms(entry)
          ? [
              [`${file} ${key}.one`, entry.one],
              [`${file} ${key}.other`, entry.other],
            ]
          : [[`${file} ${key}`, entry]],
      ),
    ),
  );
}

/** Every string inside a value (objects and arrays walked), with its path. */
function stringsIn(value: unknown, path: string): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => stringsIn(child, `${path}.${key}`));
}

// « dette(s) », « appareil(s) déconnecté(s) », « travaux(x) », “child(ren)”.
const PSEUDO_PLURAL = /\p{L}\((?:s|es|x|ren)\)/u;

describe('French typography', () => {
  it('finds every French catalogue', () => {
    expect(Object.keys(cataloguesFr).length).toBeGreaterThanOrEqual(13);
    expect(Object.keys(cataloguesEn).length).toBe(Object.keys(cataloguesFr).length);
  });

  it('writes no ASCII apostrophe in any French catalogue string', () => {
    const ascii = entriesOf(cataloguesFr).filter(([, text]) => text.includes("'"));
    expect(ascii).toEqual([]);
  });

  it('writes no ASCII apostrophe in the French letter templates and document wording', () => {
    const french = [
      ...LETTER_TEMPLATES.filter((template) => template.locale === 'fr').flatMap((template) => [
        [`${template.id}.subject`, template.subject] as [string, string],
        [`${template.id}.body`, template.body] as [string, string],
      ]),
      ...stringsIn(WORDING.fr, 'WORDING.fr'),
      ...stringsIn(BDF_PREPARATION_TEXT.fr, 'BDF_PREPARATION_TEXT.fr'),
      ...stringsIn(BUDGET_SHEET_TEXT.fr, 'BUDGET_SHEET_TEXT.fr'),
      ...stringsIn(CLIENT_PLAN_TEXT.fr, 'CLIENT_PLAN_TEXT.fr'),
      ...stringsIn(LETTER_TEXT.fr, 'LETTER_TEXT.fr'),
      ...stringsIn(LETTER_DUE_SENTENCE.fr, 'LETTER_DUE_SENTENCE.fr'),
      ...stringsIn(LETTER_OFFER.fr, 'LETTER_OFFER.fr'),
    ];
    expect(french.length).toBeGreaterThan(200);
    expect(french.filter(([, text]) => text.includes("'"))).toEqual([]);
  });

  it('writes no French elision with an ASCII apostrophe anywhere in the app’s text (alerts, explanations, sources)', () => {
    expect(findAsciiApostrophes().map((f) => `${f.file}:${f.line}: ${f.text}`)).toEqual([]);
  });

  it('writes no "(s)" pseudo-plural in any catalogue, in either language', () => {
    const found = [...entriesOf(cataloguesFr), ...entriesOf(cataloguesEn)].filter(([, text]) =>
      PSEUDO_PLURAL.test(text),
    );
    expect(found).toEqual([]);
  });

  it('writes no "(s)" pseudo-plural in any string of the app’s sources (domain alerts, documents)', () => {
    const found = appSourceFiles().flatMap((file) => {
      const source = readFileSync(file, 'utf8');
      return textSpans(file, source)
        .map((span) => source.slice(span.start, span.end))
        .filter((text) => PSEUDO_PLURAL.test(text))
        .map((text) => `${file}: ${text}`);
    });
    expect(found).toEqual([]);
  });
});
