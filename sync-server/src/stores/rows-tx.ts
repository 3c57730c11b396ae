/**
 * The synced rows (`sync_rows`: each entity row with its version, change sequence number and
 * per-field metadata) and the history of every field value they had (`field_history`). Which
 * rows a caller may read is the scope's business (scope-tx.ts); this file reads rows by id.
 */
import type { FieldHistoryRecord, StoredRow } from './records';
import { type Row, str, toFieldHistory, toStoredRow } from './row-mappers';
import { chunks, placeholders, type SqlExecutor } from './sql';

export class RowsTx {
  constructor(private readonly sql: SqlExecutor) {}

  /** Rows by id (any entity); the caller matches the entity. */
  async getRows(ids: readonly string[]): Promise<StoredRow[]> {
    const out: StoredRow[] = [];
    for (const part of chunks([...new Set(ids)])) {
      const rows = await this.sql.all<Row>(
        `SELECT * FROM sync_rows WHERE id IN (${placeholders(1, part.length)})`,
        part,
      );
      for (const r of rows) out.push(toStoredRow(r));
    }
    return out;
  }

  async upsertRow(row: StoredRow): Promise<void> {
    await this.sql.run(
      `INSERT INTO sync_rows (entity, id, household_id, version, seq, deleted, data, field_meta, updated_hlc)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (entity, id) DO UPDATE SET household_id = excluded.household_id,
         version = excluded.version, seq = excluded.seq, deleted = excluded.deleted, data = excluded.data,
         field_meta = excluded.field_meta, updated_hlc = excluded.updated_hlc`,
      [
        row.entity,
        row.id,
        row.householdId,
        row.version,
        row.seq,
        row.deleted ? 1 : 0,
        JSON.stringify(row.data),
        JSON.stringify(row.fieldMeta),
        row.updatedHlc,
      ],
    );
  }

  async rowKeysOfHousehold(householdId: string): Promise<{ entity: string; id: string }[]> {
    const rows = await this.sql.all<Row>(
      'SELECT entity, id FROM sync_rows WHERE household_id = $1 ORDER BY seq',
      [householdId],
    );
    return rows.map((r) => ({ entity: str(r.entity), id: str(r.id) }));
  }

  async setRowSeq(entity: string, id: string, seq: number): Promise<void> {
    await this.sql.run('UPDATE sync_rows SET seq = $3 WHERE entity = $1 AND id = $2', [entity, id, seq]);
  }

  async insertFieldHistory(entry: FieldHistoryRecord): Promise<void> {
    await this.sql.run(
      `INSERT INTO field_history (id, entity, entity_id, household_id, field, value, version, user_id, device_id,
         hlc, server_time, reason, by_mutation, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        entry.id,
        entry.entity,
        entry.entityId,
        entry.householdId,
        entry.field,
        entry.value === undefined ? null : JSON.stringify(entry.value),
        entry.version,
        entry.userId,
        entry.deviceId,
        entry.hlc,
        entry.serverTime,
        entry.reason,
        entry.byMutation,
        entry.recordedAt,
      ],
    );
  }

  async listFieldHistory(entity: string, entityId: string): Promise<FieldHistoryRecord[]> {
    const rows = await this.sql.all<Row>(
      'SELECT * FROM field_history WHERE entity = $1 AND entity_id = $2 ORDER BY recorded_at, id',
      [entity, entityId],
    );
    return rows.map(toFieldHistory);
  }
}
