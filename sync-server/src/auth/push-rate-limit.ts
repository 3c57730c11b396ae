/**
 * SEC3: at most `maxRequests` pushes per device in a sliding window, next to the login throttle
 * (AUTH3). A device over the limit gets 429 with Retry-After and the sync client waits that long
 * (src/sync/sync-scheduler.ts) before trying again.
 *
 * Kept in memory, per server process, unlike login_failures: the login count guards a secret
 * (each guess must be counted once across every process, or N processes give an attacker N times
 * the guesses), whereas this limit only keeps one broken or hostile device from monopolising a
 * process. With N processes behind a load balancer a device may push at most N times the limit,
 * which still bounds the load each process takes, and a store-backed count would add a write
 * transaction to every push on the database the limit is meant to protect. Keys are device ids
 * of valid sessions only (the check runs after authentication), so nobody can grow the map
 * without an account.
 */
import { type RateLimitOptions, recentFailures, retryAfterSeconds } from './rate-limit';

export interface PushLimitOptions {
  maxRequests: number;
  windowMs: number;
}

/**
 * 120 pushes a minute: a device sends its outbox 500 mutations a push, so a first sync of 10,000
 * queued changes (20 pushes, 40 if every batch is halved after a 413) passes at once, and a
 * device in a tight retry loop is slowed to two pushes a second.
 */
export const DEFAULT_PUSH_LIMIT: PushLimitOptions = { maxRequests: 120, windowMs: 60 * 1000 };

export class PushThrottle {
  private readonly times = new Map<string, number[]>();
  private readonly window: RateLimitOptions;

  constructor(readonly options: PushLimitOptions = DEFAULT_PUSH_LIMIT) {
    this.window = { maxFailures: options.maxRequests, windowMs: options.windowMs };
  }

  /**
   * Counts one push of `deviceId` unless the limit is reached.
   * @returns 0 when the push may go on, otherwise the seconds to wait (nothing is counted then).
   */
  take(deviceId: string, now: number): number {
    const recent = recentFailures(this.times.get(deviceId) ?? [], now, this.window);
    const wait = retryAfterSeconds(recent, now, this.window);
    if (wait === 0) recent.push(now);
    this.times.set(deviceId, recent.slice(-this.options.maxRequests));
    if (this.times.size > 1000) this.prune(now);
    return wait;
  }

  /** Forgets the devices idle for a whole window (the map stays as large as the active fleet). */
  private prune(now: number): void {
    for (const [deviceId, times] of this.times) {
      if ((times.at(-1) ?? 0) <= now - this.options.windowMs) this.times.delete(deviceId);
    }
  }
}
