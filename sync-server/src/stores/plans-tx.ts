/**
 * Plan monitoring's tables (migration 010, docs/reports-and-plans.md PLAN5–PLAN7): each live
 * plan's state (`plan_states`, kept by the refresher and the daily recheck), the association's
 * thresholds (`plan_thresholds`), and the reads the refresher needs from the sync tables. What a
 * state is comes from src/domain/plans; when to recompute it from sync-server/src/plans/.
 */
import { type PlanThresholds, PlanThresholdsSchema } from '../../../src/domain/plans/plan-monitoring';
import { type Scope, scopeSql } from '../sync/scope';
import { NUM, OPT_STR, type Row, recordTable, STR, str } from './row-mappers';
import { chunks, placeholders, type SqlExecutor, type SqlValue } from './sql';

/** One row of plan_states. */
export interface PlanStateRecord {
  planId: string;
  householdId: string;
  welcomePointId: string | null;
  counsellorId: string | null;
  householdReference: string | null;
  kind: string;
  status: string;
  /** 0/1 in the table, as the worklist index reads it. */
  failing: number;
  missedCount: number;
  arrearsCents: number;
  nextDueOn: string | null;
  endsOn: string;
  lapsesOn: string | null;
  recheckOn: string | null;
  updatedAt: number;
}

const PLAN_STATES = recordTable<PlanStateRecord>('plan_states', {
  planId: STR,
  householdId: STR,
  welcomePointId: OPT_STR,
  counsellorId: OPT_STR,
  householdReference: OPT_STR,
  kind: STR,
  status: STR,
  failing: NUM,
  missedCount: NUM,
  arrearsCents: NUM,
  nextDueOn: OPT_STR,
  endsOn: STR,
  lapsesOn: OPT_STR,
  recheckOn: OPT_STR,
  updatedAt: NUM,
});

const UPSERT_PLAN_STATE = `${PLAN_STATES.insert}
  ON CONFLICT (plan_id) DO UPDATE SET ${PLAN_STATES.columns
    .filter((column) => column !== 'plan_id')
    .map((column) => `${column} = excluded.${column}`)
    .join(', ')}`;

/** A live, unmerged household as the refresher copies it onto its plans' states. */
export interface PlanHousehold {
  id: string;
  welcomePointId: string | null;
  counsellorId: string | null;
  reference: string | null;
}

/** A live plan or plan_payment row: its id and its fields. */
export interface PlanSourceRow {
  entity: 'plan' | 'plan_payment';
  id: string;
  householdId: string;
  data: Record<string, unknown>;
}

/** What the worklist asks the table (PLAN7): statuses, failing, welcome points, a page. */
export interface PlanWorklistFilter {
  statuses: readonly string[];
  failing: boolean;
  welcomePointIds?: readonly string[];
  scope: Scope;
  limit: number;
  /** The last item of the previous page. */
  after?: { nextDueOn: string | null; planId: string };
}

/** The welcome points and the scope as an SQL condition on `ps` (households `h` when joined). */
function whereOfPlaces(
  filter: Pick<PlanWorklistFilter, 'welcomePointIds' | 'scope'>,
  params: SqlValue[],
): string {
  const terms = [
    scopeSql(filter.scope, { welcomePointId: 'ps.welcome_point_id', createdBy: 'h.created_by' }, params),
  ];
  if (filter.welcomePointIds !== undefined) {
    const ids = [...new Set(filter.welcomePointIds)];
    terms.push(
      ids.length === 0
        ? '(1 = 0)'
        : `ps.welcome_point_id IN (${placeholders(params.length + 1, ids.length)})`,
    );
    params.push(...ids);
  }
  return terms.join(' AND ');
}

/** Only a caller who does not see everything needs the household's creator (scope.ts). */
function fromOf(scope: Scope): string {
  return scope.all ? 'plan_states ps' : 'plan_states ps JOIN households h ON h.id = ps.household_id';
}

export class PlansTx {
  constructor(private readonly sql: SqlExecutor) {}

  // -------------------------------------------------------------------------------------------
  // What the refresher reads of the sync tables

