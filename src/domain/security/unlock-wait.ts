/**
 * The wait between unlock tries (LOCK3, LOCK4, docs/device-lock.md). A 6-digit PIN has a million
 * values; the wait doubles after each wrong try and the device erases its copy of the data key
 * after MAX_WRONG_TRIES, so a finder of the tablet gets 10 guesses, not a million.
 */

/** LOCK3: the wait after the first wrong try; then 2 s, 4 s, 8 s… (doubling). */
export const UNLOCK_WAIT_BASE_MS = 1_000;

/** LOCK4: after this many wrong tries in a row the device's wrapped data key is erased. */
export const MAX_WRONG_TRIES = 10;

/** The wait after the `wrongTries`-th wrong try in a row (0 before any). */
export function unlockWaitMs(wrongTries: number): number {
  if (wrongTries <= 0) return 0;
  return UNLOCK_WAIT_BASE_MS * 2 ** (wrongTries - 1);
}

/** Tries left before the erasure. */
export function triesLeft(wrongTries: number): number {
  return Math.max(0, MAX_WRONG_TRIES - wrongTries);
}
