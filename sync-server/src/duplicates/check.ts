/**
 * The intake's online check (DUP3): what the form knows of a new household, scored against the
 * households of the CALLER's scope that share a blocking key with it (coordinators and admins
 * see every household; volunteers and counsellors their welcome points and personal dossiers,
 * sync/scope.ts). Merged households are never proposed (DUP4), nor the household being checked.
 */
import {
  blockingKeys,
  isCandidate,
  MATCH_PARAMETERS,
  type MatchParameters,
  type MatchProfile,
  prepareProfile,
  profileFromProbe,
  scorePrepared,
} from '../../../src/domain/matching';
import type { MatchProbe, MatchReason } from '../../../src/domain/sync/coordination-protocol';
import type { Scope, StoreTx } from '../stores/store-tx';
import { dayOf } from './detect';
import { householdLabel } from './labels';

/** At most this many matches are returned, best first. */
export const MAX_CHECK_MATCHES = 20;

export interface ProbeMatch {
  householdId: string;
  reference: string | null;
  label: string;
  score: number;
  reasons: MatchReason[];
}

export async function checkProbe(
  tx: StoreTx,
  probe: MatchProbe,
  options: { scope: Scope; now: number; excludeHouseholdId?: string; params?: MatchParameters },
): Promise<ProbeMatch[]> {
  const params = options.params ?? MATCH_PARAMETERS;
  const on = dayOf(options.now);
  const profile = profileFromProbe(probe, on);
  const prepared = prepareProfile(profile);
  const others = await tx.profilesSharingKeys(blockingKeys(profile), {
    ...(options.excludeHouseholdId === undefined ? {} : { exclude: options.excludeHouseholdId }),
    maxBlockSize: params.maxBlockSize,
    scope: options.scope,
  });
  const scored = others
    .map((other) => ({
      id: other.householdId,
      ...scorePrepared(prepared, prepareProfile(other.profile as MatchProfile), params),
    }))
    .filter((match) => isCandidate(match.score, params))
    .sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1))
    .slice(0, MAX_CHECK_MATCHES);
  const sources = new Map(
    (
      await tx.matchSources(
        scored.map((m) => m.id),
        ['household', 'member'],
      )
    ).map((s) => [s.householdId, s]),
  );
  return scored.map((match) => {
    const source = sources.get(match.id);
    const named = source === undefined ? { reference: null, label: '' } : householdLabel(source, on);
    return {
      householdId: match.id,
      reference: named.reference,
      label: named.label,
      score: match.score,
      reasons: match.reasons,
    };
  });
}
