/**
 * The device side of sync that touches IndexedDB (sync-design §9.3, §9.5, §9.10). The sync
 * client (src/sync) decides what to send and when; this module applies what comes back, each
 * step in ONE Dexie transaction:
 *
 * - a push response moves acknowledged outbox entries to the sent-log (I2) and records
 *   quarantined results for the user (I5);
 * - a pull page writes server rows, REBASES pending local edits on top (a field with a pending
 *   outbox entry keeps its local value) and stores the new cursor (I6), mirroring the server's
 *   open conflicts on the last page;
 * - a server restored from a backup is re-fed from the sent-log (§9.10);
 * - a conflict resolution is an ordinary recorded write (same recorder, same outbox).
 *
 * Nothing here ever deletes a local change that the server has not acknowledged.
 */
import { type AnyRow, ROW_SCHEMAS } from '../domain/dossier/rows';
import { ENTITY_TABLES, type EntityName } from '../domain/sync/entities';
import { HlcSchema, type HlcString, receiveHlc } from '../domain/sync/hlc';
import type { OutboxEntry } from '../domain/sync/mutation';
import type { Conflict, Cursor, MutationResult, PullResponse, PushResponse } from '../domain/sync/protocol';
import { TOMBSTONE_KEYS } from '../domain/sync/row-meta';
import {
  DB_SCHEMA_VERSION,
  type LocalConflict,
  type RelaisDb,
  type SentLogEntry,
  type StoredHousehold,
} from './app-db';
import { ChangeRecorder, type WriteEnvironment, writeTables } from './change-recorder';
import { clearDraftReceiptsOf } from './draft-receipts';
import { computeHouseholdLocal } from './household-index';
import { RowNotFoundError } from './repository-errors';
import { StorageError } from './storage-errors';

/** Meta keys written by the sync path. */
export const SYNC_META = {
  deviceId: 'deviceId',
  pullCursor: 'pullCursor',
  /** Highest seq the server ever acknowledged to this device. */
  ackedSeq: 'ackedSeq',
  lastSyncAt: 'lastSyncAt',
  session: 'session',
  quarantine: 'syncQuarantine',
  /** The last person who signed in on this device (kept at logout, gone with a wipe). */
  lastUser: 'lastUser',
  /** The device label the server last accepted (AUTH9): a different current label is sent. */
  deviceLabelSent: 'deviceLabelSent',
  /** The id this device had before a change of user emptied it (ADR 0009); sent at the next login. */
  switchedFrom: 'switchedFrom',
  /**
   * Households that left this device's scope while an outbox entry still referred to them
   * (PULL10): kept until those entries are pushed, then removed (retryScopeRemovals).
   */
  deferredScopeRemovals: 'deferredScopeRemovals',
  /**
   * The ids (households and their rows) removed by a scope removal whose form drafts may still be
   * on the device (PULL10, I8). Drafts live in another database (src/db/settings-store.ts), so
   * the ids are recorded in the removal's transaction and forgotten once the sync client has
   * removed the drafts naming them (forgetRemovedDraftOwners).
   */
  removedDraftOwners: 'removedDraftOwners',
} as const;

/**
 * A sync response arrived for a device id this database no longer has: the device was emptied
 * for another user meanwhile (ADR 0009). Nothing of the response is applied.
 */
export class DeviceSwitchedError extends Error {
  constructor() {
    super('The device changed user during this sync: the response is dropped');
    this.name = 'DeviceSwitchedError';
  }
}

/** Call inside a sync transaction that covers meta. */
async function assertDeviceId(db: RelaisDb, expected: string | undefined): Promise<void> {
  if (expected === undefined) return;
  if ((await db.meta.get(SYNC_META.deviceId))?.value !== expected) throw new DeviceSwitchedError();
}

/** Acknowledged entries stay in the sent-log this long (sync-design §9.10). */
export const SENT_LOG_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
const MAX_QUARANTINE_ECHO = 200;

/** A mutation the server kept in quarantine, as shown to the user. */
export interface QuarantineEcho {
  seq: number;
  mutationId: string;
  entity: string;
  entityId: string;
  householdId: string;
  reason: string;
  at: number;
}

