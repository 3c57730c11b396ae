/**
 * UUIDv7 identifiers (RFC 9562): 48 bits of Unix milliseconds, then random bits. Every row and
 * every outbox mutation gets one on the device, so two offline devices never collide and ids
 * sort by creation time. The clock and the randomness are arguments: this module never reads
 * `Date.now()` or `crypto`; the app passes them in (src/db does).
 */
import { z } from 'zod';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UUID_V7_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Any lower-case UUID. */
export const UuidSchema = z.string().regex(UUID_PATTERN, 'expected a UUID');
/** A lower-case UUID of version 7. */
export const UuidV7Schema = z.string().regex(UUID_V7_PATTERN, 'expected a UUIDv7');

const MAX_TIME_MS = 2 ** 48 - 1;

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return `${out.slice(0, 8)}-${out.slice(8, 12)}-${out.slice(12, 16)}-${out.slice(16, 20)}-${out.slice(20)}`;
}

/**
 * Builds a UUIDv7 from a time and random bits.
 * @param timeMs - Unix time in milliseconds (integer, 0 ≤ t < 2^48)
 * @param randA - the 12-bit "rand_a" field (0..4095): random, or a counter for monotonic ids
 * @param randB - at least 8 random bytes (the first 62 bits are used)
 * @example uuidv7(0x017f22e279b0, 0xcc3, new Uint8Array(8)) // '017f22e2-79b0-7cc3-8000-000000000000'
 */
export function uuidv7(timeMs: number, randA: number, randB: Uint8Array): string {
  if (!Number.isInteger(timeMs) || timeMs < 0 || timeMs > MAX_TIME_MS) {
    throw new RangeError(`timeMs must be an integer in [0, 2^48), got ${timeMs}`);
  }
  if (!Number.isInteger(randA) || randA < 0 || randA > 0xfff) throw new RangeError('randA must be 12 bits');
  if (randB.length < 8) throw new RangeError('randB needs at least 8 bytes');
  const bytes = new Uint8Array(16);
  let t = timeMs;
  for (let i = 5; i >= 0; i -= 1) {
    bytes[i] = t % 256;
    t = Math.floor(t / 256);
  }
  bytes[6] = 0x70 | (randA >> 8);
  bytes[7] = randA & 0xff;
  bytes[8] = 0x80 | ((randB[0] ?? 0) & 0x3f);
  for (let i = 1; i < 8; i += 1) bytes[8 + i] = randB[i] ?? 0;
  return hex(bytes);
}

/**
 * The millisecond timestamp a UUIDv7 carries.
 * @example uuidV7Time('017f22e2-79b0-7cc3-8000-000000000000') // 1645557742000
 */
export function uuidV7Time(id: string): number {
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

/** Where a generator gets its time and randomness (the app passes Date.now and crypto). */
export interface UuidV7Source {
  /** Unix time in milliseconds. */
  now(): number;
  /** `length` random bytes. */
  randomBytes(length: number): Uint8Array;
}

/**
 * A generator of UUIDv7 that are strictly increasing for this generator, even within one
 * millisecond or when the clock steps back (RFC 9562 §6.2 method 1: rand_a is a counter seeded
 * at random each new millisecond; on overflow the timestamp is advanced by one).
 * @example const newId = createUuidV7Generator({ now: Date.now, randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)) });
 */
export function createUuidV7Generator(source: UuidV7Source): () => string {
  let lastTime = -1;
  let counter = 0;
  return () => {
    const now = Math.floor(source.now());
    if (now > lastTime) {
      lastTime = now;
      const seed = source.randomBytes(2);
      // Top bit clear so the counter has room to grow within the millisecond.
      counter = (((seed[0] ?? 0) << 8) | (seed[1] ?? 0)) & 0x7ff;
    } else {
      counter += 1;
      if (counter > 0xfff) {
        lastTime += 1;
        counter = 0;
      }
    }
    return uuidv7(lastTime, counter, source.randomBytes(8));
  };
}
