/**
 * The activity report's tables (migration 010, docs/reports-and-plans.md RPT2–RPT8): the queue of
 * roots whose derived data must be recomputed, the facts of each root, the aggregation the report
 * reads, and the figures of each CSV export (RPT5). What a fact is comes from
 * src/domain/reports/report-facts.ts; how a report is shaped from sync-server/src/reports/.
 */
import type { ReportCode, ReportFact } from '../../../src/domain/reports/activity-report';
import type { RootRow } from '../../../src/domain/reports/report-facts';
import { num, type Row, str } from './row-mappers';
import { chunks, placeholders, type SqlExecutor, type SqlValue } from './sql';

/** One month of a report: its key and first and last days (`YYYY-MM`, `YYYY-MM-DD`). */
export interface ReportMonth {
  month: string;
  firstDay: string;
  lastDay: string;
}

/** What the report's aggregation asks: the period, its months and the welcome points (none = all). */
export interface ReportCells {
  from: string;
  to: string;
  months: readonly ReportMonth[];
  /** undefined: every root, those with no welcome point included. */
  welcomePointIds?: readonly string[];
  eventCodes: readonly ReportCode[];
  spanCodes: readonly ReportCode[];
}

/** One aggregated cell: a code's value in a month (or the whole period: null) and a welcome point (or all: undefined). */
export interface ReportCell {
  code: ReportCode;
  month: string | null;
  welcomePointId: string | null | undefined;
  value: number;
}

export interface ReportExportRecord {
  id: string;
  from: string;
  to: string;
  /** The welcome points' key: ids sorted and joined by ',' ('*' for all). */
  welcomePoints: string;
  figures: Record<string, number>;
  exportedAt: number;
  exportedBy: string;
}

export class ReportsTx {
  constructor(private readonly sql: SqlExecutor) {}

  // -------------------------------------------------------------------------------------------
  // The derived-data queue (RPT8): written in the push or merge transaction, drained after it.

  /** Queues roots (again: a queued one keeps one row, with the later time). */
  async queueRoots(rootIds: readonly string[], at: number): Promise<void> {
    for (const part of chunks([...new Set(rootIds)].sort())) {
      const params: SqlValue[] = [];
      const tuples = part.map((id) => {
        params.push(id, at);
        return `($${params.length - 1}, $${params.length})`;
      });
      await this.sql.run(
        `INSERT INTO derived_queue (root_id, queued_at) VALUES ${tuples.join(', ')}
         ON CONFLICT (root_id) DO UPDATE SET queued_at = excluded.queued_at`,
        params,
      );
    }
  }

  /** The oldest queued roots, at most `limit`. */
  async queuedRoots(limit: number): Promise<string[]> {
    const rows = await this.sql.all<Row>(
      'SELECT root_id FROM derived_queue ORDER BY queued_at, root_id LIMIT $1',
      [limit],
    );
    return rows.map((r) => str(r.root_id));
  }

  /** Takes a root off the queue before its rows are read, in the same transaction (see unqueueHousehold). */
  async unqueueRoot(rootId: string): Promise<void> {
    await this.sql.run('DELETE FROM derived_queue WHERE root_id = $1', [rootId]);
  }

  async derivedQueueLength(): Promise<number> {
    const rows = await this.sql.all<Row>('SELECT COUNT(*) AS n FROM derived_queue');
    return num(rows[0]?.n ?? 0);
  }

  /**
   * Every root, for `rebuild-report-data`: households (merged ones too), workshops, and whatever
   * has facts (a root with no rows left loses them), but the facts an erasure kept under an
   * `erased:` root (docs/household-rights.md RIGHT4b): nothing could derive them again.
   */
  async allRootIds(): Promise<string[]> {
    const rows = await this.sql.all<Row>(
      `SELECT id FROM households UNION SELECT id FROM sync_rows WHERE entity = 'workshop'
       UNION SELECT root_id AS id FROM report_facts WHERE root_id NOT LIKE 'erased:%' ORDER BY id`,
    );
    return rows.map((r) => str(r.id));
  }

