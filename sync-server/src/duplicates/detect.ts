/**
 * Detection for one household (DUP1, DUP1b, DUP1c, DUP2, DUP4): its profile and fingerprint are
 * recomputed from its live rows, its blocking keys replaced, and every household sharing a key
 * (keys held by more than MAX_BLOCK households skipped) scored against it. Pairs at or above the
 * threshold are stored open; pairs under it are removed unless a coordinator's decision holds
 * (pair-decision.ts). A household deleted or merged into another loses its profile, keys and
 * undecided pairs: it is never a candidate (DUP4).
 */
import {
  blockingKeys,
  MATCH_PARAMETERS,
  type MatchParameters,
  type MatchProfile,
  prepareProfile,
  profileFingerprint,
  profileFromRows,
  scorePrepared,
} from '../../../src/domain/matching';
import type { DuplicatePairRecord, MatchSource, StoreTx } from '../stores/store-tx';
import { decidePair, orderedPair, type PairDecision } from './pair-decision';

/** The day ages are counted on (who is an adult), in UTC: the server's day. */
export function dayOf(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

/** A live household's profile, fingerprint and keys; undefined when it is not matched (DUP4). */
export function matchedProfile(
  source: MatchSource,
  on: string,
): { profile: MatchProfile; fingerprint: string; keys: string[] } | undefined {
  if (source.household === undefined || source.mergedInto !== null) return undefined;
  const profile = profileFromRows(
    {
      household: source.household,
      members: source.members,
      debts: source.debts,
      creditors: source.creditors,
    },
    on,
  );
  return { profile, fingerprint: profileFingerprint(profile), keys: blockingKeys(profile) };
}

/** Writes one pair decision. */
export async function applyPairDecision(
  tx: StoreTx,
  decision: PairDecision,
  stored: DuplicatePairRecord | undefined,
  now: number,
): Promise<void> {
  if (decision.kind === 'keep') return;
  if (decision.lapsed !== undefined) await tx.recordLapsedDecision(decision.lapsed, now);
  if (decision.kind === 'store') await tx.upsertDuplicatePair(decision.pair);
  else if (stored !== undefined) await tx.deleteDuplicatePair(stored.householdA, stored.householdB);
}

export interface DetectResult {
  /** Whether the household is matched (live, not merged). */
  matched: boolean;
  /** Households it was scored against. */
  scored: number;
  /** Open pairs it is in after detection. */
  open: number;
}

/** Recomputes one household: profile, keys and every pair it is in (DUP1c). */
export async function detectHousehold(
  tx: StoreTx,
  householdId: string,
  now: number,
  params: MatchParameters = MATCH_PARAMETERS,
): Promise<DetectResult> {
  const [source] = await tx.matchSources([householdId]);
  const stored = new Map<string, DuplicatePairRecord>();
  for (const pair of await tx.duplicatePairsOf(householdId)) {
    stored.set(pair.householdA === householdId ? pair.householdB : pair.householdA, pair);
  }
  const matched = source === undefined ? undefined : matchedProfile(source, dayOf(now));
  if (matched === undefined) {
    await tx.removeMatchProfile(householdId);
    for (const pair of stored.values()) {
      if (pair.status !== 'not_duplicate') await tx.deleteDuplicatePair(pair.householdA, pair.householdB);
    }
    return { matched: false, scored: 0, open: 0 };
  }
  await tx.replaceMatchProfile(
    { householdId, profile: matched.profile, fingerprint: matched.fingerprint, updatedAt: now },
    matched.keys,
  );
  const others = await tx.profilesSharingKeys(matched.keys, {
    exclude: householdId,
    maxBlockSize: params.maxBlockSize,
  });
  let open = 0;
  const mine = { prepared: prepareProfile(matched.profile), fingerprint: matched.fingerprint };
  for (const other of others) {
    const [a, b] = orderedPair(householdId, other.householdId);
    const theirs = {
      prepared: prepareProfile(other.profile as MatchProfile),
      fingerprint: other.fingerprint,
    };
    const [sideA, sideB] = a === householdId ? [mine, theirs] : [theirs, mine];
    const { score, reasons } = scorePrepared(sideA.prepared, sideB.prepared, params);
    const previous = stored.get(other.householdId);
    stored.delete(other.householdId);
    const scoredPair = {
      householdA: a,
      householdB: b,
      score,
      reasons,
      fingerprintA: sideA.fingerprint,
      fingerprintB: sideB.fingerprint,
    };
    const decision = decidePair(previous, scoredPair, now, params);
    await applyPairDecision(tx, decision, previous, now);
    if (decision.kind === 'store') open += 1;
  }
  // Pairs with households it no longer shares a key with (or that left, DUP4): gone, unless decided.
  for (const pair of stored.values()) {
    if (pair.status !== 'not_duplicate') await tx.deleteDuplicatePair(pair.householdA, pair.householdB);
  }
  return { matched: true, scored: others.length, open };
}
