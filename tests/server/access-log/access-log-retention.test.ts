/**
 * ALOG7 (docs/access-log.md#retention): the access log's retention is a server setting,
 * ACCESS_LOG_RETENTION_DAYS (default 365, 180–1095 after the CNIL's recommendation), and the
 * server deletes older entries when it starts, on both stores.
 */
import { describe, expect, it } from 'vitest';
import { recordAccess } from '../../../sync-server/src/access-log/record';
import { buildApp } from '../../../sync-server/src/app';
import { ConfigError, loadConfig } from '../../../sync-server/src/config';
import { makeConfig } from '../helpers';
import { ENGINES, TestClock } from '../sync/harness';
import { logRows } from './access-log-harness';

const DAY = 86_400_000;

describe('[ALOG7] ACCESS_LOG_RETENTION_DAYS', () => {
  it('is absent by default (the server keeps 365 days) and read as a number of days', () => {
    expect(loadConfig({}, '/srv').accessLogRetentionDays).toBeUndefined();
    expect(loadConfig({ ACCESS_LOG_RETENTION_DAYS: '180' }, '/srv').accessLogRetentionDays).toBe(180);
  });

  it('refuses less than six months or more than three years, naming the variable', () => {
    for (const value of ['179', '1096', 'un an', '-1']) {
      let error: unknown;
      try {
        loadConfig({ ACCESS_LOG_RETENTION_DAYS: value }, '/srv');
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).variable).toBe('ACCESS_LOG_RETENTION_DAYS');
    }
  });
});

for (const engine of ENGINES) {
  describe(`access log retention on ${engine.name}`, () => {
    it('[ALOG7] the server deletes the entries older than its retention when it starts', async () => {
      const made = await engine.make();
      const clock = new TestClock();
      const base = { action: 'open' as const, userId: 'u', deviceId: 'd', householdId: 'h' };
      await made.store.transaction((tx) =>
        recordAccess(tx, [
          { ...base, at: clock.ms - 201 * DAY },
          { ...base, at: clock.ms - 199 * DAY },
        ]),
      );
      const app = await buildApp(
        makeConfig('/nonexistent-relais-test-dir', { accessLogRetentionDays: 200 }),
        {
          store: made.store,
          now: clock.now,
        },
      );
      try {
        await expect
          .poll(async () => (await logRows(made.store)).map((r) => r.at))
          .toEqual([clock.ms - 199 * DAY]);
      } finally {
        await app.close();
        await made.destroy();
      }
    });
  });
}
