/**
 * The Dexie DBCore middleware that seals rows on their way to IndexedDB and opens them on their
 * way back (ENC1–ENC6, ADR 0024). Every read path goes through it: get, getMany, query and
 * cursors (so Collection.each, filter, modify and liveQuery see opened rows).
 *
 * It sits BELOW Dexie's own middlewares (level -2: under the transaction cache at -1 and the
 * observability middleware at 0), so those see clear rows: liveQuery computes the index ranges a
 * write touched from the clear values, and only IndexedDB ever holds sealed ones.
 *
 * Sealing is synchronous (row-cipher.ts): nothing awaited here ends the transaction.
 */
import type { DBCore, DBCoreCursor, DBCoreTable, DBCoreTableSchema, Middleware } from 'dexie';
import { CLEAR_FIELDS, CLEAR_META_KEYS, INTERIM_INDEXED_FIELDS, SEALED_FIELD } from './clear-fields';
import type { DataKeyring } from './data-keyring';
import { openJson, sealJson } from './row-cipher';

type Row = Record<string, unknown>;
type Path = readonly string[];

export const SEALING_MIDDLEWARE_NAME = 'sealing';

function isRow(value: unknown): value is Row {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function getPath(row: Row, path: Path): unknown {
  let at: unknown = row;
  for (const part of path) {
    if (!isRow(at)) return undefined;
    at = at[part];
  }
  return at;
}

function setPath(row: Row, path: Path, value: unknown): void {
  let at = row;
  for (const part of path.slice(0, -1)) {
    let next = at[part];
    if (!isRow(next)) {
      next = {};
      at[part] = next;
    }
    at = next as Row;
  }
  at[path[path.length - 1] as string] = value;
}

/** A copy of `row` without `path`; nested objects on the way are copied, never changed. */
function withoutPath(row: Row, path: Path): Row {
  const [head, ...tail] = path as [string, ...string[]];
  if (!(head in row)) return row;
  const copy = { ...row };
  if (tail.length === 0) delete copy[head];
  else if (isRow(copy[head])) copy[head] = withoutPath(copy[head], tail);
  return copy;
}

/** The index key paths a table declares (compound indexes give each part). */
function indexedPaths(schema: DBCoreTableSchema): Set<string> {
  const paths = new Set<string>();
  for (const index of [schema.primaryKey, ...schema.indexes]) {
    const keyPath = index.keyPath;
    if (typeof keyPath === 'string') paths.add(keyPath);
    else if (Array.isArray(keyPath)) for (const part of keyPath) paths.add(part);
  }
  return paths;
}

/** The clear paths of a table as the open database declares it (ENC1, ENC2). */
export function clearPathsOf(tableName: string, schema: DBCoreTableSchema): string[] {
  const primary = schema.primaryKey.keyPath;
  const listed = CLEAR_FIELDS[tableName] ?? (typeof primary === 'string' ? [primary] : []);
  const indexed = indexedPaths(schema);
  const interim = (INTERIM_INDEXED_FIELDS[tableName] ?? []).filter((path) => indexed.has(path));
  return [...listed, ...interim];
}

/** Seals and opens the rows of one table. */
export class TableSealer {
  private readonly paths: Path[];
  private readonly isMeta: boolean;

  constructor(
    private readonly tableName: string,
    clearPaths: readonly string[],
    private readonly keyring: DataKeyring,
    private readonly primaryKeyOf: (row: Row) => unknown,
  ) {
    this.paths = clearPaths.map((p) => p.split('.'));
    this.isMeta = tableName === 'meta';
  }

  private context(row: Row): string {
    return `relais:${this.tableName}:${JSON.stringify(this.primaryKeyOf(row))}`;
  }

  /** The clear part of a row and the rest to seal (undefined when nothing is left to seal). */
  private split(row: Row): { clear: Row; rest: Row | undefined } {
    if (this.isMeta && CLEAR_META_KEYS.has(row.key as string)) return { clear: row, rest: undefined };
    const clear: Row = {};
    let rest = row;
    for (const path of this.paths) {
      const value = getPath(row, path);
      if (value === undefined) continue;
      setPath(clear, path, value);
      rest = withoutPath(rest, path);
    }
    return { clear, rest: Object.keys(rest).length > 0 ? rest : undefined };
  }

  /** The stored form of a row: its clear paths and, if anything else is left, the sealed rest. */
  seal(row: unknown): unknown {
    if (!isRow(row)) return row;
    const { clear, rest } = this.split(row);
    if (rest !== undefined) clear[SEALED_FIELD] = sealJson(this.keyring.key(), rest, this.context(row));
    return clear;
  }

  /** The row as written. A row without a sealed field (clear paths only, or an older app's) as is. */
  open(stored: unknown): unknown {
    if (!isRow(stored)) return stored;
    const sealed = stored[SEALED_FIELD];
    if (!(sealed instanceof Uint8Array)) return stored;
    const row = openJson(this.keyring.key(), sealed, this.context(stored)) as Row;
    for (const path of this.paths) {
      const value = getPath(stored, path);
      if (value !== undefined) setPath(row, path, value);
    }
    return row;
  }

  /** Whether a stored row still holds personal fields in clear (written by an older app). */
  isPlain(stored: unknown): boolean {
    if (!isRow(stored) || stored[SEALED_FIELD] instanceof Uint8Array) return false;
    return this.split(stored).rest !== undefined;
  }
}

function sealedCursor(cursor: DBCoreCursor, sealer: TableSealer): DBCoreCursor {
  let raw: unknown;
  let opened: unknown;
  // IDBCursor's own getters refuse another `this`: read them from the real cursor.
  return Object.create(cursor, {
    key: { get: () => cursor.key },
    primaryKey: { get: () => cursor.primaryKey },
    value: {
      get: () => {
        const value = cursor.value;
        if (value !== raw) {
          raw = value;
          opened = sealer.open(value);
        }
        return opened;
      },
    },
  });
}

function sealedTable(table: DBCoreTable, sealer: TableSealer): DBCoreTable {
  return {
    ...table,
    mutate: (req) => {
      if (req.type !== 'add' && req.type !== 'put') return table.mutate(req);
      let values: unknown[];
      try {
        values = req.values.map((value) => sealer.seal(value));
      } catch (error) {
        return Promise.reject(error);
      }
      return table.mutate({ ...req, values });
    },
    get: (req) => table.get(req).then((value) => sealer.open(value)),
    getMany: (req) => table.getMany(req).then((values) => values.map((value) => sealer.open(value))),
    query: (req) =>
      table
        .query(req)
        .then((res) => (req.values ? { ...res, result: res.result.map((v) => sealer.open(v)) } : res)),
    openCursor: (req) =>
      table.openCursor(req).then((cursor) => (cursor && req.values ? sealedCursor(cursor, sealer) : cursor)),
  };
}

/** The sealers of a database's tables, as its schema declares them. */
export function tableSealer(tableName: string, schema: DBCoreTableSchema, keyring: DataKeyring): TableSealer {
  const extract = schema.primaryKey.extractKey;
  return new TableSealer(tableName, clearPathsOf(tableName, schema), keyring, (row) =>
    extract ? extract(row) : undefined,
  );
}

export function sealingMiddleware(keyring: DataKeyring): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: SEALING_MIDDLEWARE_NAME,
    level: -2,
    create: (down) => {
      const tables = new Map<string, DBCoreTable>();
      return {
        ...down,
        table: (tableName) => {
          let sealed = tables.get(tableName);
          if (sealed === undefined) {
            const table = down.table(tableName);
            sealed = sealedTable(table, tableSealer(tableName, table.schema, keyring));
            tables.set(tableName, sealed);
          }
          return sealed;
        },
      };
    },
  };
}
