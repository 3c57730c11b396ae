/**
 * What the scope rule reads in the database (AUTH6, AUTH6b, PULL10): the households with their
 * welcome point and creator, the log of households moved out of a welcome point
 * (`scope_removals`), and the queries that filter by scope. The condition itself always comes
 * from sync/scope.ts (`scopeSql`), read here on the household as it is now or as it was before
 * a move: nothing in stores/ writes or rewrites it.
 */
import { type HouseholdScope, type Scope, type ScopeColumns, scopeSql } from '../sync/scope';
import type { StoredRow } from './records';
import { num, type Row, SYNC_ROWS, str, toHousehold } from './row-mappers';
import { chunks, placeholders, type SqlExecutor, type SqlValue } from './sql';

/** The scope rule (sync/scope.ts) read on a household as it is now, `households h`. */
export const HOUSEHOLD_NOW: ScopeColumns = {
  welcomePointId: 'h.welcome_point_id',
  createdBy: 'h.created_by',
};

/** The scope rule read on a household as it was before a move, `scope_removals r`. */
const HOUSEHOLD_BEFORE_MOVE: ScopeColumns = {
  welcomePointId: 'r.old_welcome_point_id',
  createdBy: 'r.created_by',
};

export class ScopeTx {
  constructor(private readonly sql: SqlExecutor) {}

  async getHouseholds(ids: readonly string[]): Promise<Map<string, HouseholdScope>> {
    const out = new Map<string, HouseholdScope>();
    for (const part of chunks([...new Set(ids)])) {
      const rows = await this.sql.all<Row>(
        `SELECT id, welcome_point_id, created_by FROM households WHERE id IN (${placeholders(1, part.length)})`,
        part,
      );
      for (const r of rows) out.set(str(r.id), toHousehold(r));
    }
    return out;
  }

  async upsertHousehold(household: HouseholdScope): Promise<void> {
    await this.sql.run(
      `INSERT INTO households (id, welcome_point_id, created_by) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET welcome_point_id = excluded.welcome_point_id`,
      [household.id, household.welcomePointId, household.createdBy],
    );
  }

  /** Rows of the scope changed after `afterSeq`, in seq order, at most `limit`. */
  async rowsAfter(afterSeq: number, limit: number, scope: Scope): Promise<StoredRow[]> {
    const params: SqlValue[] = [afterSeq, limit];
    const inScope = scopeSql(scope, HOUSEHOLD_NOW, params);
    const rows = await this.sql.all<Row>(
      `SELECT r.* FROM sync_rows r JOIN households h ON h.id = r.household_id
       WHERE r.seq > $1 AND ${inScope} ORDER BY r.seq LIMIT $2`,
      params,
    );
    return rows.map(SYNC_ROWS.read);
  }

  async insertScopeRemoval(removal: {
    seq: number;
    householdId: string;
    oldWelcomePointId: string | null;
    createdBy: string;
    removedAt: number;
  }): Promise<void> {
    await this.sql.run(
      `INSERT INTO scope_removals (seq, household_id, old_welcome_point_id, created_by, removed_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [removal.seq, removal.householdId, removal.oldWelcomePointId, removal.createdBy, removal.removedAt],
    );
  }

  /**
   * Households that left the scope after `afterSeq`: they were in it before the move and are not
   * in it now (a household moved out and back is not listed). Nothing for all-scope callers.
   */
  async scopeRemovalsAfter(
    afterSeq: number,
    limit: number,
    scope: Scope,
  ): Promise<{ seq: number; householdId: string }[]> {
    if (scope.all) return [];
    const params: SqlValue[] = [afterSeq, limit];
    const was = scopeSql(scope, HOUSEHOLD_BEFORE_MOVE, params);
    const is = scopeSql(scope, HOUSEHOLD_NOW, params);
    const rows = await this.sql.all<Row>(
      `SELECT r.seq, r.household_id FROM scope_removals r JOIN households h ON h.id = r.household_id
       WHERE r.seq > $1 AND ${was} AND NOT ${is} ORDER BY r.seq LIMIT $2`,
      params,
    );
    return rows.map((r) => ({ seq: num(r.seq), householdId: str(r.household_id) }));
  }

  /**
   * Of `householdIds`, those that were in `scope` before a move took them out of it (AUTH6b): a
   * device of the old welcome point may still push changes it made before it heard of the move.
   */
  async householdsThatLeftScope(householdIds: readonly string[], scope: Scope): Promise<Set<string>> {
    const out = new Set<string>();
    if (scope.all || householdIds.length === 0) return out;
    for (const part of chunks([...new Set(householdIds)])) {
      const params: SqlValue[] = [...part];
      const was = scopeSql(scope, HOUSEHOLD_BEFORE_MOVE, params);
      const rows = await this.sql.all<Row>(
        `SELECT DISTINCT r.household_id FROM scope_removals r
         WHERE r.household_id IN (${placeholders(1, part.length)}) AND ${was}`,
        params,
      );
      for (const r of rows) out.add(str(r.household_id));
    }
    return out;
  }
}
