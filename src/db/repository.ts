/**
 * The dossier repository: the one API the screens (through src/state) use to read and write
 * dossiers, and the one write path to the synced tables. Every write runs in ONE rw
 * transaction that writes the row(s) with bumped metadata and appends one outbox entry per
 * row change, with `seq` allocated from meta (sync-design §9.3, invariant I1). A write
 * resolves only after the transaction committed; on failure it rejects (StorageError for
 * storage failures, RowValidationError, RowNotFoundError...) and nothing was written.
 */
import { isMergedAway } from '../domain/dossier/counted-households';
import { DOSSIER_COLLECTIONS, type Dossier } from '../domain/dossier/dossier';
import type { AnyRow } from '../domain/dossier/rows';
import {
  type FieldsOf,
  type NoteRow,
  type PatchOf,
  ROW_SCHEMAS,
  type RowOf,
  type WorkshopRow,
} from '../domain/dossier/rows';
import type { TransferDocument } from '../domain/dossier/transfer';
import { HOUSEHOLD_SCHEMA_VERSION } from '../domain/household/household';
import { createUuidV7Generator } from '../domain/ids';
import type { MatchProbe } from '../domain/sync/coordination-protocol';
import {
  CHILD_ENTITY_NAMES,
  type ChildEntityName,
  ENTITY_TABLES,
  type EntityName,
} from '../domain/sync/entities';
import { recordDossierOpening } from './access-openings';
import type { RelaisDb } from './app-db';
import { ChangeRecorder, type WriteEnvironment, writeTables } from './change-recorder';
import {
  type DossierQuery,
  type DossierSummary,
  findPossibleDuplicates,
  type InvalidRowHandler,
  listDossiers,
  type PossibleDuplicate,
} from './dossier-queries';
import { clearDraftReceipt, type DraftReceipt, readDraftReceipt, recordDraftReceipt } from './draft-receipts';
import { AppendOnlyError, RowNotFoundError } from './repository-errors';
import { searchIndexOf } from './search-index';
import { StorageError, toStorageError } from './storage-errors';
import { resolveHouseholdId } from './sync-apply/merge-redirects';
import {
  buildTransferDocument,
  type ImportReport,
  importDocument,
  parseTransferDocument,
} from './transfer-io';
import { listWorkshops, type WorkshopQuery } from './workshop-queries';

/** The user id of writes made before anyone signed in (the sync client says the same). */
const LOCAL_USER = 'local-user';

export interface RepositoryOptions {
  /** Wall clock, Unix ms (default Date.now). */
  now?: () => number;
  /** Random bytes (default crypto.getRandomValues). */
  randomBytes?: (length: number) => Uint8Array;
  /** The signed-in user (default 'local-user' until accounts exist, issue 6). */
  currentUserId?: () => string;
  /** Version of the app, recorded on each mutation and export. */
  appVersion?: string;
  /** Called for a stored row that no longer parses (it is left out of lists). */
  onInvalidRow?: InvalidRowHandler;
}

/** Fields to create a household with: `schemaVersion` is filled in, `status` defaults to 'intake'. */
export type NewHousehold = Omit<FieldsOf<'household'>, 'schemaVersion' | 'status' | 'openedOn'> &
  Partial<Pick<FieldsOf<'household'>, 'status' | 'openedOn'>>;

/** A dossier's rows, each collection of one child entity. */
export type DossierCollection<E extends ChildEntityName> = RowOf<E>[];

