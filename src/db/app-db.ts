/**
 * The device database (Dexie over IndexedDB). One table per synced entity (sync-design §9.2),
 * plus the outbox, the sent-log, the meta key-value store and local conflicts. Only src/db
 * touches it, and only repository.ts writes synced tables (each write with its outbox entry).
 *
 * Transactions are opened with strict durability: a commit is reported only once the browser
 * has flushed it to disk (invariant I1), not when it reached the OS cache. The one exception is
 * the pull connection (`openPullConnection`, ADR 0008): pull pages, which the server still holds
 * and a lost commit simply pulls again, commit with relaxed durability.
 */
import Dexie, { type DexieOptions, type Table, type Transaction } from 'dexie';
import type { AnyRow, HouseholdRow, RowOf, WorkshopRow } from '../domain/dossier/rows';
import {
  CHILD_ENTITY_NAMES,
  type ChildEntityName,
  ENTITY_TABLES,
  type EntityName,
  type EntityTableName,
} from '../domain/sync/entities';
import type { OutboxEntry } from '../domain/sync/mutation';
import { DataKeyring, randomDataKey } from './crypto/data-keyring';
import { sealingMiddleware } from './crypto/sealing-middleware';
import { computeHouseholdLocal, type HouseholdLocal } from './household-index';

export const DB_NAME = 'relais';

/** A household as stored: the row plus its derived local index fields. */
export type StoredHousehold = HouseholdRow & { local: HouseholdLocal };

/** An outbox entry the server acknowledged, kept for server-restore recovery (§9.10). */
export type SentLogEntry = OutboxEntry & { ackedAt: number };

/** Meta key-value records: deviceId, nextSeq, hlc, schemaVersion (and later pullCursor...). */
export interface MetaRecord {
  key: string;
  value: unknown;
}

/** A conflict the device keeps for the user to resolve (import conflicts; later server ones). */
export interface LocalConflict {
  id: string;
  householdId: string;
  entity: EntityName;
  entityId: string;
  source: 'import' | 'server';
  status: 'open' | 'resolved';
  /** Each field with the value kept on the device and the competing value. */
  fields: { field: string; local: unknown; incoming: unknown }[];
  localHlc: string;
  incomingHlc: string;
  /** Unix ms. */
  createdAt: number;
}

/**
 * A household a coordinator merged into another, as this device learnt it from a pull (MERGE8):
 * kept so that `/dossiers/<mergedId>` opens the survivor and a write still naming the merged id
 * (a form open while the pull ran) goes to the survivor. `survivorId` is the end of the chain.
 * Removed when the merge is undone (the household comes back live).
 */
export interface HouseholdAlias {
  mergedId: string;
  survivorId: string;
  /** The merge that made it (absent if the row did not say). */
  mergeId?: string;
  /** When this device learnt it, Unix ms. */
  at: number;
}

/**
 * A dossier opened on this device (issue 16, access log): kept until a sync hands it to the
 * server's access log, then deleted. Ids and a time only, nothing personal.
 */
export interface DossierOpening {
  /** UUIDv7, so the server stores each opening once however often it is sent. */
  id: string;
  householdId: string;
  userId: string;
  /** Unix ms. */
  at: number;
}

interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

const CHILD_ROW_STORE = 'id, householdId';
const V1_CHILD_TABLES = [
  'members',
  'resources',
  'charges',
  'assets',
  'creditors',
  'debts',
  'notes',
  'actions',
  'scenarios',
  'appointments',
  'consents',
] as const;

