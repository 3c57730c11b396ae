/** Duration limit of over-indebtedness measures (C. consom. L733-3). */
import type { ParameterMeta } from './parameter-meta';

export interface PlanDurationRule extends ParameterMeta {
  /** Maximum total duration of the measures, months, earlier measures included. */
  readonly maxPlanMonths: number;
}

export const PLAN_DURATION_RULES: readonly PlanDurationRule[] = [
  {
    id: 'plan-duration-2016',
    // Files admissible from 1 July 2016 (loi Hamon); 8 years before that.
    validFrom: '2016-07-01',
    validTo: null,
    legalBasis: 'C. consom. L733-3 (loi n° 2014-344 du 17 mars 2014)',
    sourceUrls: [
      'https://french-business-law.com/rench-legislation-art/article-l733-3-of-the-french-consumer-code',
      'https://avocat-goutte.com/1er-juillet-2016---reduction-de-la-duree-des-plans-de-surendettement_ad12.html',
    ],
    confidence: 'C',
    maxPlanMonths: 84,
  },
];
