/**
 * End-to-end harness: builds the app into a temporary folder, starts the real sync server on it
 * (127.0.0.1, a free port, a temporary SQLite store) and drives Debian's Chromium with playwright-core.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `relais-${prefix}-`));
}

/** Builds the PWA into `outDir`; `buildId` changes the bundle, which makes it a new version. */
export async function buildApp(outDir: string, buildId: string): Promise<void> {
  await run('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: ROOT,
    env: { ...cleanEnv(), NODE_ENV: 'production', RELAIS_BUILD_ID: buildId },
  });
}

/**
 * The environment without Vitest's own variables (NODE_ENV=test would make a non-production
 * build) and without DATABASE_URL: each browser test gets its own empty SQLite store in a temp
 * DATA_DIR, never the shared PostgreSQL database the Node suites use in CI.
 */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('VITEST') || key === 'NODE_ENV' || key === 'DATABASE_URL') delete env[key];
  }
  return env;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  url: string;
  process: ChildProcess;
  /** The server's DATA_DIR (its SQLite file is relais.sqlite), removed by stop(). */
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts the server on a port that was free a moment ago. Another process (a parallel CI run, an
 * outgoing connection's ephemeral port) can take it between the probe and the server's listen:
 * then the server refuses to start, naming PORT, and this tries again on another free port.
 */
export async function startServer(staticDir: string): Promise<RunningServer> {
  for (let attempt = 1; ; attempt += 1) {
    const started = await startServerOnce(staticDir);
    if (started.ok) return started.server;
    if (!started.portTaken || attempt >= 5) throw new Error(`server exited early: ${started.output}`);
  }
}

type StartAttempt = { ok: true; server: RunningServer } | { ok: false; portTaken: boolean; output: string };

async function startServerOnce(staticDir: string): Promise<StartAttempt> {
  const port = await freePort();
  const dataDir = tempDir('data');
  // Node itself with the tsx loader (not npx), so SIGTERM reaches the server and not a wrapper.
  const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/src/server.ts'], {
    cwd: ROOT,
    env: { ...cleanEnv(), PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, STATIC_DIR: staticDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // 'close' comes after the output streams end: the refusal line is in `output` by then.
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      await closed;
      rmSync(dataDir, { recursive: true, force: true });
      return { ok: false, portTaken: /Configuration error: PORT \d+ cannot be used/.test(output), output };
    }
    // Its own line, not /api/health: on a port taken meanwhile, another server could answer.
    if (output.includes(`Relais listening on ${url} `)) break;
    if (Date.now() > deadline) throw new Error(`server did not start: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  let stopping: Promise<void> | null = null;
  return {
    ok: true,
    server: {
      url,
      process: child,
      dataDir,
      stop: () => {
        stopping ??= (async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
          rmSync(dataDir, { recursive: true, force: true });
        })();
        return stopping;
      },
    },
  };
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
}

/**
 * Builds the app as `buildId`, starts the server on the build and opens a browser before the
 * describe block's tests; closes the browser, stops the server and removes the build after them.
 * `prepare` adds files to the build before the server starts. Read the fields inside the tests.
 */
export function useE2eApp(buildId: string, prepare?: (distDir: string) => Promise<void>): E2eApp {
  const app = {} as E2eApp;
  beforeAll(async () => {
    app.distDir = tempDir('dist');
    await buildApp(app.distDir, buildId);
    await prepare?.(app.distDir);
    app.server = await startServer(app.distDir);
    app.browser = await launchBrowser();
    app.context = app.browser.context;
    app.page = app.context.pages()[0] ?? (await app.context.newPage());
  });
  afterAll(async () => {
    await app.browser?.close();
    await app.server?.stop();
    if (app.distDir) rmSync(app.distDir, { recursive: true, force: true });
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
