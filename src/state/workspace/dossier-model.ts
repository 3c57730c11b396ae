/**
 * One open dossier: its rows (live from the device store), the live diagnosis, and the actions
 * the screens call. Every action goes through the repository, which writes the row and its
 * outbox entry in one transaction and rejects (StorageError...) when the device refused.
 */
import { computed, signal } from '@preact/signals';
import type { DraftReceipt } from '../../db/draft-receipts';
import { observeQuery } from '../../db/live-query';
import type { DossierRepository } from '../../db/repository';
import type { DiagnosisOptions } from '../../domain/budget/diagnosis-options';
import type { IsoDate } from '../../domain/dates';
import type { Dossier } from '../../domain/dossier/dossier';
import type { FieldsOf, PatchOf } from '../../domain/dossier/rows';
import type { ChildEntityName, EntityName } from '../../domain/sync/entities';
import { type DiagnosisState, diagnosisStateOf } from './diagnosis-state';

/**
 * `merged`: a coordinator merged this household into `survivorId` (MERGE8): the screens move to
 * the survivor and say so (workspace.mergeNotice).
 */
export type DossierLoad =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'merged'; survivorId: string }
  | { kind: 'ready'; dossier: Dossier };

export interface DossierModelDeps {
  repository: DossierRepository;
  householdId: string;
  /** Today's date on the device: the diagnosis date (the domain never reads the clock). */
  today: () => IsoDate;
  diagnosisOptions: () => DiagnosisOptions | undefined;
}

/**
 * The dossier, or where it went: a household no longer on the device (or deleted) that a merge
 * took is `merged` (the alias is read in the same live query, so a pull that learns the merge
 * moves an open dossier at once).
 */
async function loadDossier(repository: DossierRepository, householdId: string): Promise<DossierLoad> {
  const dossier = await repository.getDossier(householdId);
  if (dossier) return { kind: 'ready', dossier };
  const survivorId = await repository.survivorOf(householdId);
  return survivorId === undefined ? { kind: 'missing' } : { kind: 'merged', survivorId };
}

export function createDossierModel(deps: DossierModelDeps) {
  const load = signal<DossierLoad>({ kind: 'loading' });
  const error = signal<unknown>(null);
  const dossier = computed(() => (load.value.kind === 'ready' ? load.value.dossier : null));
  const diagnosis = computed<DiagnosisState | null>(() => {
    const current = dossier.value;
    return current ? diagnosisStateOf(current, deps.today(), deps.diagnosisOptions()) : null;
  });
  let subscribers = 0;
  let unsubscribe: (() => void) | null = null;
  /** Whether this showing of the dossier was recorded for the access log yet. */
  let opened = false;

  /**
   * ALOG4: a dossier shown is an opening, recorded once it is on screen (not for a missing or
   * merged one); the repository keeps one per ten minutes. A failure to record never reaches
   * the screen: the log is a trace, the dossier is the work.
   */
  function recordOpening(value: DossierLoad): void {
    if (opened || value.kind !== 'ready') return;
    opened = true;
    deps.repository.recordDossierOpening(deps.householdId).catch(() => undefined);
  }

  /** Follows the dossier while at least one screen shows it. */
  function start(): () => void {
    subscribers += 1;
    unsubscribe ??= observeQuery(
      () => loadDossier(deps.repository, deps.householdId),
      (value) => {
        load.value = value;
        recordOpening(value);
      },
      (cause) => {
        error.value = cause;
      },
    );
    return () => {
      subscribers -= 1;
      if (subscribers === 0) {
        unsubscribe?.();
        unsubscribe = null;
        opened = false;
      }
    };
  }

  const id = deps.householdId;
  return {
    householdId: id,
    load,
    dossier,
    diagnosis,
    error,
    start,
    // `receipt`: the form draft this write consumes, recorded in the same transaction.
    updateHousehold: (patch: PatchOf<'household'>, receipt?: DraftReceipt) =>
      deps.repository.updateFields('household', id, patch, receipt),
    addRow: <E extends Exclude<ChildEntityName, 'note'>>(
      entity: E,
      fields: FieldsOf<E>,
      receipt?: DraftReceipt,
    ) => deps.repository.addRow(entity, id, fields, receipt),
    addDebtWithCreditor: (
      creditor: FieldsOf<'creditor'>,
      debt: Omit<FieldsOf<'debt'>, 'creditorId'>,
      receipt?: DraftReceipt,
    ) => deps.repository.addDebtWithCreditor(id, creditor, debt, receipt),
    updateRow: <E extends EntityName>(entity: E, rowId: string, patch: PatchOf<E>, receipt?: DraftReceipt) =>
      deps.repository.updateFields(entity, rowId, patch, receipt),
    removeRow: (entity: EntityName, rowId: string) => deps.repository.removeRow(entity, rowId),
    appendNote: (text: string, receipt?: DraftReceipt) => deps.repository.appendNote(id, text, receipt),
    reviseNote: (noteId: string, text: string, receipt?: DraftReceipt) =>
      deps.repository.reviseNote(noteId, text, receipt),
  };
}

export type DossierModel = ReturnType<typeof createDossierModel>;
