/**
 * The network's activity report (docs/reports-and-plans.md RPT7, RPT9, RPT10), for coordinators
 * and admins only, within their scope of welcome points: a caller whose scope is limited (none
 * today: coordinators and admins see every welcome point, sync/scope.ts) gets their own welcome
 * points when they name none, and 403 when they name one outside them. Counts only: no household
 * id, name or contact leaves here, and nothing of the query is logged but its shape.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { activityCsv } from '../../../src/domain/reports/activity-csv';
import { ActivityReportQuerySchema } from '../../../src/domain/reports/activity-report';
import { REPORT_PRESETS } from '../../../src/domain/reports/presets';
import { recordAccess } from '../access-log/record';
import { HttpError } from '../http-errors';
import { authOf, requireAuth } from '../plugins/auth';
import { buildActivityReport, figuresOf, welcomePointsKey } from '../reports/activity';
import { dossierExportCsv } from '../reports/dossiers';
import type { Scope, StoreTx } from '../stores/store-tx';

/** `?welcomePoint=a` arrives as a string, `?welcomePoint=a&welcomePoint=b` as an array. */
export const asList = (value: unknown): unknown => (typeof value === 'string' ? [value] : value);

const QuerySchema = z.preprocess(
  (q) =>
    typeof q === 'object' && q !== null
      ? { ...q, welcomePoint: asList((q as Record<string, unknown>).welcomePoint) }
      : q,
  ActivityReportQuerySchema,
);

const badRequest = (message: string): HttpError => new HttpError(400, message);

/**
 * The welcome points a report covers: those asked for (each known and in the caller's scope), or
 * every one (undefined) for a caller who sees them all, or the caller's own.
 */
export async function reportWelcomePoints(
  tx: StoreTx,
  scope: Scope,
  asked: readonly string[] | undefined,
): Promise<readonly string[] | undefined> {
  if (asked === undefined || asked.length === 0) return scope.all ? undefined : [...scope.welcomePointIds];
  const known = new Set((await tx.listWelcomePoints()).map((w) => w.id));
  const unknown = asked.filter((id) => !known.has(id));
  if (unknown.length > 0) throw badRequest(`welcomePoint: unknown welcome point ${unknown.join(', ')}`);
  if (!scope.all) {
    const outside = asked.filter((id) => !scope.welcomePointIds.includes(id));
    if (outside.length > 0)
      throw new HttpError(403, `welcomePoint ${outside.join(', ')} is outside your welcome points`);
  }
  return [...new Set(asked)];
}

/** `attachment; filename="…"`: ASCII only, so every browser keeps the name. */
export function attachment(reply: FastifyReply, filename: string): void {
  reply.header('content-type', 'text/csv; charset=utf-8');
  reply.header('content-disposition', `attachment; filename="${filename}"`);
}

export async function reportRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const coordinators = requireAuth(app, ['coordinator', 'admin']);

  api.get(
    '/reports/activity',
    { onRequest: coordinators, schema: { querystring: QuerySchema } },
    async (request, reply) => {
      const { user, session, scope } = authOf(request);
      const query = request.query;
      const preset = query.preset === undefined ? undefined : REPORT_PRESETS[query.preset];
      if (query.preset !== undefined && preset === undefined) {
        throw badRequest(
          `preset: unknown preset ${query.preset} (known: ${Object.keys(REPORT_PRESETS).join(', ')})`,
        );
      }
      if (preset !== undefined && query.format !== 'csv')
        throw badRequest('preset: a preset applies to format=csv only');
      const now = app.now();
      const report = await app.store.transaction(async (tx) => {
        const welcomePointIds = await reportWelcomePoints(tx, scope, query.welcomePoint);
        const built = await buildActivityReport(
          tx,
          { from: query.from, to: query.to, ...(welcomePointIds === undefined ? {} : { welcomePointIds }) },
          now,
        );
        if (query.format === 'csv') {
          // RPT5: what was handed out is kept, so a later figure that differs shows as restated.
          await tx.insertReportExport({
            id: randomUUID(),
            from: query.from,
            to: query.to,
            welcomePoints: welcomePointsKey(welcomePointIds),
            figures: figuresOf(built),
            exportedAt: now,
            exportedBy: user.id,
          });
          // ALOG1: a network-wide export, logged without a household.
          const by = { userId: user.id, deviceId: session.deviceId, householdId: null, at: now };
          await recordAccess(tx, [{ ...by, action: 'report_export' }]);
        }
        return built;
      });
      if (query.format !== 'csv') return report;
      const suffix = preset === undefined ? '' : `_${preset.id}`;
      attachment(reply, `rapport-activite_${query.from}_${query.to}${suffix}.csv`);
      return reply.send(activityCsv(report, preset));
    },
  );

  api.get(
    '/reports/dossiers.csv',
    // The period and welcome points are checked as the activity report's (format and preset unused).
    { onRequest: coordinators, schema: { querystring: QuerySchema } },
    async (request, reply) => {
      const { user, session, scope } = authOf(request);
      const { from, to, welcomePoint } = request.query;
      const { csv, households } = await app.store.transaction(async (tx) => {
        const welcomePointIds = await reportWelcomePoints(tx, scope, welcomePoint);
        const exported = await dossierExportCsv(tx, {
          from,
          to,
          ...(welcomePointIds === undefined ? {} : { welcomePointIds }),
        });
        // ALOG1: the anonymised export covers the network: logged without a household, with its size.
        const by = { userId: user.id, deviceId: session.deviceId, householdId: null, at: app.now() };
        await recordAccess(tx, [
          { ...by, action: 'dossier_export', detail: { households: exported.households } },
        ]);
        return exported;
      });
      // A count, never an id: the log says how big the export was, not whose.
      request.log.info({ households }, 'dossier export');
      attachment(reply, `dossiers-anonymises_${from}_${to}.csv`);
      return reply.send(csv);
    },
  );
}
