/**
 * The pull side of sync on the device (sync-design §9.3, PULL1–PULL12): a pull page applied in
 * ONE Dexie transaction (the server rows, pending local edits rebased on top, merged households
 * moved to their survivor (merge-redirects.ts), the household index, scope removals, the cursor and the local clock, and on the last page the mirror of the
 * server's open conflicts), and its rows parsed ahead of that transaction (ADR 0013).
 *
 * The rebase rule itself is pure (src/domain/sync/rebase.ts); this file reads what it needs
 * and writes what it returns. Nothing here ever deletes a local change the server has not
 * acknowledged.
 */
import { ROW_SCHEMAS } from '../../domain/dossier/rows';
import { ENTITY_TABLES, type EntityName } from '../../domain/sync/entities';
import { HlcSchema, type HlcString, receiveHlc } from '../../domain/sync/hlc';
import type { Cursor, PullResponse } from '../../domain/sync/protocol';
import {
  pendingFieldsByRow,
  type RowRecord,
  rebasePage,
  rowKey,
  rowsToRebase,
  withPendingValues,
} from '../../domain/sync/rebase';
import { DB_SCHEMA_VERSION, type RelaisDb, type StoredHousehold } from '../app-db';
import { writeTables } from '../change-recorder';
import { computeHouseholdLocal } from '../household-index';
import { StorageError } from '../storage-errors';
import { mirrorConflicts } from './conflicts';
import { applyErasures } from './erasures';
import { moveRowsOfMergedHouseholds, pageMerges, redirectMergedHouseholds } from './merge-redirects';
import { assertDeviceId, SYNC_META } from './meta';
import { applyScopeRemovals } from './scope-removals';

export interface PullApplied {
  rows: number;
  /** Rows whose pending local fields were kept on top of the server row. */
  rebased: number;
  /** Households removed from the device because they left its scope (PULL10). */
  removed: number;
  /** Households the page tombstoned as merged, whose rows moved to their survivor (MERGE8). */
  merged: number;
  /** Households erased at a person's request (RIGHT13), and the unsent changes to them emptied. */
  erased: number;
  droppedUnsent: number;
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
  // The sent-log too: an erasure empties its copies of changes to the erased household (RIGHT13).
  return db.transaction('rw', [...writeTables(db), db.sentLog.name], async () => {
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
    // MERGE8: aliases and outbox first, so a pending edit of a merged household is rebased on
    // the survivor; its rows move once the page's own rows are written (some may still name it);
    // then the index, and only then the scope removals, which may take the survivor (MERGE10).
    const merges = await redirectMergedHouseholds(db, pageMerges(plan.households), now);
    const rebased = await rebasePending(db, page, plan);
    await childWrites;
    await moveRowsOfMergedHouseholds(db, merges.moves, plan.touched);
    await writeHouseholds(db, plan.households, plan.touched, now);
    const removed = await applyScopeRemovals(db, page, meta[4]?.value);
    const erasures = await applyErasures(db, page);

    const deviceId = typeof meta[0]?.value === 'string' ? meta[0].value : 'device';
    let hlc = typeof meta[1]?.value === 'string' ? meta[1].value : undefined;
    if (plan.latestStamp !== undefined && (hlc === undefined || plan.latestStamp > hlc)) {
      hlc = receiveHlc(hlc, plan.latestStamp, now, deviceId);
    }
    const puts: { key: string; value: unknown }[] = [{ key: SYNC_META.pullCursor, value: page.nextCursor }];
    if (hlc !== undefined) puts.push({ key: 'hlc', value: hlc });
    await db.meta.bulkPut(puts);
    if (page.conflicts !== undefined) await mirrorConflicts(db, page.conflicts, now);
    return {
      rows: page.changes.length,
      rebased,
      removed,
      merged: merges.moves.size,
      erased: erasures.households,
      droppedUnsent: erasures.dropped,
    };
  });
}

/**
 * Rebase (PULL2): each row of the page that a pending outbox entry changed is the server row
 * with every field this device changed and has not pushed yet (rebasePage). Merged child rows
 * are written again (after the server rows, in the same transaction); merged household rows
 * replace the plan's. Returns how many rows were rebased.
 */
async function rebasePending(db: RelaisDb, page: PullResponse, plan: PagePlan): Promise<number> {
  const outbox = await db.outbox.toArray();
  const pending = pendingFieldsByRow(outbox);
  if (pending.size === 0) return 0;
  // applyPullPage has queued the page's child rows before this read, so a child row read here
  // is already the pulled one: the pending values come from the outbox itself.
  const locals = withPendingValues(await readLocalRows(db, rowsToRebase(page.changes, pending)), outbox);
  // MERGE8: a merged household's tombstone is the server's alone: what was pending for it now
  // names the survivor (redirectMergedHouseholds), so nothing local may overlay it.
  const rebased = rebasePage(page.changes, pending, locals).filter(
    ({ entity, row }) =>
      !(entity === 'household' && (row as { mergedInto?: string }).mergedInto !== undefined),
  );
  const merges: PagePlan = {
    byTable: new Map(),
    households: plan.households,
    touched: plan.touched,
    latestStamp: undefined,
  };
  for (const { entity, row } of rebased) placeRow(merges, entity, parseRow(entity, row));
  await Promise.all([...merges.byTable].map(([table, rows]) => db.table(table).bulkPut(rows)));
  return rebased.length;
}

/** The local rows with these ids, by rowKey (one bulkGet per table); rows not on the device are absent. */
async function readLocalRows(
  db: RelaisDb,
  ids: ReadonlyMap<EntityName, ReadonlySet<string>>,
): Promise<Map<string, RowRecord>> {
  const out = new Map<string, RowRecord>();
  for (const [entity, set] of ids) {
    const keys = [...set];
    const rows = (await db.table(ENTITY_TABLES[entity]).bulkGet(keys)) as (RowRecord | undefined)[];
    keys.forEach((id, i) => {
      const row = rows[i];
      if (row !== undefined) out.set(rowKey(entity, id), row);
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
