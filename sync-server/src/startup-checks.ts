import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './config';

/**
 * Creates DATA_DIR if needed and proves we can write into it. Done before anything listens:
 * finding out on the first save that the disk is read-only would lose a volunteer's work.
 */
export function ensureWritableDataDir(dataDir: string): void {
  const probe = join(dataDir, `.write-check-${process.pid}`);
  try {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(probe, 'ok');
    rmSync(probe);
  } catch (error) {
    throw new ConfigError('DATA_DIR', `is not a writable directory: ${dataDir} (${errorReason(error)})`);
  }
}

/** A one-line reason for an error, for messages that must stay on one line. */
export function errorReason(error: unknown): string {
  const text =
    error instanceof Error
      ? error.message || ((error as NodeJS.ErrnoException).code ?? error.name)
      : String(error);
  return text.replace(/\s+/g, ' ').trim();
}
