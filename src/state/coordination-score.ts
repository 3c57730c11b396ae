/**
 * A pair's score in words for the coordinator. The score is a sum of per-field log2 weights
 * (DUP1, Fellegi–Sunter): each 1 added doubles the odds that the two households are the same.
 * The queue holds pairs from the matching threshold up (MATCH_PARAMETERS.threshold): "probable";
 * 10 more (about a thousand times the odds of a pair at the threshold, e.g. the same names and
 * birth date with the same phone) is "très probable"; below the threshold (an intake check, a
 * decided pair that reopened) "possible".
 */
import { MATCH_PARAMETERS } from '../domain/matching/match-parameters';

/** Above the threshold by this much: "très probable". */
export const VERY_LIKELY_MARGIN = 10;

export type ScoreBand = 'very-likely' | 'likely' | 'possible';

export function scoreBand(score: number, threshold: number = MATCH_PARAMETERS.threshold): ScoreBand {
  if (score >= threshold + VERY_LIKELY_MARGIN) return 'very-likely';
  if (score >= threshold) return 'likely';
  return 'possible';
}
