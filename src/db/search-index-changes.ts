/**
 * What the in-memory search index (search-index.ts) needs to hear: which households and members
 * changed, on ANY connection to the device database, once the change has committed.
 *
 * - In this page, every `RelaisDb` (the strict connection and the pull connection of ADR 0008)
 *   installs `trackSearchedTables`, a DBCore middleware that notes the primary keys each
 *   readwrite transaction puts or deletes in `households` and `members`, and publishes them by
 *   database name when the transaction completes. Exact keys, even for a pull page's bulkPut of
 *   hundreds of rows (Dexie's own change event widens any bulk write of 50 rows or more to
 *   "the whole table"). Nothing is published for a transaction that aborts.
 * - Other tabs' writes arrive through Dexie's `storagemutated` event (BroadcastChannel): keys
 *   when Dexie names them, otherwise "everything". The event also fires for this page's own
 *   transactions; those are recognised (their change set was seen at completion) and skipped.
 *
 * The completion listener is added when the transaction is created, before Dexie's own
 * `oncomplete`, so the index knows of a change before the write's promise resolves and before
 * any live query re-runs: a search right after `await repo.createHousehold(...)` finds it.
 */
import Dexie, {
  type DBCore,
  type DBCoreMutateRequest,
  type DBCoreTransaction,
  type ObservabilitySet,
} from 'dexie';

/** The tables the search index reads. */
export const SEARCHED_TABLES = ['households', 'members'] as const;
export type SearchedTable = (typeof SEARCHED_TABLES)[number];

/** Changed primary keys per table; 'all' when a range was cleared or keys are unknown. */
export type SearchedChanges = Partial<Record<SearchedTable, Set<string> | 'all'>>;

type ChangeListener = (changes: SearchedChanges) => void;

const listeners = new Map<string, Set<ChangeListener>>();
/** Change sets of this page's transactions (Dexie fires them again as `storagemutated`). */
const ownChangeSets = new WeakSet<object>();
/** Keys noted per transaction until it completes. */
const pending = new WeakMap<DBCoreTransaction, SearchedChanges>();

function isSearched(table: string): table is SearchedTable {
  return (SEARCHED_TABLES as readonly string[]).includes(table);
}

/** Adds `more` into `into` (a table already at 'all' stays so). */
export function mergeChanges(into: SearchedChanges, more: SearchedChanges): void {
  for (const table of SEARCHED_TABLES) {
    const keys = more[table];
    if (keys === undefined) continue;
    const current = into[table];
    if (current === 'all') continue;
    if (keys === 'all') into[table] = 'all';
    else if (current === undefined) into[table] = new Set(keys);
    else for (const key of keys) current.add(key);
  }
}

function publish(dbName: string, changes: SearchedChanges): void {
  for (const listener of listeners.get(dbName) ?? []) listener(changes);
}

/** Follows the committed changes to the searched tables of the database `dbName`. */
export function onSearchedChanges(dbName: string, listener: ChangeListener): () => void {
  let set = listeners.get(dbName);
  if (!set) {
    set = new Set();
    listeners.set(dbName, set);
  }
  set.add(listener);
  return () => {
    set.delete(listener);
    if (set.size === 0) listeners.delete(dbName);
  };
}

function keysOfMutation(req: DBCoreMutateRequest): Set<string> | 'all' {
  if (req.type === 'deleteRange') return 'all';
  if (req.type === 'delete') return new Set(req.keys.map(String));
  // Both searched tables key their rows by `id`, in the row (never sealed: ids stay in clear).
  return new Set(req.values.map((value) => String((value as { id: unknown }).id)));
}

/** Installs the change tracker on a connection (before it opens: the RelaisDb constructor). */
export function trackSearchedTables(db: Dexie): void {
  const dbName = db.name;
  db.use({
    stack: 'dbcore',
    name: 'SearchIndexChanges',
    create(down: DBCore): DBCore {
      return {
        ...down,
        transaction(stores, mode, options) {
          const tx = down.transaction(stores, mode, options);
          if (mode === 'readwrite' && stores.some(isSearched)) {
            // Dexie's core transaction is the IDBTransaction itself.
            const idbTx = tx as unknown as IDBTransaction & { mutatedParts?: object };
            idbTx.addEventListener('complete', () => {
              if (idbTx.mutatedParts) ownChangeSets.add(idbTx.mutatedParts);
              const changes = pending.get(tx);
              if (changes) publish(dbName, changes);
            });
          }
          return tx;
        },
        table(name) {
          const table = down.table(name);
          if (!isSearched(name)) return table;
          return {
            ...table,
            mutate(req) {
              const changes = pending.get(req.trans) ?? {};
              pending.set(req.trans, changes);
              mergeChanges(changes, { [name]: keysOfMutation(req) });
              return table.mutate(req);
            },
          };
        },
      };
    },
  });
}

interface RangeNode {
  from: unknown;
  to: unknown;
  l?: RangeNode | null;
  r?: RangeNode | null;
}

/** The single keys of a Dexie range tree; 'all' as soon as it holds a true range. */
function keysOfRangeTree(node: RangeNode | null | undefined, into: Set<string>): boolean {
  if (!node) return true;
  if (node.from !== node.to || typeof node.from !== 'string') return false;
  into.add(node.from);
  return keysOfRangeTree(node.l, into) && keysOfRangeTree(node.r, into);
}

function changesFromOtherTab(parts: ObservabilitySet): Map<string, SearchedChanges> {
  const byDb = new Map<string, SearchedChanges>();
  for (const [part, tree] of Object.entries(parts)) {
    // 'idb://<database>/<table>/' is the primary-key part; index parts add nothing.
    const match = /^idb:\/\/(.*)\/([^/]*)\/$/.exec(part);
    const [, dbName, table] = match ?? [];
    if (dbName === undefined || table === undefined || !isSearched(table)) continue;
    const keys = new Set<string>();
    const exact = keysOfRangeTree(tree as unknown as RangeNode, keys);
    const changes = byDb.get(dbName) ?? {};
    mergeChanges(changes, { [table]: exact ? keys : 'all' });
    byDb.set(dbName, changes);
  }
  return byDb;
}

// Registered when this module loads, before any live query subscribes: an index hears of another
// tab's change before a list re-runs its query because of it.
Dexie.on('storagemutated', (parts: ObservabilitySet) => {
  if (ownChangeSets.has(parts) || listeners.size === 0) return;
  for (const [dbName, changes] of changesFromOtherTab(parts)) publish(dbName, changes);
});
