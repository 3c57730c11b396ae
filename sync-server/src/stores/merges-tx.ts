/**
 * Coordinator merges (docs/merges.md MERGE*): the pointer of a merged household to its survivor
 * (`households.merged_into`, chains collapsed so it is always one hop), the merge commands with
 * their snapshot and result (`household_merges`, the audit log) and the late writes redirected
 * to a survivor (`merge_redirects`). The rows a merge rewrites are ordinary sync_rows, written
 * through rows-tx.ts.
 */
import type { HouseholdScope } from '../sync/scope';
import type { MergeLogRecord, MergeRecord, MergeRedirectRecord, StoredRow } from './records';
import {
  HOUSEHOLD_MERGES,
  MERGE_REDIRECTS,
  type Row,
  SYNC_ROWS,
  str,
  toHousehold,
  toMergeLog,
} from './row-mappers';
import { chunks, placeholders, type SqlExecutor, type SqlValue } from './sql';

/** A household with its merge pointer, as the merge command locks it. */
export interface LockedHousehold extends HouseholdScope {
  mergedInto: string | null;
}

export class MergesTx {
  constructor(private readonly sql: SqlExecutor) {}

  /**
   * MERGE3: the households, read and locked until the transaction ends, in id order so two
   * crossed merges cannot deadlock (PostgreSQL; SQLite runs one transaction at a time).
   */
  async lockHouseholds(ids: readonly string[]): Promise<Map<string, LockedHousehold>> {
    const sorted = [...new Set(ids)].sort();
    const lock = this.sql.engine === 'postgres' ? ' ORDER BY id FOR UPDATE' : ' ORDER BY id';
    const rows = await this.sql.all<Row>(
      `SELECT id, welcome_point_id, created_by, merged_into FROM households
       WHERE id IN (${placeholders(1, sorted.length)})${lock}`,
      sorted,
    );
    const out = new Map<string, LockedHousehold>();
    for (const r of rows) {
      out.set(str(r.id), {
        ...toHousehold(r),
        mergedInto: r.merged_into == null ? null : str(r.merged_into),
      });
    }
    return out;
  }

