/**
 * Comparing 6 scenarios for a household with 30 debts through the real simulation worker in
 * Chromium: median round trip of `createSimulationClient().compare` (summaries + schedules +
 * orientation hint, structured-cloned back to the page). Target ≤ 50 ms. Baseline: the same
 * comparison called directly on the page's main thread; an empty Comlink round trip is
 * reported in the details. The real src/worker/simulation.worker.ts and src/domain engine are
 * bundled with esbuild (production, minified) and served from 127.0.0.1 by a small static
 * server; Chromium is launched as the e2e suite launches it (tests/e2e/harness.ts).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { build } from 'esbuild';
import { launchBrowser } from '../tests/e2e/harness';
import { type BenchResult, withTarget } from './bench-types';

const ROOT = new URL('../', import.meta.url).pathname;
const ROUNDS = 40;
const WARM_UP = 5;

// The page: the real client, connected to the bundled worker, and the same comparison inline.
const PAGE_SOURCE = `
import * as Comlink from 'comlink';
import { compareScenarios } from './src/domain/rescheduling/compare-scenarios';
import { createSimulationClient } from './src/worker/simulation-client';
import { householdWithDebts } from './tests/worker/simulation-fixtures';

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

window.runBench = async (rounds, warmUp) => {
  let worker;
  const client = createSimulationClient({
    idleTimeoutMs: 0,
    connect: () => {
      worker = new Worker('/simulation.worker.js', { type: 'module' });
      const remote = Comlink.wrap(worker);
      return { remote, close: () => worker.terminate() };
    },
  });
  const input = householdWithDebts(30);
  const viaWorker = [];
  let last;
  for (let i = 0; i < warmUp + rounds; i += 1) {
    const t0 = performance.now();
    last = await client.compare(input);
    if (i >= warmUp) viaWorker.push(performance.now() - t0);
  }
  const remote = Comlink.wrap(worker);
  const ping = [];
  for (let i = 0; i < warmUp + rounds; i += 1) {
    const t0 = performance.now();
    await remote.ping();
    if (i >= warmUp) ping.push(performance.now() - t0);
  }
  const { scenarios, withSchedules, ...context } = input;
  const direct = [];
  for (let i = 0; i < warmUp + rounds; i += 1) {
    const t0 = performance.now();
    compareScenarios(context, scenarios, true);
    if (i >= warmUp) direct.push(performance.now() - t0);
  }
  client.dispose();
  const months = last.status === 'done' ? last.comparison.outcomes.map((o) => o.result.schedule.length) : [];
  return {
    status: last.status,
    scheduleMonths: months,
    workerMedianMs: median(viaWorker),
    workerMaxMs: Math.max(...viaWorker),
    directMedianMs: median(direct),
    pingMedianMs: median(ping),
    userAgent: navigator.userAgent,
  };
};
`;

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.map': 'application/json',
};

async function bundle(outDir: string): Promise<void> {
  const common = {
    bundle: true,
    format: 'esm' as const,
    target: 'es2022',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error' as const,
  };
  await build({
    ...common,
    entryPoints: [join(ROOT, 'src/worker/simulation.worker.ts')],
    outfile: join(outDir, 'simulation.worker.js'),
  });
  await build({
    ...common,
    stdin: { contents: PAGE_SOURCE, resolveDir: ROOT, loader: 'ts', sourcefile: 'bench-page.ts' },
    outfile: join(outDir, 'page.js'),
  });
  writeFileSync(
    join(outDir, 'index.html'),
    '<!doctype html><html><head><meta charset="utf-8"><title>worker bench</title></head><body><script type="module" src="/page.js"></script></body></html>',
  );
}

function serve(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname));
    const file = join(dir, path === '/' ? 'index.html' : path);
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

interface PageFigures {
  status: string;
  scheduleMonths: number[];
  workerMedianMs: number;
  workerMaxMs: number;
  directMedianMs: number;
  pingMedianMs: number;
  userAgent: string;
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'relais-worker-bench-'));
  await bundle(dir);
  const server = await serve(dir);
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    await page.goto(server.url);
    await page.waitForFunction(() => 'runBench' in window);
    const figures = (await page.evaluate(
      ([rounds, warmUp]) =>
        (window as unknown as { runBench: (r: number, w: number) => Promise<unknown> }).runBench(
          rounds,
          warmUp,
        ),
      [ROUNDS, WARM_UP] as const,
    )) as PageFigures;
    if (figures.status !== 'done') throw new Error(`the worker answered ${figures.status}`);
    return [
      withTarget({
        id: 'worker.compare-6-scenarios-30-debts',
        description: `Round trip of compare (6 scenarios, 30 debts, schedules included) through the simulation worker in Chromium, median of ${ROUNDS}`,
        value: figures.workerMedianMs,
        unit: 'ms',
        baseline: {
          description: 'the same compareScenarios called directly on the page main thread (median)',
          value: figures.directMedianMs,
          unit: 'ms',
        },
        ratio: figures.workerMedianMs / figures.directMedianMs,
        target: { value: 50, lowerIsBetter: true },
        details: {
          maxMs: figures.workerMaxMs,
          emptyComlinkRoundTripMedianMs: figures.pingMedianMs,
          scheduleMonthsPerScenario: figures.scheduleMonths,
          userAgent: figures.userAgent,
        },
      }),
    ];
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
