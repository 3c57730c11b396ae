/**
 * The synced rows (`sync_rows`: each entity row with its version, change sequence number and
 * per-field metadata) and the history of every field value they had (`field_history`). Which
 * rows a caller may read is the scope's business (scope-tx.ts); this file reads rows by id.
 */
import type { FieldHistoryRecord, StoredRow } from './records';
import { FIELD_HISTORY, type Row, SYNC_ROWS, str } from './row-mappers';
import { chunks, placeholders, type SqlExecutor } from './sql';

const KEY = ['entity', 'id'];

/** A row inserted, or written over the one with the same entity and id. */
export const UPSERT_ROW = `${SYNC_ROWS.insert}
  ON CONFLICT (${KEY.join(', ')}) DO UPDATE SET ${SYNC_ROWS.columns
    .filter((column) => !KEY.includes(column))
    .map((column) => `${column} = excluded.${column}`)
    .join(', ')}`;

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
      for (const r of rows) out.push(SYNC_ROWS.read(r));
    }
    return out;
  }

  /**
   * Of these scope ids, those of workshops (a root entity that is not a household, WS1): a
   * household-only rule (a child row's owner, a merge, duplicate detection, a household count)
   * leaves them out. One primary-key range per chunk (entity, id).
   */
  async workshopIdsAmong(ids: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const part of chunks([...new Set(ids)])) {
      const rows = await this.sql.all<Row>(
        `SELECT id FROM sync_rows WHERE entity = 'workshop' AND id IN (${placeholders(1, part.length)})`,
        part,
      );
      for (const r of rows) out.add(str(r.id));
    }
    return out;
  }

  async upsertRow(row: StoredRow): Promise<void> {
    await this.sql.run(UPSERT_ROW, SYNC_ROWS.values(row));
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
    await this.sql.run(FIELD_HISTORY.insert, FIELD_HISTORY.values(entry));
  }

  async listFieldHistory(entity: string, entityId: string): Promise<FieldHistoryRecord[]> {
    const rows = await this.sql.all<Row>(
      'SELECT * FROM field_history WHERE entity = $1 AND entity_id = $2 ORDER BY recorded_at, id',
      [entity, entityId],
    );
    return rows.map(FIELD_HISTORY.read);
  }
}
