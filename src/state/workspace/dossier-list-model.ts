/**
 * The dossier list: search as you type and filters, most recent activity first. Results follow
 * every write on the device (liveQuery), so a dossier saved in another tab appears at once.
 */
import { signal } from '@preact/signals';
import { observeQuery } from '../../db/live-query';
import type { DossierQuery, DossierRepository, DossierSummary } from '../../db/repository';

export type ListFilters = Omit<DossierQuery, 'includeDeleted' | 'limit'>;

export function createDossierListModel(repository: DossierRepository) {
  const filters = signal<ListFilters>({});
  const results = signal<DossierSummary[] | null>(null);
  const error = signal<unknown>(null);
  let unsubscribe: (() => void) | null = null;

  function subscribe(): void {
    unsubscribe?.();
    const query = { ...filters.value };
    unsubscribe = observeQuery(
      () => repository.listDossiers(query),
      (value) => {
        results.value = value;
        error.value = null;
      },
      (cause) => {
        error.value = cause;
      },
    );
  }

  /** Starts following the list; returns the function that stops it. */
  function start(): () => void {
    subscribe();
    return () => {
      unsubscribe?.();
      unsubscribe = null;
    };
  }

  function setFilters(next: ListFilters): void {
    filters.value = next;
    if (unsubscribe) subscribe();
  }

  return { filters, results, error, start, setFilters };
}

export type DossierListModel = ReturnType<typeof createDossierListModel>;
