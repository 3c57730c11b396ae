/**
 * The idle clock (LOCK7): after `minutes` without input (a key, a touch, a click, the wheel) the
 * app locks. The timer and the input source are injected: unit tests drive them by hand and the
 * browser test uses Playwright's page.clock, so no test waits a real minute.
 */

export const MINUTE_MS = 60_000;

/** The inputs that count as activity. */
export const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'input'] as const;

export interface IdleEnv {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Calls `listener` on each input; returns what stops listening. */
  onActivity(listener: () => void): () => void;
}

export function browserIdleEnv(target: Window): IdleEnv {
  return {
    setTimeout: (callback, ms) => target.setTimeout(callback, ms),
    clearTimeout: (handle) => target.clearTimeout(handle as number),
    onActivity(listener) {
      const options = { capture: true, passive: true } as const;
      for (const type of ACTIVITY_EVENTS) target.addEventListener(type, listener, options);
      return () => {
        for (const type of ACTIVITY_EVENTS) target.removeEventListener(type, listener, options);
      };
    },
  };
}

export interface IdleTimer {
  /** (Re)starts watching with this delay. */
  start(minutes: number): void;
  stop(): void;
}

export function createIdleTimer(env: IdleEnv, onIdle: () => void): IdleTimer {
  let handle: unknown;
  let stopListening: (() => void) | undefined;
  let delayMs = 0;

  const arm = () => {
    if (handle !== undefined) env.clearTimeout(handle);
    handle = env.setTimeout(() => {
      handle = undefined;
      stop();
      onIdle();
    }, delayMs);
  };

  function stop(): void {
    if (handle !== undefined) env.clearTimeout(handle);
    handle = undefined;
    stopListening?.();
    stopListening = undefined;
  }

  return {
    start(minutes) {
      stop();
      delayMs = minutes * MINUTE_MS;
      stopListening = env.onActivity(arm);
      arm();
    },
    stop,
  };
}
