/**
 * The search index, held in memory (issue 16, ADR 0024): the normalised name words, phone keys
 * and reference of every household, and the birth dates of members. IndexedDB indexes are stored
 * in clear (an index key cannot be sealed), so schema v5 dropped the personal ones; the dossier
 * search and the duplicate warning ask this index instead, and read the rows by id.
 *
 * - Built after unlock, once the dossier list has painted (`warmUp`, issue 17): the households
 *   (their derived `local` fields) read in pages of `BUILD_PAGE` by id, each page decrypted by the
 *   connection like any read, the main thread given back between pages so typing and painting
 *   are never held up by one long decryption; the members (the duplicate check's birth dates)
 *   only when a duplicate check first asks.
 * - Kept up to date from the committed changes of every connection in this page (the pull
 *   connection too) and of other tabs (search-index-changes.ts): the changed keys are marked
 *   dirty at once and re-read before the next answer, so a search never misses a write that has
 *   resolved.
 * - Cleared on lock (the keyring's `clear()`), and rebuilt at the next unlock.
 */
import Dexie from 'dexie';
import { nameTokens, normalisePhone, normaliseReference } from '../domain/dossier/normalise';
import type { RelaisDb, StoredHousehold } from './app-db';
import { DeviceLockedError } from './crypto/data-keyring';
import {
  mergeChanges,
  onSearchedChanges,
  SEARCHED_TABLES,
  type SearchedChanges,
  type SearchedTable,
} from './search-index-changes';

/** What the index learns from the device's lock: the keyring (src/db/crypto/data-keyring.ts). */
export interface LockSource {
  readonly unlocked: boolean;
  subscribe(listener: (unlocked: boolean) => void): () => void;
}

/**
 * Households decrypted per step of the build: about 0.3–0.5 ms each on a mid-range tablet, so a
 * page stays well under a frame budget's worth of long task (issue 17, ADR 0031).
 */
export const BUILD_PAGE = 200;

/** Gives the main thread back (input, paint) before the next page of a build. */
const yieldToMain = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Runs `work` after the next paint (a frame, then a task), or after a task where no frames are. */
function afterNextPaint(work: () => void): void {
  if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && !document.hidden)
    requestAnimationFrame(() => setTimeout(work, 0));
  else setTimeout(work, 0);
}

interface HouseholdEntry {
  nameTokens: readonly string[];
  phoneKeys: readonly string[];
  referenceKey: string | undefined;
  activityAt: number;
  /**
   * The household's row as last read (decrypted), so a search hands out its matches without
   * reading and decrypting them again (issue 17): kept current by the same dirty re-read as the
   * keys above, cleared with them on lock. Read-only for callers.
   */
  row: Readonly<StoredHousehold>;
}

interface MemberEntry {
  householdId: string;
  birthDate: string | undefined;
}

/** A search as typed, parsed once. */
export interface ParsedSearch {
  tokens: string[];
  phone: string | undefined;
  reference: string;
}

export function parseSearch(search: string): ParsedSearch {
  const phone = /\d/.test(search) ? normalisePhone(search) : undefined;
  return {
    tokens: nameTokens(search),
    // One digit matches nearly every phone: a phone search starts at two.
    phone: phone !== undefined && phone.replace('+', '').length >= 2 ? phone : undefined,
    reference: normaliseReference(search),
  };
}

function matches(h: HouseholdEntry, q: ParsedSearch): boolean {
  if (q.tokens.length > 0 && q.tokens.every((t) => h.nameTokens.some((n) => n.startsWith(t)))) return true;
  const phone = q.phone;
  if (phone !== undefined && h.phoneKeys.some((k) => k.startsWith(phone))) return true;
  return q.reference.length > 0 && (h.referenceKey ?? '').startsWith(q.reference);
}

function entryOf(h: StoredHousehold): HouseholdEntry {
  return {
    nameTokens: h.local?.nameTokens ?? [],
    phoneKeys: h.local?.phoneKeys ?? [],
    referenceKey: h.local?.referenceKey,
    activityAt: h.local?.activityAt ?? h.updatedAt,
    row: h,
  };
}

