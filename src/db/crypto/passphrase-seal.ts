/**
 * Sealing under a passphrase the person types (ENC10): transfer files written for another device.
 * The sender chooses a passphrase of at least 8 characters and tells it to the recipient by
 * another way than the file; the recipient types it to import.
 *
 * PBKDF2-SHA-256 (600,000 iterations, a 16-byte random salt) derives an AES-256-GCM key, both
 * through WebCrypto: nothing here runs inside an IndexedDB transaction, so its promises are fine.
 *
 * Format (all of it authenticated: the header is the additional data):
 *   "RLXP" ‖ version 1 (1 byte) ‖ iterations (uint32, big-endian) ‖ salt (16) ‖ nonce (12) ‖ ciphertext ‖ tag (16)
 */

export const PASSPHRASE_MIN_LENGTH = 8;
export const PBKDF2_ITERATIONS = 600_000;
const MAGIC = [0x52, 0x4c, 0x58, 0x50]; // "RLXP"
const VERSION = 1;
const SALT_BYTES = 16;
const NONCE_BYTES = 12;
/** Above this a file is refused rather than keep the device busy for minutes. */
const MAX_ITERATIONS = 10_000_000;
const HEADER_BYTES = MAGIC.length + 1 + 4 + SALT_BYTES;

export class PassphraseTooShortError extends Error {
  constructor() {
    super(`A passphrase has at least ${PASSPHRASE_MIN_LENGTH} characters`);
    this.name = 'PassphraseTooShortError';
  }
}

/** The passphrase is not the one the file was sealed with (or the file was altered). */
export class WrongPassphraseError extends Error {
  constructor() {
    super('The passphrase does not open this file');
    this.name = 'WrongPassphraseError';
  }
}

/** Not passphrase-sealed bytes of a version this app reads. */
export class NotPassphraseSealedError extends Error {
  constructor() {
    super('These bytes are not sealed with a passphrase');
    this.name = 'NotPassphraseSealedError';
  }
}

export function isPassphraseSealed(bytes: Uint8Array): boolean {
  return bytes.length >= HEADER_BYTES && MAGIC.every((b, i) => bytes[i] === b);
}

async function deriveKey(
  passphrase: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(passphrase.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export async function sealWithPassphrase(passphrase: string, bytes: Uint8Array): Promise<Uint8Array> {
  const plain = new Uint8Array(bytes); // an ArrayBuffer-backed copy WebCrypto accepts
  if ([...passphrase].length < PASSPHRASE_MIN_LENGTH) throw new PassphraseTooShortError();
  const header = new Uint8Array(HEADER_BYTES);
  header.set(MAGIC, 0);
  header[MAGIC.length] = VERSION;
  new DataView(header.buffer).setUint32(MAGIC.length + 1, PBKDF2_ITERATIONS);
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  header.set(salt, MAGIC.length + 5);
  const nonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
  const key = await deriveKey(passphrase, salt, PBKDF2_ITERATIONS);
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce, additionalData: header }, key, plain),
  );
  const out = new Uint8Array(HEADER_BYTES + NONCE_BYTES + sealed.length);
  out.set(header, 0);
  out.set(nonce, HEADER_BYTES);
  out.set(sealed, HEADER_BYTES + NONCE_BYTES);
  return out;
}

export async function openWithPassphrase(passphrase: string, sealed: Uint8Array): Promise<Uint8Array> {
  if (!isPassphraseSealed(sealed) || sealed[MAGIC.length] !== VERSION) throw new NotPassphraseSealedError();
  const header = sealed.slice(0, HEADER_BYTES);
  const iterations = new DataView(header.buffer).getUint32(MAGIC.length + 1);
  // A file never asks for a weaker derivation than this app writes.
  if (iterations < PBKDF2_ITERATIONS || iterations > MAX_ITERATIONS) throw new NotPassphraseSealedError();
  const salt = header.slice(MAGIC.length + 5);
  const nonce = sealed.slice(HEADER_BYTES, HEADER_BYTES + NONCE_BYTES);
  const key = await deriveKey(passphrase, salt, iterations);
  try {
    return new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: nonce, additionalData: header },
        key,
        sealed.slice(HEADER_BYTES + NONCE_BYTES),
      ),
    );
  } catch {
    throw new WrongPassphraseError();
  }
}