/** A server conflict mirrored on the device: the LocalConflict shape plus the server record. */
export type ServerConflictRecord = LocalConflict & {
  source: 'server';
  server: Conflict;
  /** Set when this device wrote a resolution not yet confirmed by the server. */
  resolvedLocally?: boolean;
};

// ------------------------------------------------------------------------------------ meta

export async function readMeta<T>(db: RelaisDb, key: string): Promise<T | undefined> {
  return (await db.meta.get(key))?.value as T | undefined;
}

export async function writeMeta(db: RelaisDb, key: string, value: unknown): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    if (value === undefined) await db.meta.delete(key);
    else await db.meta.put({ key, value });
  });
}

/** The device id (meta.deviceId), created once if the device has never written anything. */
export async function ensureDeviceId(db: RelaisDb, newId: () => string): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const existing = (await db.meta.get(SYNC_META.deviceId))?.value;
    if (typeof existing === 'string' && existing !== '') return existing;
    const id = newId();
    await db.meta.put({ key: SYNC_META.deviceId, value: id });
    return id;
  });
}

// ------------------------------------------------------------------------------------ outbox

/** The first `limit` outbox entries in seq order. */
export function readOutbox(db: RelaisDb, limit: number): Promise<OutboxEntry[]> {
  return db.outbox.orderBy('seq').limit(limit).toArray();
}

export interface OutboxStats {
  pending: number;
  /** createdAt of the oldest unsynced change, Unix ms. */
  oldestAt: number | undefined;
}

export async function outboxStats(db: RelaisDb): Promise<OutboxStats> {
  const [pending, first] = await Promise.all([db.outbox.count(), db.outbox.orderBy('seq').first()]);
  return { pending, oldestAt: first?.createdAt };
}

/** Notes a failed delivery on the entries (they stay pending: never dropped). */
export async function recordPushFailure(db: RelaisDb, seqs: readonly number[], error: string): Promise<void> {
  await db.transaction('rw', db.outbox, async () => {
    await db.outbox
      .where('seq')
      .anyOf([...seqs])
      .modify((entry) => {
        entry.attempts += 1;
        entry.lastError = error.slice(0, 500);
        entry.state = 'pending';
      });
  });
}

export interface PushApplied {
  acked: number;
  quarantined: QuarantineEcho[];
}

/**
 * Applies a push response in one transaction: entries with seq ≤ ackSeq leave the outbox for
 * the sent-log (I2), quarantined results are kept for the user, the sent-log is pruned.
 * A quarantined mutation means the device holds a value the server refused: the pull cursor is
 * reset so the next pull brings the server's rows back (the local change stays in the echo).
 */
export async function applyPushResponse(
  db: RelaisDb,
  response: PushResponse,
  now: number,
  /** The device id the push was sent for; the response is dropped if the device changed since. */
  forDeviceId?: string,
): Promise<PushApplied> {
  return db.transaction('rw', [db.outbox, db.sentLog, db.meta], async () => {
    await assertDeviceId(db, forDeviceId);
    const acked = await db.outbox.where('seq').belowOrEqual(response.ackSeq).toArray();
    if (acked.length > 0) {
      const logged: SentLogEntry[] = acked.map((entry) => ({ ...entry, state: 'pending', ackedAt: now }));
      await db.sentLog.bulkPut(logged);
      await db.outbox.bulkDelete(acked.map((entry) => entry.seq));
    }
    const previous = (await db.meta.get(SYNC_META.ackedSeq))?.value;
    const known = typeof previous === 'number' ? previous : 0;
    if (response.ackSeq > known) await db.meta.put({ key: SYNC_META.ackedSeq, value: response.ackSeq });

    const bySeq = new Map(acked.map((entry) => [entry.seq, entry]));
    const quarantined: QuarantineEcho[] = [];
    for (const result of response.results) {
      const status = quarantineStatus(result);
      if (status === undefined) continue;
      const entry = bySeq.get(result.seq) ?? (await db.sentLog.get(result.seq));
      quarantined.push({
        seq: result.seq,
        mutationId: result.mutationId,
        entity: entry?.entity ?? 'unknown',
        entityId: entry?.entityId ?? '',
        householdId: entry?.householdId ?? '',
        reason: status,
        at: now,
      });
    }
    if (quarantined.length > 0) {
      const echo = ((await db.meta.get(SYNC_META.quarantine))?.value as QuarantineEcho[] | undefined) ?? [];
      const known = new Set(echo.map((q) => q.mutationId));
      const merged = [...echo, ...quarantined.filter((q) => !known.has(q.mutationId))];
      await db.meta.put({ key: SYNC_META.quarantine, value: merged.slice(-MAX_QUARANTINE_ECHO) });
      await db.meta.delete(SYNC_META.pullCursor);
    }
    await db.sentLog
      .where('ackedAt')
      .below(now - SENT_LOG_RETENTION_MS)
      .delete();
    return { acked: acked.length, quarantined };
  });
}

