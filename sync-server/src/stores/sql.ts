/**
 * The one SQL surface both engines implement. Statements are written once, in the common subset
 * of SQLite and PostgreSQL, with `$1, $2…` placeholders (the SQLite adapter rewrites them).
 * Values are strings, numbers and null only: booleans are stored as 0/1 and JSON as text, so
 * both engines return the same JavaScript values.
 */
export type SqlValue = string | number | null;

export interface SqlExecutor {
  /**
   * Which engine runs the statements, for the rare statement the common subset lacks (row locks:
   * PostgreSQL `FOR UPDATE`; SQLite runs one transaction at a time and needs none).
   */
  readonly engine?: 'sqlite' | 'postgres';
  all<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** @returns the number of rows changed */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

export interface PositionalSql {
  sql: string;
  /** For each `?` in `sql`, the index of the `$n` parameter it stands for. */
  order: number[];
}

/**
 * `$n` placeholders to `?` with the parameter order (SQLite binds positionally).
 * @example toPositional('a = $2 AND b = $1') // { sql: 'a = ? AND b = ?', order: [1, 0] }
 */
export function toPositional(sql: string): PositionalSql {
  const order: number[] = [];
  const out = sql.replace(/\$(\d+)/g, (_match, n: string) => {
    order.push(Number(n) - 1);
    return '?';
  });
  return { sql: out, order };
}

/** `$k, $k+1, …` for an IN list of `count` values starting at parameter `start` (1-based). */
export function placeholders(start: number, count: number): string {
  return Array.from({ length: count }, (_, i) => `$${start + i}`).join(', ');
}

/** Splits a list so IN lists stay well below every engine's parameter limit. */
export function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
