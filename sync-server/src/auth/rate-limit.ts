/**
 * Login throttling: at most `maxFailures` failed logins per user name and client address in a
 * sliding window. In memory, so it holds for one server process (two processes behind a load
 * balancer each allow the limit): see docs/sync-protocol.md AUTH3.
 */
export interface RateLimitOptions {
  maxFailures: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMIT: RateLimitOptions = { maxFailures: 5, windowMs: 15 * 60 * 1000 };

export class LoginRateLimiter {
  readonly #failures = new Map<string, number[]>();

  constructor(readonly options: RateLimitOptions = DEFAULT_LOGIN_LIMIT) {}

  static key(username: string, ip: string): string {
    return `${username.toLowerCase()}\u0000${ip}`;
  }

  #recent(key: string, now: number): number[] {
    const list = (this.#failures.get(key) ?? []).filter((t) => t > now - this.options.windowMs);
    if (list.length === 0) this.#failures.delete(key);
    else this.#failures.set(key, list);
    return list;
  }

  /** Seconds to wait before the next attempt, or 0 when an attempt is allowed. */
  retryAfterSeconds(key: string, now: number): number {
    const recent = this.#recent(key, now);
    if (recent.length < this.options.maxFailures) return 0;
    const oldest = recent[recent.length - this.options.maxFailures] ?? now;
    return Math.max(1, Math.ceil((oldest + this.options.windowMs - now) / 1000));
  }

  recordFailure(key: string, now: number): void {
    const recent = this.#recent(key, now);
    recent.push(now);
    this.#failures.set(key, recent);
    // Bound memory under a spray of user names: forget the oldest keys.
    if (this.#failures.size > 100_000) {
      const first = this.#failures.keys().next().value;
      if (first !== undefined) this.#failures.delete(first);
    }
  }

  reset(key: string): void {
    this.#failures.delete(key);
  }
}
