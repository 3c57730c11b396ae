import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultMigrationsDir, loadMigrations } from '../../sync-server/src/stores/migrations';
import { freePort, PORT_TAKEN } from '../spawn-server';
import { DATABASE_URL } from '../support/database-url';
import { makeFakeDist, makeTempDir, serverEnv } from './helpers';

// Runs the real entry point the way `npm run serve` does (tsx, no build step), on 127.0.0.1 only.

const repoRoot = resolve(import.meta.dirname, '../..');
const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
const entry = join(repoRoot, 'sync-server', 'src', 'server.ts');

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** After the exit and the end of stdout and stderr ('exit' can come before the last output). */
  closed: Promise<void>;
  /** Resolves true once stdout contains `text`, false if the process ends without printing it. */
  printed: (text: string) => Promise<boolean>;
}

function startServer(vars: Record<string, string>): Run {
  const child = spawn(tsx, [entry], {
    cwd: repoRoot,
    env: serverEnv(vars),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exit = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  const closed = once(child, 'close').then(() => undefined);
  const printed = (text: string) =>
    new Promise<boolean>((resolvePromise) => {
      const check = () => {
        if (!stdout.includes(text)) return;
        child.stdout?.off('data', check);
        resolvePromise(true);
      };
      child.stdout?.on('data', check);
      check();
      void closed.then(() => resolvePromise(stdout.includes(text)));
    });
  return { child, stdout: () => stdout, stderr: () => stderr, exit, closed, printed };
}

/**
 * Starts the server on a port that was free a moment ago and waits for its "listening" line; if
 * another process took the port before the server's listen (it then stops, naming PORT), tries
 * again on another one.
 */
async function startListening(vars: Record<string, string>): Promise<{ run: Run; port: number }> {
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    running = startServer({ PORT: String(port), ...vars });
    const run = running;
    if (await run.printed('Relais listening')) return { run, port };
    await run.closed;
    if (!PORT_TAKEN.test(run.stderr()) || attempt >= 5) {
      throw new Error(`the server did not start: ${run.stderr()}`);
    }
  }
}

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolvePromise, reject) => {
    http
      .get({ host: '127.0.0.1', port, path }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => {
          body += chunk.toString('utf8');
        });
        res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

let temp: ReturnType<typeof makeTempDir>;
let running: Run | undefined;

beforeEach(() => {
  temp = makeTempDir();
});

afterEach(async () => {
  if (running !== undefined && running.child.exitCode === null && running.child.signalCode === null) {
    running.child.kill('SIGKILL');
    await running.exit;
  }
  running = undefined;
  temp.cleanup();
});

describe('bad configuration stops the server with one line naming the variable', () => {
  async function expectRefusal(vars: Record<string, string>, variable: string): Promise<string> {
    running = startServer({ DATA_DIR: join(temp.dir, 'data'), PORT: String(await freePort()), ...vars });
    const { code } = await running.exit;
    await running.closed;
    expect(code).not.toBe(0);
    const lines = running.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Configuration error: ${variable} `));
    expect(running.stdout()).not.toContain('listening');
    return lines[0] ?? '';
  }

  it('PORT=abc', async () => {
    const line = await expectRefusal({ PORT: 'abc' }, 'PORT');
    expect(line).toBe('Configuration error: PORT must be an integer between 1 and 65535 (got "abc")');
  });

  it('DATA_DIR under a regular file', async () => {
    const file = join(temp.dir, 'a-file');
    writeFileSync(file, 'not a directory');
    await expectRefusal({ DATA_DIR: join(file, 'data') }, 'DATA_DIR');
  });

  it('DATABASE_URL with a bad scheme', async () => {
    await expectRefusal({ DATABASE_URL: 'mysql://127.0.0.1/relais' }, 'DATABASE_URL');
  });

  it('DATABASE_URL pointing at nothing', async () => {
    const line = await expectRefusal(
      { DATABASE_URL: 'postgres://relais:hunter2@127.0.0.1:1/x' },
      'DATABASE_URL',
    );
    expect(line).not.toContain('hunter2');
  });

  it('PORT already taken', async () => {
    const blocker = createServer();
    blocker.listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const address = blocker.address();
    const port = address !== null && typeof address !== 'string' ? address.port : 0;
    try {
      await expectRefusal({ PORT: String(port) }, 'PORT');
    } finally {
      blocker.close();
    }
  });
});

describe('a real start', () => {
  it('serves /api/health, then finishes an in-flight response and exits 0 on SIGTERM', async () => {
    const dist = makeFakeDist(temp.dir);
    // Big enough that the response cannot sit entirely in socket buffers while the client waits.
    writeFileSync(join(dist, 'assets', 'big-abc123.bin'), Buffer.alloc(48 * 1024 * 1024, 1));
    const dataDir = join(temp.dir, 'data');
    // LOG_LEVEL info: the test waits for the server's "shutting down" line.
    const { run, port } = await startListening({ DATA_DIR: dataDir, STATIC_DIR: dist, LOG_LEVEL: 'info' });
    expect(run.stdout()).toContain(
      `Relais listening on http://127.0.0.1:${port} (store: sqlite at ${join(dataDir, 'relais.sqlite')})`,
    );

    const health = await get(port, '/api/health');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok', store: { kind: 'sqlite', ok: true } });

    // A keep-alive client, as a browser would be, that reads slowly: the download is in flight
    // when the signal arrives and must still complete.
    const agent = new http.Agent({ keepAlive: true });
    const received = new Promise<{ status: number; bytes: number }>((resolvePromise, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: '/assets/big-abc123.bin', agent }, (res) => {
          res.pause();
          run.child.kill('SIGTERM');
          // Reads on only once the server has begun closing, with the download still in flight.
          void run.printed('shutting down').then(() => {
            let bytes = 0;
            res.on('data', (chunk: Buffer) => {
              bytes += chunk.length;
            });
            res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, bytes }));
            res.resume();
          });
        })
        .on('error', reject);
    });

    const download = await received;
    expect(download).toEqual({ status: 200, bytes: 48 * 1024 * 1024 });
    const { code } = await run.exit;
    // Exit 0 is close() finishing: the keep-alive connection (Fastify keeps one 72 s) was closed
    // once idle. Had the server waited for it, the 10 s forced exit would have ended it with 1 and
    // its error line. Not an elapsed time: a busy machine may take seconds to move 48 MB.
    expect(code).toBe(0);
    await run.closed;
    expect(run.stdout() + run.stderr()).not.toContain('shutdown took more than 10 s');
    agent.destroy();
  }, 30_000);

  // The server has no schema setting; libpq's `options` parameter in the URL puts this run in a
  // schema of its own, so it neither sees nor leaves tables in the shared test database.
  it.skipIf(DATABASE_URL === undefined)(
    'starts on PostgreSQL when DATABASE_URL is set',
    async () => {
      const schema = `relais_test_${process.pid}_server`;
      const admin = new pg.Client({ connectionString: DATABASE_URL });
      await admin.connect();
      try {
        await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await admin.query(`CREATE SCHEMA ${schema}`);
        const url = new URL(DATABASE_URL ?? '');
        url.searchParams.set('options', `-c search_path=${schema}`);
        const { run, port } = await startListening({
          DATA_DIR: join(temp.dir, 'data'),
          DATABASE_URL: url.toString(),
          LOG_LEVEL: 'warn',
        });
        expect(run.stdout()).toMatch(/\(store: postgres 127\.0\.0\.1:\d+\/\w+\)/);
        const health = await get(port, '/api/health');
        expect(JSON.parse(health.body)).toMatchObject({
          status: 'ok',
          // The last migration on disk: a hard-coded number went stale with each new migration.
          store: {
            kind: 'postgres',
            schemaVersion: loadMigrations(defaultMigrationsDir('postgres')).at(-1)?.version,
          },
        });
        const instance = await admin.query(`SELECT value FROM ${schema}.meta WHERE key = 'instance_id'`);
        expect(instance.rows).toHaveLength(1);
        run.child.kill('SIGTERM');
        expect((await run.exit).code).toBe(0);
      } finally {
        await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await admin.end();
      }
    },
    30_000,
  );
});
