import Dexie, { type DBCore, type DBCoreMutateRequest } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { RelaisDb } from '../../src/db/app-db';
import { StorageError, toStorageError } from '../../src/db/storage-errors';
import { applicant, householdFields, openTestRepository, rentCharge } from './helpers';

let opened: RelaisDb[] = [];
afterEach(async () => {
  for (const db of opened) await db.delete();
  opened = [];
});

/** Makes every write to `table` fail with `makeError()` (a DBCore middleware, like a full disk). */
async function failWrites(
  db: RelaisDb,
  table: string,
  makeError: () => unknown,
  times = Number.POSITIVE_INFINITY,
): Promise<void> {
  let remaining = times;
  db.use({
    stack: 'dbcore',
    name: `fail-${table}`,
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (name) => {
        const inner = down.table(name);
        if (name !== table) return inner;
        return {
          ...inner,
          mutate: (req: DBCoreMutateRequest) => {
            if (remaining <= 0) return inner.mutate(req);
            remaining -= 1;
            return Promise.reject(makeError());
          },
        };
      },
    }),
  });
  // Dexie builds its middleware stack when the database opens.
  if (db.isOpen()) {
    db.close();
    await db.open();
  }
}

describe('toStorageError', () => {
  it.each([
    [new DOMException('full', 'QuotaExceededError'), 'quota'],
    [
      Object.assign(new Dexie.AbortError('aborted'), {
        inner: new DOMException('full', 'QuotaExceededError'),
      }),
      'quota',
    ],
    [new Dexie.DatabaseClosedError('closed'), 'closed'],
    [new DOMException('gone', 'InvalidStateError'), 'closed'],
    [new DOMException('Connection to Indexed Database server lost', 'UnknownError'), 'closed'],
    [new Dexie.AbortError('aborted'), 'unknown'],
    [new Dexie.VersionError('newer'), 'outdated'],
    [new Dexie.OpenFailedError('failed', new Dexie.VersionChangeError('blocked')), 'blocked'],
  ] as const)('%s → %s', (error, code) => {
    expect(toStorageError(error)?.code).toBe(code);
  });

  it('leaves non-storage errors alone', () => {
    expect(toStorageError(new TypeError('bug'))).toBeUndefined();
    expect(toStorageError('text')).toBeUndefined();
  });
});

describe('storage failures reach the caller as StorageError, never as success', () => {
  it('scenarios 2 and 3 (torn write, quota): a quota error on the outbox write rejects with code quota and writes nothing', async () => {
    const { db, repo } = openTestRepository();
    opened.push(db);
    const { household } = await repo.createHousehold(householdFields);
    await failWrites(
      db,
      'outbox',
      () => new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
    );
    const attempt = repo.addRow('charge', household.id, rentCharge);
    await expect(attempt).rejects.toBeInstanceOf(StorageError);
    await expect(attempt).rejects.toMatchObject({ code: 'quota' });
    expect(await db.charges.count()).toBe(0);
    expect(await db.outbox.count()).toBe(1);
  });

  it('scenario 3 (quota): a quota error on the row write rejects and leaves no outbox entry', async () => {
    const { db, repo } = openTestRepository();
    opened.push(db);
    await failWrites(db, 'households', () =>
      Object.assign(new Dexie.AbortError('aborted'), {
        inner: new DOMException('full', 'QuotaExceededError'),
      }),
    );
    await expect(repo.createHousehold(householdFields, [applicant])).rejects.toMatchObject({ code: 'quota' });
    expect(await db.outbox.count()).toBe(0);
    expect(await db.members.count()).toBe(0);
  });

  it('scenario 4 (WebKit connection lost): a lost connection is retried once after reopening', async () => {
    const { db, repo } = openTestRepository();
    opened.push(db);
    const { household } = await repo.createHousehold(householdFields);
    db.close();
    const charge = await repo.addRow('charge', household.id, rentCharge);
    expect((await db.charges.get(charge.id))?.amountCents).toBe(65_000);
    expect(await db.outbox.count()).toBe(2);
  });

  it('scenario 4: a connection that stays lost rejects with code closed, never a false saved', async () => {
    const { db, repo } = openTestRepository();
    opened.push(db);
    const { household } = await repo.createHousehold(householdFields);
    await failWrites(db, 'outbox', () => new DOMException('lost', 'UnknownError'));
    await expect(repo.addRow('charge', household.id, rentCharge)).rejects.toMatchObject({
      name: 'StorageError',
      code: 'closed',
    });
    expect(await db.charges.count()).toBe(0);
  });

  it('scenario 4: a transient lost connection succeeds on the retry, exactly once', async () => {
    const { db, repo } = openTestRepository();
    opened.push(db);
    const { household } = await repo.createHousehold(householdFields);
    await failWrites(db, 'outbox', () => new DOMException('lost', 'UnknownError'), 1);
    await repo.addRow('charge', household.id, rentCharge);
    expect(await db.charges.count()).toBe(1);
    expect((await db.outbox.toArray()).map((e) => e.seq)).toEqual([1, 2]);
  });

  it('scenario 33 (rollback): refuses to write a database written by a newer app', async () => {
    const { db, repo } = openTestRepository();
    opened.push(db);
    await repo.createHousehold(householdFields);
    await db.meta.put({ key: 'schemaVersion', value: 99 });
    await expect(repo.createHousehold(householdFields)).rejects.toMatchObject({ code: 'outdated' });
    expect(await db.households.count()).toBe(1);
  });
});
