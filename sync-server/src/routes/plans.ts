/**
 * Plan monitoring (docs/reports-and-plans.md PLAN5, PLAN7). Schemas: src/domain/plans/plan-monitoring.ts.
 *
 * - `GET /plans/thresholds`: the association's thresholds, which every device reads at each sync
 *   run (the defaults until an admin sets them). Every signed-in person.
 * - `GET /admin/plan-thresholds`, `PUT /admin/plan-thresholds`: admins read and set them; a change
 *   marks every plan state for recomputation today and runs the recheck (PLAN5).
 * - `GET /plans/worklist?status=…&welcomePoint=…&limit&after`: the coordinators' lists, ordered by
 *   next due date (none last) then plan, a page at a time, with the counts of each list over the
 *   same welcome points. Coordinators and admins, within their scope (sync/scope.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EntityIdSchema } from '../../../src/domain/household/ids';
import type { PlanKind } from '../../../src/domain/plans/plan';
import {
  DEFAULT_PLAN_THRESHOLDS,
  type PlanStatus,
  PlanStatusSchema,
  PlanThresholdsSchema,
  type PlanWorklistItem,
  PlanWorklistResponseSchema,
} from '../../../src/domain/plans/plan-monitoring';
import { parisDay } from '../plans/paris-day';
import { decodeCursor, encodeCursor } from '../plans/worklist-cursor';
import { authOf, requireAuth } from '../plugins/auth';
import type { PlanStateRecord } from '../stores/plans-tx';

/** A query parameter given once is a string, several times an array: always a list here. */
const listOf = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value) => (value === undefined || Array.isArray(value) ? value : [value]),
    z.array(item).max(100).optional(),
  );

const WorklistQuery = z.object({
  status: listOf(z.union([PlanStatusSchema, z.literal('failing')])),
  welcomePoint: listOf(EntityIdSchema),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  after: z.string().max(200).optional(),
});

/** The lists shown when none is asked for (PlanWorklistQuerySchema). */
const DEFAULT_LISTS: readonly (PlanStatus | 'failing')[] = ['late', 'formal_notice', 'lapsed', 'ending_soon'];

/** Thresholds that contradict each other: a plan failing before it is late. */
const ThresholdsInput = PlanThresholdsSchema.refine((t) => t.failingAfterMissed >= t.lateAfterMissed, {
  message: 'failingAfterMissed must be at least lateAfterMissed',
  path: ['failingAfterMissed'],
});

function toItem(record: PlanStateRecord): PlanWorklistItem {
  return {
    planId: record.planId,
    householdId: record.householdId,
    ...(record.householdReference === null ? {} : { householdReference: record.householdReference }),
    welcomePointId: record.welcomePointId,
    counsellorId: record.counsellorId,
    kind: record.kind as PlanKind,
    status: record.status as PlanStatus,
    failing: record.failing === 1,
    missedCount: record.missedCount,
    arrearsCents: record.arrearsCents,
    nextDueOn: record.nextDueOn,
    endsOn: record.endsOn,
    lapsesOn: record.lapsesOn,
  };
}

export async function planRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const admins = requireAuth(app, ['admin']);

  const currentThresholds = () =>
    app.store.transaction(async (tx) => (await tx.getPlanThresholds()) ?? DEFAULT_PLAN_THRESHOLDS);

  api.get(
    '/plans/thresholds',
    { onRequest: requireAuth(app), schema: { response: { 200: PlanThresholdsSchema } } },
    currentThresholds,
  );

  api.get(
    '/admin/plan-thresholds',
    { onRequest: admins, schema: { response: { 200: PlanThresholdsSchema } } },
    currentThresholds,
  );

  api.put(
    '/admin/plan-thresholds',
    { onRequest: admins, schema: { body: ThresholdsInput, response: { 200: PlanThresholdsSchema } } },
    async (request) => {
      const { user } = authOf(request);
      const now = app.now();
      await app.store.transaction(async (tx) => {
        await tx.putPlanThresholds(request.body, now, user.id);
        // Every state is recomputed with the new thresholds, in the recheck's batches.
        await tx.recheckAllPlanStates(parisDay(now));
      });
      app.planRecheck.schedule();
      return request.body;
    },
  );

  api.get(
    '/plans/worklist',
    {
      onRequest: requireAuth(app, ['coordinator', 'admin']),
      schema: { querystring: WorklistQuery, response: { 200: PlanWorklistResponseSchema } },
    },
    async (request) => {
      const { scope } = authOf(request);
      const { status, welcomePoint, limit } = request.query;
      const lists = status ?? DEFAULT_LISTS;
      const after = request.query.after === undefined ? undefined : decodeCursor(request.query.after);
      const places = { scope, ...(welcomePoint === undefined ? {} : { welcomePointIds: welcomePoint }) };
      const { page, counts } = await app.store.transaction(async (tx) => ({
        // One more than the page: whether there is a next one.
        page: await tx.planWorklist({
          ...places,
          statuses: lists.filter((s): s is PlanStatus => s !== 'failing'),
          failing: lists.includes('failing'),
          limit: limit + 1,
          ...(after === undefined ? {} : { after }),
        }),
        counts: await tx.planWorklistCounts(places),
      }));
      const items = page.slice(0, limit);
      const last = items[items.length - 1];
      return {
        items: items.map(toItem),
        counts,
        ...(page.length > limit && last !== undefined
          ? { next: encodeCursor({ nextDueOn: last.nextDueOn, planId: last.planId }) }
          : {}),
      };
    },
  );
}