// NEVER EDIT A SHIPPED VERSION: ADD ONE. Devices in the field hold databases of every version
// below; Dexie replays the declarations and upgrade functions in order to bring them up to date,
// and tests/db/upgrade.test.ts opens a database written by each previous version.
export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    // v1: the first layout. Outbox entries had no delivery state (state, attempts).
    version: 1,
    stores: {
      households: 'id, updatedAt',
      members: CHILD_ROW_STORE,
      resources: CHILD_ROW_STORE,
      charges: CHILD_ROW_STORE,
      assets: CHILD_ROW_STORE,
      creditors: CHILD_ROW_STORE,
      debts: CHILD_ROW_STORE,
      notes: CHILD_ROW_STORE,
      actions: CHILD_ROW_STORE,
      scenarios: CHILD_ROW_STORE,
      appointments: CHILD_ROW_STORE,
      consents: CHILD_ROW_STORE,
      outbox: '&seq, mutationId, householdId',
      meta: '&key',
    },
  },
  {
    // v2: the dossier list and duplicate indexes (derived `local` fields on households, birth
    // dates of members), outbox delivery state, sent-log and conflicts.
    version: 2,
    stores: {
      households:
        'id, updatedAt, local.activityAt, track, status, welcomePointId, local.nextAppointment, ' +
        '*local.nameTokens, *local.phoneKeys, local.referenceKey',
      members: 'id, householdId, birthDate',
      outbox: '&seq, &mutationId, householdId, state, [entity+entityId]',
      sentLog: '&seq, ackedAt',
      conflicts: 'id, householdId, [entity+entityId], status',
    },
    upgrade: async (tx) => {
      const members = groupByHousehold(await tx.table('members').toArray());
      const appointments = groupByHousehold(await tx.table('appointments').toArray());
      // Most recent activity: the latest change to any row of the dossier.
      const activity = new Map<string, number>();
      for (const table of V1_CHILD_TABLES) {
        await tx
          .table(table)
          .each((row: { householdId: string; updatedAt: number }) =>
            activity.set(row.householdId, Math.max(activity.get(row.householdId) ?? 0, row.updatedAt)),
          );
      }
      await tx
        .table('households')
        .toCollection()
        .modify((h: StoredHousehold) => {
          h.local = computeHouseholdLocal(
            h,
            members.get(h.id) ?? [],
            appointments.get(h.id) ?? [],
            Math.max(h.updatedAt, activity.get(h.id) ?? 0),
          );
        });
      await tx
        .table('outbox')
        .toCollection()
        .modify((entry: Partial<OutboxEntry>) => {
          entry.state ??= 'pending';
          entry.attempts ??= 0;
        });
      await tx.table('meta').put({ key: 'schemaVersion', value: 2 });
    },
  },
  {
    // v3: households merged into another (MERGE8), by merged id, with the survivor indexed so
    // that a later merge of the survivor re-points them (chains resolve to the end).
    version: 3,
    stores: { householdAliases: '&mergedId, survivorId' },
    upgrade: async (tx) => {
      await tx.table('meta').put({ key: 'schemaVersion', value: 3 });
    },
  },
  {
    // v4 (issue 15): repayment plans and their payments, micro-credits (children of a household)
    // and workshop sessions, a root entity (`householdId === id`, indexed like a child's so that
    // a scope removal finds it), listed by date and welcome point. No existing row changes.
    version: 4,
    stores: {
      plans: 'id, householdId',
      planPayments: 'id, householdId, planId',
      microcredits: CHILD_ROW_STORE,
      workshops: 'id, householdId, date, welcomePointId',
    },
    upgrade: async (tx) => {
      await tx.table('meta').put({ key: 'schemaVersion', value: 4 });
    },
  },
  {
    // v5 (issue 16, ADR 0024): rows are sealed under the data key, so nothing personal may stay
    // in an index. The name, phone and reference indexes of households and the birth-date index
    // of members go (search and the duplicate warning use an index held in memory after unlock,
    // src/db/search-index.ts); dossier openings are kept for the access log until synced. Rows
    // written in clear by an older app are sealed once the person has a data key (sealPlainRows).
    version: 5,
    stores: {
      // TODO(issue 16, search-index branch): drop the personal indexes here:
      // households: 'id, updatedAt, local.activityAt, track, status, welcomePointId, local.nextAppointment',
      // members: 'id, householdId',
      accessOpenings: '&id, at',
    },
    upgrade: async (tx) => {
      await tx.table('meta').put({ key: 'schemaVersion', value: 5 });
    },
  },
];

/** The schema version this code writes. */
export const DB_SCHEMA_VERSION = SCHEMA_VERSIONS.length;

function groupByHousehold<T extends { householdId: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.householdId);
    if (group) group.push(row);
    else groups.set(row.householdId, [row]);
  }
  return groups;
}

/**
 * Declares schema versions 1..upTo on a Dexie instance. Tests use it to build a database as an
 * older app would have written it.
 */
