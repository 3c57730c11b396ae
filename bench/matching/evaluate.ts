/**
 * Scores a generated population the way the server does (profiles, blocking keys, blocks over
 * MAX_BLOCK skipped, every pair sharing a key scored once) and counts precision and recall
 * against the known duplicates; the exact-key rule the device used before (same normalised
 * names and birth date, or the same phone) is counted beside it as the baseline.
 */
import { normaliseName } from '../../src/domain/dossier/normalise';
import {
  blockingKeys,
  isCandidate,
  MATCH_PARAMETERS,
  type MatchParameters,
  type MatchProfile,
  profileFromRows,
  scorePair,
} from '../../src/domain/matching';
import { type GeneratedHousehold, POPULATION_ON, type Population, pairKey } from './population';

export interface Quality {
  households: number;
  duplicatePairs: number;
  /** Pairs sharing at least one usable blocking key (each scored once). */
  pairsScored: number;
  /** Share of true duplicate pairs that share a usable key. */
  blockingRecall: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  /** Blocking keys skipped because more than maxBlockSize households share them. */
  skippedKeys: number;
  /** Corruptions of the missed duplicates, counted (what to work on next). */
  missedCorruptions: Record<string, number>;
}

export function profilesOf(population: Population): Map<string, MatchProfile> {
  return new Map(population.households.map((h) => [h.id, profileFromRows(h, POPULATION_ON)]));
}

function ratio(a: number, b: number): number {
  return b === 0 ? 1 : a / b;
}

/** The pairs sharing a key whose block is not over maxBlockSize. */
export function blockedPairs(
  profiles: Map<string, MatchProfile>,
  maxBlockSize: number,
): { pairs: Set<string>; skippedKeys: number } {
  const blocks = new Map<string, string[]>();
  for (const [id, profile] of profiles) {
    for (const key of blockingKeys(profile)) {
      const block = blocks.get(key);
      if (block === undefined) blocks.set(key, [id]);
      else block.push(id);
    }
  }
  const pairs = new Set<string>();
  let skippedKeys = 0;
  for (const ids of blocks.values()) {
    if (ids.length > maxBlockSize) {
      skippedKeys++;
      continue;
    }
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) pairs.add(pairKey(ids[i] as string, ids[j] as string));
    }
  }
  return { pairs, skippedKeys };
}

export function evaluateMatching(
  population: Population,
  params: MatchParameters = MATCH_PARAMETERS,
): Quality {
  const profiles = profilesOf(population);
  const { pairs, skippedKeys } = blockedPairs(profiles, params.maxBlockSize);
  let tp = 0;
  let fp = 0;
  let blockedTrue = 0;
  for (const pair of pairs) {
    const [a, b] = pair.split('|') as [string, string];
    const isTrue = population.duplicatePairs.has(pair);
    if (isTrue) blockedTrue++;
    if (
      isCandidate(
        scorePair(profiles.get(a) as MatchProfile, profiles.get(b) as MatchProfile, params).score,
        params,
      )
    ) {
      if (isTrue) tp++;
      else fp++;
    }
  }
  const byId = new Map(population.households.map((h) => [h.id, h]));
  const missedCorruptions: Record<string, number> = {};
  for (const pair of population.duplicatePairs) {
    const [a, b] = pair.split('|') as [string, string];
    const found =
      pairs.has(pair) &&
      isCandidate(
        scorePair(profiles.get(a) as MatchProfile, profiles.get(b) as MatchProfile, params).score,
        params,
      );
    if (found) continue;
    for (const c of [...(byId.get(a)?.corruptions ?? []), ...(byId.get(b)?.corruptions ?? [])]) {
      missedCorruptions[c] = (missedCorruptions[c] ?? 0) + 1;
    }
  }
  const total = population.duplicatePairs.size;
  return {
    households: population.households.length,
    duplicatePairs: total,
    pairsScored: pairs.size,
    blockingRecall: ratio(blockedTrue, total),
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: total - tp,
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, total),
    skippedKeys,
    missedCorruptions,
  };
}

/** The old intake rule's keys: a person's sorted name words with the birth date, a phone. */
function exactKeys(h: GeneratedHousehold): string[] {
  const keys: string[] = [];
  const profile = profileFromRows(h, POPULATION_ON);
  for (const p of profile.adults) {
    const tokens = normaliseName(`${p.firstName ?? ''} ${p.lastName ?? ''}`)
      .split(' ')
      .filter((t) => t !== '')
      .sort();
    if (tokens.length > 0 && p.birthDate !== undefined) keys.push(`n:${tokens.join(' ')}|${p.birthDate}`);
  }
  for (const phone of profile.phones) keys.push(`t:${phone}`);
  return keys;
}

/** Precision and recall of the exact-key rule over every pair of the population (no blocking). */
export function evaluateExactKeyRule(population: Population): {
  precision: number;
  recall: number;
  flagged: number;
} {
  const byKey = new Map<string, string[]>();
  for (const h of population.households) {
    for (const key of exactKeys(h)) byKey.set(key, [...(byKey.get(key) ?? []), h.id]);
  }
  const flagged = new Set<string>();
  for (const ids of byKey.values()) {
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) flagged.add(pairKey(ids[i] as string, ids[j] as string));
    }
  }
  let tp = 0;
  for (const pair of flagged) if (population.duplicatePairs.has(pair)) tp++;
  return {
    precision: ratio(tp, flagged.size),
    recall: ratio(tp, population.duplicatePairs.size),
    flagged: flagged.size,
  };
}
