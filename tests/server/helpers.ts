import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Config } from '../../sync-server/src/config';

/** A temp directory removed by the returned cleanup function. */
export function makeTempDir(prefix = 'relais-server-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The shape of a vite + vite-plugin-pwa build, small enough to write in every test. */
export function makeFakeDist(parent: string): string {
  const dist = join(parent, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><html lang="fr"><title>Relais</title></html>\n');
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log("relais");\n');
  writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("install", () => {});\n');
  writeFileSync(join(dist, 'registerSW.js'), 'navigator.serviceWorker.register("/sw.js");\n');
  writeFileSync(join(dist, 'manifest.webmanifest'), '{"name":"Relais","short_name":"Relais"}\n');
  return dist;
}

export function makeConfig(dir: string, overrides: Partial<Config> = {}): Config {
  return {
    port: 8080,
    host: '127.0.0.1',
    dataDir: join(dir, 'data'),
    database: { kind: 'sqlite', path: ':memory:' },
    staticDir: join(dir, 'dist'),
    logLevel: 'silent',
    ...overrides,
  };
}

/** Collects pino's JSON lines so tests can assert what is (not) logged. */
export function makeLogCapture(): {
  stream: Writable;
  lines: () => Record<string, unknown>[];
  text: () => string;
} {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  const text = (): string => chunks.join('');
  const lines = (): Record<string, unknown>[] =>
    text()
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { stream, lines, text };
}

/** An environment for spawned servers that never inherits the test run's DATABASE_URL etc. */
export function serverEnv(vars: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of [
    'PORT',
    'HOST',
    'DATA_DIR',
    'DATABASE_URL',
    'STATIC_DIR',
    'LOG_LEVEL',
    'ACCESS_LOG_RETENTION_DAYS',
  ])
    delete env[name];
  return { ...env, ...vars };
}