  /**
   * Workshops that name one of these households as a participant: a merge changes how many
   * distinct households they count (WS2). A text search of the workshop rows only.
   */
  async workshopsNaming(householdIds: readonly string[]): Promise<string[]> {
    const out = new Set<string>();
    for (const id of new Set(householdIds)) {
      const rows = await this.sql.all<Row>(
        `SELECT id FROM sync_rows WHERE entity = 'workshop' AND deleted = 0 AND data LIKE $1`,
        [`%"${id.replace(/[%_"\\]/g, '')}"%`],
      );
      for (const r of rows) out.add(str(r.id));
    }
    return [...out];
  }

  // -------------------------------------------------------------------------------------------
  // What a refresher reads and writes

  /** Every row of these roots (deleted ones too), by root. */
  async rowsOfRoots(rootIds: readonly string[]): Promise<Map<string, RootRow[]>> {
    const out = new Map<string, RootRow[]>(rootIds.map((id) => [id, []]));
    for (const part of chunks([...new Set(rootIds)])) {
      const rows = await this.sql.all<Row>(
        `SELECT entity, id, household_id, deleted, data FROM sync_rows
         WHERE household_id IN (${placeholders(1, part.length)}) ORDER BY household_id, entity, id`,
        part,
      );
      for (const r of rows) {
        out.get(str(r.household_id))?.push({
          entity: str(r.entity),
          id: str(r.id),
          deleted: num(r.deleted) === 1,
          data: JSON.parse(str(r.data)) as Record<string, unknown>,
        });
      }
    }
    return out;
  }