function quarantineStatus(result: MutationResult): string | undefined {
  if (result.status === 'quarantined') return result.reason ?? 'quarantined';
  if (result.status === 'duplicate' && result.original?.status === 'quarantined') {
    return result.original.reason ?? 'quarantined';
  }
  return undefined;
}

export interface Refeed {
  /** Entries moved back from the sent-log to the outbox. */
  moved: number;
  /** False when the sent-log no longer holds every seq from `fromSeq` (pruned): some are lost. */
  complete: boolean;
}

/**
 * The server has forgotten everything from `fromSeq` on (restored from a backup, §9.10): move
 * those sent-log entries back into the outbox, in one transaction, so they are pushed again with
 * the same seq and mutationId (the server dedupes them if it still has some).
 */
export async function refeedFromSentLog(db: RelaisDb, fromSeq: number): Promise<Refeed> {
  return db.transaction('rw', [db.outbox, db.sentLog, db.meta], async () => {
    const entries = await db.sentLog.where('seq').aboveOrEqual(fromSeq).toArray();
    const outbox: OutboxEntry[] = entries.map(({ ackedAt: _ackedAt, ...entry }) => ({
      ...entry,
      state: 'pending',
    }));
    if (outbox.length > 0) {
      await db.outbox.bulkPut(outbox);
      await db.sentLog.bulkDelete(entries.map((e) => e.seq));
    }
    await db.meta.put({ key: SYNC_META.ackedSeq, value: fromSeq - 1 });
    const first = await db.outbox.orderBy('seq').first();
    return { moved: outbox.length, complete: first === undefined || first.seq <= fromSeq };
  });
}

// ------------------------------------------------------------------------------------ pull

export interface PullApplied {
  rows: number;
  /** Rows whose pending local fields were kept on top of the server row. */
  rebased: number;
  /** Households removed from the device because they left its scope (PULL10). */
  removed: number;
}

function entryKey(entity: string, id: string): string {
  return `${entity}\u0000${id}`;
}

/** The fields each pending outbox entry changed, per row. */
function pendingFields(entries: readonly OutboxEntry[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const entry of entries) {
    const key = entryKey(entry.entity, entry.entityId);
    const fields = out.get(key) ?? new Set<string>();
    for (const field of Object.keys(entry.patch)) fields.add(field);
    out.set(key, fields);
  }
  return out;
}

/** A pull page's rows, each parsed by its entity's row schema (or kept as received). */
export type PreparedPullRows = readonly Record<string, unknown>[];

/**
 * A row as stored: parsed by its entity's schema, or, when this app version cannot parse it,
 * kept as received (never lose data; lists skip it).
 */
function parseRow(entity: EntityName, row: Record<string, unknown>): Record<string, unknown> {
  const parsed = ROW_SCHEMAS[entity].safeParse(row);
  return parsed.success ? (parsed.data as Record<string, unknown>) : { ...row };
}

/**
 * Parses a page's rows ahead of applyPullPage. The sync client calls it as each page arrives,
 * while the previous page is still being written, so the parsing is off the transaction's
 * critical path (ADR 0008). Pure: no database access.
 */
export function preparePullPage(page: PullResponse): PreparedPullRows {
  return page.changes.map((change) => parseRow(change.entity, change.row as Record<string, unknown>));
}

