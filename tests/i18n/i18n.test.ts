import { afterEach, describe, expect, it } from 'vitest';
import { adminEn } from '../../src/i18n/catalogues/admin-en';
import { adminFr } from '../../src/i18n/catalogues/admin-fr';
import { supervisionEn } from '../../src/i18n/catalogues/supervision-en';
import { supervisionFr } from '../../src/i18n/catalogues/supervision-fr';
import {
  formatBytes,
  formatDate,
  formatMoney,
  loadLocale,
  locale,
  provideLazyCatalogue,
  t,
} from '../../src/i18n/i18n';
import { messagesEn } from '../../src/i18n/messages-en';
import { messagesFr } from '../../src/i18n/messages-fr';

afterEach(() => {
  locale.value = 'fr';
});

describe('i18n', () => {
  it('has the same keys in both catalogues and no empty string', () => {
    expect(Object.keys(messagesEn).sort()).toEqual(Object.keys(messagesFr).sort());
    for (const text of [...Object.values(messagesFr), ...Object.values(messagesEn)])
      expect(text.trim()).not.toBe('');
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

  it('formats ISO dates without shifting the day', () => {
    expect(formatDate('2026-01-01')).toBe('1 janvier 2026');
    locale.value = 'en';
    expect(formatDate('2026-12-31')).toBe('31 December 2026');
  });

  it('formats storage sizes', () => {
    expect(formatBytes(12_345_678).replace(/\s/g, ' ')).toBe('12,3 Mo');
    locale.value = 'en';
    expect(formatBytes(512)).toBe('512 B');
  });

  it('serves the strings of a lazy page once it installs them, in both languages, after a locale load', async () => {
    expect(Object.keys(adminEn).sort()).toEqual(Object.keys(adminFr).sort());
    for (const text of [...Object.values(adminFr), ...Object.values(adminEn)])
      expect(text.trim()).not.toBe('');
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
    for (const text of [...Object.values(supervisionFr), ...Object.values(supervisionEn)])
      expect(text.trim()).not.toBe('');
    for (const key of Object.keys(supervisionFr)) expect(key in messagesFr).toBe(false);
    expect('nav.supervision' in messagesFr).toBe(true);
  });
});
