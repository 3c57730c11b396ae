/**
 * A lazy page's chunk together with the whole catalogue of the current language: the list's first
 * load brings only its own French strings (i18n/messages-fr-first.ts), so every other page waits
 * for its words as it waits for its code (both precached, so offline too).
 */
import { loadLocale, locale } from '../i18n/i18n';

export function withWords<T>(chunk: Promise<T>): Promise<T> {
  return Promise.all([chunk, loadLocale(locale.value)]).then(([loaded]) => loaded);
}
