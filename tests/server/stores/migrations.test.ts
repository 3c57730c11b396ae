import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultMigrationsDir, loadMigrations } from '../../../sync-server/src/stores/migrations';

describe('migration files', () => {
  it('have the same numbers and names for both engines', () => {
    const names = (kind: 'sqlite' | 'postgres') =>
      loadMigrations(defaultMigrationsDir(kind)).map((m) => `${m.version}-${m.name}`);
    expect(names('sqlite')).toEqual(names('postgres'));
    expect(names('sqlite')[0]).toBe('1-init');
  });

  describe('loadMigrations', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'relais-migrations-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('sorts by number and ignores other files', () => {
      writeFileSync(join(dir, '002-second.sql'), 'SELECT 2;');
      writeFileSync(join(dir, '001-first.sql'), 'SELECT 1;');
      writeFileSync(join(dir, 'README.md'), 'notes');
      expect(loadMigrations(dir)).toEqual([
        { version: 1, name: 'first', sql: 'SELECT 1;' },
        { version: 2, name: 'second', sql: 'SELECT 2;' },
      ]);
    });

    it('refuses a gap', () => {
      writeFileSync(join(dir, '001-first.sql'), 'SELECT 1;');
      writeFileSync(join(dir, '003-third.sql'), 'SELECT 3;');
      expect(() => loadMigrations(dir)).toThrow(/without gaps/);
    });

    it('refuses a badly named file', () => {
      writeFileSync(join(dir, '1_first.sql'), 'SELECT 1;');
      expect(() => loadMigrations(dir)).toThrow(/001-name\.sql/);
    });
  });
});
