/**
 * The counsellor workspace: the dossier list, open dossiers (one model per household, shared by
 * its screens), intake with the duplicate check, transfer files, and the simulation worker.
 */
import { signal } from '@preact/signals';
import type { DraftReceipt } from '../../db/draft-receipts';
import type { DossierRepository, NewHousehold } from '../../db/repository';
import { toStorageError } from '../../db/storage-errors';
import type { DiagnosisOptions } from '../../domain/budget/diagnosis-options';
import type { IsoDate } from '../../domain/dates';
import type { FieldsOf } from '../../domain/dossier/rows';
import type { MatchProbe } from '../../domain/sync/coordination-protocol';
import type { SimulationClient } from '../../worker/simulation-client';
import { createDossierListModel } from './dossier-list-model';

export interface WorkspaceDeps {
  repository: DossierRepository;
  /** Today's local date on the device, 'YYYY-MM-DD'. */
  today: () => IsoDate;
  /** Started on first use: the worker is not loaded before the Scenarios screen needs it. */
  simulation: () => SimulationClient;
}

/** Message key of a failed write, for the UI: storage problems get their own plain words. */
export function describeWriteError(cause: unknown): string {
  const storage = toStorageError(cause);
  if (storage) return `storage.${storage.code === 'outdated' ? 'blocked' : storage.code}`;
  return 'storage.unknown';
}

export function createWorkspaceModel(deps: WorkspaceDeps) {
  const list = createDossierListModel(deps.repository);
  const diagnosisOptions = signal<DiagnosisOptions | undefined>(undefined);

  return {
    list,
    /** Open dossiers (see dossier-registry.ts, loaded with the dossier screens). */
    openDossiers: new Map<string, unknown>(),
    repository: deps.repository,
    diagnosisOptions,
    today: deps.today,
    simulation: deps.simulation,
    createHousehold: (
      fields: NewHousehold,
      members: readonly FieldsOf<'member'>[] = [],
      receipt?: DraftReceipt,
    ) => deps.repository.createHousehold(fields, members, receipt),
    findPossibleDuplicates: (candidate: MatchProbe, excludeHouseholdId?: string) =>
      deps.repository.findPossibleDuplicates(candidate, excludeHouseholdId),
    exportDossiers: (householdIds: readonly string[] | 'all') => deps.repository.exportDossiers(householdIds),
    importDossiers: (document: unknown) => deps.repository.importDossiers(document),
    pendingChangeCount: () => deps.repository.pendingChangeCount(),
  };
}

export type WorkspaceModel = ReturnType<typeof createWorkspaceModel>;

/** Today's local date, for the composition root (the domain never reads the clock). */
export function localToday(now: Date = new Date()): IsoDate {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}` as IsoDate;
}
