/**
 * End-to-end harness: builds the app into a temporary folder, starts the real sync server on it
 * (127.0.0.1, a free port, a temporary SQLite store) and drives Debian's Chromium with playwright-core.
 */
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { cleanEnv, type RunningServer, startServer, tempDir } from '../spawn-server';

// The server process and its helpers live in ../spawn-server (the admin screen's tests use them
// too); the browser suite and the benchmarks import them from here.
export { freePort, type RunningServer, startServer, tempDir } from '../spawn-server';

const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Builds the PWA into `outDir`; `buildId` changes the bundle, which makes it a new version. */
export async function buildApp(outDir: string, buildId: string): Promise<void> {
  await run('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: ROOT,
    env: { ...cleanEnv(), NODE_ENV: 'production', RELAIS_BUILD_ID: buildId },
  });
}

/**
 * Bundles `source` (TypeScript importing the real src/db code, paths from the repository root)
 * into `<name>.js` and a page `<name>.html` that loads it, in the built app's folder: served from
 * the app's origin, the page opens the app's own database to seed it.
 */
export async function writeSeedPage(distDir: string, name: string, source: string): Promise<void> {
  const bundle = await build({
    // Like the app's entries, the page builds its zod schemas without eval (SEC1).
    stdin: { contents: `import './src/domain/zod-config';\n${source}`, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    format: 'esm',
    write: false,
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  writeFileSync(join(distDir, `${name}.js`), bundle.outputFiles[0]?.text ?? '');
  writeFileSync(
    join(distDir, `${name}.html`),
    `<!doctype html><html lang="fr"><title>seed</title><script type="module" src="/${name}.js"></script></html>`,
  );
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const profile = tempDir('profile');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** What a describe block drives: its build, the server on it, one browser and its first tab. */
export interface E2eApp {
  distDir: string;
  server: RunningServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** SEC1: what the browser refused under the server's Content-Security-Policy (must stay empty). */
  cspViolations: string[];
}

/**
 * Records every Content-Security-Policy violation of the context's pages: the
 * `securitypolicyviolation` event (reported through the console by an init script, which CDP
 * runs outside the page's policy) and Chromium's own "Refused to …" console errors.
 */
async function recordCspViolations(context: BrowserContext, into: string[]): Promise<void> {
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}`);
    });
  });
  const listen = (page: Page) =>
    page.on('console', (message) => {
      const text = message.text();
      if (/CSP violation|Content Security Policy/i.test(text)) into.push(`${page.url()}: ${text}`);
    });
  for (const page of context.pages()) listen(page);
  context.on('page', listen);
}

/**
 * Builds the app as `buildId`, starts the server on the build and opens a browser before the
 * describe block's tests; closes the browser, stops the server and removes the build after them.
 * `prepare` adds files to the build before the server starts. Read the fields inside the tests.
 */
export function useE2eApp(buildId: string, prepare?: (distDir: string) => Promise<void>): E2eApp {
  const app = { cspViolations: [] as string[] } as E2eApp;
  beforeAll(async () => {
    app.distDir = tempDir('dist');
    await buildApp(app.distDir, buildId);
    await prepare?.(app.distDir);
    app.server = await startServer(app.distDir);
    app.browser = await launchBrowser();
    app.context = app.browser.context;
    await recordCspViolations(app.context, app.cspViolations);
    app.page = app.context.pages()[0] ?? (await app.context.newPage());
  });
  afterAll(async () => {
    await app.browser?.close();
    await app.server?.stop();
    if (app.distDir) rmSync(app.distDir, { recursive: true, force: true });
    // SEC1: the whole block ran under the server's policy without the browser refusing anything.
    expect(app.cspViolations).toEqual([]);
  });
  return app;
}

/** Waits until a service worker controls the page (first visit: clients.claim()). */
export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller) return;
    await new Promise<void>((resolve) => {
      navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true });
    });
  });
}