function localDate(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export class DossierRepository {
  private readonly env: WriteEnvironment;
  private readonly onInvalidRow: InvalidRowHandler;

  constructor(
    readonly db: RelaisDb,
    options: RepositoryOptions = {},
  ) {
    const now = options.now ?? (() => Date.now());
    const randomBytes = options.randomBytes ?? ((n: number) => crypto.getRandomValues(new Uint8Array(n)));
    const currentUserId = options.currentUserId ?? (() => LOCAL_USER);
    this.env = {
      now,
      newId: createUuidV7Generator({ now, randomBytes }),
      userId: currentUserId,
      appVersion: options.appVersion ?? '0.0.0',
    };
    this.onInvalidRow = options.onInvalidRow ?? (() => undefined);
  }

  // ---------------------------------------------------------------- reads

  /** Dossiers for the list screen, most recent activity first. */
  listDossiers(query: DossierQuery = {}): Promise<DossierSummary[]> {
    return this.read(() => listDossiers(this.db, query, this.onInvalidRow));
  }

  /** Builds the search index in the background after the next paint (the list's first rows). */
  prepareSearch(): void {
    searchIndexOf(this.db).warmUp();
  }

  /**
   * A household with all its rows, parsed. Tombstoned rows are left out unless
   * `includeDeleted`; undefined when the household does not exist (or is deleted).
   */
  getDossier(householdId: string, options: { includeDeleted?: boolean } = {}): Promise<Dossier | undefined> {
    return this.read(() => this.loadDossier(householdId, options.includeDeleted ?? false));
  }

  /**
   * The household a coordinator merged this one into (the end of the chain), as this device
   * learnt it by a pull (MERGE8); undefined when it was not merged (or the merge was undone).
   */
  survivorOf(householdId: string): Promise<string | undefined> {
    return this.read(async () => {
      const survivorId = await resolveHouseholdId(this.db, householdId);
      return survivorId === householdId ? undefined : survivorId;
    });
  }

  /** Workshop sessions of a period (WS1): a root entity, never in the dossier list. */
  listWorkshops(query: WorkshopQuery = {}): Promise<WorkshopRow[]> {
    return this.read(() => listWorkshops(this.db, query, this.onInvalidRow));
  }

  /** One row, parsed; undefined when missing. */
  getRow<E extends EntityName>(entity: E, id: string): Promise<RowOf<E> | undefined> {
    return this.read(async () => {
      const stored = await this.db.table(ENTITY_TABLES[entity]).get(id);
      return stored === undefined ? undefined : (ROW_SCHEMAS[entity].parse(stored) as RowOf<E>);
    });
  }

  /** Households on the device that look like the candidate (DUP3: the domain's duplicate scorer). */
  findPossibleDuplicates(candidate: MatchProbe, excludeHouseholdId?: string): Promise<PossibleDuplicate[]> {
    const on = localDate(this.env.now());
    return this.read(() => findPossibleDuplicates(this.db, candidate, on, excludeHouseholdId));
  }

  /** Outbox entries not yet acknowledged by the server. */
  /** The token of the last draft a save consumed for this form (src/db/draft-receipts.ts). */
  /** Of these households, those this device holds (live or not). */
  async householdsOnDevice(householdIds: readonly string[]): Promise<Set<string>> {
    const rows = await this.db.households.bulkGet([...householdIds]);
    return new Set(rows.flatMap((row) => (row === undefined ? [] : [row.id])));
  }

  readDraftReceipt(formId: string): Promise<string | undefined> {
    return this.read(() => readDraftReceipt(this.db, formId));
  }

  clearDraftReceipt(formId: string): Promise<void> {
    return this.db.transaction('rw', this.db.meta, () => clearDraftReceipt(this.db, formId));
  }

  /**
   * ALOG4: the signed-in person opened this dossier's page; kept for the access log, at most
   * once per household and person per ten minutes. Nobody signed in: nobody to log it under.
   */
  async recordDossierOpening(householdId: string): Promise<void> {
    const userId = this.env.userId();
    if (userId === LOCAL_USER) return;
    await recordDossierOpening(this.db, { householdId, userId, now: this.env.now(), newId: this.env.newId });
  }

  pendingChangeCount(): Promise<number> {
    return this.read(() => this.db.outbox.count());
  }

  // ---------------------------------------------------------------- writes

  /** Creates a household and, in the same transaction, its first members. */
  createHousehold(
    fields: NewHousehold,
    members: readonly FieldsOf<'member'>[] = [],
    receipt?: DraftReceipt,
  ): Promise<{ household: RowOf<'household'>; members: RowOf<'member'>[] }> {
    return this.write(async (recorder) => {
      const household = (await recorder.create('household', undefined, {
        status: 'intake',
        openedOn: localDate(this.env.now()),
        ...fields,
        schemaVersion: HOUSEHOLD_SCHEMA_VERSION,
      })) as RowOf<'household'>;
      const created: RowOf<'member'>[] = [];
      for (const member of members) {
        created.push((await recorder.create('member', household.id, member)) as RowOf<'member'>);
      }
      return { household, members: created };
    }, receipt);
  }

  /**
   * Records a workshop session (WS1): a root row (its own scope, `householdId === id`) with its
   * outbox entry. Edited and deleted through updateFields / removeRow like any row.
   */
  createWorkshop(fields: FieldsOf<'workshop'>, receipt?: DraftReceipt): Promise<WorkshopRow> {
    return this.write(
      async (recorder) => (await recorder.create('workshop', undefined, fields)) as WorkshopRow,
      receipt,
    );
  }

  /** Adds a row (member, debt, action...) to a household. */
  addRow<E extends Exclude<ChildEntityName, 'note'>>(
    entity: E,
    householdId: string,
    fields: FieldsOf<E>,
    receipt?: DraftReceipt,
  ): Promise<RowOf<E>> {
    return this.write(async (recorder) => {
      const target = await this.requireLiveHousehold(householdId);
      return (await recorder.create(entity, target, fields)) as RowOf<E>;
    }, receipt);
  }

  /**
   * Adds a creditor and a debt owed to it in one transaction (a creditor typed on the debt's
   * form): both rows and their outbox entries, creditor first, commit together or not at all.
   */
  addDebtWithCreditor(
    householdId: string,
    creditor: FieldsOf<'creditor'>,
    debt: Omit<FieldsOf<'debt'>, 'creditorId'>,
    receipt?: DraftReceipt,
  ): Promise<{ creditor: RowOf<'creditor'>; debt: RowOf<'debt'> }> {
    return this.write(async (recorder) => {
      const target = await this.requireLiveHousehold(householdId);
      const created = (await recorder.create('creditor', target, creditor)) as RowOf<'creditor'>;
      const owed = (await recorder.create('debt', target, {
        ...debt,
        creditorId: created.id,
      })) as RowOf<'debt'>;
      return { creditor: created, debt: owed };
    }, receipt);
  }

  /**
   * Changes some fields of a row; `undefined` removes an optional field. Resolves with the row
   * as stored. A patch that changes nothing writes nothing. Notes cannot be edited (reviseNote).
   */
  updateFields<E extends EntityName>(
    entity: E,
    id: string,
    patch: PatchOf<E>,
    receipt?: DraftReceipt,
  ): Promise<RowOf<E>> {
    if (entity === 'note') return Promise.reject(new AppendOnlyError(entity));
    return this.write(async (recorder) => {
      // A form opened on a household merged since edits the survivor (MERGE8).
      const target = entity === 'household' ? await resolveHouseholdId(this.db, id) : id;
      const current = await this.requireRow(entity, target);
      if (current.deleted) throw new RowNotFoundError(entity, target, 'deleted');
      return (await recorder.patch(entity, current, patch as Record<string, unknown>)) as RowOf<E>;
    }, receipt);
  }

  /** Deletes a row as a tombstone (it stays, marked deleted, and the deletion syncs). */
  removeRow(entity: EntityName, id: string): Promise<void> {
    return this.write(async (recorder) => {
      await recorder.setDeleted(entity, await this.requireRow(entity, id), true);
    });
  }

  /** Undoes a removeRow. */
  restoreRow(entity: EntityName, id: string): Promise<void> {
    return this.write(async (recorder) => {
      await recorder.setDeleted(entity, await this.requireRow(entity, id), false);
    });
  }

  /** Writes a new note (first revision). */
  appendNote(householdId: string, text: string, receipt?: DraftReceipt): Promise<NoteRow> {
    return this.write(async (recorder) => {
      const target = await this.requireLiveHousehold(householdId);
      const fields = { text, authorId: recorder.userId, writtenAt: this.env.now() };
      return (await recorder.create('note', target, fields)) as NoteRow;
    }, receipt);
  }

  /** Edits a note by appending a revision that supersedes it; the old revision stays. */
  reviseNote(noteId: string, text: string, receipt?: DraftReceipt): Promise<NoteRow> {
    return this.write(async (recorder) => {
      const previous = (await this.requireRow('note', noteId)) as NoteRow;
      if (previous.deleted) throw new RowNotFoundError('note', noteId, 'deleted');
      const fields = { text, authorId: recorder.userId, writtenAt: this.env.now(), supersedes: previous.id };
      return (await recorder.create('note', previous.householdId, fields)) as NoteRow;
    }, receipt);
  }

  // ---------------------------------------------------------------- transfer

  /** The transfer document of some dossiers, or all, tombstones included. */
  exportDossiers(householdIds: readonly string[] | 'all'): Promise<TransferDocument> {
    return this.read(async () => {
      // MERGE11: 'all' leaves out merged households' tombstones; their rows went to the survivor.
      const ids =
        householdIds === 'all'
          ? ((await this.db.households.filter((h) => !isMergedAway(h)).primaryKeys()) as string[])
          : householdIds;
      const dossiers: Dossier[] = [];
      for (const id of ids) {
        const dossier = await this.loadDossier(id, true);
        if (dossier) dossiers.push(dossier);
      }
      const deviceId = await this.db.meta.get('deviceId');
      return buildTransferDocument(dossiers, {
        exportedAt: this.env.now(),
        appVersion: this.env.appVersion,
        deviceId: typeof deviceId?.value === 'string' ? deviceId.value : 'unknown-device',
      });
    });
  }

  /**
   * Imports a transfer document (as parsed from the file's JSON) in one transaction. Throws
   * TransferValidationError, importing nothing, when the document is not valid.
   */
  importDossiers(document: unknown): Promise<ImportReport> {
    let parsed: TransferDocument;
    try {
      parsed = parseTransferDocument(document);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.write((recorder) => importDocument(this.db, recorder, parsed));
  }

  // ---------------------------------------------------------------- internals

  private async loadDossier(householdId: string, includeDeleted: boolean): Promise<Dossier | undefined> {
    const stored = await this.db.households.get(householdId);
    if (stored === undefined || (stored.deleted && !includeDeleted)) return undefined;
    const dossier = { household: ROW_SCHEMAS.household.parse(stored) } as Dossier;
    await Promise.all(
      CHILD_ENTITY_NAMES.map(async (entity) => {
        const rows = await this.db
          .table(ENTITY_TABLES[entity])
          .where('householdId')
          .equals(householdId)
          .toArray();
        const schema = ROW_SCHEMAS[entity];
        const parsed: AnyRow[] = [];
        for (const row of rows) {
          if (!includeDeleted && (row as AnyRow).deleted) continue;
          const result = schema.safeParse(row);
          if (result.success) parsed.push(result.data as AnyRow);
          else this.onInvalidRow(ENTITY_TABLES[entity], (row as AnyRow).id, result.error);
        }
        (dossier as unknown as Record<string, AnyRow[]>)[DOSSIER_COLLECTIONS[entity]] = parsed;
      }),
    );
    return dossier;
  }

  private async requireRow(entity: EntityName, id: string): Promise<AnyRow> {
    const stored = await this.db.table(ENTITY_TABLES[entity]).get(id);
    if (stored === undefined) throw new RowNotFoundError(entity, id);
    // The stored row is re-validated on write; unknown keys (local index) are dropped there.
    return stored as AnyRow;
  }

  /**
   * The live household a new row goes to: this one, or its survivor when a coordinator merged it
   * (a form open while the pull learnt the merge writes to the survivor, MERGE8).
   */
  private async requireLiveHousehold(householdId: string): Promise<string> {
    const target = await resolveHouseholdId(this.db, householdId);
    const household = await this.db.households.get(target);
    if (household === undefined) throw new RowNotFoundError('household', target);
    if (household.deleted) throw new RowNotFoundError('household', target, 'deleted');
    return target;
  }

  /** Runs a read, mapping storage failures; reopens once after a lost connection. */
  private async read<T>(body: () => Promise<T>): Promise<T> {
    return this.withRetry(body);
  }

  /**
   * Runs `body` in one rw transaction over the synced tables, the outbox and meta: the rows, their outbox entries and, when a form's draft is consumed,
   * its receipt (src/db/draft-receipts.ts) all commit together or not at all.
   */
  private write<T>(body: (recorder: ChangeRecorder) => Promise<T>, receipt?: DraftReceipt): Promise<T> {
    return this.withRetry(() =>
      this.db.transaction('rw', writeTables(this.db), async () => {
        const recorder = await ChangeRecorder.begin(this.db, this.env);
        const result = await body(recorder);
        await recorder.finish();
        if (receipt !== undefined) await recordDraftReceipt(this.db, receipt);
        return result;
      }),
    );
  }

  private async withRetry<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      const storageError = this.asStorageError(error);
      if (storageError === undefined) throw error;
      if (!storageError.isRetryable) throw storageError;
      // WebKit drops connections (sync-design §9.10): reopen and retry once. The failed
      // transaction committed nothing, so the retry cannot apply a change twice.
      try {
        if (!this.db.isOpen()) await this.db.open();
        return await run();
      } catch (retryError) {
        throw this.asStorageError(retryError) ?? retryError;
      }
    }
  }

  private asStorageError(error: unknown): StorageError | undefined {
    // Scenario 32: when an upgrade function throws, Dexie rejects with that function's own error;
    // the version change was rolled back and the data is intact at the old version.
    const known = toStorageError(error);
    if (known !== undefined || !this.db.hasFailed()) return known;
    return new StorageError('upgrade', 'The device database could not be opened or upgraded', {
      cause: error,
    });
  }
}

export type { DossierQuery, DossierSummary, ImportReport, PossibleDuplicate, WorkshopQuery };
