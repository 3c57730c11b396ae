/**
 * The derived data the drain keeps (RPT8), one refresher per kind. Each rebuilds what it owns for
 * the given roots from their rows as they are now, in the drain's transaction.
 */
import { reportFacts } from '../../../src/domain/reports/report-facts';
import { planStatesRefresher } from '../plans/plan-states-refresher';
import type { DerivedRefresher } from './refresher';

/**
 * RPT2: the report facts of each root, in place of what it had. A root that is gone keeps none;
 * a merged household's rows moved to its survivor, so it keeps none either (RPT4). Workshop
 * participants count as their survivor (WS2).
 */
export const reportFactsRefresher: DerivedRefresher = {
  name: 'report-facts',
  async refresh(tx, rootIds) {
    const rowsByRoot = await tx.rowsOfRoots(rootIds);
    const named = new Set<string>();
    for (const rows of rowsByRoot.values()) {
      for (const row of rows) {
        const ids = row.entity === 'workshop' ? row.data.participantHouseholdIds : undefined;
        if (Array.isArray(ids)) for (const id of ids) if (typeof id === 'string') named.add(id);
      }
    }
    const survivors = await tx.survivorsOf([...named]);
    const survivorOf = (id: string): string => survivors.get(id) ?? id;
    const scopes = await tx.getHouseholds(rootIds);
    for (const rootId of rootIds) {
      const welcomePointId = scopes.get(rootId)?.welcomePointId ?? null;
      await tx.replaceReportFacts(
        rootId,
        welcomePointId,
        reportFacts(rowsByRoot.get(rootId) ?? [], survivorOf),
      );
    }
  },
};

/** Every refresher the drain runs, in order. */
export const DERIVED_REFRESHERS: readonly DerivedRefresher[] = [reportFactsRefresher, planStatesRefresher];
