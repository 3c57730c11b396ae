/**
 * The one place that measures the shell's weight from a build (dist/ and .vite/manifest.json):
 * bytes, never time. The shell benchmark (bench/shell-size.bench.ts) reports these figures and
 * the size guard (scripts/size-guard.ts) holds them under their budgets, so both read the same rule.
 *
 * "The list's first load" is what the browser fetches before the dossier list is usable for a
 * person signed in, at a cold start (so through the unlock screen), service worker in control:
 * the entry and its static imports, then each dynamic import that path awaits (LIST_PATH), each
 * with its own static imports, and the stylesheets those chunks bring. Everything gzip -9.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const ROOT = new URL('../', import.meta.url).pathname;
export const DIST = join(ROOT, 'dist');

/**
 * The manifest keys (source modules) loaded on the way to a usable list, in order: the page's
 * entry (main.tsx: the loading frame), the application (boot.tsx: device store, state, the list
 * page, the unlock screen, the French strings the list needs). A chunk that the list path starts
 * to await must be added here; a key missing from the build is an error, never a silent zero.
 */
export const LIST_PATH = ['index.html', 'src/boot.tsx'] as const;

export interface ManifestChunk {
  file: string;
  src?: string;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
  isEntry?: boolean;
}
export type Manifest = Record<string, ManifestChunk>;

/** The shell's figures, in bytes. */
export interface ShellMeasure {
  /** JS fetched before the first paint (the loading frame: the entry and its static imports), gzip -9. */
  firstPaintJsGzip: number;
  /** JS fetched before the dossier list is usable, gzip -9. */
  listJsGzip: number;
  /** CSS fetched before the dossier list is usable, gzip -9. */
  listCssGzip: number;
  /** Every file the service worker precaches, each gzip -9, summed. */
  precacheGzip: number;
  /** The same files, raw. */
  precacheRaw: number;
  /** The files behind the list figures and the precache count, for the reports. */
  listJsFiles: string[];
  listCssFiles: string[];
  precacheEntries: number;
}

export function gzipBytes(data: Buffer | string): number {
  return gzipSync(data, { level: 9 }).length;
}

/** A chunk and every chunk it imports statically: what loads before its code runs. */
function staticClosure(manifest: Manifest, key: string, seen: Set<string>): void {
  if (seen.has(key)) return;
  if (!manifest[key]) throw new Error(`shell-measure: "${key}" is not in the build's manifest`);
  seen.add(key);
  for (const next of manifest[key].imports ?? []) staticClosure(manifest, next, seen);
}

/** The JS and CSS files of the list path, from a build's manifest. */
export function listPathFiles(
  manifest: Manifest,
  path: readonly string[] = LIST_PATH,
): { js: string[]; css: string[] } {
  const keys = new Set<string>();
  for (const entry of path) staticClosure(manifest, entry, keys);
  const js = new Set<string>();
  const css = new Set<string>();
  for (const key of keys) {
    const chunk = manifest[key];
    if (!chunk) continue;
    js.add(chunk.file);
    for (const sheet of chunk.css ?? []) css.add(sheet);
  }
  return { js: [...js], css: [...css] };
}

/** The URLs the service worker precaches, read from the manifest Workbox injected into sw.js. */
export function precacheUrls(swSource: string): string[] {
  return [...new Set([...swSource.matchAll(/"url":"([^"]+)"/g)].map((m) => m[1] ?? ''))].filter(Boolean);
}

/** Measures a build in `dist` (built already: see scripts/build-if-stale.ts). */
export function measureShell(dist: string = DIST): ShellMeasure {
  const manifestPath = join(dist, '.vite', 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`shell-measure: no build manifest at ${manifestPath}`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const files = listPathFiles(manifest);
  const gz = (file: string) => gzipBytes(readFileSync(join(dist, file)));
  const precache = precacheUrls(readFileSync(join(dist, 'sw.js'), 'utf8'));
  let precacheGzip = 0;
  let precacheRaw = 0;
  for (const url of precache) {
    const bytes = readFileSync(join(dist, url));
    precacheRaw += bytes.length;
    precacheGzip += gzipBytes(bytes);
  }
  return {
    firstPaintJsGzip: listPathFiles(manifest, [LIST_PATH[0]]).js.reduce((sum, file) => sum + gz(file), 0),
    listJsGzip: files.js.reduce((sum, file) => sum + gz(file), 0),
    listCssGzip: files.css.reduce((sum, file) => sum + gz(file), 0),
    precacheGzip,
    precacheRaw,
    listJsFiles: files.js,
    listCssFiles: files.css,
    precacheEntries: precache.length,
  };
}
