/**
 * Open and resolved conflicts: opened by a push when two devices changed the same field
 * concurrently (CONF2) or one edited what another deleted, closed by a later patch (CONF4).
 * Listing is filtered by scope with the one condition of sync/scope.ts, on the household as it
 * is now.
 */
import { type Scope, scopeSql } from '../sync/scope';
import type { ConflictRecord } from './records';
import { CONFLICTS, type Row } from './row-mappers';
import { HOUSEHOLD_NOW } from './scope-tx';
import { chunks, placeholders, type SqlExecutor, type SqlValue } from './sql';

export class ConflictsTx {
  constructor(private readonly sql: SqlExecutor) {}

  async getOpenConflict(
    entity: string,
    entityId: string,
    field: string,
  ): Promise<ConflictRecord | undefined> {
    const rows = await this.sql.all<Row>(
      `SELECT * FROM conflicts WHERE entity = $1 AND entity_id = $2 AND field = $3 AND status = 'open'`,
      [entity, entityId, field],
    );
    return rows[0] === undefined ? undefined : CONFLICTS.read(rows[0]);
  }

  /** Open conflicts of the given rows (any entity). */
  async openConflictsOf(entityIds: readonly string[]): Promise<ConflictRecord[]> {
    const out: ConflictRecord[] = [];
    for (const part of chunks([...new Set(entityIds)])) {
      const rows = await this.sql.all<Row>(
        `SELECT * FROM conflicts WHERE status = 'open' AND entity_id IN (${placeholders(1, part.length)})`,
        part,
      );
      for (const r of rows) out.push(CONFLICTS.read(r));
    }
    return out;
  }

  async getConflicts(ids: readonly string[]): Promise<ConflictRecord[]> {
    const out: ConflictRecord[] = [];
    for (const part of chunks([...new Set(ids)])) {
      const rows = await this.sql.all<Row>(
        `SELECT * FROM conflicts WHERE id IN (${placeholders(1, part.length)}) ORDER BY id`,
        part,
      );
      for (const r of rows) out.push(CONFLICTS.read(r));
    }
    return out;
  }

  async insertConflict(conflict: ConflictRecord): Promise<void> {
    await this.sql.run(CONFLICTS.insert, CONFLICTS.values(conflict));
  }

  async setConflictValues(id: string, values: readonly unknown[]): Promise<void> {
    await this.sql.run('UPDATE conflicts SET conflict_values = $2 WHERE id = $1', [
      id,
      JSON.stringify(values),
    ]);
  }

  async resolveConflict(id: string, by: { userId: string; mutationId: string; at: number }): Promise<void> {
    await this.sql.run(
      `UPDATE conflicts SET status = 'resolved', resolved_at = $2, resolved_by = $3, resolved_by_mutation = $4
       WHERE id = $1 AND status = 'open'`,
      [id, by.at, by.userId, by.mutationId],
    );
  }

  /**
   * Opens again a conflict that `byMutation` closed (an unmerge undoing the merge that settled
   * it). The caller checks that no other conflict is open on the same field (conflicts_one_open).
   */
  async reopenConflict(id: string, byMutation: string): Promise<void> {
    await this.sql.run(
      `UPDATE conflicts SET status = 'open', resolved_at = NULL, resolved_by = NULL, resolved_by_mutation = NULL
       WHERE id = $1 AND status = 'resolved' AND resolved_by_mutation = $2`,
      [id, byMutation],
    );
  }

  async listConflicts(filter: {
    scope: Scope;
    householdId?: string;
    status?: 'open' | 'resolved';
  }): Promise<ConflictRecord[]> {
    const params: SqlValue[] = [];
    const where: string[] = [];
    if (filter.householdId !== undefined) {
      params.push(filter.householdId);
      where.push(`c.household_id = $${params.length}`);
    }
    if (filter.status !== undefined) {
      params.push(filter.status);
      where.push(`c.status = $${params.length}`);
    }
    where.push(scopeSql(filter.scope, HOUSEHOLD_NOW, params));
    const rows = await this.sql.all<Row>(
      `SELECT c.* FROM conflicts c JOIN households h ON h.id = c.household_id
       WHERE ${where.join(' AND ')} ORDER BY c.opened_at, c.id`,
      params,
    );
    return rows.map(CONFLICTS.read);
  }
}