export interface PullPageOptions {
  /** The device id the page was pulled for; the page is dropped if the device changed since. */
  deviceId?: string;
  /** The page's rows parsed ahead (preparePullPage), outside the transaction; parsed here if absent. */
  prepared?: PreparedPullRows;
  /**
   * The cursor the page was requested from (null: from the start). When given, the page applies
   * only if the stored cursor is still that one: a page whose transaction was queued behind the
   * previous page's (PULL12) is dropped if that page did not commit.
   */
  fromCursor?: Cursor | null;
}

/** The stored cursor is not the one the page was requested from: the page before did not commit. */
export class PullOutOfOrderError extends Error {
  constructor() {
    super('The pull page does not follow the stored cursor');
    this.name = 'PullOutOfOrderError';
  }
}

/** What a page writes, computed from the server rows alone, before its transaction. */
interface PagePlan {
  /** Child rows by table. */
  byTable: Map<string, Record<string, unknown>[]>;
  /** Household rows of the page, by id (the last one wins, as with bulkPut). */
  households: Map<string, Record<string, unknown>>;
  /** Every household the page touched, with the latest `updatedAt` of its rows. */
  touched: Map<string, number>;
  /** The greatest valid HLC stamp of the page's rows. */
  latestStamp: HlcString | undefined;
}

function planPullPage(page: PullResponse, prepared: PreparedPullRows): PagePlan {
  const plan: PagePlan = {
    byTable: new Map(),
    households: new Map(),
    touched: new Map(),
    latestStamp: undefined,
  };
  let latest: string | undefined;
  page.changes.forEach((change, index) => {
    const row = prepared[index] as Record<string, unknown>;
    placeRow(plan, change.entity, row);
    // Only a stamp past the latest one is validated (most rows of a page are not).
    const stamp = row.updatedHlc;
    if (typeof stamp === 'string' && (latest === undefined || stamp > latest)) {
      const parsed = HlcSchema.safeParse(stamp);
      if (parsed.success) {
        latest = stamp;
        plan.latestStamp = parsed.data;
      }
    }
  });
  return plan;
}

/** Adds a row to the plan (a household row replaces an earlier one of the page). */
function placeRow(plan: PagePlan, entity: EntityName, row: Record<string, unknown>): void {
  if (entity === 'household') plan.households.set(String(row.id), row);
  else {
    const table = ENTITY_TABLES[entity];
    const list = plan.byTable.get(table);
    if (list === undefined) plan.byTable.set(table, [row]);
    else list.push(row);
  }
  const householdId = String(row.householdId);
  const at = typeof row.updatedAt === 'number' ? row.updatedAt : 0;
  plan.touched.set(householdId, Math.max(plan.touched.get(householdId) ?? 0, at));
}

/**
 * Applies one pull page in ONE transaction: server rows (versions and field versions) with
 * pending local fields rebased on top, the new cursor, the local clock, the household index,
 * and, on the last page, the mirror of the server's open conflicts.
 *
 * The page's child rows are written FIRST, before any read, and the checks (device, cursor,
 * schema version) follow: a check that fails throws, and the transaction is aborted with every
 * write in it. So a page whose transaction was created while the previous page's was still
 * running (PULL12) has all its rows queued when the storage process reaches it, instead of
 * waiting for its first read to start serialising them. A rebased row is written a second time,
 * merged, in the same transaction.
 *
 * Reads are batched: the only local rows read are those a pending outbox entry changed (one
 * bulkGet per table), so a pull with an empty outbox (an initial pull, or a device with nothing
 * unsent) reads no incoming row at all; the household index of the page is refreshed with one
 * bulkGet of the touched households, one `equals` query per touched household on members and on
 * appointments (issued together), and one bulkPut of households.
 */
