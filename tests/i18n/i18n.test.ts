import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { isPluralForms } from '../../src/domain/plural';
import { adminEn } from '../../src/i18n/catalogues/admin-en';
import { adminFr } from '../../src/i18n/catalogues/admin-fr';
import { coordinationEn } from '../../src/i18n/catalogues/coordination-en';
import { coordinationFr } from '../../src/i18n/catalogues/coordination-fr';
import { networkEn } from '../../src/i18n/catalogues/network-en';
import { networkFr } from '../../src/i18n/catalogues/network-fr';
import { plansEn } from '../../src/i18n/catalogues/plans-en';
import { plansFr } from '../../src/i18n/catalogues/plans-fr';
import { supervisionEn } from '../../src/i18n/catalogues/supervision-en';
import { supervisionFr } from '../../src/i18n/catalogues/supervision-fr';
import {
  formatBytes,
  formatDate,
  formatDateTime,
  formatMoney,
  formatPercent,
  loadLocale,
  locale,
  type Message,
  provideLazyCatalogue,
  t,
} from '../../src/i18n/i18n';
import { messagesEn } from '../../src/i18n/messages-en';
import { messagesFr } from '../../src/i18n/messages-fr';

afterEach(() => {
  locale.value = 'fr';
});

/** Every text of a catalogue: plain entries and both forms of the counting ones. */
function textsOf(catalogue: Record<string, Message>): string[] {
  return Object.values(catalogue).flatMap((entry) =>
    isPluralForms(entry) ? [entry.one, entry.other] : [entry],
  );
}

