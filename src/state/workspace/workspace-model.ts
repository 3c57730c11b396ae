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
import {
  combineDuplicates,
  type NetworkDuplicateCheck,
  type ShownDuplicate,
} from '../intake/possible-duplicates';
import { createDossierListModel } from './dossier-list-model';

export interface WorkspaceDeps {
  repository: DossierRepository;
  /** Today's local date on the device, 'YYYY-MM-DD'. */
  today: () => IsoDate;
  /** Started on first use: the worker is not loaded before the Scenarios screen needs it. */
  simulation: () => SimulationClient;
  /**
   * The server's duplicate check (DUP3), when this app has a sync server and is online now;
   * undefined otherwise. A failure leaves the device's own answer.
   */
  networkDuplicates?: () => NetworkDuplicateCheck | undefined;
}

/** Message key of a failed write, for the UI: storage problems get their own plain words. */
export function describeWriteError(cause: unknown): string {
  const storage = toStorageError(cause);
  if (storage) return `storage.${storage.code === 'outdated' ? 'blocked' : storage.code}`;
  return 'storage.unknown';
}

/** A dossier left for its survivor (MERGE8). */
export interface MergeNotice {
  mergedId: string;
  survivorId: string;
}

export function createWorkspaceModel(deps: WorkspaceDeps) {
  const list = createDossierListModel(deps.repository);
  const diagnosisOptions = signal<DiagnosisOptions | undefined>(undefined);

  /**
   * MERGE8: the dossier the screens left because a coordinator merged it into another, shown as a
   * notice on the survivor's page until another dossier is opened.
   */
  const mergeNotice = signal<MergeNotice | null>(null);
  const openDossiers = new Map<string, unknown>();

  return {
    list,
    mergeNotice,
    /** Open dossiers (see dossier-registry.ts, loaded with the dossier screens). */
    openDossiers,
    repository: deps.repository,
    diagnosisOptions,
    today: deps.today,
    simulation: deps.simulation,
    createHousehold: (
      fields: NewHousehold,
      members: readonly FieldsOf<'member'>[] = [],
      receipt?: DraftReceipt,
    ) => deps.repository.createHousehold(fields, members, receipt),
    /** DUP3: the device's own matches, and the server's when online (possible-duplicates.ts). */
    async findPossibleDuplicates(
      candidate: MatchProbe,
      excludeHouseholdId?: string,
    ): Promise<ShownDuplicate[]> {
      const check = deps.networkDuplicates?.();
      const [local, network] = await Promise.all([
        deps.repository.findPossibleDuplicates(candidate, excludeHouseholdId),
        check === undefined ? [] : check(candidate, excludeHouseholdId).catch(() => []),
      ]);
      const held = await deps.repository.householdsOnDevice(network.map((m) => m.householdId));
      return combineDuplicates(local, network, held);
    },
    /**
     * LOCK11: drops every dossier model and result held in memory (the list, its search text, the
     * open dossiers, the merge notice); the screens load them again after the unlock.
     */
    clearMemory(): void {
      list.results.value = null;
      list.hasMore.value = false;
      list.filters.value = {};
      mergeNotice.value = null;
      openDossiers.clear();
    },
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
