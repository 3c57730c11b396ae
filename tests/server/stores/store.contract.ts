import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultMigrationsDir, loadMigrations } from '../../../sync-server/src/stores/migrations';
import type { RelaisStore, StoreKind } from '../../../sync-server/src/stores/store';

/**
 * One isolated database (a temp file, a fresh PostgreSQL schema). `open` may be called several
 * times to get independent connections to the same database, as two server processes would.
 */
export interface StoreFixture {
  kind: StoreKind;
  open(options?: { migrationsDir?: string }): RelaisStore;
  destroy(): Promise<void>;
}

/**
 * The behaviour every RelaisStore engine must share. Run from one test file per engine, so a
 * difference between SQLite and PostgreSQL shows up as a failing contract test, not in production.
 */
export function describeStoreContract(name: string, makeStore: () => Promise<StoreFixture>): void {
  describe(`RelaisStore contract: ${name}`, () => {
    let fixture: StoreFixture;
    const opened: RelaisStore[] = [];
    const open = (options?: { migrationsDir?: string }): RelaisStore => {
      const store = fixture.open(options);
      opened.push(store);
      return store;
    };

    beforeEach(async () => {
      fixture = await makeStore();
    });

    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
      await fixture.destroy();
    });

    it('reports its engine', () => {
      expect(open().kind).toBe(fixture.kind);
    });

    it('starts at schema version 0 and answers ping before any migration', async () => {
      const store = open();
      await store.ping();
      expect(await store.schemaVersion()).toBe(0);
    });

    it('applies every numbered migration in order, once', async () => {
      const store = open();
      const versions = loadMigrations(defaultMigrationsDir(fixture.kind)).map((m) => m.version);
      expect(versions.length).toBeGreaterThan(0);
      expect(await store.migrate()).toEqual({ applied: versions, schemaVersion: versions.at(-1) });
      expect(await store.migrate()).toEqual({ applied: [], schemaVersion: versions.at(-1) });
      expect(await store.schemaVersion()).toBe(versions.at(-1));
    });

    it('stores, overwrites and reads meta values', async () => {
      const store = open();
      await store.migrate();
      expect(await store.getMeta('instance_id')).toBeUndefined();
      await store.setMeta('instance_id', 'a');
      expect(await store.getMeta('instance_id')).toBe('a');
      await store.setMeta('instance_id', 'b');
      expect(await store.getMeta('instance_id')).toBe('b');
      await store.setMeta('note', 'Créé à Saint-Étienne — 100 % ✓');
      expect(await store.getMeta('note')).toBe('Créé à Saint-Étienne — 100 % ✓');
      await store.setMeta('empty', '');
      expect(await store.getMeta('empty')).toBe('');
    });

    it('keeps data across close and reopen', async () => {
      const first = open();
      await first.migrate();
      await first.setMeta('instance_id', 'kept');
      await first.close();
      const second = open();
      expect(await second.schemaVersion()).toBeGreaterThan(0);
      expect(await second.migrate()).toMatchObject({ applied: [] });
      expect(await second.getMeta('instance_id')).toBe('kept');
    });

    it('sees writes from another connection to the same database', async () => {
      const a = open();
      const b = open();
      await a.migrate();
      await a.setMeta('k', 'from a');
      expect(await b.getMeta('k')).toBe('from a');
    });

    it('applies each migration once when two stores migrate concurrently', async () => {
      const a = open();
      const b = open();
      const [ra, rb] = await Promise.all([a.migrate(), b.migrate()]);
      const versions = loadMigrations(defaultMigrationsDir(fixture.kind)).map((m) => m.version);
      expect([...ra.applied, ...rb.applied].sort((x, y) => x - y)).toEqual(versions);
      expect(ra.schemaVersion).toBe(versions.at(-1));
      expect(rb.schemaVersion).toBe(versions.at(-1));
    });

    describe('with a failing migration', () => {
      let dir: string;
      beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), 'relais-migrations-'));
        writeFileSync(join(dir, '001-first.sql'), 'CREATE TABLE first_table (id INTEGER PRIMARY KEY);');
        writeFileSync(
          join(dir, '002-broken.sql'),
          'CREATE TABLE second_table (id INTEGER PRIMARY KEY);\nTHIS IS NOT SQL;',
        );
      });
      afterEach(() => rmSync(dir, { recursive: true, force: true }));

      it('rolls the failing migration back entirely and keeps the earlier ones', async () => {
        const store = open({ migrationsDir: dir });
        await expect(store.migrate()).rejects.toThrow();
        expect(await store.schemaVersion()).toBe(1);
        // 002 created second_table before failing: the rollback must have removed it, so fixing
        // the file and migrating again succeeds.
        writeFileSync(join(dir, '002-broken.sql'), 'CREATE TABLE second_table (id INTEGER PRIMARY KEY);');
        expect(await store.migrate()).toEqual({ applied: [2], schemaVersion: 2 });
      });
    });

    it('refuses to be used after close', async () => {
      const store = open();
      await store.migrate();
      await store.close();
      await store.close();
      await expect(store.ping()).rejects.toThrow();
    });
  });
}
