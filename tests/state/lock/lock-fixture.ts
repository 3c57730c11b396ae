/** A lock model over a real key vault (fake-indexeddb, few PBKDF2 iterations) and hand-driven timers. */
import { DataKeyring, randomDataKey } from '../../../src/db/crypto/data-keyring';
import { KeyVault } from '../../../src/db/crypto/key-vault';
import { createSettingsStore } from '../../../src/db/settings-store';
import type { KeyEscrow } from '../../../src/domain/security/key-escrow';
import type { IdleEnv } from '../../../src/state/lock/idle-timer';
import { createLockModel, type LockDeps } from '../../../src/state/lock/lock-model';
import { uniqueDbName } from '../../db/helpers';

export const USER = { id: 'u-7', username: 'claire', displayName: 'Claire Martin' };

/** Timers that fire only when the test says so, and an input source it triggers. */
export function manualIdleEnv() {
  let nextHandle = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  const listeners = new Set<() => void>();
  let now = 0;
  // A fake timer: nothing runs until advance() says the time has come.
  const schedule = (callback: () => void, ms: number): number => {
    nextHandle += 1;
    timers.set(nextHandle, { at: now + ms, callback });
    return nextHandle;
  };
  const env: IdleEnv = {
    setTimeout: schedule,
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    onActivity(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    env,
    /** Moves the clock and fires what falls due. */
    advance(ms: number) {
      now += ms;
      for (const [handle, timer] of [...timers]) {
        if (timer.at <= now) {
          timers.delete(handle);
          timer.callback();
        }
      }
    },
    input() {
      for (const listener of listeners) listener();
    },
    listening: () => listeners.size,
  };
}

/** An escrow in memory; `online` false makes both calls reject as when the server is unreachable. */
export function memoryEscrow(held?: Uint8Array) {
  const state = { held, online: true, deposits: 0 };
  const escrow: KeyEscrow = {
    async deposit(key) {
      if (!state.online) throw new Error('offline');
      state.deposits += 1;
      state.held = new Uint8Array(key);
    },
    async recover() {
      if (!state.online) throw new Error('offline');
      return state.held === undefined ? undefined : new Uint8Array(state.held);
    },
  };
  return { escrow, state };
}

/** A vault with few iterations; `now` drives its waits. */
export function fastVault(now?: () => number): KeyVault {
  return new KeyVault({ databaseName: uniqueDbName('keys'), iterations: 1_000, ...(now ? { now } : {}) });
}

export function lockFixture(overrides: Partial<Omit<LockDeps, 'vault'>> = {}, vault: KeyVault = fastVault()) {
  const keyring = new DataKeyring();
  const settings = createSettingsStore(uniqueDbName('settings'));
  const idle = manualIdleEnv();
  const flushed: string[] = [];
  const deps: LockDeps = {
    vault,
    keyring,
    settings,
    drafts: { flushAll: async () => void flushed.push('flushed') },
    idle: idle.env,
    newDataKey: randomDataKey,
    ...overrides,
  };
  return { lock: createLockModel(deps), vault, keyring, settings, idle, flushed, deps };
}