export async function applyPullPage(
  db: RelaisDb,
  page: PullResponse,
  now: number,
  options: PullPageOptions = {},
): Promise<PullApplied> {
  const prepared = options.prepared ?? preparePullPage(page);
  if (prepared.length !== page.changes.length) throw new Error('prepared rows do not match the page');
  const plan = planPullPage(page, prepared);
  return db.transaction('rw', writeTables(db), async () => {
    // All bulkPuts issued at once: IndexedDB runs them in order inside the transaction, and the
    // page serialises the next table's rows while the storage process writes the previous one.
    // Reads issued after them see this page's rows.
    const childWrites = Promise.all([...plan.byTable].map(([table, rows]) => db.table(table).bulkPut(rows)));
    // Awaited below; if a check throws first, the abort rejects it, and that is expected.
    childWrites.catch(() => undefined);
    await assertDeviceId(db, options.deviceId);
    const meta = await db.meta.bulkGet([
      SYNC_META.deviceId,
      'hlc',
      'schemaVersion',
      SYNC_META.pullCursor,
      SYNC_META.deferredScopeRemovals,
    ]);
    const written = meta[2]?.value;
    if (typeof written === 'number' && written > DB_SCHEMA_VERSION) {
      // Scenario 33 (rollback): a newer app wrote this database; rows written by this older
      // app would lack the newer fields. Reads still work; writes, pulled ones too, are refused.
      throw new StorageError(
        'outdated',
        `database schema ${written} is newer than this app (${DB_SCHEMA_VERSION})`,
      );
    }
    if (options.fromCursor !== undefined && (meta[3]?.value ?? null) !== options.fromCursor) {
      throw new PullOutOfOrderError();
    }
    const rebased = await rebasePending(db, page, plan);
    await childWrites;
    await writeHouseholds(db, plan.households, plan.touched, now);
    const removed = await applyScopeRemovals(db, page, meta[4]?.value);

    const deviceId = typeof meta[0]?.value === 'string' ? meta[0].value : 'device';
    let hlc = typeof meta[1]?.value === 'string' ? meta[1].value : undefined;
    if (plan.latestStamp !== undefined && (hlc === undefined || plan.latestStamp > hlc)) {
      hlc = receiveHlc(hlc, plan.latestStamp, now, deviceId);
    }
    const puts: { key: string; value: unknown }[] = [{ key: SYNC_META.pullCursor, value: page.nextCursor }];
    if (hlc !== undefined) puts.push({ key: 'hlc', value: hlc });
    await db.meta.bulkPut(puts);
    if (page.conflicts !== undefined) await mirrorConflicts(db, page.conflicts, now);
    return { rows: page.changes.length, rebased, removed };
  });
}

/**
 * PULL10 (client): the page's scope removals. A household that left this device's scope goes
 * with all its rows and its local conflicts, unless an outbox entry still refers to it: then it
 * stays, listed in meta, until a later run has pushed those entries (retryScopeRemovals). A
 * household the page brings back (a change after its removal) stays; rows of a deferred
 * household mean it is back in scope, and it leaves the list. Call inside the page transaction.
 */
async function applyScopeRemovals(db: RelaisDb, page: PullResponse, stored: unknown): Promise<number> {
  const deferred = new Set(Array.isArray(stored) ? (stored as string[]) : []);
  const before = deferred.size;
  const latestChange = new Map<string, number>();
  for (const change of page.changes) {
    const id = change.row.householdId;
    latestChange.set(id, Math.max(latestChange.get(id) ?? 0, change.seq));
    deferred.delete(id);
  }
  const removals = (page.scopeRemovals ?? []).filter((r) => (latestChange.get(r.householdId) ?? 0) < r.seq);
  if (removals.length === 0 && deferred.size === before) return 0;
  for (const removal of removals) deferred.add(removal.householdId);
  const removed = await removeUnreferencedHouseholds(db, [...deferred]);
  for (const id of removed) deferred.delete(id);
  await writeMeta(db, SYNC_META.deferredScopeRemovals, deferred.size === 0 ? undefined : [...deferred]);
  return removed.length;
}

/**
 * Removes the households no outbox entry refers to, with every row, local conflict and draft
 * receipt of theirs, and records the ids of the households and their rows in
 * `meta.removedDraftOwners` (their form drafts go after the transaction). Returns the household
 * ids removed. Call inside a transaction over writeTables.
 */
