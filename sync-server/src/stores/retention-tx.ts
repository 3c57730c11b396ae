/**
 * Retention in the database (migration 012, docs/household-rights.md RIGHT8–RIGHT11): the
 * association's retention period, the closed dossiers due for anonymisation, and the log of each
 * run and of what it anonymised in each household (field names, never values).
 */
import type { AnonymisationRun, RetentionView } from '../../../src/domain/rights/rights-protocol';
import { DEFAULT_RETENTION_YEARS } from '../../../src/domain/rights/rights-protocol';
import { num, type Row, str } from './row-mappers';
import type { SqlExecutor } from './sql';

/** A closed household due for anonymisation: its id and the closing it answers. */
export interface DueHousehold {
  id: string;
  closedOn: string;
}

export interface AnonymisationLogEntry {
  householdId: string;
  closedOn: string;
  runId: string;
  anonymisedAt: number;
  fields: Record<string, string[]>;
}

export class RetentionTx {
  constructor(private readonly sql: SqlExecutor) {}

  async getRetention(): Promise<RetentionView> {
    const [r] = await this.sql.all<Row>('SELECT years, updated_at FROM retention_settings WHERE id = 1');
    if (r === undefined) return { years: DEFAULT_RETENTION_YEARS, isDefault: true };
    return { years: num(r.years), isDefault: false, updatedAt: num(r.updated_at) };
  }

  async putRetention(years: number, by: string, at: number): Promise<void> {
    await this.sql.run(
      `INSERT INTO retention_settings (id, years, updated_at, updated_by) VALUES (1, $1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET years = excluded.years, updated_at = excluded.updated_at,
       updated_by = excluded.updated_by`,
      [years, at, by],
    );
  }

  /**
   * RIGHT8: households (not merged away, not deleted) whose dossier is closed with a closing day
   * before `cutoff`, not yet anonymised for that closing (RIGHT10), in id order after `afterId`,
   * at most `limit`; `exhausted` when none is left after them. The text filter only narrows the
   * scan; each row's JSON decides.
   */
  async dueForAnonymisation(
    cutoff: string,
    afterId: string,
    limit: number,
  ): Promise<{ due: DueHousehold[]; exhausted: boolean }> {
    const due: DueHousehold[] = [];
    let after = afterId;
    for (;;) {
      const rows = await this.sql.all<Row>(
        `SELECT r.id, r.data FROM sync_rows r JOIN households h ON h.id = r.id
         WHERE r.entity = 'household' AND r.deleted = 0 AND h.merged_into IS NULL AND r.id > $1
         AND r.data LIKE '%"status":"closed"%' ORDER BY r.id LIMIT $2`,
        [after, limit],
      );
      const closed: DueHousehold[] = [];
      for (const r of rows) {
        const data = JSON.parse(str(r.data)) as { status?: unknown; closedOn?: unknown };
        if (data.status !== 'closed' || typeof data.closedOn !== 'string' || data.closedOn >= cutoff)
          continue;
        closed.push({ id: str(r.id), closedOn: data.closedOn });
      }
      const done = await this.anonymisedClosings(closed.map((h) => h.id));
      for (const h of closed) {
        if (due.length < limit && !done.has(`${h.id}|${h.closedOn}`)) due.push(h);
      }
      const last = rows.at(-1);
      if (rows.length < limit || last === undefined) return { due, exhausted: true };
      if (due.length >= limit) return { due, exhausted: false };
      after = str(last.id);
    }
  }

  /** `id|closedOn` of the closings already anonymised among these households (RIGHT10). */
  private async anonymisedClosings(ids: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const id of ids) {
      const rows = await this.sql.all<Row>(
        'SELECT closed_on FROM anonymisation_log WHERE household_id = $1',
        [id],
      );
      for (const r of rows) out.add(`${id}|${str(r.closed_on)}`);
    }
    return out;
  }

  async insertAnonymisationRun(run: {
    runId: string;
    origin: 'job' | 'cli';
    startedAt: number;
    cutoff: string;
  }) {
    await this.sql.run(
      'INSERT INTO anonymisation_runs (run_id, origin, started_at, cutoff) VALUES ($1, $2, $3, $4)',
      [run.runId, run.origin, run.startedAt, run.cutoff],
    );
  }

  async finishAnonymisationRun(runId: string, finishedAt: number, households: number): Promise<void> {
    await this.sql.run('UPDATE anonymisation_runs SET finished_at = $2, households = $3 WHERE run_id = $1', [
      runId,
      finishedAt,
      households,
    ]);
  }

  /** An hourly run that found nothing is not kept: the list shows runs that did something. */
  async deleteAnonymisationRun(runId: string): Promise<void> {
    await this.sql.run('DELETE FROM anonymisation_runs WHERE run_id = $1', [runId]);
  }

  async insertAnonymisationLog(entry: AnonymisationLogEntry): Promise<void> {
    await this.sql.run(
      `INSERT INTO anonymisation_log (household_id, closed_on, run_id, anonymised_at, fields)
       VALUES ($1, $2, $3, $4, $5)`,
      [entry.householdId, entry.closedOn, entry.runId, entry.anonymisedAt, JSON.stringify(entry.fields)],
    );
  }

  /** The latest runs, newest first (the admin screen). */
  async listAnonymisationRuns(limit: number): Promise<AnonymisationRun[]> {
    const rows = await this.sql.all<Row>(
      'SELECT * FROM anonymisation_runs ORDER BY started_at DESC, run_id DESC LIMIT $1',
      [limit],
    );
    return rows.map((r) => ({
      runId: str(r.run_id),
      origin: str(r.origin) === 'cli' ? 'cli' : 'job',
      startedAt: num(r.started_at),
      finishedAt: r.finished_at === null || r.finished_at === undefined ? null : num(r.finished_at),
      cutoff: str(r.cutoff),
      households: num(r.households),
    }));
  }

  async anonymisationLogOf(householdId: string): Promise<AnonymisationLogEntry[]> {
    const rows = await this.sql.all<Row>(
      'SELECT * FROM anonymisation_log WHERE household_id = $1 ORDER BY anonymised_at',
      [householdId],
    );
    return rows.map((r) => ({
      householdId: str(r.household_id),
      closedOn: str(r.closed_on),
      runId: str(r.run_id),
      anonymisedAt: num(r.anonymised_at),
      fields: JSON.parse(str(r.fields)) as Record<string, string[]>,
    }));
  }

  /** RIGHT9: the old values of anonymised fields leave the history; the new value stands in. */
  async anonymiseFieldHistory(
    entity: string,
    entityId: string,
    field: string,
    value: unknown,
  ): Promise<void> {
    await this.sql.run(
      'UPDATE field_history SET value = $4 WHERE entity = $1 AND entity_id = $2 AND field = $3',
      [entity, entityId, field, JSON.stringify(value)],
    );
  }

  /** RIGHT9: quarantined payloads of the household are replaced by a marker, resolved conflicts go. */
  async anonymiseSupervisionOf(householdId: string, marker: string): Promise<void> {
    await this.sql.run('UPDATE quarantine SET payload = $2 WHERE household_id = $1', [householdId, marker]);
    await this.sql.run(`DELETE FROM conflicts WHERE household_id = $1 AND status = 'resolved'`, [
      householdId,
    ]);
  }
}
