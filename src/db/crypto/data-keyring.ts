/**
 * The device's data key while the person is signed in and the app unlocked (issue 16, ADR 0024).
 *
 * Every personal or financial value the device stores is sealed under this key (AES-256-GCM,
 * src/db/crypto/row-cipher.ts). The key itself is never stored in clear: the key vault keeps it
 * wrapped under the person's PIN or password (src/db/crypto/key-vault.ts) and the server keeps an
 * escrow copy (KeyEscrow). The keyring holds it in memory between unlock and lock; `clear()`
 * zero-fills it, so a locked page holds nothing that opens the rows.
 *
 * One keyring is shared by every connection to one device database (the strict and the pull
 * connection: `RelaisDb` options). Tests that build a database without one get a keyring with a
 * fresh random key, so every suite runs on encrypted rows.
 */

import { GcmKey } from './gcm-key';

/** A read or write of sealed data while the app is locked. */
export class DeviceLockedError extends Error {
  constructor() {
    super('The device is locked: its data key is not in memory');
    this.name = 'DeviceLockedError';
  }
}

/** AES-256: 32 random bytes. */
export const DATA_KEY_BYTES = 32;

export function randomDataKey(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(DATA_KEY_BYTES));
}

export class DataKeyring {
  private held: Uint8Array | undefined;
  /** The key expanded for AES-GCM, built at first use and wiped with the key (ADR 0027). */
  private expanded: GcmKey | undefined;
  private readonly listeners = new Set<(unlocked: boolean) => void>();

  constructor(key?: Uint8Array) {
    if (key !== undefined) this.set(key);
  }

  get unlocked(): boolean {
    return this.held !== undefined;
  }

  /** The key; throws DeviceLockedError when locked. */
  key(): Uint8Array {
    if (this.held === undefined) throw new DeviceLockedError();
    return this.held;
  }

  /**
   * The key ready to seal and open (AES key schedule, GHASH table), expanded once per key rather
   * than once per row; throws DeviceLockedError when locked.
   */
  cipher(): GcmKey {
    const key = this.key();
    this.expanded ??= new GcmKey(key);
    return this.expanded;
  }

  /** Holds a copy of `key` (the caller may zero its own). */
  set(key: Uint8Array): void {
    if (key.length !== DATA_KEY_BYTES) throw new Error(`A data key is ${DATA_KEY_BYTES} bytes`);
    this.forget();
    this.held = new Uint8Array(key);
    this.emit();
  }

  /** Zero-fills and forgets the key and what was derived from it (lock, sign-out, wipe). */
  clear(): void {
    if (this.held === undefined) return;
    this.forget();
    this.emit();
  }

  private forget(): void {
    this.held?.fill(0);
    this.held = undefined;
    this.expanded?.wipe();
    this.expanded = undefined;
  }

  subscribe(listener: (unlocked: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const listener of this.listeners) listener(this.unlocked);
  }
}
