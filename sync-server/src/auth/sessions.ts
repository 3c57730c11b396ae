/**
 * Session tokens: 32 random bytes, base64url, given to the device once; the server keeps only
 * their SHA-256. Sessions expire after SESSION_TTL_MS without use (sliding) and can be revoked.
 */
import { createHash, randomBytes } from 'node:crypto';

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** A session's expiry is pushed back at most this often (one write per hour, not per request). */
export const SESSION_EXTEND_EVERY_MS = 60 * 60 * 1000;

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
