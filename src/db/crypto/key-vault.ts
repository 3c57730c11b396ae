/**
 * The key vault (issue 16, docs/device-lock.md LOCK1–LOCK7): per person on this device, what
 * unlocking needs and nothing more, in a small IndexedDB database of its own ('relais-keys'):
 * whose device it is (id, username, display name, to say so on the unlock screen), the method,
 * the data key wrapped under the PIN or password (key-wrap.ts), the wrong tries in a row and when
 * the next try is allowed. Persisted, so a reload neither resets the count nor skips the wait.
 * After MAX_WRONG_TRIES wrong tries the wrapped key is erased: the sealed rows stay, and only the
 * server's escrow copy (after an online sign-in) opens them again.
 */
import { createStore, del, get, keys, set, type UseStore } from 'idb-keyval';
import { pinProblem, type UnlockMethod } from '../../domain/security/unlock-secret';
import { MAX_WRONG_TRIES, triesLeft, unlockWaitMs } from '../../domain/security/unlock-wait';
import { PBKDF2_ITERATIONS, unwrapDataKey, type WrappedKey, wrapDataKey } from './key-wrap';

export type { UnlockMethod };

/** Whose device it is: shown on the unlock screen, so no other personal data. */
export interface VaultUser {
  id: string;
  username: string;
  displayName: string;
}

interface StoredEntry {
  user: VaultUser;
  method: UnlockMethod;
  /** null once erased after MAX_WRONG_TRIES (LOCK4). */
  wrapped: WrappedKey | null;
  wrongTries: number;
  /** Unix ms before which no try is judged (0: now). */
  nextTryAt: number;
  erasedAt: number | null;
  /** The data key has not reached the server's escrow yet (retried at each sync run). */
  escrowPending: boolean;
}

/** What the lock screens may know about an entry (no key material). */
export interface VaultStatus {
  user: VaultUser;
  method: UnlockMethod;
  erased: boolean;
  wrongTries: number;
  triesLeft: number;
  nextTryAt: number;
  escrowPending: boolean;
}

export type UnlockResult =
  | { kind: 'unlocked'; key: Uint8Array }
  | { kind: 'wrong'; triesLeft: number; nextTryAt: number }
  /** A try before the wait is over is not judged (and not counted). */
  | { kind: 'wait'; nextTryAt: number }
  | { kind: 'erased' }
  | { kind: 'no-entry' };

export interface KeyVaultOptions {
  /** The IndexedDB database name (tests give each their own). */
  databaseName?: string;
  /** PBKDF2 iterations for new wraps; tests pass fewer for speed. Default PBKDF2_ITERATIONS. */
  iterations?: number;
  now?: () => number;
}

const ENTRY_PREFIX = 'user:';
const LAST_USER_KEY = 'last-user';

export const KEY_VAULT_DATABASE = 'relais-keys';

