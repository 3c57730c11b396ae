/**
 * A pair's score in words for the coordinator. The score is a sum of per-field log-odds weights
 * (DUP1, Splink style): each 1 added doubles the odds that the two households are the same. The
 * queue holds pairs at or above the matching threshold; "très probable" is 6 more (64 times the
 * odds of a pair at the threshold), "possible" below it (pairs a rescan or an intake check can
 * still show). THRESHOLD mirrors MATCH_PARAMETERS.threshold (src/domain/matching/, branch
 * i14-matching): the integrator replaces this constant by an import of it.
 */
export const THRESHOLD = 6;
/** Above the threshold by this much: "très probable". */
export const VERY_LIKELY_MARGIN = 6;

export type ScoreBand = 'very-likely' | 'likely' | 'possible';

export function scoreBand(score: number, threshold: number = THRESHOLD): ScoreBand {
  if (score >= threshold + VERY_LIKELY_MARGIN) return 'very-likely';
  if (score >= threshold) return 'likely';
  return 'possible';
}
