/**
 * The legal parameters admins maintain (migration 006, ADR 0018): the entries, the log of every
 * change, and the version devices compare to skip an unchanged download. Written once over the
 * transaction's SqlExecutor, like store-tx.ts, so both engines run the same statements.
 */
import {
  type LegalParameterEntry,
  LegalParameterEntrySchema,
} from '../../../src/domain/parameters/legal-parameter-entries';
import type { SqlExecutor } from './sql';

const VERSION_COUNTER = 'legal_parameters_version';

export type LegalParameterAction = 'created' | 'updated' | 'deleted';

export interface LegalParameterChange {
  id: string;
  parameterId: string;
  kind: LegalParameterEntry['kind'];
  action: LegalParameterAction;
  userId: string;
  /** The person's display name (a disabled person keeps theirs). */
  userName: string;
  at: number;
  oldEntry: LegalParameterEntry | null;
  newEntry: LegalParameterEntry | null;
}

type Row = Record<string, unknown>;

/** Where an entry applies: the département of a commission's forfaits, '' otherwise. */
export const areaOf = (entry: LegalParameterEntry): string =>
  entry.kind === 'commissionForfaits' ? (entry.departement ?? '') : '';

const parseEntry = (text: unknown): LegalParameterEntry | null =>
  text === null || text === undefined ? null : LegalParameterEntrySchema.parse(JSON.parse(String(text)));

export class LegalParametersTx {
  constructor(private readonly sql: SqlExecutor) {}

  async version(): Promise<number> {
    const rows = await this.sql.all<Row>('SELECT value FROM sync_counters WHERE name = $1', [
      VERSION_COUNTER,
    ]);
    return Number(rows[0]?.value ?? 0);
  }

  /** Raises the version in one statement, so two admins saving at once get two versions. */
  async #bumpVersion(): Promise<number> {
    const rows = await this.sql.all<Row>(
      `INSERT INTO sync_counters (name, value) VALUES ($1, 1)
       ON CONFLICT (name) DO UPDATE SET value = sync_counters.value + 1 RETURNING value`,
      [VERSION_COUNTER],
    );
    return Number(rows[0]?.value);
  }

  async list(): Promise<LegalParameterEntry[]> {
    const rows = await this.sql.all<Row>(
      'SELECT entry FROM legal_parameters ORDER BY kind, area, effective_from, id',
    );
    return rows.map((r) => parseEntry(r.entry)).filter((e): e is LegalParameterEntry => e !== null);
  }

  async get(id: string): Promise<LegalParameterEntry | undefined> {
    const rows = await this.sql.all<Row>('SELECT entry FROM legal_parameters WHERE id = $1', [id]);
    return parseEntry(rows[0]?.entry) ?? undefined;
  }

  /** The entry of the same kind, place and date, other than `exceptId`, if any. */
  async sameSlot(entry: LegalParameterEntry, exceptId?: string): Promise<string | undefined> {
    const rows = await this.sql.all<Row>(
      'SELECT id FROM legal_parameters WHERE kind = $1 AND area = $2 AND effective_from = $3 AND id <> $4',
      [entry.kind, areaOf(entry), entry.effectiveFrom, exceptId ?? ''],
    );
    return rows[0] === undefined ? undefined : String(rows[0].id);
  }

  /**
   * Writes (or removes, with `next` null) an entry, logs the change and raises the version.
   * @param change - the log row's id, who, when, the value before and after
   */
  async save(change: {
    logId: string;
    userId: string;
    at: number;
    previous: LegalParameterEntry | null;
    next: LegalParameterEntry | null;
  }): Promise<void> {
    const { previous, next } = change;
    const subject = next ?? previous;
    if (subject === null) return;
    if (next === null) {
      await this.sql.run('DELETE FROM legal_parameters WHERE id = $1', [subject.id]);
    } else if (previous === null) {
      await this.sql.run(
        `INSERT INTO legal_parameters (id, kind, area, effective_from, entry, updated_at, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          next.id,
          next.kind,
          areaOf(next),
          next.effectiveFrom,
          JSON.stringify(next),
          change.at,
          change.userId,
        ],
      );
    } else {
      await this.sql.run(
        `UPDATE legal_parameters SET area = $2, effective_from = $3, entry = $4, updated_at = $5,
           updated_by = $6 WHERE id = $1`,
        [next.id, areaOf(next), next.effectiveFrom, JSON.stringify(next), change.at, change.userId],
      );
    }
    const action: LegalParameterAction =
      previous === null ? 'created' : next === null ? 'deleted' : 'updated';
    await this.sql.run(
      `INSERT INTO legal_parameter_changes (id, parameter_id, kind, action, user_id, at, old_entry, new_entry)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        change.logId,
        subject.id,
        subject.kind,
        action,
        change.userId,
        change.at,
        previous === null ? null : JSON.stringify(previous),
        next === null ? null : JSON.stringify(next),
      ],
    );
    await this.#bumpVersion();
  }

  /** The log, latest first. */
  async changes(limit: number): Promise<LegalParameterChange[]> {
    const rows = await this.sql.all<Row>(
      `SELECT c.id, c.parameter_id, c.kind, c.action, c.user_id, u.display_name, c.at, c.old_entry, c.new_entry
       FROM legal_parameter_changes c JOIN users u ON u.id = c.user_id
       ORDER BY c.at DESC, c.id DESC LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({
      id: String(r.id),
      parameterId: String(r.parameter_id),
      kind: String(r.kind) as LegalParameterEntry['kind'],
      action: String(r.action) as LegalParameterAction,
      userId: String(r.user_id),
      userName: String(r.display_name),
      at: Number(r.at),
      oldEntry: parseEntry(r.old_entry),
      newEntry: parseEntry(r.new_entry),
    }));
  }
}
