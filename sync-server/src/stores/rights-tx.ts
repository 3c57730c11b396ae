/**
 * The household's rights in the database (migration 012, docs/household-rights.md RIGHT1–RIGHT7):
 * every table that names a household, read for the right of access and emptied for the right to
 * erasure, the erasure records devices pull, and the record of each export. The list of tables
 * is written once (HOUSEHOLD_TABLES): the export reads what the erasure deletes.
 */
import { num, type Row, str } from './row-mappers';
import { chunks, placeholders, type SqlExecutor, type SqlValue } from './sql';

/** A table that names households, and the columns that do. */
export interface HouseholdTable {
  table: string;
  columns: readonly string[];
}

/**
 * RIGHT4: every table holding a household's id, in the order the erasure deletes them. Not here:
 * `report_facts` (re-keyed, RIGHT4b), `applied_mutations` (its payloads are redacted: the table
 * is keyed by device and seq, and replays need the results), `household_erasures` (the record),
 * and the access log (accountability, kept by its own rules).
 */
export const HOUSEHOLD_TABLES: readonly HouseholdTable[] = [
  { table: 'sync_rows', columns: ['household_id'] },
  { table: 'field_history', columns: ['household_id'] },
  { table: 'conflicts', columns: ['household_id'] },
  { table: 'quarantine', columns: ['household_id'] },
  { table: 'scope_removals', columns: ['household_id'] },
  { table: 'match_profiles', columns: ['household_id'] },
  { table: 'match_keys', columns: ['household_id'] },
  { table: 'match_queue', columns: ['household_id'] },
  { table: 'duplicate_candidates', columns: ['household_a', 'household_b'] },
  { table: 'duplicate_decisions', columns: ['household_a', 'household_b'] },
  { table: 'household_merges', columns: ['survivor_id', 'merged_id'] },
  { table: 'merge_redirects', columns: ['from_household_id', 'to_household_id'] },
  { table: 'derived_queue', columns: ['root_id'] },
  { table: 'plan_states', columns: ['household_id'] },
  { table: 'anonymisation_log', columns: ['household_id'] },
  { table: 'household_exports', columns: ['household_id'] },
  { table: 'households', columns: ['id', 'merged_into'] },
];

/** The root id facts of an erased household are kept under (RIGHT4b): nothing derives them again. */
export const ERASED_ROOT_PREFIX = 'erased:';

export interface ErasureRecord {
  seq: number;
  householdId: string;
  reason: string;
  erasedBy: string;
  erasedAt: number;
  counts: Record<string, number>;
}

/** Columns whose text is JSON: the export gives them as values, not strings. */
const JSON_COLUMNS = new Set([
  'data',
  'field_meta',
  'value',
  'conflict_values',
  'payload',
  'detail',
  'profile',
  'reasons',
  'choices',
  'snapshot',
  'result',
  'undo_result',
  'fields',
]);

function parsedRow(r: Row): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(r)) {
    if (typeof value === 'string' && JSON_COLUMNS.has(key)) {
      try {
        out[key] = JSON.parse(value);
      } catch {
        out[key] = value;
      }
    } else out[key] = typeof value === 'bigint' ? Number(value) : value;
  }
  return out;
}

/** `a IN ($1…) OR b IN ($1…)` over one list of ids. */
function naming(columns: readonly string[], count: number): string {
  return columns.map((c) => `${c} IN (${placeholders(1, count)})`).join(' OR ');
}

export class RightsTx {
  constructor(private readonly sql: SqlExecutor) {}

  /** Every row of `table` naming one of `ids` (RIGHT1), JSON columns parsed. */
  async rowsNaming(table: HouseholdTable, ids: readonly string[]): Promise<Record<string, unknown>[]> {
    const out: Record<string, unknown>[] = [];
    for (const part of chunks([...new Set(ids)])) {
      const rows = await this.sql.all<Row>(
        `SELECT * FROM ${table.table} WHERE ${naming(table.columns, part.length)}`,
        part,
      );
      out.push(...rows.map(parsedRow));
    }
    return out;
  }

  /** Deletes every row of `table` naming one of `ids` (RIGHT4); returns how many. */
  async deleteRowsNaming(table: HouseholdTable, ids: readonly string[]): Promise<number> {
    let deleted = 0;
    for (const part of chunks([...new Set(ids)])) {
      deleted += await this.sql.run(
        `DELETE FROM ${table.table} WHERE ${naming(table.columns, part.length)}`,
        part,
      );
    }
    return deleted;
  }

