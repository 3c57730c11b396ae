/**
 * Shell weight, from the build (bytes, not time): the JavaScript and CSS (gzip -9) loaded before
 * the dossier list is usable (signed in, unlocked, service worker in control), and the precache.
 * The rule lives in scripts/shell-measure.ts, which the size guard (scripts/size-guard.ts) shares.
 * Baseline: Preact's own runtime (preact + hooks), gzipped the same way.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildIfStale } from '../scripts/build-if-stale';
import { gzipBytes, LIST_PATH, measureShell, ROOT } from '../scripts/shell-measure';
import { type BenchResult, withTarget } from './bench-types';

// The targets (issue 17), in kB; the enforced ceilings are in bench/size-budget.json.
const TARGETS = { listJs: 60, listCss: 20, precacheGzip: 400 };

export async function run(): Promise<BenchResult[]> {
  buildIfStale();
  const shell = measureShell();
  const preactGzip =
    gzipBytes(readFileSync(join(ROOT, 'node_modules/preact/dist/preact.mjs'))) +
    gzipBytes(readFileSync(join(ROOT, 'node_modules/preact/hooks/dist/hooks.mjs')));
  const preact = {
    description: 'preact + preact/hooks runtime, gzip -9',
    value: preactGzip / 1000,
    unit: 'kB',
  };
  return [
    withTarget({
      id: 'shell.initial-js-gzip',
      description:
        'JavaScript loaded before the first render (the loading frame: entry + static imports), gzip -9',
      value: shell.firstPaintJsGzip / 1000,
      unit: 'kB',
      baseline: preact,
      ratio: shell.firstPaintJsGzip / preactGzip,
      target: { value: 100, lowerIsBetter: true },
    }),
    withTarget({
      id: 'shell.js-to-dossier-list-gzip',
      description:
        'JavaScript fetched before the dossier list is usable (signed in, cold start through the unlock screen, service worker in control): the entry, the application and each chunk that path awaits, with their static imports, gzip -9',
      value: shell.listJsGzip / 1000,
      unit: 'kB',
      baseline: preact,
      ratio: shell.listJsGzip / preactGzip,
      target: { value: TARGETS.listJs, lowerIsBetter: true },
      details: { path: LIST_PATH, files: shell.listJsFiles },
    }),
    withTarget({
      id: 'shell.css-to-dossier-list-gzip',
      description: 'CSS fetched before the dossier list is usable (the same path), gzip -9',
      value: shell.listCssGzip / 1000,
      unit: 'kB',
      baseline: preact,
      ratio: shell.listCssGzip / preactGzip,
      target: { value: TARGETS.listCss, lowerIsBetter: true },
      details: { files: shell.listCssFiles },
    }),
    withTarget({
      id: 'shell.precache-gzip',
      description:
        'Files the service worker precaches, each gzip -9, summed (what a first install transfers)',
      value: shell.precacheGzip / 1000,
      unit: 'kB',
      baseline: { description: 'the same files, raw', value: shell.precacheRaw / 1000, unit: 'kB' },
      ratio: shell.precacheGzip / shell.precacheRaw,
      target: { value: TARGETS.precacheGzip, lowerIsBetter: true },
      details: { entries: shell.precacheEntries },
    }),
    {
      id: 'shell.precache-total',
      description: 'Total size of the files the service worker precaches (raw bytes)',
      value: shell.precacheRaw / 1000,
      unit: 'kB',
      baseline: { description: 'the same files, gzip -9', value: shell.precacheGzip / 1000, unit: 'kB' },
      ratio: shell.precacheRaw / shell.precacheGzip,
      details: { entries: shell.precacheEntries },
    },
  ];
}
