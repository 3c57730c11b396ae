/**
 * Password hashing with scrypt from node:crypto. The stored string carries its parameters and
 * salt, so they can be raised later without invalidating existing hashes:
 * `scrypt$<N>$<r>$<p>$<salt base64url>$<hash base64url>`.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/**
 * OWASP's password storage cheat sheet lists N=2^17, r=8, p=1 as the scrypt minimum, or
 * equivalents trading memory for time; N=2^14, r=8, p=5 is one of them: 16 MiB and about 150 ms
 * per hash here, so a small server survives a burst of logins. Tests pass cheaper parameters.
 */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 14, r: 8, p: 5 };
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

function scrypt(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(
      password.normalize('NFC'),
      salt,
      KEY_LENGTH,
      { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await scrypt(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  );
}

/** Constant-time comparison of the derived keys; false for any malformed stored hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, saltText, keyText] = parts;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (!Object.values(params).every((v) => Number.isInteger(v) && v > 0)) return false;
  const expected = Buffer.from(keyText ?? '', 'base64url');
  const actual = await scrypt(password, Buffer.from(saltText ?? '', 'base64url'), params);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

const dummyHashes = new Map<string, Promise<string>>();

/**
 * Spends the same time as a real verification, for unknown user names, so response times do not
 * tell which names exist.
 */
export async function burnPasswordCheck(
  password: string,
  params: ScryptParams = DEFAULT_SCRYPT,
): Promise<void> {
  const key = `${params.N}$${params.r}$${params.p}`;
  let dummy = dummyHashes.get(key);
  if (dummy === undefined) {
    dummy = hashPassword('relais-dummy-password', params);
    dummyHashes.set(key, dummy);
  }
  await verifyPassword(password, await dummy);
}
