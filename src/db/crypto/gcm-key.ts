/**
 * AES-256-GCM under one key whose per-key work is done ONCE (issue 17, ADR 0027): the AES key
 * schedule, the hash key H = E_K(0¹²⁸) and GHASH's multiplication table.
 *
 * `gcm(key, nonce, aad)` of @noble/ciphers redoes all three for every message: for the short
 * JSON of one row (a few hundred bytes) that per-key work cost several times the encryption
 * itself, and an initial pull seals tens of thousands of rows (docs/performance.md, "The
 * initial pull"). The per-message steps below are the library's own, in its order (its
 * `aesgcm`: J0 = nonce ‖ 0³¹1, the tag mask E_K(J0), CTR from inc32(J0), GHASH over the
 * additional data, the ciphertext and their lengths); only the key-derived state is kept.
 * Output and input are byte for byte what `gcm()` and WebCrypto's AES-GCM write and read
 * (tests/db/crypto/gcm-key.test.ts compares all three).
 *
 * `wipe()` zero-fills the key schedule, H and the table: the keyring calls it when it forgets
 * the key (ENC8), so a locked page holds nothing derived from the key either.
 */
import { GHASH } from '@noble/ciphers/_polyval.js';
import { unsafe } from '@noble/ciphers/aes.js';
import { equalBytes, u64Lengths } from '@noble/ciphers/utils.js';

export const GCM_NONCE_BYTES = 12;
export const GCM_TAG_BYTES = 16;
const BLOCK = 16;
/** A length hint past 64 KiB makes GHASH build its 8-bit table: built once, fastest per block. */
const LARGE_TABLE_HINT = 64 * 1024 + 1;
/** Nonces drawn from crypto.getRandomValues this many at a time (one call per row was measurable). */
const NONCES_PER_DRAW = 256;

/** Fresh random nonces, each used once: drawn in batches, handed out in order, never reused. */
class NoncePool {
  private bytes = new Uint8Array(0);
  private next = 0;

  take(into: Uint8Array): void {
    if (this.next + GCM_NONCE_BYTES > this.bytes.length) {
      this.bytes = crypto.getRandomValues(new Uint8Array(GCM_NONCE_BYTES * NONCES_PER_DRAW));
      this.next = 0;
    }
    into.set(this.bytes.subarray(this.next, this.next + GCM_NONCE_BYTES));
    // Zeroed once handed out, so no nonce is ever given twice.
    this.bytes.fill(0, this.next, this.next + GCM_NONCE_BYTES);
    this.next += GCM_NONCE_BYTES;
  }
}

const nonces = new NoncePool();

/** GHASH with a table built once per key, restarted for each message instead of rebuilt. */
class ReusableGhash extends GHASH {
  restart(): this {
    this.s0 = 0;
    this.s1 = 0;
    this.s2 = 0;
    this.s3 = 0;
    this.finished = false;
    return this;
  }
}

/** The tag could not be verified: wrong key, altered bytes or other additional data. */
export class GcmTagError extends Error {
  constructor() {
    super('aes-gcm: invalid tag');
    this.name = 'GcmTagError';
  }
}

export class GcmKey {
  private readonly xk: Uint32Array;
  private readonly hashKey: Uint8Array;
  private readonly ghash: ReusableGhash;
  private wiped = false;

  constructor(key: Uint8Array) {
    if (key.length !== 32) throw new Error('An AES-256 key is 32 bytes');
    this.xk = unsafe.expandKeyLE(key);
    this.hashKey = unsafe.encryptBlock(this.xk, new Uint8Array(BLOCK));
    this.ghash = new ReusableGhash(this.hashKey, LARGE_TABLE_HINT);
  }

  /** `nonce ‖ ciphertext ‖ tag` of `plain`, with a fresh random 96-bit nonce. */
  seal(plain: Uint8Array, aad?: Uint8Array): Uint8Array {
    this.assertLive();
    const out = new Uint8Array(GCM_NONCE_BYTES + plain.length + GCM_TAG_BYTES);
    const nonce = out.subarray(0, GCM_NONCE_BYTES);
    nonces.take(nonce);
    const counter = this.firstCounter(nonce);
    const tagMask = unsafe.ctr32(this.xk, false, counter, new Uint8Array(BLOCK));
    const body = out.subarray(GCM_NONCE_BYTES, GCM_NONCE_BYTES + plain.length);
    // ctr32 reads and writes 32-bit words: the plaintext must start on a 4-byte boundary (the
    // ciphertext does: offset 12 of a fresh buffer).
    unsafe.ctr32(this.xk, false, counter, aligned(plain), body);
    out.set(this.tag(tagMask, body, aad), GCM_NONCE_BYTES + plain.length);
    return out;
  }

  /** The plaintext of `nonce ‖ ciphertext ‖ tag`; GcmTagError when the tag does not verify. */
  open(sealed: Uint8Array, aad?: Uint8Array): Uint8Array {
    this.assertLive();
    if (sealed.length < GCM_NONCE_BYTES + GCM_TAG_BYTES) throw new GcmTagError();
    const counter = this.firstCounter(sealed.subarray(0, GCM_NONCE_BYTES));
    const tagMask = unsafe.ctr32(this.xk, false, counter, new Uint8Array(BLOCK));
    const body = aligned(sealed.subarray(GCM_NONCE_BYTES, sealed.length - GCM_TAG_BYTES));
    // The tag is checked before any plaintext is produced, as the library does.
    if (!equalBytes(this.tag(tagMask, body, aad), sealed.subarray(sealed.length - GCM_TAG_BYTES))) {
      throw new GcmTagError();
    }
    return unsafe.ctr32(this.xk, false, counter, body);
  }

  /** Zero-fills every value derived from the key; the instance refuses any further use. */
  wipe(): void {
    if (this.wiped) return;
    this.wiped = true;
    this.xk.fill(0);
    this.hashKey.fill(0);
    this.ghash.destroy();
  }

  private assertLive(): void {
    if (this.wiped) throw new Error('This AES-GCM key was wiped');
  }

  /** J0 = nonce ‖ 0³¹ ‖ 1 for a 96-bit nonce (NIST SP 800-38D). */
  private firstCounter(nonce: Uint8Array): Uint8Array {
    const counter = new Uint8Array(BLOCK);
    counter.set(nonce);
    counter[BLOCK - 1] = 1;
    return counter;
  }

  /** GHASH_H(aad, ciphertext, lengths) XOR E_K(J0). */
  private tag(tagMask: Uint8Array, ciphertext: Uint8Array, aad?: Uint8Array): Uint8Array {
    const aadLength = aad?.length ?? 0;
    const hash = this.ghash.restart();
    if (aad !== undefined) hash.update(aad);
    hash.update(ciphertext);
    hash.update(u64Lengths(8 * ciphertext.length, 8 * aadLength, false));
    const tag = new Uint8Array(BLOCK);
    hash.digestInto(tag);
    for (let i = 0; i < BLOCK; i += 1) tag[i] = (tag[i] as number) ^ (tagMask[i] as number);
    return tag;
  }
}

/** `bytes`, or a copy of them starting on a 4-byte boundary. */
function aligned(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
}
