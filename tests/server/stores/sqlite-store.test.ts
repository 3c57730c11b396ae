import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { RowsTx } from '../../../sync-server/src/stores/rows-tx';
import type { SqlExecutor } from '../../../sync-server/src/stores/sql';
import { toPositional } from '../../../sync-server/src/stores/sql';
import { applyPragmas, SqliteStore } from '../../../sync-server/src/stores/sqlite-store';
import { describeStoreContract } from './store.contract';

describeStoreContract('sqlite (file in a temp dir)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'relais-sqlite-'));
  const path = join(dir, 'relais.sqlite');
  return {
    kind: 'sqlite',
    open: (options) => new SqliteStore({ path, ...options }),
    destroy: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describe('SqliteStore settings', () => {
  const dirs: string[] = [];

  /** A database file migrated by the store, then closed, in a temp dir removed after the test. */
  async function migratedDatabase(): Promise<string> {
    const dir = mkdtempSync(join(tmpdir(), 'relais-sqlite-'));
    dirs.push(dir);
    const path = join(dir, 'relais.sqlite');
    const store = new SqliteStore({ path });
    await store.migrate();
    await store.close();
    return path;
  }
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('configures connections for durability: WAL, synchronous FULL, foreign keys, busy timeout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'relais-sqlite-'));
    dirs.push(dir);
    const db = new Database(join(dir, 'relais.sqlite'));
    applyPragmas(db);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // 2 = FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('leaves the database file in WAL mode', async () => {
    const path = await migratedDatabase();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('records applied migrations in schema_migrations', async () => {
    const path = await migratedDatabase();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT version, name FROM schema_migrations').all()).toEqual([
      { version: 1, name: 'init' },
      { version: 2, name: 'sync' },
      { version: 3, name: 'scope-removals' },
      { version: 4, name: 'device-alerts-login-throttle' },
      { version: 5, name: 'quarantine-handled' },
      { version: 6, name: 'legal-parameters' },
      { version: 7, name: 'duplicates' },
      { version: 8, name: 'merges' },
      { version: 9, name: 'duplicate-decisions' },
      { version: 10, name: 'reports-and-plans' },
      { version: 11, name: 'report-indexes-and-secrets' },
      { version: 12, name: 'device-keys-and-wipe' },
      { version: 13, name: 'household-rights' },
      { version: 14, name: 'access-log' },
      { version: 15, name: 'sync-rows-by-id' },
    ]);
    db.close();
  });

  it('reads rows by id through an index, not a scan of every row (issue 17: a push loads its rows so)', async () => {
    const path = await migratedDatabase();
    const statements: string[] = [];
    const recorder: SqlExecutor = {
      engine: 'sqlite',
      all: async <T>(sql: string) => {
        statements.push(sql);
        return [] as T[];
      },
      run: async () => 0,
    };
    await new RowsTx(recorder).getRows(['a', 'b', 'c']);
    expect(statements).toHaveLength(1);
    const db = new Database(path, { readonly: true });
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN ${toPositional(statements[0] as string).sql}`)
      .all('a', 'b', 'c') as { detail: string }[];
    db.close();
    expect(plan.map((step) => step.detail)).toEqual([
      expect.stringMatching(/^SEARCH sync_rows USING INDEX sync_rows_id /),
    ]);
  });
});