async function removeUnreferencedHouseholds(db: RelaisDb, ids: readonly string[]): Promise<string[]> {
  const referenced = await Promise.all(ids.map((id) => db.outbox.where('householdId').equals(id).count()));
  const removable = ids.filter((_, i) => referenced[i] === 0);
  if (removable.length === 0) return [];
  const childTables = Object.values(ENTITY_TABLES).filter((table) => table !== 'households');
  // A form's draft is named after the row it edits, or the household for a new row.
  const rowIds = await Promise.all(
    childTables.map((table) => db.table(table).where('householdId').anyOf(removable).primaryKeys()),
  );
  const owners = new Set<string>(removable);
  for (const keys of rowIds) for (const key of keys) owners.add(String(key));
  for (const id of await readRemovedDraftOwners(db)) owners.add(id);
  await Promise.all([
    db.households.bulkDelete(removable),
    ...childTables.map((table) => db.table(table).where('householdId').anyOf(removable).delete()),
    db.conflicts.where('householdId').anyOf(removable).delete(),
    clearDraftReceiptsOf(db, owners),
    db.meta.put({ key: SYNC_META.removedDraftOwners, value: [...owners] }),
  ]);
  return removable;
}

/**
 * The ids whose form drafts are still to be removed after a scope removal (PULL10): households
 * and their rows, as recorded by the removal's transaction. Empty almost always.
 */
export async function readRemovedDraftOwners(db: RelaisDb): Promise<string[]> {
  const recorded = await readMeta<unknown>(db, SYNC_META.removedDraftOwners);
  return Array.isArray(recorded) ? recorded.map(String) : [];
}

/** Forgets these ids once their drafts are gone (a removal recorded meanwhile keeps its own). */
export async function forgetRemovedDraftOwners(db: RelaisDb, done: readonly string[]): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const gone = new Set(done);
    const left = (await readRemovedDraftOwners(db)).filter((id) => !gone.has(id));
    if (left.length === 0) await db.meta.delete(SYNC_META.removedDraftOwners);
    else await db.meta.put({ key: SYNC_META.removedDraftOwners, value: left });
  });
}

/**
 * PULL10, deferred: removes the households that left the scope while an outbox entry referred
 * to them, once no entry does. The sync client calls it at the end of each run.
 */
export async function retryScopeRemovals(db: RelaisDb): Promise<number> {
  // Almost always nothing is deferred: a read, not a write transaction over every table.
  const waiting = await readMeta<unknown>(db, SYNC_META.deferredScopeRemovals);
  if (!Array.isArray(waiting) || waiting.length === 0) return 0;
  return db.transaction('rw', writeTables(db), async () => {
    const stored = await readMeta<unknown>(db, SYNC_META.deferredScopeRemovals);
    if (!Array.isArray(stored) || stored.length === 0) return 0;
    const deferred = new Set(stored as string[]);
    const removed = await removeUnreferencedHouseholds(db, [...deferred]);
    for (const id of removed) deferred.delete(id);
    if (removed.length > 0) {
      await writeMeta(db, SYNC_META.deferredScopeRemovals, deferred.size === 0 ? undefined : [...deferred]);
    }
    return removed.length;
  });
}

/**
 * Rebase (PULL2): each row of the page that a pending outbox entry changed is the server row
 * with every field this device changed and has not pushed yet. Merged child rows are written
 * again (after the server rows, in the same transaction); merged household rows replace the
 * plan's. Returns how many rows were rebased.
 */