  /** Of `householdIds`, those live (row not deleted) and not merged away, with what plans copy. */
  async planHouseholds(householdIds: readonly string[]): Promise<Map<string, PlanHousehold>> {
    const out = new Map<string, PlanHousehold>();
    for (const part of chunks([...new Set(householdIds)])) {
      const rows = await this.sql.all<Row>(
        `SELECT h.id, h.welcome_point_id, r.data FROM households h
         JOIN sync_rows r ON r.entity = 'household' AND r.id = h.id
         WHERE h.id IN (${placeholders(1, part.length)}) AND h.merged_into IS NULL AND r.deleted = 0`,
        part,
      );
      for (const row of rows) {
        const data = JSON.parse(str(row.data)) as Record<string, unknown>;
        out.set(str(row.id), {
          id: str(row.id),
          welcomePointId: row.welcome_point_id === null ? null : str(row.welcome_point_id),
          counsellorId: typeof data.counsellorId === 'string' ? data.counsellorId : null,
          reference: typeof data.reference === 'string' ? data.reference : null,
        });
      }
    }
    return out;
  }

  /** The live plan and plan_payment rows of `householdIds`, in a stable order. */
  async planSourceRows(householdIds: readonly string[]): Promise<PlanSourceRow[]> {
    const out: PlanSourceRow[] = [];
    for (const part of chunks([...new Set(householdIds)])) {
      const rows = await this.sql.all<Row>(
        `SELECT entity, id, household_id, data FROM sync_rows
         WHERE household_id IN (${placeholders(1, part.length)})
           AND entity IN ('plan', 'plan_payment') AND deleted = 0
         ORDER BY household_id, entity, id`,
        part,
      );
      for (const row of rows) {
        out.push({
          entity: str(row.entity) as PlanSourceRow['entity'],
          id: str(row.id),
          householdId: str(row.household_id),
          data: JSON.parse(str(row.data)) as Record<string, unknown>,
        });
      }
    }
    return out;
  }

  // -------------------------------------------------------------------------------------------
  // plan_states

  async upsertPlanStates(records: readonly PlanStateRecord[]): Promise<void> {
    for (const record of records) await this.sql.run(UPSERT_PLAN_STATE, PLAN_STATES.values(record));
  }

  /** Removes the states of `householdIds` but those of `keptPlanIds` (deleted, moved or merged plans). */
  async deletePlanStatesExcept(
    householdIds: readonly string[],
    keptPlanIds: readonly string[],
  ): Promise<void> {
    const kept = new Set(keptPlanIds);
    for (const part of chunks([...new Set(householdIds)])) {
      const rows = await this.sql.all<Row>(
        `SELECT plan_id FROM plan_states WHERE household_id IN (${placeholders(1, part.length)})`,
        part,
      );
      const gone = rows.map((r) => str(r.plan_id)).filter((id) => !kept.has(id));
      for (const ids of chunks(gone)) {
        await this.sql.run(`DELETE FROM plan_states WHERE plan_id IN (${placeholders(1, ids.length)})`, ids);
      }
    }
  }

  async getPlanState(planId: string): Promise<PlanStateRecord | undefined> {
    const rows = await this.sql.all<Row>('SELECT * FROM plan_states WHERE plan_id = $1', [planId]);
    return rows[0] === undefined ? undefined : PLAN_STATES.read(rows[0]);
  }

  /** Households with a state to recheck on or before `today` (plan_states_recheck), at most `limit`. */
  async householdsToRecheck(today: string, limit: number): Promise<string[]> {
    const rows = await this.sql.all<Row>(
      `SELECT DISTINCT household_id FROM plan_states WHERE recheck_on IS NOT NULL AND recheck_on <= $1
       ORDER BY household_id LIMIT $2`,
      [today, limit],
    );
    return rows.map((r) => str(r.household_id));
  }

  /** Every state to be rechecked on `today` (the thresholds changed, PLAN5). */
  async recheckAllPlanStates(today: string): Promise<number> {
    return this.sql.run('UPDATE plan_states SET recheck_on = $1', [today]);
  }

