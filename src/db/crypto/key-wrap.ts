/**
 * Wrapping the data key under the person's secret (LOCK2, docs/device-lock.md, ADR 0024).
 *
 * PBKDF2-SHA-256 turns the PIN or password and a random salt into an AES-GCM 256 key (not
 * extractable); that key seals the 32-byte data key. AES-GCM's tag makes a wrong secret fail to
 * open rather than give a wrong key, which is how a try is judged wrong.
 */
import { DATA_KEY_BYTES } from './data-keyring';

/**
 * LOCK2: PBKDF2 iterations, OWASP's 2023 figure for PBKDF2-HMAC-SHA256. About half a second on a
 * tablet: paid once per unlock, it makes each guess of a copied vault as dear.
 */
export const PBKDF2_ITERATIONS = 600_000;

export const SALT_BYTES = 16;
const IV_BYTES = 12;

export interface WrappedKey {
  salt: Uint8Array;
  iterations: number;
  iv: Uint8Array;
  /** AES-GCM ciphertext and tag of the data key. */
  sealed: Uint8Array;
}

function bytes(view: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(view);
}

async function deriveWrappingKey(secret: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: bytes(salt), iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export async function wrapDataKey(
  secret: string,
  dataKey: Uint8Array,
  iterations: number,
): Promise<WrappedKey> {
  if (dataKey.length !== DATA_KEY_BYTES) throw new Error(`A data key is ${DATA_KEY_BYTES} bytes`);
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const key = await deriveWrappingKey(secret, salt, iterations);
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, bytes(dataKey)));
  return { salt, iterations, iv, sealed };
}

/** The data key, or undefined when `secret` is not the one it was wrapped under. */
export async function unwrapDataKey(secret: string, wrapped: WrappedKey): Promise<Uint8Array | undefined> {
  const key = await deriveWrappingKey(secret, wrapped.salt, wrapped.iterations);
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bytes(wrapped.iv) },
      key,
      bytes(wrapped.sealed),
    );
    return new Uint8Array(plain);
  } catch {
    return undefined;
  }
}
