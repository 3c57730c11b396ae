/**
 * A lazy page's chunk together with the whole catalogue of the current language: the list's first
 * load brings only its own French strings (i18n/messages-fr-first.ts), so every other page waits
 * for its words as it waits for its code (both precached, so offline too).
 */
import type { ComponentType } from 'preact';
import { lazy } from 'preact-iso';
import { loadLocale, locale } from '../i18n/i18n';

export function withWords<T>(chunk: Promise<T>): Promise<T> {
  return Promise.all([chunk, loadLocale(locale.value)]).then(([loaded]) => loaded);
}

/**
 * The component `name` of a chunk, loaded on first render with its words (withWords). `load` must
 * be a literal `() => import('…')`, so that the bundler makes the chunk.
 */
// biome-ignore lint/suspicious/noExplicitAny: any props, as preact-iso's own `lazy` takes.
export function lazyWithWords<K extends string, C extends ComponentType<any>>(
  load: () => Promise<Record<K, C>>,
  name: K,
): C {
  return lazy(() => withWords(load()).then((chunk) => chunk[name]));
}