async function rebasePending(db: RelaisDb, page: PullResponse, plan: PagePlan): Promise<number> {
  const pending = pendingFields(await db.outbox.toArray());
  if (pending.size === 0) return 0;
  const locals = await readRebaseTargets(db, page, pending);
  const merges: PagePlan = {
    byTable: new Map(),
    households: plan.households,
    touched: plan.touched,
    latestStamp: undefined,
  };
  let rebased = 0;
  for (const change of page.changes) {
    const key = entryKey(change.entity, change.row.id);
    const fields = pending.get(key);
    const local = fields === undefined ? undefined : locals.get(key);
    if (fields === undefined || local === undefined) continue;
    const server = change.row as Record<string, unknown>;
    const merged = { ...server };
    for (const field of fields) {
      if (local[field] === undefined) delete merged[field];
      else merged[field] = local[field];
    }
    for (const stampKey of ['updatedHlc', 'updatedAt', 'origin'] as const) {
      if (typeof local.updatedHlc === 'string' && local.updatedHlc > String(server.updatedHlc)) {
        merged[stampKey] = local[stampKey];
      }
    }
    rebased += 1;
    placeRow(merges, change.entity, parseRow(change.entity, merged));
  }
  await Promise.all([...merges.byTable].map(([table, rows]) => db.table(table).bulkPut(rows)));
  return rebased;
}

/** The local rows of the page that pending outbox entries changed, by entryKey (one bulkGet per table). */
async function readRebaseTargets(
  db: RelaisDb,
  page: PullResponse,
  pending: Map<string, Set<string>>,
): Promise<Map<string, Record<string, unknown>>> {
  const out = new Map<string, Record<string, unknown>>();
  if (pending.size === 0) return out;
  const ids = new Map<EntityName, Set<string>>();
  for (const change of page.changes) {
    if (!pending.has(entryKey(change.entity, change.row.id))) continue;
    const set = ids.get(change.entity) ?? new Set<string>();
    set.add(change.row.id);
    ids.set(change.entity, set);
  }
  for (const [entity, set] of ids) {
    const keys = [...set];
    const rows = (await db.table(ENTITY_TABLES[entity]).bulkGet(keys)) as (
      | Record<string, unknown>
      | undefined
    )[];
    keys.forEach((id, i) => {
      const row = rows[i];
      if (row !== undefined) out.set(entryKey(entity, id), row);
    });
  }
  return out;
}

/**
 * Writes the page's household rows and refreshes the local index of every household the page
 * touched (after the child rows are written), in one bulkPut. A household row keeps the
 * activity already known on the device; its index is recomputed from every member and
 * appointment stored for it. A touched household absent from the device is skipped.
 */
async function writeHouseholds(
  db: RelaisDb,
  incoming: Map<string, Record<string, unknown>>,
  touched: Map<string, number>,
  now: number,
): Promise<void> {
  if (touched.size === 0) return;
  const ids = [...touched.keys()];
  // One `equals` read per household, all issued at once, rather than one `anyOf` query: Dexie
  // runs `anyOf` as a cursor that jumps from key to key, one round trip to the browser's
  // storage process per row, while each `equals` is a single getAll. In the initial-pull
  // benchmark this read alone went from 4.4 s to 1.1 s (docs/device-store.md).
  const [stored, members, appointments] = await Promise.all([
    db.households.bulkGet(ids),
    Promise.all(ids.map((id) => db.members.where('householdId').equals(id).toArray())),
    Promise.all(ids.map((id) => db.appointments.where('householdId').equals(id).toArray())),
  ]);
  const out: StoredHousehold[] = [];
  ids.forEach((id, i) => {
    const existing = stored[i];
    const row = incoming.get(id);
    const household = (row ?? existing) as StoredHousehold | undefined;
    if (household === undefined) return;
    const previous = existing?.local?.activityAt ?? (row === undefined ? 0 : Number(row.updatedAt) || now);
    const activityAt = Math.max(previous, touched.get(id) ?? 0);
    household.local = computeHouseholdLocal(household, members[i] ?? [], appointments[i] ?? [], activityAt);
    out.push(household);
  });
  if (out.length > 0) await db.households.bulkPut(out);
}

/**
 * Mirrors the server's open conflicts (the full list of the caller's scope). Local server
 * conflicts missing from the list were resolved on the server; a conflict this device resolved
 * and has not pushed yet stays resolved locally.
 */