/** Keys `key(entry)` to ids, sorted by key then id (the order an IndexedDB index walks in). */
function idsInKeyOrder(pairs: [key: string, id: string][]): string[] {
  pairs.sort(([ka, ia], [kb, ib]) => (ka < kb ? -1 : ka > kb ? 1 : ia < ib ? -1 : ia > ib ? 1 : 0));
  return pairs.map(([, id]) => id);
}

export class SearchIndex {
  private households = new Map<string, HouseholdEntry>();
  private members = new Map<string, MemberEntry>();
  /** Which tables have been read whole since the last clear. */
  private built: Record<SearchedTable, boolean> = { households: false, members: false };
  private dirty: SearchedChanges = {};
  /** Bumped by `clear()`: work started before a lock is thrown away. */
  private generation = 0;
  private work: Promise<void> | undefined;
  private readonly stop: (() => void)[] = [];

  constructor(
    private readonly db: RelaisDb,
    private readonly lock?: LockSource,
    /** Households per build step (tests pass a small one to see several pages). */
    private readonly buildPage = BUILD_PAGE,
  ) {
    this.stop.push(
      onSearchedChanges(db.name, (changes) => {
        // Before a table's build starts nothing needs noting: the build reads it whole.
        if (this.built.households || this.built.members || this.work) mergeChanges(this.dirty, changes);
      }),
    );
    if (lock) {
      this.stop.push(
        lock.subscribe((unlocked) => {
          if (!unlocked) this.clear();
          // Built again after an unlock, once the list had its turn.
          else this.warmUp();
        }),
      );
    }
  }

  /** Whether the index holds the device's data (built and not cleared since). */
  get isBuilt(): boolean {
    return this.built.households && this.built.members;
  }

  /** Number of households held (0 once cleared). */
  get size(): number {
    return this.households.size;
  }

  /**
   * Builds what `tables` need and applies every committed change to them; resolves when they are
   * current. Households come first: the search needs only them, the duplicate check both.
   */
  async ready(tables: readonly SearchedTable[] = SEARCHED_TABLES): Promise<void> {
    while (tables.some((table) => this.needsWork(table))) {
      if (this.lock && !this.lock.unlocked) throw new DeviceLockedError();
      // Outside any caller's transaction: the index reads tables the caller may not have opened.
      this.work ??= Dexie.ignoreTransaction(() => this.runOnce(tables)).finally(() => {
        this.work = undefined;
      });
      await this.work;
    }
  }

  /**
   * Builds the households' part after the next paint, in the background: the list calls it once
   * it has shown its first rows, so the first keystroke finds the index ready and the first paint
   * never waits for it. Failures (a lock meanwhile) are left to the next search.
   */
  warmUp(): void {
    afterNextPaint(() => {
      if (this.lock && !this.lock.unlocked) return;
      void this.ready(['households']).catch(() => undefined);
    });
  }

  /** Empties the index (lock, sign-out, wipe). */
  clear(): void {
    this.generation += 1;
    this.households = new Map();
    this.members = new Map();
    this.dirty = {};
    this.built = { households: false, members: false };
  }

  /** Stops following changes and the lock (the connection is closing). */
  dispose(): void {
    for (const stop of this.stop.splice(0)) stop();
    this.clear();
  }

  /** Ids of the households a search matches, most recent activity first (ties: id descending). */
  async search(search: string): Promise<string[]> {
    return (await this.searchRows(search)).map((row) => row.id);
  }

  /**
   * The rows of the households a search matches, in `search`'s order, as current as the index
   * (every committed write re-read first). The objects are the index's own: read them, never
   * change them.
   */
  async searchRows(search: string): Promise<Readonly<StoredHousehold>[]> {
    await this.ready(['households']);
    const q = parseSearch(search);
    const found: HouseholdEntry[] = [];
    for (const h of this.households.values()) if (matches(h, q)) found.push(h);
    found.sort(
      (a, b) => b.activityAt - a.activityAt || (a.row.id < b.row.id ? 1 : a.row.id > b.row.id ? -1 : 0),
    );
    return found.map((h) => h.row);
  }

