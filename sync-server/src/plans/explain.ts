/**
 * The query plans of the worklist's statements (PLAN7: an index range on plan_states), read with
 * each engine's EXPLAIN, for the tests and the benchmark. The statements are the ones PlansTx
 * runs, captured from it, so what is explained is what runs.
 */
import { PlansTx, type PlanWorklistFilter } from '../stores/plans-tx';
import type { SqlExecutor, SqlValue } from '../stores/sql';

interface Statement {
  sql: string;
  params: readonly SqlValue[];
}

/** The statements PlansTx runs for one page of the worklist and its counts. */
export async function worklistStatements(filter: PlanWorklistFilter): Promise<Statement[]> {
  const out: Statement[] = [];
  const capture: SqlExecutor = {
    all: async <T>(sql: string, params: readonly SqlValue[] = []) => {
      out.push({ sql, params });
      return [] as T[];
    },
    run: async () => 0,
  };
  const plans = new PlansTx(capture);
  await plans.planWorklist(filter);
  await plans.planWorklistCounts(filter);
  return out;
}

/** The engine's plan of `statement`, as lines of text. */
export async function explain(sql: SqlExecutor, statement: Statement): Promise<string[]> {
  if (sql.engine === 'postgres') {
    const rows = await sql.all<Record<string, unknown>>(`EXPLAIN ${statement.sql}`, statement.params);
    return rows.map((row) => String(row['QUERY PLAN']));
  }
  const rows = await sql.all<Record<string, unknown>>(
    `EXPLAIN QUERY PLAN ${statement.sql}`,
    statement.params,
  );
  return rows.map((row) => String(row.detail));
}

/** Whether a plan reads the whole of plan_states rather than a range of one of its indexes. */
export function scansWholeTable(plan: readonly string[]): boolean {
  return plan.some(
    (line) =>
      /Seq Scan on plan_states/.test(line) ||
      (/SCAN (ps|plan_states)\b/.test(line) && !/USING (COVERING )?INDEX/.test(line)),
  );
}