  /**
   * The payloads of recorded mutations that name one of `ids` are replaced by a marker (RIGHT4):
   * the row stays (replays answer from its result) but the values typed are gone.
   */
  async redactAppliedMutations(ids: readonly string[], marker: string): Promise<number> {
    let redacted = 0;
    for (const id of new Set(ids)) {
      redacted += await this.sql.run(
        `UPDATE applied_mutations SET payload = $2 WHERE payload LIKE $1 AND payload <> $2`,
        [`%${id.replace(/[%_\\]/g, '')}%`, marker],
      );
    }
    return redacted;
  }

  /**
   * RIGHT4b: the report facts of `fromRoot` move to `toRoot` with fact ids that name nothing
   * (`f1`, `f2`…), keeping code, dates, quantity and welcome point, so past figures stay.
   */
  async rekeyReportFacts(fromRoot: string, toRoot: string): Promise<number> {
    const facts = await this.sql.all<Row>(
      `SELECT code, starts_on, ends_on, quantity, welcome_point_id FROM report_facts
       WHERE root_id = $1 ORDER BY starts_on, code, fact_id`,
      [fromRoot],
    );
    await this.sql.run('DELETE FROM report_facts WHERE root_id = $1', [fromRoot]);
    for (const [index, f] of facts.entries()) {
      await this.sql.run(
        `INSERT INTO report_facts (root_id, fact_id, code, starts_on, ends_on, quantity, welcome_point_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          toRoot,
          `f${index + 1}`,
          str(f.code),
          str(f.starts_on),
          f.ends_on === null ? null : str(f.ends_on),
          num(f.quantity),
          f.welcome_point_id === null || f.welcome_point_id === undefined ? null : str(f.welcome_point_id),
        ],
      );
    }
    return facts.length;
  }

  async deleteReportFactsOf(rootId: string): Promise<number> {
    return this.sql.run('DELETE FROM report_facts WHERE root_id = $1', [rootId]);
  }

  async insertErasure(record: ErasureRecord): Promise<void> {
    await this.sql.run(
      `INSERT INTO household_erasures (seq, household_id, reason, erased_by, erased_at, counts)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        record.seq,
        record.householdId,
        record.reason,
        record.erasedBy,
        record.erasedAt,
        JSON.stringify(record.counts),
      ],
    );
  }

  async getErasure(householdId: string): Promise<ErasureRecord | undefined> {
    const [r] = await this.sql.all<Row>('SELECT * FROM household_erasures WHERE household_id = $1', [
      householdId,
    ]);
    if (r === undefined) return undefined;
    return {
      seq: num(r.seq),
      householdId: str(r.household_id),
      reason: str(r.reason),
      erasedBy: str(r.erased_by),
      erasedAt: num(r.erased_at),
      counts: JSON.parse(str(r.counts)) as Record<string, number>,
    };
  }

  /** Of `ids`, the erased households (RIGHT6). */
  async erasedAmong(ids: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const part of chunks([...new Set(ids)])) {
      const rows = await this.sql.all<Row>(
        `SELECT household_id FROM household_erasures WHERE household_id IN (${placeholders(1, part.length)})`,
        part,
      );
      for (const r of rows) out.add(str(r.household_id));
    }
    return out;
  }

  /** RIGHT5: erasures after `afterSeq`, in seq order, for every device whatever its scope. */
  async erasuresAfter(afterSeq: number, limit: number): Promise<{ seq: number; householdId: string }[]> {
    const rows = await this.sql.all<Row>(
      'SELECT seq, household_id FROM household_erasures WHERE seq > $1 ORDER BY seq LIMIT $2',
      [afterSeq, limit],
    );
    return rows.map((r) => ({ seq: num(r.seq), householdId: str(r.household_id) }));
  }

  async insertHouseholdExport(record: {
    id: string;
    householdId: string;
    exportedBy: string;
    exportedAt: number;
  }): Promise<void> {
    await this.sql.run(
      'INSERT INTO household_exports (id, household_id, exported_by, exported_at) VALUES ($1, $2, $3, $4)',
      [record.id, record.householdId, record.exportedBy, record.exportedAt],
    );
  }

  /** Whether the database has this table (the access log is another branch's: RIGHT1). */
  async hasTable(name: string): Promise<boolean> {
    const params: SqlValue[] = [name];
    const rows =
      this.sql.engine === 'postgres'
        ? await this.sql.all<Row>('SELECT to_regclass($1) IS NOT NULL AS present', params)
        : await this.sql.all<Row>(
            `SELECT COUNT(*) > 0 AS present FROM sqlite_master WHERE type = 'table' AND name = $1`,
            params,
          );
    const present = rows[0]?.present;
    return present === true || Number(present) === 1;
  }
}
