/**
 * `admin.ts rebuild-report-data` (RPT8): every root (households, merged ones included, and
 * workshops) is queued, then the queue is drained. Everything it writes is derived from sync_rows,
 * so it is safe to run at any time, while the server runs too: a root queued twice is refreshed
 * from its rows as they are at that moment, whichever drain takes it.
 */
import type { RelaisStore } from '../stores/store';
import { drainDerivedQueue } from './drain';
import type { DerivedRefresher } from './refresher';
import { DERIVED_REFRESHERS } from './refreshers';

export interface RebuildReport {
  queued: number;
  refreshed: number;
  failed: number;
}

export async function rebuildDerivedData(
  store: RelaisStore,
  now: () => number,
  refreshers: readonly DerivedRefresher[] = DERIVED_REFRESHERS,
): Promise<RebuildReport> {
  const queued = await store.transaction(async (tx) => {
    const ids = await tx.allRootIds();
    await tx.queueRoots(ids, now());
    return ids.length;
  });
  const drained = await drainDerivedQueue(store, { now, refreshers });
  return { queued, ...drained };
}
