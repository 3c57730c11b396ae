/**
 * StoreTx puts the methods of every aggregate (accounts-tx.ts, rows-tx.ts…) on one object. Two
 * aggregates defining the same name would leave one of them unreachable without a word, so the
 * composition refuses it.
 */
import { describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../../sync-server/src/stores/sql';
import { createStoreTx, methodsOf } from '../../../sync-server/src/stores/store-tx';

class First {
  constructor(readonly sql: SqlExecutor) {}
  count(): string {
    return 'first';
  }
}

class Second {
  constructor(readonly sql: SqlExecutor) {}
  count(): string {
    return 'second';
  }
}

class Third {
  constructor(readonly sql: SqlExecutor) {}
  total(): string {
    return 'third';
  }
}

describe('StoreTx composition', () => {
  it('refuses two aggregates that define the same method name', () => {
    expect(() => methodsOf([First, Second])).toThrow(/two aggregates define count/);
    expect(methodsOf([First, Third]).map((m) => m.names)).toEqual([['count'], ['total']]);
  });

  it('binds each method to its aggregate, so a method taken off the transaction still works', async () => {
    const calls: string[] = [];
    const sql: SqlExecutor = {
      all: async <T>(statement: string) => {
        calls.push(statement);
        return [{ value: 41 }] as T[];
      },
      run: async () => 0,
    };
    const { getCounter } = createStoreTx(sql);
    expect(await getCounter('change_seq')).toBe(41);
    expect(calls).toEqual(['SELECT value FROM sync_counters WHERE name = $1']);
  });
});
