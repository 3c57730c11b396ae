/**
 * The server's copy of a device's data key (issue 16, ADR 0024): the device deposits its data key
 * once it has one; the server keeps it wrapped under its own secret, per (user, device). A person
 * who forgot their PIN, or whose device erased its own copy after 10 wrong tries, signs in online
 * and the server gives the key back, unless an admin marked the device lost.
 *
 * Implemented by the sync layer over `PUT /api/auth/device-key` and `GET /api/auth/device-key`
 * (src/sync/device-key-api.ts); used by the lock model (src/state/lock/).
 */
export interface KeyEscrow {
  /** Sends the data key to the server (online only); rejects when the server cannot be reached. */
  deposit(key: Uint8Array): Promise<void>;
  /**
   * The data key the server holds for this user and device, or undefined when it holds none
   * (never deposited, or erased by a remote wipe). Rejects when the server cannot be reached.
   */
  recover(): Promise<Uint8Array | undefined>;
}
