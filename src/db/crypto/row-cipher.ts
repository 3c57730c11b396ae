/**
 * Sealing of one value under the data key (ENC3, ADR 0024): AES-256-GCM, a fresh 96-bit random
 * nonce per seal, the output `nonce ‖ ciphertext ‖ tag` as WebCrypto's AES-GCM writes and reads it.
 *
 * It is SYNCHRONOUS on purpose (@noble/ciphers, not WebCrypto): the repository reads, changes
 * and writes rows inside IndexedDB transactions, and a transaction commits as soon as its task
 * awaits anything but IndexedDB (Dexie issue #374). WebCrypto's promises would end it mid-write.
 *
 * Values go through JSON (the rows, outbox entries and drafts are JSON data: the domain's zod
 * schemas, ENC4). A Uint8Array is kept as tagged base64 so that it comes back as bytes; any other
 * non-plain object (Blob, ArrayBuffer, Date, Map) is refused rather than silently changed.
 */
import { gcm } from '@noble/ciphers/aes.js';
import { DATA_KEY_BYTES } from './data-keyring';
import { GcmKey, GcmTagError } from './gcm-key';

export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;

/** The sealed bytes were changed, cut, or sealed under another key or for another place. */
export class SealedDataError extends Error {
  constructor(cause?: unknown) {
    super('Sealed data cannot be opened: wrong key or altered bytes', { cause });
    this.name = 'SealedDataError';
  }
}

const BYTES_TAG = '$relaisBytes';
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

function replacer(this: unknown, key: string, value: unknown): unknown {
  // The holder's own value, before any toJSON (a Date would already be a string here).
  const raw = (this as Record<string, unknown>)[key];
  if (raw instanceof Date) throw new TypeError('A sealed value holds a Date');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  if (value instanceof Uint8Array) return { [BYTES_TAG]: toBase64(value) };
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    throw new TypeError(`A sealed value holds a ${value.constructor?.name ?? 'non-plain object'}`);
  }
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const tagged = (value as Record<string, unknown>)[BYTES_TAG];
    if (typeof tagged === 'string' && Object.keys(value).length === 1) return fromBase64(tagged);
  }
  return value;
}

/**
 * The data key as bytes (each call expands it: fine for one value), or as a GcmKey expanded once
 * (`DataKeyring.cipher()`: what the rows go through, ADR 0027). Both seal the same format.
 */
export type SealingKey = Uint8Array | GcmKey;

function checkKey(key: Uint8Array): void {
  if (key.length !== DATA_KEY_BYTES) throw new Error(`A data key is ${DATA_KEY_BYTES} bytes`);
}

/** AES-256-GCM over bytes; `context` (optional) is bound as additional authenticated data. */
export function sealBytes(key: SealingKey, plain: Uint8Array, context?: Uint8Array): Uint8Array {
  if (key instanceof GcmKey) return key.seal(plain, context);
  checkKey(key);
  const nonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
  const sealed = gcm(key, nonce, context).encrypt(plain);
  const out = new Uint8Array(NONCE_BYTES + sealed.length);
  out.set(nonce, 0);
  out.set(sealed, NONCE_BYTES);
  return out;
}

/** Opens what sealBytes (or WebCrypto AES-GCM with a 12-byte iv) sealed; SealedDataError if not. */
export function openBytes(key: SealingKey, sealed: Uint8Array, context?: Uint8Array): Uint8Array {
  if (!(key instanceof GcmKey)) checkKey(key);
  if (!(sealed instanceof Uint8Array) || sealed.length < NONCE_BYTES + TAG_BYTES) throw new SealedDataError();
  if (key instanceof GcmKey) {
    try {
      return key.open(sealed, context);
    } catch (cause) {
      if (cause instanceof GcmTagError) throw new SealedDataError(cause);
      throw cause;
    }
  }
  try {
    return gcm(key, sealed.subarray(0, NONCE_BYTES), context).decrypt(sealed.subarray(NONCE_BYTES));
  } catch (cause) {
    throw new SealedDataError(cause);
  }
}

/** A JSON value sealed under `key`; `context` (e.g. the table and row key) must match at opening. */
export function sealJson(key: SealingKey, value: unknown, context?: string): Uint8Array {
  const text = JSON.stringify(value, replacer);
  if (text === undefined) throw new TypeError('Only JSON values can be sealed');
  return sealBytes(key, encoder.encode(text), context === undefined ? undefined : encoder.encode(context));
}

export function openJson(key: SealingKey, sealed: Uint8Array, context?: string): unknown {
  const plain = openBytes(key, sealed, context === undefined ? undefined : encoder.encode(context));
  return JSON.parse(decoder.decode(plain), reviver);
}
