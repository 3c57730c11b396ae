import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultMigrationsDir, loadMigrations } from '../../../sync-server/src/stores/migrations';
import type { RelaisStore, StoreKind } from '../../../sync-server/src/stores/store';
import type { StoredRow, UserRecord } from '../../../sync-server/src/stores/store-tx';
import { describeMergesContract } from './merges.contract';

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

    describe('sync tables (issue 6)', () => {
      const user = (id: string, username: string, welcomePointIds: string[] = []): UserRecord => ({
        id,
        username,
        displayName: `Él ${username}`,
        role: 'volunteer',
        passwordHash: 'scrypt$1$1$1$x$y',
        disabled: false,
        welcomePointIds,
        createdAt: 1_764_000_000_000,
        updatedAt: 1_764_000_000_000,
      });
      const row = (
        id: string,
        householdId: string,
        seq: number,
        data: Record<string, unknown> = {},
      ): StoredRow => ({
        entity: id === householdId ? 'household' : 'charge',
        id,
        householdId,
        version: 1,
        seq,
        deleted: false,
        data,
        fieldMeta: {
          amountCents: { v: 1, d: 'd1', u: 'u1', h: '1764000000000-0000-d1', t: 1_764_000_000_000 },
        },
        updatedHlc: '1764000000000-0000-d1',
      });

      it('commits a transaction that resolves and rolls back one that throws', async () => {
        const store = open();
        await store.migrate();
        await store.transaction((tx) => tx.setCounter('change_seq', 5));
        await expect(
          store.transaction(async (tx) => {
            await tx.setCounter('change_seq', 9);
            throw new Error('boom');
          }),
        ).rejects.toThrow('boom');
        expect(await store.transaction((tx) => tx.getCounter('change_seq'))).toBe(5);
      });

      it('round-trips users with their welcome points; user names are unique', async () => {
        const store = open();
        await store.migrate();
        await store.transaction(async (tx) => {
          await tx.insertWelcomePoint({ id: 'wp-1', name: 'Saint-Étienne', archived: false, createdAt: 1 });
          await tx.insertUser(user('u1', 'anne', ['wp-1']));
        });
        expect(await store.transaction((tx) => tx.getUserByUsername('anne'))).toEqual(
          user('u1', 'anne', ['wp-1']),
        );
        await expect(store.transaction((tx) => tx.insertUser(user('u2', 'anne')))).rejects.toThrow();
        expect(await store.transaction((tx) => tx.countUsers())).toBe(1);
      });

      it('[AUTH9] renames a device (unicode kept, null clears it) without touching its owner or seq', async () => {
        const store = open();
        await store.migrate();
        const device = {
          deviceId: 'dev-1',
          userId: 'u1',
          name: null,
          lastSeq: 7,
          createdAt: 1,
          lastSeenAt: 1,
        };
        await store.transaction(async (tx) => {
          await tx.insertUser(user('u1', 'anne'));
          await tx.insertDevice(device);
          await tx.setDeviceName('dev-1', 'Tablette de l’accueil, Lens', 5);
        });
        expect(await store.transaction((tx) => tx.getDevice('dev-1'))).toEqual({
          ...device,
          name: 'Tablette de l’accueil, Lens',
          lastSeenAt: 5,
        });
        await store.transaction((tx) => tx.setDeviceName('dev-1', null, 6));
        expect((await store.transaction((tx) => tx.getDevice('dev-1')))?.name).toBeNull();
      });

      it('round-trips rows (JSON, unicode, large integers as numbers) and lists them after a seq within a scope', async () => {
        const store = open();
        await store.migrate();
        await store.transaction(async (tx) => {
          await tx.upsertHousehold({ id: 'h1', welcomePointId: 'wp-1', createdBy: 'u1' });
          await tx.upsertHousehold({ id: 'h2', welcomePointId: 'wp-2', createdBy: 'u1' });
          await tx.upsertHousehold({ id: 'h3', welcomePointId: null, createdBy: 'u9' });
          await tx.upsertRow(
            row('h1', 'h1', 1, { phone: '06 12', note: 'Créé — ✓', big: 9_007_199_254_740_991 }),
          );
          await tx.upsertRow(row('c1', 'h1', 3, { amountCents: 45_000 }));
          await tx.upsertRow(row('c2', 'h2', 2));
          await tx.upsertRow(row('c3', 'h3', 4));
        });
        const [h1] = await store.transaction((tx) => tx.getRows(['h1']));
        expect(h1).toEqual(
          row('h1', 'h1', 1, { phone: '06 12', note: 'Créé — ✓', big: 9_007_199_254_740_991 }),
        );
        const scoped = await store.transaction((tx) =>
          tx.rowsAfter(0, 10, { all: false, userId: 'u9', welcomePointIds: ['wp-1'] }),
        );
        expect(scoped.map((r) => [r.id, r.seq])).toEqual([
          ['h1', 1],
          ['c1', 3],
          ['c3', 4],
        ]);
        const all = await store.transaction((tx) => tx.rowsAfter(1, 2, { all: true }));
        expect(all.map((r) => r.id)).toEqual(['c2', 'c1']);
        // seq is unique: two rows can never share a change number.
        await expect(store.transaction((tx) => tx.upsertRow(row('c4', 'h1', 3)))).rejects.toThrow();
      });

      it('keeps one applied record per (device, seq) and per mutation id', async () => {
        const store = open();
        await store.migrate();
        const record = (seq: number, mutationId: string | null) => ({
          deviceId: 'd1',
          seq,
          mutationId,
          userId: 'u1',
          payload: { seq },
          result: { status: 'applied' },
          appliedAt: 1,
        });
        await store.transaction(async (tx) => {
          await tx.insertApplied(record(1, 'm1'));
          await tx.insertApplied(record(2, null));
          await tx.insertApplied(record(3, null));
        });
        await expect(store.transaction((tx) => tx.insertApplied(record(1, 'm9')))).rejects.toThrow();
        await expect(store.transaction((tx) => tx.insertApplied(record(4, 'm1')))).rejects.toThrow();
        expect(await store.transaction((tx) => tx.existingMutationIds(['m1', 'm2']))).toEqual(
          new Set(['m1']),
        );
        const applied = await store.transaction((tx) => tx.getApplied('d1', [1, 2]));
        expect(applied.get(1)?.payload).toEqual({ seq: 1 });
      });

      it('allows one open conflict per field, any number of resolved ones', async () => {
        const store = open();
        await store.migrate();
        const conflict = (id: string, status: 'open' | 'resolved') => ({
          id,
          entity: 'charge',
          entityId: 'c1',
          householdId: 'h1',
          field: 'amountCents',
          kind: 'concurrent-edit' as const,
          status,
          values: [{ value: 1 }, { value: 2 }],
          openedAt: 1,
          resolvedAt: null,
          resolvedBy: null,
          resolvedByMutation: null,
        });
        await store.transaction(async (tx) => {
          await tx.insertConflict(conflict('k1', 'open'));
          await tx.resolveConflict('k1', { userId: 'u1', mutationId: 'm1', at: 2 });
          await tx.insertConflict(conflict('k2', 'open'));
        });
        await expect(store.transaction((tx) => tx.insertConflict(conflict('k3', 'open')))).rejects.toThrow();
        expect((await store.transaction((tx) => tx.openConflictsOf(['c1']))).map((c) => c.id)).toEqual([
          'k2',
        ]);
      });

      it('[DEV1] finds recently active devices of a user, keeps one alert per new device, lists and marks them handled', async () => {
        const store = open();
        await store.migrate();
        const device = (deviceId: string, userId: string, lastSeq: number, lastSeenAt: number) => ({
          deviceId,
          userId,
          name: null,
          lastSeq,
          createdAt: 1,
          lastSeenAt,
        });
        const alert = (id: string, newDeviceId: string, createdAt: number) => ({
          id,
          userId: 'u1',
          newDeviceId,
          previousDeviceId: 'd-old',
          reason: 'recent-activity' as const,
          previousLastSeenAt: 5_000,
          previousLastSeq: 42,
          createdAt,
          handledAt: null,
          handledBy: null,
          pendingChanges: null,
          pendingHouseholdIds: null,
        });
        await store.transaction(async (tx) => {
          await tx.insertUser(user('u1', 'anne'));
          await tx.insertUser(user('u2', 'bea'));
          await tx.insertDevice(device('d-old', 'u1', 42, 5_000));
          await tx.insertDevice(device('d-older', 'u1', 3, 4_000));
          await tx.insertDevice(device('d-stale', 'u1', 9, 100));
          await tx.insertDevice(device('d-idle', 'u1', 0, 6_000));
          await tx.insertDevice(device('d-other', 'u2', 7, 6_000));
          await tx.insertDevice(device('d-new', 'u1', 0, 7_000));
        });
        const recent = await store.transaction((tx) => tx.recentActiveDevicesOf('u1', 'd-new', 1_000));
        expect(recent.map((d) => d.deviceId)).toEqual(['d-old', 'd-older']);
        expect(await store.transaction((tx) => tx.insertDeviceAlert(alert('a1', 'd-new', 7_000)))).toBe(true);
        // A second login of the same new device does not raise a second alert.
        expect(await store.transaction((tx) => tx.insertDeviceAlert(alert('a2', 'd-new', 7_500)))).toBe(
          false,
        );
        expect(await store.transaction((tx) => tx.insertDeviceAlert(alert('a3', 'd-newer', 8_000)))).toBe(
          true,
        );
        const open1 = await store.transaction((tx) => tx.listDeviceAlerts({ status: 'open', limit: 10 }));
        expect(open1.map((a) => a.id)).toEqual(['a3', 'a1']);
        expect(open1[1]).toEqual({
          ...alert('a1', 'd-new', 7_000),
          username: 'anne',
          displayName: 'Él anne',
          newDeviceName: null,
          previousDeviceName: null,
          handledByUsername: null,
          handledByDisplayName: null,
        });
        expect(
          await store.transaction((tx) => tx.markDeviceAlertHandled('a1', { userId: 'u2', at: 9_000 })),
        ).toBe(true);
        expect(
          await store.transaction((tx) => tx.markDeviceAlertHandled('a1', { userId: 'u1', at: 9_500 })),
        ).toBe(false);
        expect(
          await store.transaction((tx) => tx.markDeviceAlertHandled('nope', { userId: 'u1', at: 1 })),
        ).toBe(false);
        const open2 = await store.transaction((tx) => tx.listDeviceAlerts({ status: 'open', limit: 10 }));
        expect(open2.map((a) => a.id)).toEqual(['a3']);
        const all = await store.transaction((tx) => tx.listDeviceAlerts({ status: 'all', limit: 1 }));
        expect(all.map((a) => a.id)).toEqual(['a3']);
        const handled = await store.transaction((tx) => tx.getDeviceAlert('a1'));
        expect([handled?.handledAt, handled?.handledBy]).toEqual([9_000, 'u2']);
        // The handler by name (QUAR3), and the handled ones alone.
        expect([handled?.handledByUsername, handled?.handledByDisplayName]).toEqual(['bea', 'Él bea']);
        const handledOnly = await store.transaction((tx) =>
          tx.listDeviceAlerts({ status: 'handled', limit: 10 }),
        );
        expect(handledOnly.map((a) => [a.id, a.handledByDisplayName])).toEqual([['a1', 'Él bea']]);
        // A handler whose account no longer exists: the id stays, no names.
        await store.transaction((tx) => tx.markDeviceAlertHandled('a3', { userId: 'u-gone', at: 9_900 }));
        const orphan = await store.transaction((tx) => tx.getDeviceAlert('a3'));
        expect([orphan?.handledBy, orphan?.handledByUsername, orphan?.handledByDisplayName]).toEqual([
          'u-gone',
          null,
          null,
        ]);
        expect(
          (await store.transaction((tx) => tx.listDeviceAlerts({ status: 'handled', limit: 10 }))).map(
            (a) => a.id,
          ),
        ).toEqual(['a3', 'a1']);
        expect(await store.transaction((tx) => tx.listDeviceAlerts({ status: 'open', limit: 10 }))).toEqual(
          [],
        );
      });

      it('[QUAR3] lists quarantined mutations with who and which device, newest first, and marks them handled once', async () => {
        const store = open();
        await store.migrate();
        const item = (id: string, receivedAt: number, deviceId = 'd1') => ({
          id,
          deviceId,
          seq: receivedAt,
          mutationId: `m-${id}`,
          userId: 'u1',
          householdId: 'h1',
          entity: 'charge',
          reason: 'schema-invalid',
          detail: 'amountCents: too small',
          payload: { op: 'create', fields: { label: 'Électricité', amountCents: -5 } },
          receivedAt,
        });
        await store.transaction(async (tx) => {
          await tx.insertUser(user('u1', 'anne'));
          await tx.insertUser(user('u2', 'bea'));
          await tx.insertDevice({
            deviceId: 'd1',
            userId: 'u1',
            name: 'Tablette accueil',
            lastSeq: 0,
            createdAt: 1,
            lastSeenAt: 1,
          });
          await tx.insertQuarantine(item('q1', 1_000));
          await tx.insertQuarantine(item('q2', 2_000, 'd-unknown'));
        });
        const listed = await store.transaction((tx) => tx.listQuarantine({ status: 'open', limit: 10 }));
        expect(listed.map((q) => q.id)).toEqual(['q2', 'q1']);
        expect(listed[1]).toEqual({
          ...item('q1', 1_000),
          username: 'anne',
          displayName: 'Él anne',
          deviceName: 'Tablette accueil',
          handledAt: null,
          handledBy: null,
          handledByUsername: null,
          handledByDisplayName: null,
        });
        expect(listed[0]?.deviceName).toBeNull();
        expect(
          await store.transaction((tx) => tx.markQuarantineHandled('q1', { userId: 'u2', at: 9_000 })),
        ).toBe(true);
        expect(
          await store.transaction((tx) => tx.markQuarantineHandled('q1', { userId: 'u1', at: 9_500 })),
        ).toBe(false);
        expect(
          await store.transaction((tx) => tx.markQuarantineHandled('nope', { userId: 'u1', at: 1 })),
        ).toBe(false);
        const open2 = await store.transaction((tx) => tx.listQuarantine({ status: 'open', limit: 10 }));
        expect(open2.map((q) => q.id)).toEqual(['q2']);
        const all = await store.transaction((tx) => tx.listQuarantine({ status: 'all', limit: 10 }));
        expect(all.map((q) => q.id)).toEqual(['q2', 'q1']);
        const limited = await store.transaction((tx) => tx.listQuarantine({ status: 'all', limit: 1 }));
        expect(limited.map((q) => q.id)).toEqual(['q2']);
        const handled = await store.transaction((tx) => tx.getQuarantineItem('q1'));
        expect([handled?.handledAt, handled?.handledBy, handled?.payload]).toEqual([
          9_000,
          'u2',
          item('q1', 1_000).payload,
        ]);
        expect(await store.transaction((tx) => tx.getQuarantineItem('nope'))).toBeUndefined();
        // The handler by name (QUAR3), and the handled ones alone.
        expect([handled?.handledByUsername, handled?.handledByDisplayName]).toEqual(['bea', 'Él bea']);
        const handledOnly = await store.transaction((tx) =>
          tx.listQuarantine({ status: 'handled', limit: 10 }),
        );
        expect(handledOnly.map((q) => [q.id, q.handledByDisplayName])).toEqual([['q1', 'Él bea']]);
        // A handler whose account no longer exists: the id stays, no names.
        await store.transaction((tx) => tx.markQuarantineHandled('q2', { userId: 'u-gone', at: 9_900 }));
        const orphan = await store.transaction((tx) => tx.getQuarantineItem('q2'));
        expect([orphan?.handledBy, orphan?.handledByUsername, orphan?.handledByDisplayName]).toEqual([
          'u-gone',
          null,
          null,
        ]);
        expect(
          (await store.transaction((tx) => tx.listQuarantine({ status: 'handled', limit: 1 }))).map(
            (q) => q.id,
          ),
        ).toEqual(['q2']);
        expect(await store.transaction((tx) => tx.listQuarantine({ status: 'open', limit: 10 }))).toEqual([]);
      });

      it('[QUAR3] lists the handled items by when they were handled, latest first', async () => {
        const store = open();
        await store.migrate();
        await store.transaction(async (tx) => {
          await tx.insertUser(user('u1', 'anne'));
          for (const [id, receivedAt] of [
            ['q-old', 1_000],
            ['q-new', 2_000],
          ] as const) {
            await tx.insertQuarantine({
              id,
              deviceId: 'd1',
              seq: receivedAt,
              mutationId: `m-${id}`,
              userId: 'u1',
              householdId: 'h1',
              entity: 'charge',
              reason: 'schema-invalid',
              detail: 'amountCents: too small',
              payload: {},
              receivedAt,
            });
          }
          for (const [id, createdAt] of [
            ['a-old', 1_000],
            ['a-new', 2_000],
          ] as const) {
            await tx.insertDeviceAlert({
              id,
              userId: 'u1',
              newDeviceId: `dev-${id}`,
              previousDeviceId: 'd-old',
              reason: 'recent-activity',
              previousLastSeenAt: 500,
              previousLastSeq: 1,
              createdAt,
              handledAt: null,
              handledBy: null,
              pendingChanges: null,
              pendingHouseholdIds: null,
            });
          }
          // The older ones are followed up last.
          await tx.markQuarantineHandled('q-new', { userId: 'u1', at: 5_000 });
          await tx.markQuarantineHandled('q-old', { userId: 'u1', at: 6_000 });
          await tx.markDeviceAlertHandled('a-new', { userId: 'u1', at: 5_000 });
          await tx.markDeviceAlertHandled('a-old', { userId: 'u1', at: 6_000 });
        });
        const ids = async (status: 'handled' | 'all') =>
          store.transaction(async (tx) => [
            (await tx.listQuarantine({ status, limit: 10 })).map((q) => q.id),
            (await tx.listDeviceAlerts({ status, limit: 10 })).map((a) => a.id),
          ]);
        expect(await ids('handled')).toEqual([
          ['q-old', 'q-new'],
          ['a-old', 'a-new'],
        ]);
        // "All" stays in the order things arrived, newest first.
        expect(await ids('all')).toEqual([
          ['q-new', 'q-old'],
          ['a-new', 'a-old'],
        ]);
      });

      it('[AUTH3] keeps login failure times per key, shared by two connections, cleared and pruned', async () => {
        const a = open();
        await a.migrate();
        const b = fixture.kind === 'postgres' ? open() : a;
        expect(await a.transaction((tx) => tx.lockLoginFailures('k1', 1_000))).toEqual([]);
        await a.transaction((tx) => tx.setLoginFailures('k1', [1_000, 2_000], 2_000));
        await a.transaction(async (tx) => {
          await tx.lockLoginFailures('k2', 1_500);
          await tx.setLoginFailures('k2', [1_500], 1_500);
        });
        expect(await b.transaction((tx) => tx.lockLoginFailures('k1', 3_000))).toEqual([1_000, 2_000]);
        await b.transaction((tx) => tx.clearLoginFailures('k1'));
        expect(await a.transaction((tx) => tx.lockLoginFailures('k1', 3_000))).toEqual([]);
        // k1 was re-created at 3000 (an empty row); k2 was last touched at 1500.
        expect(await a.transaction((tx) => tx.pruneLoginFailures(2_000))).toBe(1);
        expect(await a.transaction((tx) => tx.lockLoginFailures('k2', 4_000))).toEqual([]);
      });

      it('[AUTH3] serialises attempts on one login key across connections (row lock)', async () => {
        const a = open();
        await a.migrate();
        const b = fixture.kind === 'postgres' ? open() : a;
        const attempt = (store: RelaisStore, at: number) =>
          store.transaction(async (tx) => {
            const failures = await tx.lockLoginFailures('key', at);
            await new Promise((resolve) => setTimeout(resolve, 5));
            await tx.setLoginFailures('key', [...failures, at], at);
          });
        await Promise.all(Array.from({ length: 10 }, (_, i) => attempt(i % 2 === 0 ? a : b, 100 + i)));
        const kept = await a.transaction((tx) => tx.lockLoginFailures('key', 200));
        expect([...kept].sort((x, y) => x - y)).toEqual(Array.from({ length: 10 }, (_, i) => 100 + i));
      });

      it('serialises sequenced transactions: concurrent counter increments never collide', async () => {
        const a = open();
        await a.migrate();
        const bump = () =>
          a.transaction(
            async (tx) => {
              const value = await tx.getCounter('change_seq');
              await new Promise((resolve) => setTimeout(resolve, 1));
              await tx.setCounter('change_seq', value + 1);
              return value + 1;
            },
            { sequenced: true },
          );
        const values = await Promise.all(Array.from({ length: 20 }, bump));
        expect([...values].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      });
    });

    describe('merge tables (issue 14)', () => {
      describeMergesContract(open);
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