export function declareSchemaVersions(db: Dexie, upTo: number = DB_SCHEMA_VERSION): void {
  for (const declaration of SCHEMA_VERSIONS) {
    if (declaration.version > upTo) break;
    const version = db.version(declaration.version).stores(declaration.stores);
    if (declaration.upgrade) version.upgrade(declaration.upgrade);
  }
}

type ChildTables = { [E in ChildEntityName as (typeof ENTITY_TABLES)[E]]: Table<RowOf<E>, string> };

/** The device tables of the child entities (every synced table but the roots'). */
export function childTableNames(): string[] {
  return CHILD_ENTITY_NAMES.map((entity) => ENTITY_TABLES[entity]);
}

export interface RelaisDbOptions extends DexieOptions {
  /**
   * The device's data key, shared by every connection to this database (ENC1, ADR 0024). Without
   * one, the database gets a keyring holding a fresh random key: rows are sealed all the same
   * (every test runs on sealed rows), and nothing written can be read by another page load.
   */
  keyring?: DataKeyring;
  /**
   * 'off' stores rows in clear. ONLY for the benchmarks' baseline (ENC8: today's unencrypted
   * store measured in the same run); the app never opens a database this way.
   */
  sealing?: 'on' | 'off';
}

export class RelaisDb extends Dexie {
  declare households: Table<StoredHousehold, string>;
  declare members: ChildTables['members'];
  declare resources: ChildTables['resources'];
  declare charges: ChildTables['charges'];
  declare assets: ChildTables['assets'];
  declare creditors: ChildTables['creditors'];
  declare debts: ChildTables['debts'];
  declare notes: ChildTables['notes'];
  declare actions: ChildTables['actions'];
  declare scenarios: ChildTables['scenarios'];
  declare appointments: ChildTables['appointments'];
  declare consents: ChildTables['consents'];
  declare plans: ChildTables['plans'];
  declare planPayments: ChildTables['planPayments'];
  declare microcredits: ChildTables['microcredits'];
  declare workshops: Table<WorkshopRow, string>;
  declare outbox: Table<OutboxEntry, number>;
  declare sentLog: Table<SentLogEntry, number>;
  declare meta: Table<MetaRecord, string>;
  declare conflicts: Table<LocalConflict, string>;
  declare householdAliases: Table<HouseholdAlias, string>;
  declare accessOpenings: Table<DossierOpening, string>;

  /** The options this connection was opened with (a twin connection reuses them, keyring included). */
  readonly connectionOptions: RelaisDbOptions;
  /** The keyring rows are sealed under (ENC1). */
  readonly keyring: DataKeyring;

  constructor(name: string = DB_NAME, options: RelaisDbOptions = {}) {
    const { keyring = new DataKeyring(randomDataKey()), sealing = 'on', ...dexieOptions } = options;
    super(name, { chromeTransactionDurability: 'strict', ...dexieOptions });
    this.keyring = keyring;
    this.connectionOptions = { ...options, keyring, sealing };
    if (sealing === 'on') this.use(sealingMiddleware(keyring));
    declareSchemaVersions(this);
    // A fresh database skips the upgrade functions: record its version here.
    this.on('populate', (tx) => {
      tx.table('meta').put({ key: 'schemaVersion', value: DB_SCHEMA_VERSION });
    });
  }

  /** The table of an entity, untyped by entity (the repository narrows it). */
  entityTable(table: EntityTableName): Table<AnyRow, string> {
    return this.table(table);
  }
}

/**
 * A second connection to the same database whose transactions commit with RELAXED durability:
 * the browser reports the commit once the OS has the data, without waiting for the disk flush.
 * Only pull pages are written through it (SyncClient's `pullDb`, ADR 0008): a page and its
 * cursor still commit atomically, and a power cut can only lose the last pages, which the next
 * pull fetches again from the older cursor. Every other write, local edits and their outbox
 * entries first, goes through the strict connection. Reads and live queries on the strict
 * connection see what this one commits (same database; Dexie signals the change by name).
 */
export function openPullConnection(db: RelaisDb): RelaisDb {
  return new RelaisDb(db.name, { ...db.connectionOptions, chromeTransactionDurability: 'relaxed' });
}
