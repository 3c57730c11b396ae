/**
 * What becomes of one pair of households once it is scored (DUP1, DUP2), pure, so incremental
 * detection (detect.ts) and the rescan (rescan.ts) decide every pair the same way:
 *
 * - a "not a duplicate" decision holds while both households' fingerprints are the ones it was
 *   taken on: the pair is left as it is, whatever it scores now;
 * - once one fingerprint differs, the decision has lapsed: it is kept in the history
 *   (duplicate_decisions) and the pair is judged again like any other, its previous decider and
 *   time still on the row so the coordinator sees it was once set aside;
 * - an undecided pair at or above the threshold is stored open; under it, it is removed.
 */
import { isCandidate, type MatchParameters } from '../../../src/domain/matching';
import type { DuplicatePairRecord } from '../stores/store-tx';

export interface ScoredPair {
  householdA: string;
  householdB: string;
  score: number;
  reasons: unknown[];
  fingerprintA: string;
  fingerprintB: string;
}

export type PairDecision =
  /** The stored decision still holds: nothing to write. */
  | { kind: 'keep' }
  /** No pair to store (and, when one was, remove it). */
  | { kind: 'drop'; lapsed?: DuplicatePairRecord }
  | { kind: 'store'; pair: DuplicatePairRecord; lapsed?: DuplicatePairRecord };

/** Whether a coordinator's "not a duplicate" still holds for these fingerprints (DUP2). */
export function decisionHolds(
  stored: DuplicatePairRecord,
  fingerprintA: string,
  fingerprintB: string,
): boolean {
  return (
    stored.status === 'not_duplicate' &&
    stored.fingerprintA === fingerprintA &&
    stored.fingerprintB === fingerprintB
  );
}

export function decidePair(
  stored: DuplicatePairRecord | undefined,
  scored: ScoredPair,
  now: number,
  params: MatchParameters,
): PairDecision {
  if (stored !== undefined && decisionHolds(stored, scored.fingerprintA, scored.fingerprintB)) {
    return { kind: 'keep' };
  }
  const lapsed = stored?.status === 'not_duplicate' ? stored : undefined;
  const withLapsed = lapsed === undefined ? {} : { lapsed };
  if (!isCandidate(scored.score, params)) return { kind: 'drop', ...withLapsed };
  return {
    kind: 'store',
    pair: {
      ...scored,
      status: 'open',
      // The last decision stays visible on the reopened pair (the history keeps every one).
      decidedBy: stored?.decidedBy ?? null,
      decidedAt: stored?.decidedAt ?? null,
      decisionReason: stored?.decisionReason ?? null,
      updatedAt: now,
    },
    ...withLapsed,
  };
}

/** The pair's key, its two ids in order (household_a < household_b). */
export function orderedPair(x: string, y: string): [string, string] {
  return x < y ? [x, y] : [y, x];
}
