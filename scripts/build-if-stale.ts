/**
 * Builds the PWA into dist/ when it is missing or older than its sources.
 * "Older" is decided by a hash of every input file (not by dates, which a fresh clone resets),
 * stored next to the build in dist/.relais-build-hash.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = new URL('../', import.meta.url).pathname;
const INPUTS = ['index.html', 'vite.config.ts', 'package.json', 'src', 'public'];
export const HASH_FILE = join(ROOT, 'dist', '.relais-build-hash');

function listFiles(path: string): string[] {
  if (!existsSync(path)) return [];
  if (statSync(path).isFile()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => listFiles(join(path, name)));
}

export function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap((input) => listFiles(join(ROOT, input)))) {
    hash.update(relative(ROOT, file));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

export function isBuildFresh(): boolean {
  if (!existsSync(join(ROOT, 'dist', 'index.html')) || !existsSync(HASH_FILE)) return false;
  return readFileSync(HASH_FILE, 'utf8').trim() === sourceHash();
}

/** Returns true when it had to build. */
export function buildIfStale(): boolean {
  if (isBuildFresh()) return false;
  console.log('Relais: building the app (dist/ is missing or out of date)…');
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  writeFileSync(HASH_FILE, `${sourceHash()}\n`);
  return true;
}
