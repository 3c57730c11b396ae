/**
 * The one i18n module: every user-facing string goes through `t`, every amount through
 * `formatMoney`, every date through `formatDate`. French is the default.
 * `locale` is a signal, so components that call `t` during render re-render on a switch.
 * A message that counts something has two forms, `{ one, other }`, chosen by the language's
 * plural rule for the `count` parameter (src/domain/plural.ts): "1 dette", "2 dettes".
 */
import { signal } from '@preact/signals';
import type { Cents } from '../domain/money';
import { formatEuros } from '../domain/money-format';
import { isPluralForms, type PluralForms, pluralForm } from '../domain/plural';
import { shellFr } from './catalogues/shell-fr';
import type { AppMessageKey, MessageKey, PluralMessageKey } from './messages-fr';

export type Locale = 'fr' | 'en';
export const SUPPORTED_LOCALES: readonly Locale[] = ['fr', 'en'];
export const DEFAULT_LOCALE: Locale = 'fr';

/** A catalogue entry: a plain text, or the two forms of a message that counts (`{count}`). */
export type Message = string | PluralForms;

type Catalogue = Partial<Record<MessageKey, Message>>;

// Only the shell's French strings ship with the first render (the loading frame); the list's
// French strings come with the app (boot.tsx, messages-fr-first.ts), the whole French catalogue
// just after, English when chosen. See loadLocale.
const catalogues: Record<Locale, Catalogue | null> = { fr: shellFr, en: null };
const complete: Record<Locale, boolean> = { fr: false, en: false };
// Read by `t`, bumped when a whole catalogue arrives: a screen that rendered before it (a key
// outside the first load, shown as French or as the key) renders again with its words.
const catalogueRevision = signal(0);

/**
 * Installs strings of a locale the caller already imported: its whole catalogue, or (`partial`)
 * the part the first screen needs, the rest coming with loadLocale (boot.tsx, for French).
 */
export function provideCatalogue(
  target: Locale,
  catalogue: Record<AppMessageKey, Message> | Catalogue,
  partial = false,
): void {
  catalogues[target] = { ...catalogues[target], ...catalogue };
  complete[target] = !partial;
}

// Catalogues that come with a lazy page (the Administration screen): kept apart, so loading a
// locale's main catalogue does not drop them.
const lazyCatalogues: Record<Locale, Catalogue> = { fr: {}, en: {} };

/** Installs the strings of a lazy page, for both locales, when its chunk loads. */
export function provideLazyCatalogue(byLocale: Record<Locale, Catalogue>): void {
  for (const target of SUPPORTED_LOCALES) Object.assign(lazyCatalogues[target], byLocale[target]);
}

/** Makes a locale's whole catalogue available; call (and await) before switching `locale` to it. */
export async function loadLocale(next: Locale): Promise<void> {
  if (complete[next]) return;
  catalogues[next] =
    next === 'en' ? (await import('./messages-en')).messagesEn : (await import('./messages-fr')).messagesFr;
  complete[next] = true;
  catalogueRevision.value += 1;
}

/** Whether a locale's whole catalogue is installed (not only the first load's part). */
export function isLocaleLoaded(target: Locale): boolean {
  return complete[target];
}
// Intl tags: French of France, and British English (dates day-first, as the French reader expects).
const intlTags: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

export const locale = signal<Locale>(DEFAULT_LOCALE);

export function isLocale(value: unknown): value is Locale {
  return value === 'fr' || value === 'en';
}

type Params = Record<string, string | number>;

/**
 * Translate `key`, replacing `{name}` placeholders with `params`. A counting message (French
 * `{ one, other }`) requires `count`, which picks the form.
 */
export function t<K extends MessageKey>(
  key: K,
  ...[params = {}]: K extends PluralMessageKey ? [params: Params & { count: number }] : [params?: Params]
): string {
  // A catalogue not loaded yet falls back to French, then to the key itself (never seen once
  // boot.tsx has loaded the French catalogue before the app renders).
  void catalogueRevision.value;
  const own = catalogues[locale.value]?.[key] ?? lazyCatalogues[locale.value][key];
  const entryLocale: Locale = own === undefined ? 'fr' : locale.value;
  const entry: Message = own ?? catalogues.fr?.[key] ?? lazyCatalogues.fr[key] ?? key;
  // An entry without plural forms in this language (French "mois") is the same for every count.
  const template = isPluralForms(entry)
    ? pluralForm(entry, intlTags[entryLocale], typeof params.count === 'number' ? params.count : Number.NaN)
    : entry;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function intlTag(): string {
  return intlTags[locale.value];
}

/**
 * Format integer cents as euros for display, e.g. 123456 → "1 234,56 €" in French: the domain's
 * one formatter (src/domain/money-format.ts, which the documents use too), with a no-break space
 * before the euro sign as on every screen.
 */
export function formatMoney(cents: Cents): string {
  return formatEuros(cents, locale.value, '\u00a0');
}

/**
 * Formats a ratio as a percentage in the current language (0.0425 → "4,25 %" / "4.25%"), for
 * every screen: rates from basis points (bps / 10 000), shares from per mille (‰ / 1 000).
 * @param decimals - at most `max` decimals, at least `min` (default 0)
 */
export function formatPercent(ratio: number, decimals: { min?: number; max: number }): string {
  return new Intl.NumberFormat(intlTag(), {
    style: 'percent',
    minimumFractionDigits: decimals.min ?? 0,
    maximumFractionDigits: decimals.max,
  }).format(ratio);
}

/** A decimal number in the user's format, at most `maxDecimals` after the comma: « 4,5 ». */
export function formatDecimal(value: number, maxDecimals: number): string {
  return new Intl.NumberFormat(intlTag(), { maximumFractionDigits: maxDecimals }).format(value);
}

/**
 * Formats with Intl, then writes the first of the month as French writes it: « 1er juillet »,
 * not « 1 juillet » (Intl has no ordinal day). The documents follow the same rule
 * (src/domain/documents/format.ts, which may not use this module).
 */
function formatDay(format: Intl.DateTimeFormat, date: Date): string {
  const firstInFrench = locale.value === 'fr';
  return format
    .formatToParts(date)
    .map((part) => (firstInFrench && part.type === 'day' && Number(part.value) === 1 ? '1er' : part.value))
    .join('');
}

/**
 * One long-date formatter per language: making an Intl.DateTimeFormat costs about 0.3 ms, and
 * the dossier list formats two dates per row at each render (issue 17).
 */
const longDateFormats = new Map<string, Intl.DateTimeFormat>();

function longDateFormat(): Intl.DateTimeFormat {
  const tag = intlTag();
  let format = longDateFormats.get(tag);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'UTC' });
    longDateFormats.set(tag, format);
  }
  return format;
}

/** Format an ISO date (YYYY-MM-DD) for display, without any time-zone shift: « 1er juillet 2026 ». */
export function formatDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  const date = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1));
  return formatDay(longDateFormat(), date);
}

/**
 * Format a moment (Unix ms) as a short date and time: « 1er juil. 2026, 09:30 », in the device's
 * time zone, or in `timeZone` when given (the access log shows Paris time wherever it is read).
 */
export function formatDateTime(ms: number, timeZone?: string): string {
  return formatDay(
    new Intl.DateTimeFormat(intlTag(), {
      dateStyle: 'medium',
      timeStyle: 'short',
      ...(timeZone === undefined ? {} : { timeZone }),
    }),
    new Date(ms),
  );
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
