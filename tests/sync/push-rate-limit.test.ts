// @vitest-environment node
/**
 * SEC3 on the device side: a push refused with 429 carries the server's Retry-After into the
 * SyncError, and the scheduler waits at least that long before the next try (never sooner,
 * whatever its own back-off says).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SyncError, statusError } from '../../src/sync/sync-errors';
import { type SchedulerEnv, SyncScheduler } from '../../src/sync/sync-scheduler';
import { ENGINES, householdFields, makeDevice, T0, TestClock, TestServer } from './helpers';

describe('[SEC3] Retry-After reaches the scheduler', () => {
  it('[SEC3] statusError reads Retry-After seconds for 429 and 503 only', () => {
    expect(statusError(429, 'slow down', '40').retryAfterMs).toBe(40_000);
    expect(statusError(503, 'later', ' 5 ').retryAfterMs).toBe(5000);
    expect(statusError(429, 'slow down', null).retryAfterMs).toBeUndefined();
    expect(statusError(429, 'slow down', 'Wed, 21 Oct 2015 07:28:00 GMT').retryAfterMs).toBeUndefined();
    expect(statusError(400, 'bad', '40').retryAfterMs).toBeUndefined();
  });

  it('[SEC3] the scheduler retries no sooner than the server asked, and backs off past it', async () => {
    const delays: number[] = [];
    const env: SchedulerEnv = {
      isOnline: () => true,
      isVisible: () => true,
      onWake: () => () => undefined,
      setTimeout: (_fn, ms) => {
        delays.push(ms);
        return delays.length;
      },
      clearTimeout: () => undefined,
      random: () => 0.5,
    };
    let asked = 0;
    const outcomes: (number | null)[] = [];
    const scheduler = new SyncScheduler(
      async () => {
        throw new SyncError('server', 'too many pushes', 429, asked);
      },
      env,
      { baseDelayMs: 1000, periodicMs: 0 },
      { onRunEnd: (o) => outcomes.push(o.ok ? 0 : o.retryInMs) },
    );
    asked = 40_000;
    await scheduler.runNow().catch(() => undefined);
    asked = 0;
    await scheduler.runNow().catch(() => undefined);
    expect(outcomes).toEqual([40_000, 1500]);
    scheduler.stop();
  });
});

for (const engine of ENGINES) {
  describe(`[SEC3] a throttled device on ${engine.name}`, () => {
    let server: TestServer | undefined;
    afterEach(async () => {
      await server?.close();
    });

    it('[SEC3] the second push of the minute fails as a retryable server error carrying the wait; nothing is lost', async () => {
      const clock = new TestClock(T0, 1);
      server = await TestServer.start(engine, clock, { pushLimit: { maxRequests: 1, windowMs: 60_000 } });
      await server.makeWorld([]);
      const device = await makeDevice(server, 'tablet');
      await device.repository.createHousehold(householdFields());
      expect((await device.client.sync()).pushed).toBe(1);
      await device.repository.createHousehold(householdFields());
      const error = await device.client.sync().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(SyncError);
      expect((error as SyncError).status).toBe(429);
      expect((error as SyncError).retryable).toBe(true);
      expect((error as SyncError).retryAfterMs).toBeGreaterThan(50_000);
      expect((error as SyncError).retryAfterMs).toBeLessThanOrEqual(60_000);
      clock.advance(60_000);
      expect((await device.client.sync()).pushed).toBe(1);
      device.db.close();
    });
  });
}
