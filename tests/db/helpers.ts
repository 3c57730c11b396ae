import { RelaisDb } from '../../src/db/app-db';
import { DossierRepository, type NewHousehold, type RepositoryOptions } from '../../src/db/repository';
import type { FieldsOf } from '../../src/domain/dossier/rows';
import { mulberry32 } from '../../src/domain/seeded-random';

let dbCounter = 0;

/** A fresh database name per test (fake-indexeddb keeps databases for the whole file). */
export function uniqueDbName(prefix = 'relais-test'): string {
  dbCounter += 1;
  return `${prefix}-${dbCounter}-${Math.random().toString(36).slice(2)}`;
}

/** A clock that advances by `step` ms on each read, from a fixed start. */
export function steppingClock(start = Date.UTC(2026, 2, 2, 9, 0, 0), step = 1000): () => number {
  let t = start - step;
  return () => {
    t += step;
    return t;
  };
}

/** Deterministic pseudo-random bytes (mulberry32: the low byte of each 32-bit output). */
export function seededBytes(seed = 42): (n: number) => Uint8Array {
  const next = mulberry32(seed);
  return (n) => Uint8Array.from({ length: n }, () => Math.floor(next() * 4_294_967_296) & 0xff);
}

export function openTestRepository(options: RepositoryOptions & { name?: string; seed?: number } = {}): {
  db: RelaisDb;
  repo: DossierRepository;
} {
  const db = new RelaisDb(options.name ?? uniqueDbName());
  const repo = new DossierRepository(db, {
    now: steppingClock(),
    randomBytes: seededBytes(options.seed ?? 42),
    currentUserId: () => 'user-1',
    appVersion: '0.1.0-test',
    ...options,
  });
  return { db, repo };
}

export const householdFields: NewHousehold = {
  territory: 'metropole',
  departement: '69',
  housingStatus: 'tenant',
  track: 'mediation',
  status: 'active',
  welcomePointId: 'wp-lyon',
  reference: 'RL-2026-0042',
  referralSource: 'social_worker',
  phone: '06 12 34 56 78',
  openedOn: '2026-03-02',
};

export const applicant: FieldsOf<'member'> = {
  role: 'applicant',
  firstName: 'Zoé',
  lastName: 'Martin',
  birthDate: '1980-02-01',
};

export const rentCharge: FieldsOf<'charge'> = {
  type: 'rent',
  amountCents: 65_000,
  frequency: 'monthly',
  mode: 'real',
};
