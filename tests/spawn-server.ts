/**
 * The real sync server as its own process, for the tests and benchmarks that need one (the
 * browser suite, the admin screen against the real server): 127.0.0.1, a free port, an empty
 * SQLite store in a temporary DATA_DIR.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The repository root: tests and benchmarks run from it (npm scripts, Vitest). Not derived from
// import.meta.url, which Vite rewrites in the DOM test environment.
const ROOT = process.cwd();

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `relais-${prefix}-`));
}

/**
 * The environment without Vitest's own variables (NODE_ENV=test would make a non-production
 * build) and without DATABASE_URL: each spawned server gets its own empty SQLite store in a temp
 * DATA_DIR, never the shared PostgreSQL database the Node suites use in CI.
 */
export function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('VITEST') || key === 'NODE_ENV' || key === 'DATABASE_URL') delete env[key];
  }
  return env;
}

/** A port free a moment ago (the caller must cope with another process taking it meanwhile). */
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

/** The server's refusal when its PORT was taken between the probe and its listen. */
export const PORT_TAKEN = /Configuration error: PORT \d+ cannot be used/;

export interface RunningServer {
  url: string;
  process: ChildProcess;
  /** The server's DATA_DIR (its SQLite file is relais.sqlite), removed by stop(). */
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts the server on `staticDir` on a port that was free a moment ago. Another process (a
 * parallel CI run, an outgoing connection's ephemeral port) can take it between the probe and
 * the server's listen: then the server refuses to start, naming PORT, and this tries again on
 * another free port. Ready on the server's own "listening" line, not on /api/health: on a port
 * taken meanwhile, another server could answer.
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
  const url = `http://127.0.0.1:${port}`;
  // Resolves on the server's "listening" line, or when it exits without one.
  let listening: () => void = () => {};
  const listeningOrExited = new Promise<void>((resolve) => {
    listening = resolve;
  });
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.includes(`Relais listening on ${url} `)) listening();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // 'close' comes after the output streams end: the refusal line is in `output` by then.
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  void exited.then(listening);
  let deadline: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    deadline = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 30_000);
  });
  try {
    await Promise.race([listeningOrExited, timedOut]);
  } finally {
    clearTimeout(deadline);
  }
  if (!output.includes(`Relais listening on ${url} `)) {
    await closed;
    rmSync(dataDir, { recursive: true, force: true });
    return { ok: false, portTaken: PORT_TAKEN.test(output), output };
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
