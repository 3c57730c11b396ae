/**
 * The dossier list: search as you type and filters, most recent activity first. Results follow
 * every write on the device (liveQuery), so a dossier saved in another tab appears at once.
 */
import { signal } from '@preact/signals';
import { observeQuery } from '../../db/live-query';
import type { DossierQuery, DossierRepository, DossierSummary } from '../../db/repository';

export type ListFilters = Omit<DossierQuery, 'includeDeleted' | 'limit'>;

/**
 * Rows shown per page. A welcome point keeps thousands of dossiers on one tablet: rendering them
 * all on every keystroke is what makes a list slow, so the list shows the most recent first and
 * grows on demand.
 */
export const LIST_PAGE_SIZE = 50;

export function createDossierListModel(repository: DossierRepository) {
  const filters = signal<ListFilters>({});
  const limit = signal(LIST_PAGE_SIZE);
  const results = signal<DossierSummary[] | null>(null);
  /** Whether more dossiers match than are shown. */
  const hasMore = signal(false);
  const error = signal<unknown>(null);
  let unsubscribe: (() => void) | null = null;
  /** Whether the search index was asked for since the list started (once its first rows are in). */
  let searchPrepared = false;

  function subscribe(): void {
    unsubscribe?.();
    const shown = limit.value;
    // One more than shown tells whether a "show more" is needed, without counting everything.
    const query = { ...filters.value, limit: shown + 1 };
    unsubscribe = observeQuery(
      () => repository.listDossiers(query),
      (value) => {
        hasMore.value = value.length > shown;
        results.value = value.slice(0, shown);
        error.value = null;
        // Issue 17: the index is built after the first rows are painted, not before them, and
        // before the first keystroke needs it.
        if (!searchPrepared) {
          searchPrepared = true;
          repository.prepareSearch();
        }
      },
      (cause) => {
        error.value = cause;
      },
    );
  }

  /** Starts following the list; returns the function that stops it. */
  function start(): () => void {
    searchPrepared = false;
    subscribe();
    return () => {
      unsubscribe?.();
      unsubscribe = null;
    };
  }

  function setFilters(next: ListFilters): void {
    filters.value = next;
    limit.value = LIST_PAGE_SIZE;
    if (unsubscribe) subscribe();
  }

  function showMore(): void {
    limit.value += LIST_PAGE_SIZE;
    if (unsubscribe) subscribe();
  }

  return { filters, limit, results, hasMore, error, start, setFilters, showMore };
}

export type DossierListModel = ReturnType<typeof createDossierListModel>;