  /** Of `ids`, the merged ones with their survivor (one hop: chains are collapsed, MERGE5). */
  async mergedIntoOf(ids: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const part of chunks([...new Set(ids)])) {
      const rows = await this.sql.all<Row>(
        `SELECT id, merged_into FROM households
         WHERE merged_into IS NOT NULL AND id IN (${placeholders(1, part.length)})`,
        part,
      );
      for (const r of rows) out.set(str(r.id), str(r.merged_into));
    }
    return out;
  }

  /** The households merged into any of `survivorIds`, with their own scope (MERGE9 authorisation). */
  async householdsMergedInto(survivorIds: readonly string[]): Promise<LockedHousehold[]> {
    const out: LockedHousehold[] = [];
    for (const part of chunks([...new Set(survivorIds)])) {
      const rows = await this.sql.all<Row>(
        `SELECT id, welcome_point_id, created_by, merged_into FROM households
         WHERE merged_into IN (${placeholders(1, part.length)}) ORDER BY id`,
        part,
      );
      for (const r of rows) out.push({ ...toHousehold(r), mergedInto: str(r.merged_into) });
    }
    return out;
  }

  async setMergedInto(householdId: string, survivorId: string | null): Promise<void> {
    await this.sql.run('UPDATE households SET merged_into = $2 WHERE id = $1', [householdId, survivorId]);
  }

  /** Every row of a household, the household's own row included, whatever the entity (MERGE5). */
  async rowsOfHousehold(householdId: string): Promise<StoredRow[]> {
    const rows = await this.sql.all<Row>('SELECT * FROM sync_rows WHERE household_id = $1 ORDER BY seq', [
      householdId,
    ]);
    return rows.map(SYNC_ROWS.read);
  }

  /** Conflicts of the given rows (all of the household's when `entityIds` is omitted) follow them. */
  async moveConflicts(
    fromHouseholdId: string,
    toHouseholdId: string,
    entityIds?: readonly string[],
  ): Promise<void> {
    if (entityIds === undefined) {
      await this.sql.run('UPDATE conflicts SET household_id = $2 WHERE household_id = $1', [
        fromHouseholdId,
        toHouseholdId,
      ]);
      return;
    }
    for (const part of chunks([...new Set(entityIds)])) {
      await this.sql.run(
        `UPDATE conflicts SET household_id = $2 WHERE household_id = $1 AND entity_id IN (${placeholders(3, part.length)})`,
        [fromHouseholdId, toHouseholdId, ...part],
      );
    }
  }

  async getMerge(mergeId: string): Promise<MergeRecord | undefined> {
    const rows = await this.sql.all<Row>('SELECT * FROM household_merges WHERE merge_id = $1', [mergeId]);
    return rows[0] === undefined ? undefined : HOUSEHOLD_MERGES.read(rows[0]);
  }

  async insertMerge(merge: MergeRecord): Promise<void> {
    await this.sql.run(HOUSEHOLD_MERGES.insert, HOUSEHOLD_MERGES.values(merge));
  }

  async markMergeUndone(
    mergeId: string,
    undo: { by: string; at: number; reason: string; result: unknown },
  ): Promise<void> {
    await this.sql.run(
      `UPDATE household_merges SET status = 'undone', undone_by = $2, undone_at = $3, undo_reason = $4,
       undo_result = $5 WHERE merge_id = $1`,
      [mergeId, undo.by, undo.at, undo.reason, JSON.stringify(undo.result)],
    );
  }

  /** Active merges whose survivor is one of `survivorIds`, newest first. */
  async activeMergesInto(survivorIds: readonly string[]): Promise<MergeRecord[]> {
    const ids = [...new Set(survivorIds)];
    if (ids.length === 0) return [];
    const rows = await this.sql.all<Row>(
      `SELECT * FROM household_merges WHERE status = 'active' AND survivor_id IN (${placeholders(1, ids.length)})
       ORDER BY merge_seq DESC`,
      ids,
    );
    return rows.map(HOUSEHOLD_MERGES.read);
  }

  /**
   * MERGE6 (LIFO): the most recent active merge made after `afterSeq` that involves one of the
   * households, as survivor or as merged household.
   */
  async laterActiveMerge(householdIds: readonly string[], afterSeq: number): Promise<string | undefined> {
    const params: SqlValue[] = [afterSeq, ...householdIds];
    const list = placeholders(2, householdIds.length);
    const rows = await this.sql.all<Row>(
      `SELECT merge_id FROM household_merges WHERE status = 'active' AND merge_seq > $1
       AND (survivor_id IN (${list}) OR merged_id IN (${list})) ORDER BY merge_seq DESC LIMIT 1`,
      params,
    );
    return rows[0] === undefined ? undefined : str(rows[0].merge_id);
  }

  /** The audit log (MERGE7), newest first, with the names and the redirect count. */
  async listMerges(filter: { householdId?: string; limit: number }): Promise<MergeLogRecord[]> {
    const params: SqlValue[] = [filter.limit];
    let where = '';
    if (filter.householdId !== undefined) {
      params.push(filter.householdId);
      where = 'WHERE m.survivor_id = $2 OR m.merged_id = $2';
    }
    const rows = await this.sql.all<Row>(
      `SELECT m.*, mb.display_name AS merged_by_display_name, ub.display_name AS undone_by_display_name,
         (SELECT COUNT(*) FROM merge_redirects r WHERE r.merge_id = m.merge_id) AS redirects
       FROM household_merges m
       LEFT JOIN users mb ON mb.id = m.merged_by
       LEFT JOIN users ub ON ub.id = m.undone_by
       ${where} ORDER BY m.merge_seq DESC LIMIT $1`,
      params,
    );
    return rows.map(toMergeLog);
  }

  /**
   * MERGE9 after an unmerge: of these pairs of households, the latest merge (active or undone)
   * between the two of them, either way round, by pair key `a|b` as given.
   */
  async mergesBetween(pairs: readonly (readonly [string, string])[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const [a, b] of pairs) {
      if (out.has(`${a}|${b}`)) continue;
      const [row] = await this.sql.all<Row>(
        `SELECT merge_id FROM household_merges
         WHERE (survivor_id = $1 AND merged_id = $2) OR (survivor_id = $2 AND merged_id = $1)
         ORDER BY merge_seq DESC LIMIT 1`,
        [a, b],
      );
      if (row !== undefined) out.set(`${a}|${b}`, str(row.merge_id));
    }
    return out;
  }

  async insertRedirect(redirect: MergeRedirectRecord): Promise<void> {
    await this.sql.run(MERGE_REDIRECTS.insert, MERGE_REDIRECTS.values(redirect));
  }

  async redirectsOf(mergeId: string): Promise<MergeRedirectRecord[]> {
    const rows = await this.sql.all<Row>('SELECT * FROM merge_redirects WHERE merge_id = $1 ORDER BY at', [
      mergeId,
    ]);
    return rows.map(MERGE_REDIRECTS.read);
  }
}
