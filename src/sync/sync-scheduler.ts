/**
 * When to sync (sync-design §9.3 "Sync loop"): at start, when the device comes online, when the
 * page becomes visible, after local commits (debounced), every few minutes while visible, and
 * on demand. One pusher across the tabs of the origin: each run holds the Web Lock
 * 'relais-sync' (another tab waits, then finds little to do); without the Web Locks API the
 * runs of this tab are still serialised. Failures are retried with exponential back-off and
 * jitter, forever: nothing is ever dropped. Errors that need the person (logged out, refused)
 * stop the automatic retries until the next trigger.
 */
import { SyncError } from './sync-errors';

export type SyncTrigger = 'start' | 'online' | 'visible' | 'local-change' | 'manual' | 'retry' | 'periodic';

export interface LockManagerLike {
  request(name: string, callback: () => Promise<unknown>): Promise<unknown>;
}

export interface SchedulerEnv {
  locks?: LockManagerLike | undefined;
  isOnline(): boolean;
  isVisible(): boolean;
  /** Subscribes to `online` and `visibilitychange` → visible; returns the unsubscribe. */
  onWake(listener: (trigger: 'online' | 'visible') => void): () => void;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  random(): number;
}

export interface SchedulerOptions {
  debounceMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  periodicMs?: number;
}

export interface SchedulerEvents {
  onRunStart?(trigger: SyncTrigger): void;
  onRunEnd?(outcome: { ok: true } | { ok: false; error: unknown; retryInMs: number | null }): void;
}

export const SYNC_LOCK_NAME = 'relais-sync';

