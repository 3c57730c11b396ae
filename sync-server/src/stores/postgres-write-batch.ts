/**
 * PostgreSQL: the one-row inserts a push makes hundreds of times (a row, its push-log record, a
 * field's history) are held and sent as ONE statement per table, instead of one round trip each
 * (issue 17, ADR 0029). The statements stay written once for both engines (rows-tx.ts,
 * push-log-tx.ts); this executor recognises them by their text and nothing else changes:
 *
 * - every other statement, and the commit, first sends what is held, in the order it was held,
 *   so a read sees every earlier write of its transaction, exactly as before;
 * - a second upsert of a row already held sends the held ones first: one statement may not touch
 *   a row twice (ON CONFLICT DO UPDATE), and the later write must still win;
 * - a held write that fails makes the next statement (or the commit) fail, inside the same
 *   transaction: it is rolled back whole, as when the write failed on its own call.
 *
 * The rows travel as one JSON array read by `json_populate_recordset(NULL::table, $1)`, which
 * takes each column's type from the table itself; the statement's text never changes, so it is
 * prepared once per connection.
 */
import { APPLIED_MUTATIONS, FIELD_HISTORY, SYNC_ROWS } from './row-mappers';
import { UPSERT_ROW } from './rows-tx';
import type { SqlValue } from './sql';

interface Batched {
  /** The prepared statement's name on each connection. */
  name: string;
  table: string;
  columns: readonly string[];
  /** The columns identifying a row, when a second write of it must not share the statement. */
  key?: readonly string[];
  /** Its multi-row form: one JSON array parameter. */
  text: string;
}

/** `INSERT INTO t (cols) VALUES (…) [tail]` → `INSERT INTO t (cols) SELECT cols FROM json… [tail]`. */
function batched(
  name: string,
  table: string,
  single: string,
  columns: readonly string[],
  key?: string[],
): Batched {
  const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (`;
  const valuesEnd = single.indexOf(')', head.length);
  if (!single.startsWith(head) || valuesEnd < 0) throw new Error(`Unexpected insert for ${table}`);
  const tail = single.slice(valuesEnd + 1);
  const text = `INSERT INTO ${table} (${columns.join(', ')})
    SELECT ${columns.join(', ')} FROM json_populate_recordset(NULL::${table}, $1::json)${tail}`;
  return { name, table, columns, text, ...(key === undefined ? {} : { key }) };
}

/** The single-row statements held, by their exact text. */
const BATCHED = new Map<string, Batched>([
  [UPSERT_ROW, batched('relais_upsert_rows', 'sync_rows', UPSERT_ROW, SYNC_ROWS.columns, ['entity', 'id'])],
  [
    APPLIED_MUTATIONS.insert,
    batched(
      'relais_insert_applied',
      'applied_mutations',
      APPLIED_MUTATIONS.insert,
      APPLIED_MUTATIONS.columns,
    ),
  ],
  [
    FIELD_HISTORY.insert,
    batched('relais_insert_field_history', 'field_history', FIELD_HISTORY.insert, FIELD_HISTORY.columns),
  ],
]);

/** ES2024 string methods (Node 20 has them; the server's TypeScript lib predates them). */
type Es2024String = string & { isWellFormed(): boolean; toWellFormed(): string };
const wellFormed = (text: string): string => {
  const s = text as Es2024String;
  return s.isWellFormed() ? text : s.toWellFormed();
};

/** How the batch sends a statement: the pooled client's query, with an optional prepared name. */
export type SendQuery = (query: { text: string; values: unknown[]; name?: string }) => Promise<unknown>;

/**
 * The writes held in one transaction: one list per table, in arrival order within each table.
 * Tables are sent one after the other: none of them has a trigger or a foreign key, and no
 * statement reads them before all are sent, so their relative order cannot be observed.
 */
export class WriteBatch {
  readonly #tables = new Map<Batched, { rows: Record<string, SqlValue>[]; keys: Set<string> }>();

  constructor(private readonly send: SendQuery) {}

  /** Holds `sql` when it is one of the batched inserts and returns true; otherwise false. */
  async hold(sql: string, params: readonly SqlValue[]): Promise<boolean> {
    const spec = BATCHED.get(sql);
    if (spec === undefined) return false;
    const row: Record<string, SqlValue> = {};
    spec.columns.forEach((column, i) => {
      const value = params[i] ?? null;
      // As sent alone: pg encodes a lone surrogate as U+FFFD, where json would refuse its escape.
      row[column] = typeof value === 'string' ? wellFormed(value) : value;
    });
    const key = spec.key === undefined ? undefined : spec.key.map((c) => row[c]).join('\u0000');
    if (key !== undefined && this.#tables.get(spec)?.keys.has(key) === true) await this.flush();
    let held = this.#tables.get(spec);
    if (held === undefined) {
      held = { rows: [], keys: new Set() };
      this.#tables.set(spec, held);
    }
    held.rows.push(row);
    if (key !== undefined) held.keys.add(key);
    return true;
  }

  /** Sends every held write: one statement per table. */
  async flush(): Promise<void> {
    const held = [...this.#tables];
    this.#tables.clear();
    for (const [spec, { rows }] of held) {
      await this.send({ name: spec.name, text: spec.text, values: [JSON.stringify(rows)] });
    }
  }
}
