/**
 * Helpers of the duplicate detection suites (docs/merges.md DUP1–DUP4): families pushed by
 * simulated devices, the coordinators' queue read over HTTP, and the detection tables read
 * straight from the store (to compare incremental detection with a rescan).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { DuplicateCandidate } from '../../../src/domain/sync/coordination-protocol';
import type { RelaisStore } from '../../../sync-server/src/stores/store';
import { type Account, bearer, type Device } from '../sync/harness';

export interface Person {
  role?: string;
  firstName?: string;
  lastName?: string;
  birthName?: string;
  birthDate: string;
}

export interface Family {
  householdId: string;
  memberIds: string[];
}

/** A household with its people (and optionally a phone) pushed by `device` in one push. */
export async function pushFamily(
  device: Device,
  options: { welcomePointId?: string; people: Person[]; phone?: string; id?: ReturnType<typeof randomUUID> },
): Promise<Family> {
  const household = device.createHousehold(options.welcomePointId, options.id ?? randomUUID());
  if (options.phone !== undefined) (household.patch as Record<string, unknown>).phone = options.phone;
  const members = options.people.map((person, index) =>
    device.create('member', household.entityId, {
      role: index === 0 ? 'applicant' : 'co_applicant',
      ...person,
    }),
  );
  const response = await device.push([household, ...members]);
  expect(response.results.map((r) => r.status)).toEqual([household, ...members].map(() => 'applied'));
  return { householdId: household.entityId, memberIds: members.map((m) => m.entityId) };
}

/** Waits until the drain every push asked for has run (the push answers before it). */
export async function detected(app: FastifyInstance): Promise<void> {
  await app.duplicates.idle();
}

export async function listQueue(
  app: FastifyInstance,
  account: Account,
  query = '',
): Promise<{ status: number; candidates: DuplicateCandidate[] }> {
  const response = await app.inject({
    method: 'GET',
    url: `/api/coordination/duplicates${query}`,
    headers: bearer(account.token),
  });
  const body = response.json() as { candidates?: DuplicateCandidate[] };
  return { status: response.statusCode, candidates: body.candidates ?? [] };
}

export async function post(
  app: FastifyInstance,
  account: Account,
  path: string,
  payload?: Record<string, unknown>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await app.inject({
    method: 'POST',
    url: `/api/coordination/duplicates${path}`,
    headers: bearer(account.token),
    ...(payload === undefined ? {} : { payload }),
  });
  return { status: response.statusCode, body: response.json() as Record<string, unknown> };
}

/** The two ids of a listed pair, sorted. */
export function pairIds(candidate: DuplicateCandidate): string[] {
  return [candidate.householdA.id, candidate.householdB.id].sort();
}

/** Everything detection stored, in a stable order, without the times rows were written. */
export async function detectionTables(store: RelaisStore): Promise<{
  profiles: unknown[];
  keys: unknown[];
  pairs: unknown[];
}> {
  return store.transaction(async (tx) => ({
    profiles: await tx.sql.all(
      'SELECT household_id, profile, fingerprint FROM match_profiles ORDER BY household_id',
    ),
    keys: await tx.sql.all('SELECT key, household_id FROM match_keys ORDER BY key, household_id'),
    pairs: (
      await tx.sql.all<Record<string, unknown>>(
        `SELECT household_a, household_b, score, reasons, status, fingerprint_a, fingerprint_b,
         decided_by, decided_at, decision_reason FROM duplicate_candidates ORDER BY household_a, household_b`,
      )
    ).map((row) => ({ ...row, score: Number(row.score), reasons: JSON.parse(String(row.reasons)) })),
  }));
}

/** DUP4 without the merge command: the household is marked merged into `survivorId`. */
export async function markMerged(store: RelaisStore, householdId: string, survivorId: string): Promise<void> {
  await store.transaction((tx) =>
    tx.sql.run('UPDATE households SET merged_into = $2 WHERE id = $1', [householdId, survivorId]),
  );
}