  /**
   * Households that may match a duplicate probe (the device's blocking, DUP1b): those with one of
   * `phones`, a member born on one of `birthDates`, or one of `words` among its name words; in
   * that order, each in key order, as the IndexedDB indexes used to give them.
   */
  async duplicateCandidates(
    birthDates: readonly string[],
    words: readonly string[],
    phones: readonly string[],
  ): Promise<string[]> {
    await this.ready();
    const dates = new Set(birthDates);
    const wordSet = new Set(words);
    const phoneSet = new Set(phones);
    const byPhone: [string, string][] = [];
    const byName: [string, string][] = [];
    for (const [id, h] of this.households) {
      for (const key of h.phoneKeys) if (phoneSet.has(key)) byPhone.push([key, id]);
      for (const token of h.nameTokens) if (wordSet.has(token)) byName.push([token, id]);
    }
    const byDate: [string, string, string][] = [];
    for (const [memberId, m] of this.members) {
      if (m.birthDate !== undefined && dates.has(m.birthDate))
        byDate.push([m.birthDate, memberId, m.householdId]);
    }
    byDate.sort(([da, ma], [db, mb]) => (da < db ? -1 : da > db ? 1 : ma < mb ? -1 : ma > mb ? 1 : 0));
    return [
      ...new Set([
        ...idsInKeyOrder(byPhone),
        ...byDate.map(([, , householdId]) => householdId),
        ...idsInKeyOrder(byName),
      ]),
    ];
  }

  private needsWork(table: SearchedTable): boolean {
    return !this.built[table] || this.dirty[table] !== undefined;
  }

  /** One step: builds the first of `tables` not built, else re-reads what changed in them. */
  private async runOnce(tables: readonly SearchedTable[]): Promise<void> {
    const generation = this.generation;
    const unbuilt = tables.find((table) => !this.built[table]);
    if (unbuilt === 'households') {
      // Changes committed while the build reads are caught as dirty and re-read after it.
      delete this.dirty.households;
      const households = new Map<string, HouseholdEntry>();
      // By id, a page at a time (one getAll each); a row written between pages is caught as dirty.
      for (let after: string | undefined; ; ) {
        const from =
          after === undefined
            ? this.db.households.toCollection()
            : this.db.households.where(':id').above(after);
        const page = await from.limit(this.buildPage).toArray();
        if (generation !== this.generation) return;
        for (const h of page) households.set(h.id, entryOf(h));
        const last = page.at(-1);
        if (page.length < this.buildPage || last === undefined) break;
        after = last.id;
        await yieldToMain();
        if (generation !== this.generation) return;
      }
      this.households = households;
      this.built.households = true;
      return;
    }
    if (unbuilt === 'members') {
      delete this.dirty.members;
      const rows = await this.db.members.toArray();
      if (generation !== this.generation) return;
      this.members = new Map(rows.map((m) => [m.id, { householdId: m.householdId, birthDate: m.birthDate }]));
      this.built.members = true;
      return;
    }
    const households = tables.includes('households') ? this.dirty.households : undefined;
    const members = tables.includes('members') ? this.dirty.members : undefined;
    if (households !== undefined) delete this.dirty.households;
    if (members !== undefined) delete this.dirty.members;
    if (households === 'all') this.built.households = false;
    if (members === 'all') this.built.members = false;
    const householdIds = households === 'all' ? [] : [...(households ?? [])];
    const memberIds = members === 'all' ? [] : [...(members ?? [])];
    const [householdRows, memberRows] = await Promise.all([
      this.db.households.bulkGet(householdIds),
      this.db.members.bulkGet(memberIds),
    ]);
    if (generation !== this.generation) return;
    householdIds.forEach((id, i) => {
      const row = householdRows[i];
      if (row) this.households.set(id, entryOf(row));
      else this.households.delete(id);
    });
    memberIds.forEach((id, i) => {
      const row = memberRows[i];
      if (row) this.members.set(id, { householdId: row.householdId, birthDate: row.birthDate });
      else this.members.delete(id);
    });
  }
}

const indexes = new WeakMap<RelaisDb, SearchIndex>();

/**
 * The search index of a connection, made on first use (the pull connection never searches, so
 * never builds one). It is emptied when the connection’s keyring locks.
 */
export function searchIndexOf(db: RelaisDb): SearchIndex {
  let index = indexes.get(db);
  if (!index) {
    index = new SearchIndex(db, db.keyring);
    indexes.set(db, index);
    db.on('close', () => {
      index?.dispose();
      indexes.delete(db);
    });
  }
  return index;
}
