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

export async function run(): Promise<BenchResult[]> {
  buildIfStale();
  const indexHtml = readFileSync(join(DIST, 'index.html'), 'utf8');
  const scripts = initialScripts(indexHtml);
  const initialJsGzip = scripts.reduce((sum, url) => sum + gzipSize(join(DIST, url)), 0);

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