describe('i18n', () => {
  it('has the same keys in both catalogues and no empty string', () => {
    expect(Object.keys(messagesEn).sort()).toEqual(Object.keys(messagesFr).sort());
    for (const text of [...textsOf(messagesFr), ...textsOf(messagesEn)]) expect(text.trim()).not.toBe('');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('settings.device.tooLong', { max: 60 })).toBe('Le nom doit faire au plus 60 caractères.');
    expect(t('settings.device.tooLong')).toContain('{max}');
    locale.value = 'en';
    expect(t('settings.device.tooLong', { max: 60 })).toBe('The name must be at most 60 characters.');
  });

  it('formats money from integer cents with Intl, in French and British English', () => {
    // Intl uses narrow no-break spaces in French; compare with them normalised.
    expect(formatMoney(123456).replace(/\s/g, ' ')).toBe('1 234,56 €');
    expect(formatMoney(-5).replace(/\s/g, ' ')).toBe('-0,05 €');
    locale.value = 'en';
    expect(formatMoney(123456)).toBe('€1,234.56');
  });

  it('formats money exactly as Intl does on screen, character for character, through the one domain formatter', () => {
    // Intl is the independent reference: the screens looked like this when they called it directly.
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000_000, max: 10_000_000_000 }),
        fc.constantFrom('fr', 'en'),
        (cents, lang) => {
          locale.value = lang as 'fr' | 'en';
          const intl = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
            style: 'currency',
            currency: 'EUR',
          });
          expect(formatMoney(cents)).toBe(intl.format(cents / 100));
        },
      ),
    );
  });

  it('formats percentages in the current language, with the decimals asked for', () => {
    expect(formatPercent(0.0425, { min: 2, max: 2 }).replace(/\s/g, ' ')).toBe('4,25 %');
    expect(formatPercent(0.04, { min: 2, max: 2 }).replace(/\s/g, ' ')).toBe('4,00 %');
    expect(formatPercent(0.04251, { max: 1 }).replace(/\s/g, ' ')).toBe('4,3 %');
    locale.value = 'en';
    expect(formatPercent(0.0425, { max: 2 })).toBe('4.25%');
  });

  it('is the one place that formats numbers: no screen or model calls Intl.NumberFormat itself', () => {
    const root = join(import.meta.dirname, '..', '..', 'src');
    const offenders = sourceFiles(root)
      .filter((path) => !path.endsWith(join('i18n', 'i18n.ts')))
      .filter((path) => readFileSync(path, 'utf8').includes('Intl.NumberFormat'))
      .map((path) => relative(root, path));
    expect(offenders).toEqual([]);
  });

  it('formats ISO dates without shifting the day', () => {
    expect(formatDate('2026-01-02')).toBe('2 janvier 2026');
    locale.value = 'en';
    expect(formatDate('2026-12-31')).toBe('31 December 2026');
  });

  it('writes the first of the month « 1er » in French, and only the first', () => {
    expect(formatDate('2026-07-01')).toBe('1er juillet 2026');
    expect(formatDate('2026-01-01')).toBe('1er janvier 2026');
    expect(formatDate('2026-07-11')).toBe('11 juillet 2026');
    expect(formatDate('2026-07-21')).toBe('21 juillet 2026');
    // A moment: local time, so built from local fields (the test's zone does not matter).
    expect(formatDateTime(new Date(2026, 6, 1, 9, 30).getTime())).toMatch(/^1er juil\. 2026\D+09:30$/);
    expect(formatDateTime(new Date(2026, 6, 10, 9, 30).getTime())).toMatch(/^10 juil\. 2026/);
    locale.value = 'en';
    expect(formatDate('2026-07-01')).toBe('1 July 2026');
  });

  it('formats storage sizes', () => {
    expect(formatBytes(12_345_678).replace(/\s/g, ' ')).toBe('12,3 Mo');
    locale.value = 'en';
    expect(formatBytes(512)).toBe('512 B');
  });

  it('serves the strings of a lazy page once it installs them, in both languages, after a locale load', async () => {
    expect(Object.keys(adminEn).sort()).toEqual(Object.keys(adminFr).sort());
    for (const text of [...textsOf(adminFr), ...textsOf(adminEn)]) expect(text.trim()).not.toBe('');
    // None of them is in the app's catalogue: they come with the Administration page.
    for (const key of Object.keys(adminFr)) expect(key in messagesFr).toBe(false);
    provideLazyCatalogue({ fr: adminFr, en: adminEn });
    expect(t('admin.wp.added', { name: 'Point A' })).toBe('Lieu « Point A » ajouté.');
    await loadLocale('en');
    locale.value = 'en';
    expect(t('admin.wp.added', { name: 'Point A' })).toBe('Welcome point “Point A” added.');
    expect(t('nav.admin')).toBe('Administration');
  });

  it('keeps the Supervision strings with their page, the same keys in both languages, none empty', () => {
    expect(Object.keys(supervisionEn).sort()).toEqual(Object.keys(supervisionFr).sort());
    for (const text of [...textsOf(supervisionFr), ...textsOf(supervisionEn)])
      expect(text.trim()).not.toBe('');
    for (const key of Object.keys(supervisionFr)) expect(key in messagesFr).toBe(false);
    expect('nav.supervision' in messagesFr).toBe(true);
  });

  it('keeps the coordinator console’s strings with their page, the same keys and plural forms in both languages', () => {
    expect(Object.keys(coordinationEn).sort()).toEqual(Object.keys(coordinationFr).sort());
    for (const text of [...textsOf(coordinationFr), ...textsOf(coordinationEn)])
      expect(text.trim()).not.toBe('');
    for (const [key, entry] of Object.entries(coordinationFr))
      expect([key, isPluralForms(coordinationEn[key as keyof typeof coordinationFr])]).toEqual([
        key,
        isPluralForms(entry),
      ]);
    for (const key of Object.keys(coordinationFr)) expect(key in messagesFr).toBe(false);
    expect('nav.coordination' in messagesFr).toBe(true);
  });

  it('keeps the plans’ strings with their pages, the same keys and plural forms in both languages, French apostrophes curly', () => {
    expect(Object.keys(plansEn).sort()).toEqual(Object.keys(plansFr).sort());
    for (const text of [...textsOf(plansFr), ...textsOf(plansEn)]) {
      expect(text.trim()).not.toBe('');
      expect(text).not.toContain("'");
    }
    for (const [key, entry] of Object.entries(plansFr))
      expect([key, isPluralForms(plansEn[key as keyof typeof plansFr])]).toEqual([key, isPluralForms(entry)]);
    for (const key of Object.keys(plansFr)) expect(key in messagesFr).toBe(false);
    expect('nav.plans' in messagesFr).toBe(true);
  });

  it('keeps the Network page’s strings with their page, the same keys and plural forms in both languages', () => {
    expect(Object.keys(networkEn).sort()).toEqual(Object.keys(networkFr).sort());
    for (const text of [...textsOf(networkFr), ...textsOf(networkEn)]) expect(text.trim()).not.toBe('');
    for (const [key, entry] of Object.entries(networkFr))
      expect([key, isPluralForms(networkEn[key as keyof typeof networkFr])]).toEqual([
        key,
        isPluralForms(entry),
      ]);
    for (const key of Object.keys(networkFr)) expect(key in messagesFr).toBe(false);
    // French typography: the apostrophe is ’, never '.
    for (const text of textsOf(networkFr)) expect(text).not.toContain("'");
    expect('nav.network' in messagesFr).toBe(true);
  });

  describe('plurals, by each language’s own rule', () => {
    // CLDR: French puts 0 and 1 in "one" (« 0 dette », « 1 dette »), English only 1 (“0 debts”).
    it('in French, 0 and 1 take the singular, 2 and more the plural', () => {
      expect(t('debts.totals.count', { count: 0 })).toBe('0 dette');
      expect(t('debts.totals.count', { count: 1 })).toBe('1 dette');
      expect(t('debts.totals.count', { count: 2 })).toBe('2 dettes');
      expect(t('debts.totals.count', { count: 11 })).toBe('11 dettes');
      expect(t('switch.pending', { count: 1, name: 'Marie' })).toBe(
        '1 modification tapée par Marie n’est pas encore sur le serveur.',
      );
      expect(t('switch.pending', { count: 3, name: 'Marie' })).toBe(
        '3 modifications tapées par Marie ne sont pas encore sur le serveur.',
      );
    });

    it('in English, only 1 takes the singular: 0 and 2 take the plural', async () => {
      await loadLocale('en');
      locale.value = 'en';
      expect(t('debts.totals.count', { count: 1 })).toBe('1 debt');
      expect(t('debts.totals.count', { count: 0 })).toBe('0 debts');
      expect(t('debts.totals.count', { count: 2 })).toBe('2 debts');
    });

    it('lets one language count where the other does not: « 1 mois », “1 month”', async () => {
      expect(t('debts.card.months', { count: 1 })).toBe('1 mois');
      expect(t('debts.card.months', { count: 2 })).toBe('2 mois');
      await loadLocale('en');
      locale.value = 'en';
      expect(t('debts.card.months', { count: 1 })).toBe('1 month');
      expect(t('debts.card.months', { count: 2 })).toBe('2 months');
      expect(t('scenarios.months', { count: 1 })).toBe('1 month');
      expect(t('followup.action.months', { count: 1 })).toBe('Grace asked: 1 month');
    });

    it('requires the count of a counting message', () => {
      // @ts-expect-error: a counting message without its count does not compile.
      expect(t('debts.totals.count')).toBe('{count} dettes');
    });
  });
});

/** Every .ts and .tsx file below `dir`. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}
