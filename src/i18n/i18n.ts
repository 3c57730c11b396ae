/**
 * The one i18n module: every user-facing string goes through `t`, every amount through
 * `formatMoney`, every date through `formatDate`. French is the default.
 * `locale` is a signal, so components that call `t` during render re-render on a switch.
 */
import { signal } from '@preact/signals';
import { type MessageKey, messagesFr } from './messages-fr';

export type Locale = 'fr' | 'en';
export const SUPPORTED_LOCALES: readonly Locale[] = ['fr', 'en'];
export const DEFAULT_LOCALE: Locale = 'fr';

// French ships with the first screen; English is its own chunk, loaded when chosen (see loadLocale).
const catalogues: Partial<Record<Locale, Record<MessageKey, string>>> = { fr: messagesFr };

/** Makes a locale's catalogue available; call (and await) before switching `locale` to it. */
export async function loadLocale(next: Locale): Promise<void> {
  if (catalogues[next]) return;
  if (next === 'en') catalogues.en = (await import('./messages-en')).messagesEn;
}
// Intl tags: French of France, and British English (dates day-first, as the French reader expects).
const intlTags: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

export const locale = signal<Locale>(DEFAULT_LOCALE);

export function isLocale(value: unknown): value is Locale {
  return value === 'fr' || value === 'en';
}

/** Translate `key`, replacing `{name}` placeholders with `params`. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  // A catalogue not loaded yet falls back to French rather than showing a key.
  const template = (catalogues[locale.value] ?? messagesFr)[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function intlTag(): string {
  return intlTags[locale.value];
}

/** Format integer cents as euros for display, e.g. 123456 → "1 234,56 €" in French. */
export function formatMoney(cents: number): string {
  return new Intl.NumberFormat(intlTag(), { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** Format an ISO date (YYYY-MM-DD) for display, without any time-zone shift. */
export function formatDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  const date = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1));
  return new Intl.DateTimeFormat(intlTag(), { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** Format a byte count for storage figures, e.g. "12,3 Mo" in French. */
export function formatBytes(bytes: number): string {
  const units = locale.value === 'fr' ? ['o', 'ko', 'Mo', 'Go'] : ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const number = new Intl.NumberFormat(intlTag(), { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(
    value,
  );
  return `${number} ${units[unit]}`;
}