/** Exponential back-off with "equal jitter": between half and all of base·2^(failures−1), capped. */
export function backoffDelay(failures: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export class SyncScheduler {
  private timer: unknown;
  private timerDue = Number.POSITIVE_INFINITY;
  private periodic: unknown;
  private running: Promise<void> | undefined;
  private again = false;
  private failures = 0;
  private stopped = true;
  private unsubscribe: (() => void) | undefined;
  private readonly debounceMs: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly periodicMs: number;
  private localChain: Promise<unknown> = Promise.resolve();
  /** The run the last timer started, until its outcome is reported and any retry scheduled. */
  private timerRun: Promise<void> = Promise.resolve();

  constructor(
    private readonly run: () => Promise<unknown>,
    private readonly env: SchedulerEnv,
    options: SchedulerOptions = {},
    private readonly events: SchedulerEvents = {},
  ) {
    this.debounceMs = options.debounceMs ?? 1500;
    this.baseDelayMs = options.baseDelayMs ?? 2000;
    this.maxDelayMs = options.maxDelayMs ?? 5 * 60 * 1000;
    this.periodicMs = options.periodicMs ?? 5 * 60 * 1000;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.unsubscribe = this.env.onWake((trigger) => {
      // A new chance: forget the back-off.
      this.failures = 0;
      this.trigger(trigger);
    });
    this.schedulePeriodic();
    this.trigger('start');
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    this.clearTimer();
    if (this.periodic !== undefined) this.env.clearTimeout(this.periodic);
    this.periodic = undefined;
  }

  /**
   * Stops the triggers, waits for the run in progress, then runs `body` under the sync lock (no
   * run of another tab overlaps it either). Used to empty the device for another user.
   */
  async exclusive<T>(body: () => Promise<T>): Promise<T> {
    this.stop();
    if (this.running) await this.running;
    return this.withLock(body);
  }

  /** Resolves when the run the last timer started has ended (for tests that fire timers by hand). */
  timerRunEnded(): Promise<void> {
    return this.timerRun;
  }

  get consecutiveFailures(): number {
    return this.failures;
  }

  /** Asks for a run: now, or after the debounce for local changes. */
  trigger(reason: SyncTrigger): void {
    if (this.stopped && reason !== 'manual') return;
    const delay = reason === 'local-change' ? this.debounceMs : 0;
    this.schedule(delay, reason);
  }

  /** Runs now (waiting for a run in progress) and resolves when done; rejects with its error. */
  async runNow(): Promise<void> {
    this.clearTimer();
    if (this.running) await this.running.catch(() => undefined);
    await this.execute('manual', true);
  }

  private schedule(delay: number, reason: SyncTrigger): void {
    const due = Date.now() + delay;
    if (this.timer !== undefined && this.timerDue <= due) return;
    this.clearTimer();
    this.timerDue = due;
    this.timer = this.env.setTimeout(() => {
      this.timer = undefined;
      this.timerDue = Number.POSITIVE_INFINITY;
      this.timerRun = this.execute(reason, false).catch(() => undefined);
    }, delay);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.env.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDue = Number.POSITIVE_INFINITY;
  }

  private schedulePeriodic(): void {
    if (this.stopped || this.periodicMs <= 0) return;
    this.periodic = this.env.setTimeout(() => {
      if (this.env.isVisible()) this.trigger('periodic');
      this.schedulePeriodic();
    }, this.periodicMs);
  }

  private async execute(reason: SyncTrigger, rethrow: boolean): Promise<void> {
    if (this.running) {
      // One run at a time: remember to run again when this one ends.
      this.again = true;
      if (rethrow) await this.running;
      return;
    }
    if (!this.env.isOnline() && reason !== 'manual') return;
    this.events.onRunStart?.(reason);
    const attempt = this.withLock(() => this.run());
    this.running = attempt.then(
      () => undefined,
      () => undefined,
    );
    try {
      await attempt;
      this.failures = 0;
      this.events.onRunEnd?.({ ok: true });
    } catch (error) {
      this.failures += 1;
      const retryable = !(error instanceof SyncError) || error.retryable;
      // The server's Retry-After (SEC3) is a floor: retrying sooner would only be refused again.
      const asked = error instanceof SyncError ? (error.retryAfterMs ?? 0) : 0;
      const retryInMs = retryable
        ? Math.max(asked, backoffDelay(this.failures, this.baseDelayMs, this.maxDelayMs, this.env.random))
        : null;
      this.events.onRunEnd?.({ ok: false, error, retryInMs });
      if (retryInMs !== null && !this.stopped) this.schedule(retryInMs, 'retry');
      if (rethrow) throw error;
    } finally {
      this.running = undefined;
      if (this.again && !this.stopped) {
        this.again = false;
        this.schedule(0, 'local-change');
      }
    }
  }

  private withLock<T>(body: () => Promise<T>): Promise<T> {
    const locks = this.env.locks;
    if (locks !== undefined) {
      let result: T;
      return locks
        .request(SYNC_LOCK_NAME, async () => {
          result = await body();
        })
        .then(() => result);
    }
    // No Web Locks (old WebKit): serialise this tab's runs; other tabs may overlap, which the
    // server tolerates (same seqs are deduplicated, PUSH3).
    const next = this.localChain.then(body, body);
    this.localChain = next.catch(() => undefined);
    return next;
  }
}

/** The browser environment of the scheduler. */
export function browserSchedulerEnv(win: Window): SchedulerEnv {
  const locks = (win.navigator as Navigator & { locks?: LockManagerLike }).locks;
  return {
    locks,
    isOnline: () => win.navigator.onLine,
    isVisible: () => win.document.visibilityState !== 'hidden',
    onWake(listener) {
      const online = () => listener('online');
      const visible = () => {
        if (win.document.visibilityState === 'visible') listener('visible');
      };
      win.addEventListener('online', online);
      win.document.addEventListener('visibilitychange', visible);
      return () => {
        win.removeEventListener('online', online);
        win.document.removeEventListener('visibilitychange', visible);
      };
    },
    setTimeout: (callback, ms) => win.setTimeout(callback, ms),
    clearTimeout: (handle) => win.clearTimeout(handle as number),
    random: () => Math.random(),
  };
}
