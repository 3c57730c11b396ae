/**
 * The coordinators' duplicate queue and the intake's online check (docs/merges.md DUP1–DUP4).
 * Schemas: src/domain/sync/coordination-protocol.ts.
 *
 * - `GET /coordination/duplicates`: open (or set aside) pairs, highest score first, optionally of
 *   one welcome point; merged households never appear (DUP4). Coordinators and admins.
 * - `POST /coordination/duplicates/not-duplicate`: sets a pair aside until a compared field of
 *   either household changes (DUP2). Coordinators and admins.
 * - `POST /coordination/duplicates/check`: the intake's probe against the caller's scope (DUP3).
 *   Every signed-in person.
 * - `POST /coordination/duplicates/rescan`: rebuilds detection from sync_rows (DUP1c). Admins.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  type DuplicateCandidate,
  DuplicateCandidateSchema,
  DuplicateCheckRequestSchema,
  DuplicateCheckResponseSchema,
  DuplicateListQuerySchema,
  DuplicateListSchema,
  DuplicateRescanReportSchema,
  type MatchReason,
  NotDuplicateRequestSchema,
} from '../../../src/domain/sync/coordination-protocol';
import { checkProbe } from '../duplicates/check';
import { dayOf } from '../duplicates/detect';
import { householdLabel } from '../duplicates/labels';
import { orderedPair } from '../duplicates/pair-decision';
import { rescanDuplicates } from '../duplicates/rescan';
import { HttpError, notFound } from '../http-errors';
import { authOf, requireAuth } from '../plugins/auth';
import type { DuplicatePairRecord, StoreTx } from '../stores/store-tx';

/** The pairs as the queue shows them: each household named, with its welcome point's name. */
async function toCandidates(
  tx: StoreTx,
  pairs: readonly DuplicatePairRecord[],
  now: number,
): Promise<DuplicateCandidate[]> {
  const on = dayOf(now);
  const ids = pairs.flatMap((p) => [p.householdA, p.householdB]);
  const sources = new Map(
    (await tx.matchSources(ids, ['household', 'member'])).map((s) => [s.householdId, s]),
  );
  const welcomePoints = new Map((await tx.listWelcomePoints()).map((wp) => [wp.id, wp.name]));
  const side = (id: string) => {
    const source = sources.get(id);
    const named =
      source === undefined
        ? { reference: null, label: '', welcomePointId: null }
        : householdLabel(source, on);
    return {
      id,
      reference: named.reference,
      label: named.label,
      welcomePointId: named.welcomePointId,
      welcomePointName:
        named.welcomePointId === null ? null : (welcomePoints.get(named.welcomePointId) ?? null),
    };
  };
  return pairs.map((pair) => ({
    householdA: side(pair.householdA),
    householdB: side(pair.householdB),
    score: pair.score,
    reasons: pair.reasons as MatchReason[],
    // 'below' pairs are never listed (the queue asks for open or not_duplicate).
    status: pair.status === 'not_duplicate' ? 'not_duplicate' : 'open',
    updatedAt: pair.updatedAt,
    decidedBy: pair.decidedBy,
    decidedAt: pair.decidedAt,
  }));
}

export async function duplicateRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const coordinators = requireAuth(app, ['coordinator', 'admin']);

  api.get(
    '/coordination/duplicates',
    {
      onRequest: coordinators,
      schema: { querystring: DuplicateListQuerySchema, response: { 200: DuplicateListSchema } },
    },
    async (request) => {
      const { status, welcomePointId, limit } = request.query;
      const candidates = await app.store.transaction(async (tx) => {
        const pairs = await tx.listDuplicatePairs({
          status,
          limit,
          ...(welcomePointId === undefined ? {} : { welcomePointId }),
        });
        return toCandidates(tx, pairs, app.now());
      });
      return { candidates };
    },
  );

  api.post(
    '/coordination/duplicates/not-duplicate',
    {
      onRequest: coordinators,
      schema: { body: NotDuplicateRequestSchema, response: { 200: DuplicateCandidateSchema } },
    },
    async (request) => {
      const { user } = authOf(request);
      const { householdA, householdB, reason } = request.body;
      if (householdA === householdB) throw new HttpError(400, 'A household is not compared with itself');
      const [a, b] = orderedPair(householdA, householdB);
      const now = app.now();
      const [candidate] = await app.store.transaction(async (tx) => {
        const pair = await tx.getDuplicatePair(a, b);
        if (pair === undefined) throw notFound('No candidate pair of these two households');
        // Idempotent: a pair already set aside keeps its first decider and time.
        const decided: DuplicatePairRecord =
          pair.status === 'not_duplicate'
            ? pair
            : {
                ...pair,
                status: 'not_duplicate',
                decidedBy: user.id,
                decidedAt: now,
                decisionReason: reason ?? null,
                updatedAt: now,
              };
        // DUP2: the decision holds for the fingerprints the pair was scored on, which it keeps.
        if (decided !== pair) await tx.upsertDuplicatePair(decided);
        return toCandidates(tx, [decided], now);
      });
      return candidate as DuplicateCandidate;
    },
  );

  api.post(
    '/coordination/duplicates/check',
    {
      onRequest: requireAuth(app),
      schema: { body: DuplicateCheckRequestSchema, response: { 200: DuplicateCheckResponseSchema } },
    },
    async (request) => {
      const { scope } = authOf(request);
      const { probe, excludeHouseholdId } = request.body;
      const matches = await app.store.transaction((tx) =>
        checkProbe(tx, probe, {
          scope,
          now: app.now(),
          ...(excludeHouseholdId === undefined ? {} : { excludeHouseholdId }),
        }),
      );
      return { matches };
    },
  );

  api.post(
    '/coordination/duplicates/rescan',
    { onRequest: requireAuth(app, ['admin']), schema: { response: { 200: DuplicateRescanReportSchema } } },
    async () => app.duplicates.exclusive(() => rescanDuplicates(app.store, { now: app.now })),
  );
}
