import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../../sync-server/src/stores/postgres-store';
import { DATABASE_URL } from '../../support/database-url';
import { describeStoreContract } from './store.contract';

// Runs only when DATABASE_URL points at a PostgreSQL (CI sets it; `npm test` alone skips these).
// Every fixture lives in its own schema, dropped afterwards, so runs never see each other's data.
const databaseUrl = DATABASE_URL;

function freshSchemaName(): string {
  return `relais_test_${process.pid}_${randomBytes(4).toString('hex')}`;
}

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

describe.skipIf(!databaseUrl)('PostgresStore', () => {
  describeStoreContract('postgres (fresh schema)', async () => {
    const schema = freshSchemaName();
    return {
      kind: 'postgres',
      open: (options) => new PostgresStore({ connectionString: databaseUrl ?? '', schema, ...options }),
      destroy: () => dropSchema(schema),
    };
  });

  describe('migrations', () => {
    const schema = freshSchemaName();
    afterAll(() => dropSchema(schema));

    it('record each version once in schema_migrations when several servers start together', async () => {
      const stores = Array.from(
        { length: 4 },
        () => new PostgresStore({ connectionString: databaseUrl ?? '', schema }),
      );
      try {
        const results = await Promise.all(stores.map((store) => store.migrate()));
        // Each version applied by exactly one of the stores (which one depends on the race).
        const applied = results.flatMap((result) => result.applied).sort((a, b) => a - b);
        expect(applied).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
        const client = new pg.Client({ connectionString: databaseUrl });
        await client.connect();
        const rows = await client.query(
          `SELECT version, name FROM ${schema}.schema_migrations ORDER BY version`,
        );
        await client.end();
        expect(rows.rows).toEqual([
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
      } finally {
        await Promise.all(stores.map((store) => store.close()));
      }
    });
  });

  describe('location', () => {
    let store: PostgresStore;
    beforeAll(() => {
      store = new PostgresStore({ connectionString: 'postgres://relais:hunter2@127.0.0.1:5432/relais' });
    });
    afterAll(() => store.close());

    it('never shows credentials', () => {
      expect(store.location).toBe('postgres 127.0.0.1:5432/relais');
    });
  });
});
