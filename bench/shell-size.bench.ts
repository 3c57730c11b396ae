/**
 * Shell weight: the JavaScript (gzip) the browser loads before the first render, and the total
 * precache size. Baseline: Preact's own runtime (preact + hooks), gzipped the same way.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildIfStale } from '../scripts/build-if-stale';
import { type BenchResult, withTarget } from './bench-types';

const ROOT = new URL('../', import.meta.url).pathname;
const DIST = join(ROOT, 'dist');

function gzipSize(path: string): number {
  return gzipSync(readFileSync(path), { level: 9 }).length;
}

/** Scripts the page needs before rendering: the entry module and its modulepreloads. */
export function initialScripts(indexHtml: string): string[] {
  const urls = new Set<string>();
  for (const match of indexHtml.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g))
    urls.add(match[1] ?? '');
  for (const match of indexHtml.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g))
    urls.add(match[1] ?? '');
  return [...urls].filter(Boolean);
}

interface ManifestChunk {
  file: string;
  imports?: string[];
  isEntry?: boolean;
  src?: string;
}

/** A chunk and every chunk it imports statically (what loads before its code runs). */
function staticClosure(
  manifest: Record<string, ManifestChunk>,
  key: string,
  seen = new Set<string>(),
): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const next of manifest[key]?.imports ?? []) staticClosure(manifest, next, seen);
  return seen;
}

export async function run(): Promise<BenchResult[]> {
  buildIfStale();
  const indexHtml = readFileSync(join(DIST, 'index.html'), 'utf8');
  const scripts = initialScripts(indexHtml);
  const initialJsGzip = scripts.reduce((sum, url) => sum + gzipSize(join(DIST, url)), 0);

  // What the dossier list needs: the shell plus the application chunk (boot.tsx) and its imports.
  const manifest = JSON.parse(readFileSync(join(DIST, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const appFiles = new Set([...scripts.map((url) => url.replace(/^\//, ''))]);
  for (const key of staticClosure(manifest, 'src/boot.tsx')) {
    const file = manifest[key]?.file;
    if (file) appFiles.add(file);
  }
  const appJsGzip = [...appFiles].reduce((sum, file) => sum + gzipSize(join(DIST, file)), 0);

  const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
  const precacheUrls = [...new Set([...sw.matchAll(/"url":"([^"]+)"/g)].map((m) => m[1] ?? ''))];
  const precacheBytes = precacheUrls.reduce((sum, url) => sum + statSync(join(DIST, url)).size, 0);

  const preactGzip =
    gzipSize(join(ROOT, 'node_modules/preact/dist/preact.mjs')) +
    gzipSize(join(ROOT, 'node_modules/preact/hooks/dist/hooks.mjs'));

  return [
    withTarget({
      id: 'shell.initial-js-gzip',
      description: 'JavaScript loaded before the first render (entry + modulepreloads), gzip -9',
      value: initialJsGzip / 1000,
      unit: 'kB',
      baseline: {
        description: 'preact + preact/hooks runtime, gzip -9',
        value: preactGzip / 1000,
        unit: 'kB',
      },
      ratio: initialJsGzip / preactGzip,
      target: { value: 100, lowerIsBetter: true },
      details: { scripts },
    }),
    {
      id: 'shell.js-to-dossier-list-gzip',
      description:
        'JavaScript loaded before the dossier list can render: the shell plus the application chunk and its static imports (device store, zod schemas, sync), gzip -9',
      value: appJsGzip / 1000,
      unit: 'kB',
      baseline: {
        description: 'preact + preact/hooks runtime, gzip -9',
        value: preactGzip / 1000,
        unit: 'kB',
      },
      ratio: appJsGzip / preactGzip,
      details: { files: [...appFiles] },
    },
    {
      id: 'shell.precache-total',
      description: 'Total size of the files the service worker precaches (raw bytes)',
      value: precacheBytes / 1000,
      unit: 'kB',
      baseline: {
        description: 'initial JavaScript, raw',
        value: scripts.reduce((s, u) => s + statSync(join(DIST, u)).size, 0) / 1000,
        unit: 'kB',
      },
      ratio: precacheBytes / scripts.reduce((s, u) => s + statSync(join(DIST, u)).size, 0),
      details: { entries: precacheUrls.length },
    },
  ];
}
