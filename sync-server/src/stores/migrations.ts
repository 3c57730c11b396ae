import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StoreKind } from './store';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const FILE_NAME = /^(\d{3})-([a-z0-9-]+)\.sql$/;

export function defaultMigrationsDir(kind: StoreKind): string {
  return fileURLToPath(new URL(`../../migrations/${kind}/`, import.meta.url));
}

/**
 * Reads `NNN-name.sql` files in version order. Refuses gaps and duplicates: a missing file would
 * otherwise be silently skipped on a new server and the engines would drift apart.
 */
export function loadMigrations(dir: string): Migration[] {
  const migrations: Migration[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.sql')) continue;
    const match = FILE_NAME.exec(file);
    if (match === null) throw new Error(`Migration file name must look like 001-name.sql: ${file}`);
    migrations.push({
      version: Number(match[1]),
      name: match[2] ?? file,
      sql: readFileSync(join(dir, file), 'utf8'),
    });
  }
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migrations in ${dir} must be numbered 001, 002… without gaps (found ${migration.version})`,
      );
    }
  });
  return migrations;
}