export class KeyVault {
  readonly #store: UseStore;
  readonly #iterations: number;
  readonly #now: () => number;
  /** One operation at a time: a try's count is written before the next try reads it. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: KeyVaultOptions = {}) {
    this.#store = createStore(options.databaseName ?? KEY_VAULT_DATABASE, 'vault');
    this.#iterations = options.iterations ?? PBKDF2_ITERATIONS;
    this.#now = options.now ?? (() => Date.now());
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work, work);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  #read(userId: string): Promise<StoredEntry | undefined> {
    return get<StoredEntry>(ENTRY_PREFIX + userId, this.#store);
  }

  #write(entry: StoredEntry): Promise<void> {
    return set(ENTRY_PREFIX + entry.user.id, entry, this.#store);
  }

  /** The person who last set up or unlocked this device (the unlock screen's default). */
  lastUserId(): Promise<string | undefined> {
    return get<string>(LAST_USER_KEY, this.#store);
  }

  async status(userId: string): Promise<VaultStatus | undefined> {
    const entry = await this.#read(userId);
    if (entry === undefined) return undefined;
    return {
      user: entry.user,
      method: entry.method,
      erased: entry.wrapped === null,
      wrongTries: entry.wrongTries,
      triesLeft: triesLeft(entry.wrongTries),
      nextTryAt: entry.nextTryAt,
      escrowPending: entry.escrowPending,
    };
  }

  /**
   * Wraps `dataKey` under `secret` for `user` (a first setup, a setup after erasure, or a new
   * method); the tries start again. LOCK1: a PIN of fewer than 6 digits is refused.
   * `escrowed`: the server already holds this key (it came from recover(), or the secret changed
   * over the same key); otherwise it waits to be deposited.
   */
  setup(
    user: VaultUser,
    method: UnlockMethod,
    secret: string,
    dataKey: Uint8Array,
    escrowed = false,
  ): Promise<void> {
    if (method === 'pin' && pinProblem(secret) !== undefined) {
      return Promise.reject(new Error('A PIN is at least 6 digits'));
    }
    if (method === 'password' && secret === '') return Promise.reject(new Error('An empty password'));
    return this.#serial(async () => {
      const wrapped = await wrapDataKey(secret, dataKey, this.#iterations);
      await this.#write({
        user,
        method,
        wrapped,
        wrongTries: 0,
        nextTryAt: 0,
        erasedAt: null,
        escrowPending: !escrowed,
      });
      await set(LAST_USER_KEY, user.id, this.#store);
    });
  }

  /** Re-wraps the key held in memory (the app is unlocked) under a new method or secret. */
  changeSecret(userId: string, method: UnlockMethod, secret: string, dataKey: Uint8Array): Promise<void> {
    return this.#read(userId).then((entry) => {
      if (entry === undefined) throw new Error('No vault entry for this person');
      return this.setup(entry.user, method, secret, dataKey, !entry.escrowPending);
    });
  }

  /**
   * One try (LOCK3–LOCK5). The try is counted and the next wait written BEFORE the secret is
   * judged, so closing the page during the derivation does not give a free try; a right secret
   * then resets the count.
   */
  unlock(userId: string, secret: string): Promise<UnlockResult> {
    return this.#serial(async (): Promise<UnlockResult> => {
      const entry = await this.#read(userId);
      if (entry === undefined) return { kind: 'no-entry' };
      if (entry.wrapped === null) return { kind: 'erased' };
      const now = this.#now();
      if (now < entry.nextTryAt) return { kind: 'wait', nextTryAt: entry.nextTryAt };
      if (entry.wrongTries >= MAX_WRONG_TRIES) {
        await this.#write(erased(entry, now));
        return { kind: 'erased' };
      }
      const counted = entry.wrongTries + 1;
      const nextTryAt = now + unlockWaitMs(counted);
      await this.#write({ ...entry, wrongTries: counted, nextTryAt });
      const key = await unwrapDataKey(secret, entry.wrapped);
      if (key !== undefined) {
        await this.#write({ ...entry, wrongTries: 0, nextTryAt: 0 });
        await set(LAST_USER_KEY, userId, this.#store);
        return { kind: 'unlocked', key };
      }
      if (counted >= MAX_WRONG_TRIES) {
        await this.#write(erased({ ...entry, wrongTries: counted }, this.#now()));
        return { kind: 'erased' };
      }
      return { kind: 'wrong', triesLeft: triesLeft(counted), nextTryAt };
    });
  }

  /** Records whether the data key still has to reach the server's escrow. */
  setEscrowPending(userId: string, pending: boolean): Promise<void> {
    return this.#serial(async () => {
      const entry = await this.#read(userId);
      if (entry !== undefined && entry.escrowPending !== pending)
        await this.#write({ ...entry, escrowPending: pending });
    });
  }

  /** Forgets one person (sign-out with a wipe of the device store, a change of user). */
  eraseUser(userId: string): Promise<void> {
    return this.#serial(async () => {
      await del(ENTRY_PREFIX + userId, this.#store);
      if ((await this.lastUserId()) === userId) await del(LAST_USER_KEY, this.#store);
    });
  }

  /** Forgets everyone (a remote wipe of the device). */
  eraseAll(): Promise<void> {
    return this.#serial(async () => {
      for (const key of await keys(this.#store)) await del(key, this.#store);
    });
  }
}

function erased(entry: StoredEntry, now: number): StoredEntry {
  return { ...entry, wrapped: null, erasedAt: now, nextTryAt: 0 };
}
