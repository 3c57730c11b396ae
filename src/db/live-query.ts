/**
 * Reactive reads for the state layer: re-runs a query whenever the tables it read change
 * (Dexie liveQuery), so lists and dossiers on screen follow every write, from this tab or another.
 * The state layer uses this instead of importing Dexie.
 */
import { liveQuery } from 'dexie';

export function observeQuery<T>(
  query: () => Promise<T>,
  onValue: (value: T) => void,
  onError: (error: unknown) => void,
): () => void {
  const subscription = liveQuery(query).subscribe({ next: onValue, error: onError });
  return () => subscription.unsubscribe();
}
