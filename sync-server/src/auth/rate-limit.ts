/**
 * Login throttling (AUTH3): at most `maxFailures` failed logins per user name and client address
 * in a sliding window. The failure times live in the store (table login_failures), so every
 * server process on the same database shares one count: two processes behind a load balancer
 * allow the limit once, not once each (ADR 0010).
 *
 * An attempt is counted *before* the password is checked and cleared when it succeeds, inside
 * the key's row lock: concurrent attempts (on one process or several) cannot all slip through
 * while the slow password check of the first ones is running.
 */
import { createHash } from 'node:crypto';
import type { RelaisStore } from '../stores/store';

export interface RateLimitOptions {
  maxFailures: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMIT: RateLimitOptions = { maxFailures: 5, windowMs: 15 * 60 * 1000 };

/** Failure times still inside the window ending at `now`, oldest first. */
export function recentFailures(
  failures: readonly number[],
  now: number,
  options: RateLimitOptions,
): number[] {
  return failures.filter((t) => t > now - options.windowMs).sort((a, b) => a - b);
}

/** Seconds to wait before the next attempt given the recent failures, or 0 when one is allowed. */
export function retryAfterSeconds(recent: readonly number[], now: number, options: RateLimitOptions): number {
  if (recent.length < options.maxFailures) return 0;
  const oldest = recent[recent.length - options.maxFailures] ?? now;
  return Math.max(1, Math.ceil((oldest + options.windowMs - now) / 1000));
}

export class LoginThrottle {
  constructor(
    private readonly store: RelaisStore,
    readonly options: RateLimitOptions = DEFAULT_LOGIN_LIMIT,
  ) {}

  /**
   * The stored key: a SHA-256, so the table holds no user name or address in clear.
   * User names are compared lower-cased, as logins are.
   */
  static key(username: string, ip: string): string {
    return createHash('sha256').update(`${username.toLowerCase()}\u0000${ip}`).digest('hex');
  }

  /**
   * Counts one attempt for `key` unless the limit is reached.
   * @returns 0 when the attempt may go on (it counts as a failure until `succeeded`), otherwise
   * the seconds to wait (Retry-After); nothing is counted then.
   */
  async begin(key: string, now: number): Promise<number> {
    return this.store.transaction(async (tx) => {
      const recent = recentFailures(await tx.lockLoginFailures(key, now), now, this.options);
      const wait = retryAfterSeconds(recent, now, this.options);
      // Only the last maxFailures times matter for the next decision: the row stays small.
      const kept = wait > 0 ? recent : [...recent, now];
      await tx.setLoginFailures(key, kept.slice(-this.options.maxFailures), now);
      return wait;
    });
  }

  /** A successful login clears the count. */
  async succeeded(key: string): Promise<void> {
    await this.store.transaction((tx) => tx.clearLoginFailures(key));
  }

  /**
   * A failed login keeps its counted attempt; keys idle for a whole window are forgotten, in a
   * transaction of their own so the pruning never holds a key's lock for long.
   */
  async failed(now: number): Promise<void> {
    await this.store.transaction((tx) => tx.pruneLoginFailures(now - this.options.windowMs));
  }
}
