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

/** Whether anything but empty objects is left. */
function holdsValue(value: unknown): boolean {
  if (!isRow(value)) return true;
  return Object.values(value).some(holdsValue);
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

/** Copies the clear fields of `stored` (but the sealed one) into `row`, nested objects merged. */
function overlayClear(row: Row, stored: Row): void {
  for (const [key, value] of Object.entries(stored)) {
    if (key === SEALED_FIELD) continue;
    const inner = row[key];
    if (isRow(value) && !(value instanceof Uint8Array) && isRow(inner)) overlayClear(inner, value);
    else row[key] = value;
  }
}

/** Seals and opens the rows of one table. */
export class TableSealer {
  private readonly paths: Path[];
  /** The clear paths that are top-level fields, split off in one pass over the row. */
  private readonly topLevel: ReadonlySet<string>;
  /** The dotted (nested) clear paths, split off one by one. */
  private readonly nested: Path[];
  private readonly isMeta: boolean;

  constructor(
    private readonly tableName: string,
    clearPaths: readonly string[],
    private readonly keyring: DataKeyring,
    private readonly primaryKeyOf: (row: Row) => unknown,
  ) {
    this.paths = clearPaths.map((p) => p.split('.'));
    this.topLevel = new Set(this.paths.filter((p) => p.length === 1).map((p) => p[0] as string));
    this.nested = this.paths.filter((p) => p.length > 1);
    this.isMeta = tableName === 'meta';
  }

  private context(row: Row): string {
    return `relais:${this.tableName}:${JSON.stringify(this.primaryKeyOf(row))}`;
  }

  /** The clear part of a row and the rest to seal (undefined when nothing is left to seal). */
  private split(row: Row): { clear: Row; rest: Row | undefined } {
    if (this.isMeta && CLEAR_META_KEYS.has(row.key as string)) return { clear: row, rest: undefined };
    const clear: Row = {};
    for (const path of this.paths) {
      const value = getPath(row, path);
      if (value !== undefined) setPath(clear, path, value);
    }
    // One copy of the row without its top-level clear fields (one copy per path before: the
    // pull seals every row it writes, ADR 0027). A field holding undefined stays, as before.
    let rest: Row = {};
    for (const key of Object.keys(row)) {
      const value = row[key];
      if (this.topLevel.has(key) && value !== undefined) continue;
      // An own `__proto__` field stays a field, as the spread copy kept it before.
      if (key === '__proto__') Object.defineProperty(rest, key, { value, enumerable: true, writable: true });
      else rest[key] = value;
    }
    for (const path of this.nested) {
      if (getPath(row, path) !== undefined) rest = withoutPath(rest, path);
    }
    return { clear, rest: Object.keys(rest).length > 0 ? rest : undefined };
  }

  /** The stored form of a row: its clear paths and, if anything else is left, the sealed rest. */
  seal(row: unknown): unknown {
    if (!isRow(row)) return row;
    const { clear, rest } = this.split(row);
    if (rest !== undefined) clear[SEALED_FIELD] = sealJson(this.keyring.cipher(), rest, this.context(row));
    return clear;
  }

  /** The row as written. A row without a sealed field (clear paths only, or an older app's) as is. */
  open(stored: unknown): unknown {
    if (!isRow(stored)) return stored;
    const sealed = stored[SEALED_FIELD];
    if (!(sealed instanceof Uint8Array)) return stored;
    const row = openJson(this.keyring.cipher(), sealed, this.context(stored)) as Row;
    // Every value in clear on disk belongs to the row, not only today's clear paths: a row sealed
    // while an older schema still indexed a personal field (the v2 upgrade function runs under
    // this middleware, with the v2 indexes) keeps that field in clear until sealPlainRows.
    overlayClear(row, stored);
    return row;
  }

  /**
   * Whether a stored row still holds personal fields in clear: written by an older app, or sealed
   * while an older schema indexed one of its fields (search-index branch, schema v5).
   */
  isPlain(stored: unknown): boolean {
    if (!isRow(stored)) return false;
    const { [SEALED_FIELD]: _sealed, ...clear } = stored;
    const { rest } = this.split(clear);
    // A parent of clear paths (`local` of `local.activityAt`) is left as an empty object: not personal.
    return rest !== undefined && holdsValue(rest);
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
