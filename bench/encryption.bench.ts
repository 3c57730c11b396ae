/**
 * Encryption at rest (issue 16, ADR 0024) in Chromium, each figure against today's unencrypted
 * store measured in the same run. One option picks the store: `sealing: 'on'` with the data key
 * in a keyring, or `sealing: 'off'` (rows in clear, the baseline; `STORES` below).
 *
 * - Key derivation: unwrapping the data key under a PIN (PBKDF2-SHA-256, 600,000 iterations,
 *   then AES-GCM), as the unlock does (src/db/crypto/key-wrap.ts). Target ≤ 1 s. Baseline: the
 *   same unwrap at one iteration (all but the stretching).
 * - Cold start to the unlocked dossier list, 2,000 dossiers (about 80,000 rows): a fresh page
 *   load per sample; the clock starts when the key is put in the keyring (after the derivation,
 *   reported above) and stops when the first 50 dossiers of the list, read by the repository as
 *   the list screen reads them, are in the DOM and a frame has been painted. Target ≤ 1 s.
 *   Baseline: the same page on the plain store. The app's own cold start (shell, lock screen)
 *   is device-store.bench.ts's figure.
 * - Search per keystroke, 2,000 dossiers: `repository.listDossiers({ search, limit: 51 })` for
 *   every prefix of a few names, once the in-memory index is built (its build time is in
 *   `details`). Target ≤ 100 ms (median; the slowest keystroke in `details`). Baseline: plain.
 * The initial pull with encryption on against a raw unencrypted bulkPut is sync-pull.bench.ts.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, startServer, tempDir } from '../tests/e2e/harness';
import { type BenchResult, median, withTarget } from './bench-types';
import { installSeedPage } from './browser-seed';

const DOSSIERS = 2_000;
const COLD_STARTS = 5;
const DERIVATIONS = 3;
const SEARCHES = ['mar', 'ber', 'dup', 'lou', 'tho'];

const PAGE = `
import { RelaisDb } from './src/db/app-db';
import { DataKeyring } from './src/db/crypto/data-keyring';
import { PBKDF2_ITERATIONS, unwrapDataKey, wrapDataKey } from './src/db/crypto/key-wrap';
import { DossierRepository } from './src/db/repository';
import { searchIndexOf } from './src/db/search-index';
import { generateSyntheticDossiers, seedDatabase } from './tests/support/seed';

const PIN = '246810';
// The one switch between the two stores every figure compares.
const STORES = {
  sealed: (keyring) => ({ keyring }),
  plain: () => ({ sealing: 'off' }),
};
const open = (mode, keyring) => new RelaisDb('relais-bench-' + mode, STORES[mode](keyring));

const toB64 = (bytes) => btoa(String.fromCharCode(...bytes));
const fromB64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

window.seed = async (count) => {
  const key = crypto.getRandomValues(new Uint8Array(32));
  const wrapped = await wrapDataKey(PIN, key, PBKDF2_ITERATIONS);
  // Bench only: the wrapped key where the next page load finds it (the app keeps it in its vault).
  localStorage.setItem('bench-wrapped', JSON.stringify({
    salt: toB64(wrapped.salt), iv: toB64(wrapped.iv), sealed: toB64(wrapped.sealed), iterations: wrapped.iterations,
  }));
  const dossiers = generateSyntheticDossiers(count, 7);
  for (const mode of Object.keys(STORES)) {
    const db = open(mode, new DataKeyring(key));
    await seedDatabase(db, dossiers);
    db.close();
  }
  return { ok: true };
};

function storedWrapped() {
  const w = JSON.parse(localStorage.getItem('bench-wrapped'));
  return { salt: fromB64(w.salt), iv: fromB64(w.iv), sealed: fromB64(w.sealed), iterations: w.iterations };
}

window.derive = async (iterations) => {
  const wrapped = storedWrapped();
  let sample = wrapped;
  if (iterations !== wrapped.iterations) {
    const key = await unwrapDataKey(PIN, wrapped);
    sample = await wrapDataKey(PIN, key, iterations);
  }
  const t0 = performance.now();
  const key = await unwrapDataKey(PIN, sample);
  const ms = performance.now() - t0;
  if (!key) throw new Error('wrong PIN');
  return ms;
};

const nextPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

window.coldStart = async (mode) => {
  const key = await unwrapDataKey(PIN, storedWrapped());
  const keyring = new DataKeyring();
  const t0 = performance.now();
  keyring.set(key);
  const db = open(mode, keyring);
  const repository = new DossierRepository(db);
  const list = await repository.listDossiers({ limit: 51 });
  const ul = document.createElement('ul');
  for (const summary of list.slice(0, 50)) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = '/dossiers/' + summary.householdId + '/intake';
    a.textContent = summary.displayName;
    li.append(a);
    ul.append(li);
  }
  document.body.append(ul);
  await nextPaint();
  const listMs = performance.now() - t0;
  await searchIndexOf(db).ready();
  const indexMs = performance.now() - t0;
  db.close();
  return { listMs, indexMs, shown: Math.min(list.length, 50) };
};

window.searchKeystrokes = async ({ mode, texts }) => {
  const key = await unwrapDataKey(PIN, storedWrapped());
  const db = open(mode, new DataKeyring(key));
  const repository = new DossierRepository(db);
  await db.open();
  const t0 = performance.now();
  await searchIndexOf(db).ready();
  const buildMs = performance.now() - t0;
  const times = [];
  let found = 0;
  for (const text of texts) {
    for (let i = 1; i <= text.length; i += 1) {
      const t = performance.now();
      found += (await repository.listDossiers({ search: text.slice(0, i), limit: 51 })).length;
      times.push(performance.now() - t);
    }
  }
  db.close();
  return { buildMs, times, found };
};
`;

type Window = Record<string, (arg?: unknown) => Promise<unknown>>;

export async function run(): Promise<BenchResult[]> {
  const distDir = tempDir('bench-encryption');
  // Only the bench page is served: the figures need the origin's IndexedDB, not the app.
  writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>bench</title>');
  await installSeedPage(distDir, PAGE);
  const server = await startServer(distDir);
  const browser = await launchBrowser();
  try {
    const { context } = browser;
    const page = await context.newPage();
    const pageUrl = `${server.url}/bench-seed.html`;
    await page.goto(pageUrl);
    await page.waitForFunction(() => 'seed' in window);
    await page.evaluate((n) => (window as never as Window).seed?.(n), DOSSIERS);

    const call = async <T>(name: string, arg?: unknown): Promise<T> =>
      (await page.evaluate(({ name, arg }) => (window as never as Window)[name]?.(arg), { name, arg })) as T;

    const derivations: number[] = [];
    const oneIteration: number[] = [];
    for (let i = 0; i < DERIVATIONS; i += 1) {
      derivations.push(await call<number>('derive', 600_000));
      oneIteration.push(await call<number>('derive', 1));
    }

    // Fresh page loads, the two stores in turn.
    const cold: Record<'sealed' | 'plain', { listMs: number; indexMs: number }[]> = { sealed: [], plain: [] };
    for (let i = 0; i < COLD_STARTS; i += 1) {
      for (const mode of ['sealed', 'plain'] as const) {
        await page.goto(pageUrl);
        await page.waitForFunction(() => 'coldStart' in window);
        cold[mode].push(await call('coldStart', mode));
      }
    }

    const search = {
      sealed: await call<{ buildMs: number; times: number[]; found: number }>('searchKeystrokes', {
        mode: 'sealed',
        texts: SEARCHES,
      }),
      plain: await call<{ buildMs: number; times: number[]; found: number }>('searchKeystrokes', {
        mode: 'plain',
        texts: SEARCHES,
      }),
    };
    if (search.sealed.found !== search.plain.found) {
      throw new Error(`the two stores found ${search.sealed.found} and ${search.plain.found} dossiers`);
    }

    const deriveMs = median(derivations);
    const coldSealed = median(cold.sealed.map((c) => c.listMs));
    const coldPlain = median(cold.plain.map((c) => c.listMs));
    const searchSealed = median(search.sealed.times);
    const searchPlain = median(search.plain.times);
    return [
      withTarget({
        id: 'encryption.key-derivation',
        description:
          'Unwrapping the data key under a PIN: PBKDF2-SHA-256, 600,000 iterations, then AES-GCM (median)',
        value: deriveMs,
        unit: 'ms',
        baseline: { description: 'the same unwrap at 1 iteration', value: median(oneIteration), unit: 'ms' },
        ratio: deriveMs / median(oneIteration),
        target: { value: 1000, lowerIsBetter: true },
        details: { samplesMs: derivations, oneIterationMs: oneIteration },
      }),
      withTarget({
        id: 'encryption.cold-start-to-unlocked-list',
        description: `Fresh page load, key set to the first 50 of ${DOSSIERS} dossiers painted, sealed store (median of ${COLD_STARTS})`,
        value: coldSealed,
        unit: 'ms',
        baseline: { description: 'the same on the plain store (sealing off)', value: coldPlain, unit: 'ms' },
        ratio: coldSealed / coldPlain,
        target: { value: 1000, lowerIsBetter: true },
        details: {
          sealedMs: cold.sealed.map((c) => c.listMs),
          plainMs: cold.plain.map((c) => c.listMs),
          searchIndexReadySealedMs: cold.sealed.map((c) => c.indexMs),
          searchIndexReadyPlainMs: cold.plain.map((c) => c.indexMs),
        },
      }),
      withTarget({
        id: 'encryption.search-per-keystroke',
        description: `listDossiers({ search, limit: 51 }) per keystroke on the in-memory index, ${DOSSIERS} dossiers, sealed store (median)`,
        value: searchSealed,
        unit: 'ms',
        baseline: { description: 'the same on the plain store', value: searchPlain, unit: 'ms' },
        ratio: searchSealed / searchPlain,
        target: { value: 100, lowerIsBetter: true },
        details: {
          maxSealedMs: Math.max(...search.sealed.times),
          maxPlainMs: Math.max(...search.plain.times),
          indexBuildSealedMs: search.sealed.buildMs,
          indexBuildPlainMs: search.plain.buildMs,
          samplesSealedMs: search.sealed.times,
        },
      }),
    ];
  } finally {
    await browser.close();
    await server.stop();
    rmSync(distDir, { recursive: true, force: true });
  }
}