  /** For each of these households that was merged, its survivor (WS2). */
  async survivorsOf(householdIds: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const part of chunks([...new Set(householdIds)])) {
      const rows = await this.sql.all<Row>(
        `SELECT id, merged_into FROM households
         WHERE merged_into IS NOT NULL AND id IN (${placeholders(1, part.length)})`,
        part,
      );
      for (const r of rows) out.set(str(r.id), str(r.merged_into));
    }
    return out;
  }

  /** The root's facts, in place of what it had, with its welcome point now (migration 011). */
  async replaceReportFacts(
    rootId: string,
    welcomePointId: string | null,
    facts: readonly ReportFact[],
  ): Promise<void> {
    await this.sql.run('DELETE FROM report_facts WHERE root_id = $1', [rootId]);
    for (const part of chunks(facts, 500)) {
      const params: SqlValue[] = [];
      const tuples = part.map((f) => {
        const start = params.length + 1;
        params.push(rootId, f.factId, f.code, f.startsOn, f.endsOn, f.quantity, welcomePointId);
        return `(${placeholders(start, 7)})`;
      });
      await this.sql.run(
        `INSERT INTO report_facts (root_id, fact_id, code, starts_on, ends_on, quantity, welcome_point_id)
         VALUES ${tuples.join(', ')}`,
        params,
      );
    }
  }

  async reportFactsOf(rootId: string): Promise<ReportFact[]> {
    const rows = await this.sql.all<Row>(
      'SELECT fact_id, code, starts_on, ends_on, quantity FROM report_facts WHERE root_id = $1 ORDER BY fact_id',
      [rootId],
    );
    return rows.map(toFact);
  }

  // -------------------------------------------------------------------------------------------
  // The report's aggregation (RPT3, RPT4)

  /**
   * Every cell of a report, from report_facts of the roots that are not merged away (RPT4), in
   * the requested welcome points: events and minutes by code, month and welcome point (a month's
   * or a welcome point's value is a sum of these); spans overlapping the whole period by code and
   * welcome point, and overlapping each month by code (a span counts once per period, not once
   * per month it runs: these are not sums).
   */
  async reportCells(q: ReportCells): Promise<ReportCell[]> {
    const params: SqlValue[] = [q.from, q.to];
    let wp = '';
    if (q.welcomePointIds !== undefined) {
      if (q.welcomePointIds.length === 0) return [];
      wp = ` AND f.welcome_point_id IN (${placeholders(3, q.welcomePointIds.length)})`;
      params.push(...q.welcomePointIds);
    }
    const codes = (list: readonly ReportCode[]) => list.map((c) => `'${c}'`).join(', ');
    // RPT4: the merge pointer is read now (a merged household's facts may not be derived again
    // yet); the welcome point is the fact's own, written with it by the drain (migration 011).
    const roots = `FROM report_facts f
      WHERE f.root_id NOT IN (SELECT id FROM households WHERE merged_into IS NOT NULL)${wp}`;
    const cells: ReportCell[] = [];
    const events = await this.sql.all<Row>(
      `SELECT f.code, substr(f.starts_on, 1, 7) AS month, f.welcome_point_id AS wp, SUM(f.quantity) AS n
       ${roots} AND f.code IN (${codes(q.eventCodes)}) AND f.starts_on >= $1 AND f.starts_on <= $2
       GROUP BY f.code, substr(f.starts_on, 1, 7), f.welcome_point_id`,
      params,
    );
    for (const r of events) {
      cells.push({
        code: str(r.code) as ReportCode,
        month: str(r.month),
        welcomePointId: wpOf(r.wp),
        value: num(r.n),
      });
    }
    // Spans: the overlapping set is fetched once and bucketed here, by welcome point over the
    // period and by month. Measured against SQL (a months derived table cross-joined with the
    // facts): at 1.1 million facts one fetch of the ~140,000 overlapping spans took less than half
    // the time of the two grouped statements on SQLite (bench/activity-report.bench.ts).
    const spans = await this.sql.all<Row>(
      `SELECT f.code, f.welcome_point_id AS wp, f.starts_on, f.ends_on
       ${roots} AND f.code IN (${codes(q.spanCodes)}) AND f.starts_on <= $2 AND (f.ends_on IS NULL OR f.ends_on >= $1)`,
      params,
    );
    const totals = new Map<string, ReportCell>();
    const months = new Map<string, ReportCell>();
    const bump = (map: Map<string, ReportCell>, key: string, cell: Omit<ReportCell, 'value'>) => {
      const found = map.get(key);
      if (found === undefined) map.set(key, { ...cell, value: 1 });
      else found.value += 1;
    };
    for (const r of spans) {
      const code = str(r.code) as ReportCode;
      const wp = wpOf(r.wp);
      const startsOn = str(r.starts_on);
      const endsOn = r.ends_on === null ? null : str(r.ends_on);
      bump(totals, `${code}|${wp ?? ''}|${wp === null}`, { code, month: null, welcomePointId: wp });
      for (const m of q.months) {
        if (startsOn <= m.lastDay && (endsOn === null || endsOn >= m.firstDay)) {
          bump(months, `${code}|${m.month}`, { code, month: m.month, welcomePointId: undefined });
        }
      }
    }
    cells.push(...totals.values(), ...months.values());
    return cells;
  }

  // -------------------------------------------------------------------------------------------
  // The anonymised dossier export (RPT10)

  /**
   * The households followed in the period (a households_followed span overlapping it), not
   * merged away, in the welcome points (all: undefined), in id order, from `afterId` on.
   */
  async followedHouseholds(q: {
    from: string;
    to: string;
    welcomePointIds?: readonly string[];
    afterId: string;
    limit: number;
  }): Promise<{ id: string; welcomePointId: string | null }[]> {
    const params: SqlValue[] = [q.from, q.to, q.afterId, q.limit];
    let wp = '';
    if (q.welcomePointIds !== undefined) {
      if (q.welcomePointIds.length === 0) return [];
      wp = ` AND h.welcome_point_id IN (${placeholders(5, q.welcomePointIds.length)})`;
      params.push(...q.welcomePointIds);
    }
    const rows = await this.sql.all<Row>(
      `SELECT f.root_id, h.welcome_point_id FROM report_facts f JOIN households h ON h.id = f.root_id
       WHERE h.merged_into IS NULL${wp} AND f.code = 'households_followed'
       AND f.starts_on <= $2 AND (f.ends_on IS NULL OR f.ends_on >= $1) AND f.root_id > $3
       ORDER BY f.root_id LIMIT $4`,
      params,
    );
    return rows.map((r) => ({ id: str(r.root_id), welcomePointId: wpOf(r.welcome_point_id) }));
  }

  /** The facts of these roots, by root. */
  async reportFactsOfRoots(rootIds: readonly string[]): Promise<Map<string, ReportFact[]>> {
    const out = new Map<string, ReportFact[]>(rootIds.map((id) => [id, []]));
    for (const part of chunks([...new Set(rootIds)])) {
      const rows = await this.sql.all<Row>(
        `SELECT root_id, fact_id, code, starts_on, ends_on, quantity FROM report_facts
         WHERE root_id IN (${placeholders(1, part.length)}) ORDER BY root_id, fact_id`,
        part,
      );
      for (const r of rows) out.get(str(r.root_id))?.push(toFact(r));
    }
    return out;
  }

  /** The statuses of each household's plans (plan_states, kept by the plan refresher). */
  async planStatusesOf(householdIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const part of chunks([...new Set(householdIds)])) {
      const rows = await this.sql.all<Row>(
        `SELECT household_id, status FROM plan_states WHERE household_id IN (${placeholders(1, part.length)})`,
        part,
      );
      for (const r of rows)
        out.set(str(r.household_id), [...(out.get(str(r.household_id)) ?? []), str(r.status)]);
    }
    return out;
  }

  /** A secret of this server, made once at first use and kept (server_secrets). */
  async serverSecret(name: string, fresh: () => string): Promise<string> {
    await this.sql.run(
      'INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING',
      [name, fresh()],
    );
    const [r] = await this.sql.all<Row>('SELECT value FROM server_secrets WHERE name = $1', [name]);
    return str(r?.value);
  }

  // -------------------------------------------------------------------------------------------
  // Exports (RPT5)

  async insertReportExport(record: ReportExportRecord): Promise<void> {
    await this.sql.run(
      `INSERT INTO report_exports (id, from_date, to_date, welcome_points, figures, exported_at, exported_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        record.id,
        record.from,
        record.to,
        record.welcomePoints,
        JSON.stringify(record.figures),
        record.exportedAt,
        record.exportedBy,
      ],
    );
  }

  /** The last export of this period and these welcome points, if any. */
  async lastReportExport(
    from: string,
    to: string,
    welcomePoints: string,
  ): Promise<ReportExportRecord | undefined> {
    const [r] = await this.sql.all<Row>(
      `SELECT * FROM report_exports WHERE from_date = $1 AND to_date = $2 AND welcome_points = $3
       ORDER BY exported_at DESC, id DESC LIMIT 1`,
      [from, to, welcomePoints],
    );
    if (r === undefined) return undefined;
    return {
      id: str(r.id),
      from: str(r.from_date),
      to: str(r.to_date),
      welcomePoints: str(r.welcome_points),
      figures: JSON.parse(str(r.figures)) as Record<string, number>,
      exportedAt: num(r.exported_at),
      exportedBy: str(r.exported_by),
    };
  }

  /** Merges and unmerges recorded after `since` (Unix ms): the likely cause of a restated figure. */
  async mergesSince(since: number): Promise<number> {
    const [r] = await this.sql.all<Row>(
      `SELECT (SELECT COUNT(*) FROM household_merges WHERE merged_at >= $1)
            + (SELECT COUNT(*) FROM household_merges WHERE undone_at IS NOT NULL AND undone_at >= $1) AS n`,
      [since],
    );
    return num(r?.n ?? 0);
  }
}

const toFact = (r: Row): ReportFact => ({
  factId: str(r.fact_id),
  code: str(r.code) as ReportCode,
  startsOn: str(r.starts_on),
  endsOn: r.ends_on === null ? null : str(r.ends_on),
  quantity: num(r.quantity),
});

const wpOf = (value: unknown): string | null => (value === null || value === undefined ? null : str(value));
