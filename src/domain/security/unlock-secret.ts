/**
 * What unlocks the device (issue 16, docs/device-lock.md): a PIN the person chooses, or their
 * account password. Pure rules shared by the setup screen (to say what is wrong next to the field)
 * and the key vault (which refuses a weak PIN whoever calls it).
 */

export type UnlockMethod = 'pin' | 'password';

/** LOCK1: a PIN is at least 6 digits, digits only (10^6 guesses, with a doubling wait and 10 tries). */
export const PIN_MIN_DIGITS = 6;

export type PinProblem = 'empty' | 'not-digits' | 'too-short';

/** Why a PIN is refused, or undefined when it is acceptable. */
export function pinProblem(pin: string): PinProblem | undefined {
  if (pin === '') return 'empty';
  if (!/^[0-9]+$/.test(pin)) return 'not-digits';
  if (pin.length < PIN_MIN_DIGITS) return 'too-short';
  return undefined;
}

/** Whether `secret` may serve for `method` (a password only needs to be non-empty here: the server checked it). */
export function secretAcceptable(method: UnlockMethod, secret: string): boolean {
  return method === 'pin' ? pinProblem(secret) === undefined : secret !== '';
}
