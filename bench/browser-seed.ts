/**
 * The browser benchmarks seed the device the way the app writes it: a small page, bundled from
 * a script that uses the app's own modules, installed next to the built app, defines
 * `window.seed(n)`. These two steps were written out in each benchmark.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { BrowserContext, Page } from 'playwright-core';

const ROOT = new URL('../', import.meta.url).pathname;

/** Bundles `script` (TypeScript importing ./src/...) as /bench-seed.js with its page /bench-seed.html. */
export async function installSeedPage(distDir: string, script: string): Promise<void> {
  const bundle = await build({
    stdin: { contents: script, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    format: 'esm',
    minify: true,
    write: false,
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  writeFileSync(join(distDir, 'bench-seed.js'), bundle.outputFiles[0]?.text ?? '');
  writeFileSync(
    join(distDir, 'bench-seed.html'),
    '<!doctype html><html lang="fr"><title>seed</title><script type="module" src="/bench-seed.js"></script></html>',
  );
}

/** Opens the seed page and runs `window.seed(n)`; the page stays open for further measurements. */
export async function seedInBrowser<T>(
  context: BrowserContext,
  serverUrl: string,
  n: number,
): Promise<{ page: Page; seeded: T }> {
  const page = await context.newPage();
  await page.goto(`${serverUrl}/bench-seed.html`);
  await page.waitForFunction(() => 'seed' in window);
  const seeded = (await page.evaluate(
    (count) => (window as never as { seed(count: number): Promise<unknown> }).seed(count),
    n,
  )) as T;
  return { page, seeded };
}
