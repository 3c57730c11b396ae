/**
 * The fingerprint of a match profile (DUP2): a stable hash of the compared fields, the same
 * whatever order people, phones or references were listed in, so a "not a duplicate" decision
 * stays until a compared field really changes.
 */
import { normaliseName } from '../dossier/normalise';
import type { MatchProfile } from './profile';

/** FNV-1a, 32 bits, over UTF-16 code units (Fowler–Noll–Vo; offset basis and prime of the spec). */
function fnv1a(text: string, basis: number): number {
  let hash = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** The compared fields in one canonical text: normalised, each list sorted. */
export function canonicalProfile(profile: MatchProfile): string {
  const people = profile.adults
    .map(
      (p) =>
        [p.firstName, p.lastName, p.birthName].map((n) => normaliseName(n ?? '')).join('/') +
        `/${p.birthDate ?? ''}`,
    )
    .sort();
  return JSON.stringify([
    people,
    [...profile.phones].sort(),
    [...profile.emails].sort(),
    profile.postcode ?? '',
    profile.street ?? '',
    [...profile.creditorRefs].sort(),
  ]);
}

/**
 * 16 hex digits: two FNV-1a hashes of the canonical profile (the standard offset basis and a
 * second one), enough that two different profiles of one pair practically never collide.
 * @example profileFingerprint(profile) // '9f1c0a3b52e4d7aa'
 */
export function profileFingerprint(profile: MatchProfile): string {
  const text = canonicalProfile(profile);
  const h1 = fnv1a(text, 0x811c9dc5);
  const h2 = fnv1a(text, 0x01000193 ^ h1);
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}