async function mirrorConflicts(db: RelaisDb, conflicts: readonly Conflict[], now: number): Promise<void> {
  const open = new Set(conflicts.map((c) => c.id));
  const existing = (await db.conflicts.toArray()).filter(
    (c): c is ServerConflictRecord => c.source === 'server',
  );
  const byId = new Map(existing.map((c) => [c.id, c]));
  const pendingRows = new Set((await db.outbox.toArray()).map((e) => entryKey(e.entity, e.entityId)));
  for (const local of existing) {
    if (local.status === 'open' && !open.has(local.id)) {
      await db.conflicts.put({ ...local, status: 'resolved' });
    }
  }
  for (const conflict of conflicts) {
    const local = byId.get(conflict.id);
    if (local?.resolvedLocally === true && pendingRows.has(entryKey(conflict.entity, conflict.entityId))) {
      continue;
    }
    const values = conflict.values;
    const first = values[0];
    const last = values.at(-1);
    const record: ServerConflictRecord = {
      id: conflict.id,
      householdId: conflict.householdId,
      entity: conflict.entity,
      entityId: conflict.entityId,
      source: 'server',
      status: 'open',
      fields: [{ field: conflict.field, local: first?.value, incoming: last?.value }],
      localHlc: first?.hlc ?? '',
      incomingHlc: last?.hlc ?? '',
      createdAt: conflict.openedAt || now,
      server: conflict,
    };
    await db.conflicts.put(record);
  }
}

/** Open server conflicts mirrored on the device. */
export async function listServerConflicts(db: RelaisDb): Promise<ServerConflictRecord[]> {
  const rows = await db.conflicts.where('status').equals('open').toArray();
  return rows.filter((c): c is ServerConflictRecord => c.source === 'server' && 'server' in c);
}

/**
 * Resolves a conflict: an ordinary recorded write of the chosen value, based on the field's
 * latest version known to the device (the server closes the conflict, rule CONF4), and the local
 * mirror marked resolved, in one transaction. The write happens even when the value equals the
 * current one (that is the resolution). For an edit-vs-delete conflict the field is `deleted`.
 */
export async function writeResolution(
  db: RelaisDb,
  env: WriteEnvironment,
  conflictId: string,
  value: unknown,
): Promise<AnyRow> {
  return db.transaction('rw', writeTables(db), async () => {
    const conflict = (await db.conflicts.get(conflictId)) as ServerConflictRecord | undefined;
    if (conflict === undefined || conflict.source !== 'server') {
      throw new RowNotFoundError('household', conflictId);
    }
    const entity = conflict.entity as EntityName;
    const field = conflict.server.field;
    const table = db.table(ENTITY_TABLES[entity]);
    const current = (await table.get(conflict.entityId)) as AnyRow | undefined;
    if (current === undefined) throw new RowNotFoundError(entity, conflict.entityId);
    const recorder = await ChangeRecorder.begin(db, env);
    const { hlc, at } = recorder.stamp();
    const next: Record<string, unknown> = {
      ...current,
      updatedHlc: hlc,
      updatedAt: at,
      origin: { deviceId: recorder.device, userId: recorder.userId },
    };
    let fields: readonly string[];
    let op: 'patch' | 'delete' | 'restore' = 'patch';
    if (field === 'deleted') {
      const deleted = value === true;
      op = deleted ? 'delete' : 'restore';
      next.deleted = deleted;
      if (deleted) {
        next.deletedAt = at;
        next.deletedBy = recorder.userId;
      } else {
        delete next.deletedAt;
        delete next.deletedBy;
      }
      fields = TOMBSTONE_KEYS;
    } else {
      if (value === null || value === undefined) delete next[field];
      else next[field] = value;
      fields = [field];
    }
    const { local: _local, ...withoutLocal } = next as Record<string, unknown> & { local?: unknown };
    const row = recorder.validate(entity, withoutLocal);
    const patch: Record<string, unknown> = {};
    const fieldVersions: Record<string, number> = {};
    for (const f of fields) {
      const v = (row as Record<string, unknown>)[f];
      patch[f] = v === undefined ? null : v;
      fieldVersions[f] = current.fieldVersions[f] ?? 0;
    }
    await recorder.write({ op, entity, row, patch, base: { version: current.version, fieldVersions } });
    const resolved: ServerConflictRecord = { ...conflict, status: 'resolved', resolvedLocally: true };
    await db.conflicts.put(resolved);
    await recorder.finish();
    return row;
  });
}