  // -------------------------------------------------------------------------------------------
  // The worklist (PLAN7)

  /** One page, ordered by next_due_on (none last) then plan_id. */
  async planWorklist(filter: PlanWorklistFilter): Promise<PlanStateRecord[]> {
    const params: SqlValue[] = [];
    const lists: string[] = [];
    if (filter.statuses.length > 0) {
      lists.push(`ps.status IN (${placeholders(1, filter.statuses.length)})`);
      params.push(...filter.statuses);
    }
    if (filter.failing) lists.push('ps.failing = 1');
    if (lists.length === 0) return [];
    const terms = [`(${lists.join(' OR ')})`, whereOfPlaces(filter, params)];
    if (filter.after !== undefined) {
      params.push(filter.after.planId);
      const planId = `$${params.length}`;
      if (filter.after.nextDueOn === null) {
        terms.push(`(ps.next_due_on IS NULL AND ps.plan_id > ${planId})`);
      } else {
        params.push(filter.after.nextDueOn);
        const due = `$${params.length}`;
        terms.push(
          `(ps.next_due_on IS NULL OR ps.next_due_on > ${due} OR (ps.next_due_on = ${due} AND ps.plan_id > ${planId}))`,
        );
      }
    }
    params.push(filter.limit);
    const rows = await this.sql.all<Row>(
      `SELECT ps.* FROM ${fromOf(filter.scope)} WHERE ${terms.join(' AND ')}
       ORDER BY CASE WHEN ps.next_due_on IS NULL THEN 1 ELSE 0 END, ps.next_due_on, ps.plan_id
       LIMIT $${params.length}`,
      params,
    );
    return rows.map(PLAN_STATES.read);
  }

  /**
   * Plans by status, and failing ones under `failing`, over the filter's welcome points. Two
   * statements, each read from one index alone (status, welcome point; failing, welcome point):
   * grouping by status and failing together would read every row of the table.
   */
  async planWorklistCounts(
    filter: Pick<PlanWorklistFilter, 'welcomePointIds' | 'scope'>,
  ): Promise<Record<string, number>> {
    const byStatusParams: SqlValue[] = [];
    const byStatus = await this.sql.all<Row>(
      `SELECT ps.status, COUNT(*) AS n FROM ${fromOf(filter.scope)} WHERE ${whereOfPlaces(filter, byStatusParams)}
       GROUP BY ps.status`,
      byStatusParams,
    );
    const failingParams: SqlValue[] = [];
    const failing = await this.sql.all<Row>(
      `SELECT COUNT(*) AS n FROM ${fromOf(filter.scope)}
       WHERE ps.failing = 1 AND ${whereOfPlaces(filter, failingParams)}`,
      failingParams,
    );
    const counts: Record<string, number> = {};
    for (const row of byStatus) counts[str(row.status)] = Number(row.n);
    counts.failing = Number(failing[0]?.n ?? 0);
    return counts;
  }

  // -------------------------------------------------------------------------------------------
  // Thresholds (PLAN5)

  /** The association's thresholds; undefined while no admin has set them. */
  async getPlanThresholds(): Promise<PlanThresholds | undefined> {
    const rows = await this.sql.all<Row>('SELECT thresholds FROM plan_thresholds WHERE id = 1');
    if (rows[0] === undefined) return undefined;
    const parsed = PlanThresholdsSchema.safeParse(JSON.parse(str(rows[0].thresholds)));
    return parsed.success ? parsed.data : undefined;
  }

  async putPlanThresholds(thresholds: PlanThresholds, at: number, by: string): Promise<void> {
    await this.sql.run(
      `INSERT INTO plan_thresholds (id, thresholds, updated_at, updated_by) VALUES (1, $1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET thresholds = excluded.thresholds, updated_at = excluded.updated_at,
       updated_by = excluded.updated_by`,
      [JSON.stringify(thresholds), at, by],
    );
  }
}

/** For tests and the bench: the record type's reader. */
export const readPlanState = PLAN_STATES.read;
