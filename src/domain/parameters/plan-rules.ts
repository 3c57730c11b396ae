/**
 * The legal clocks of over-indebtedness plans: the duration limit of the measures (C. consom.
 * L733-3) and the lapse of a plan after an unanswered formal notice (R732-2).
 */
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

export interface FormalNoticeRule extends ParameterMeta {
  /**
   * Days a formal notice (mise en demeure) may stay unanswered before the plan lapses: the plan
   * lapses the day after the last of them (the day of the notice does not count, CPC art. 641).
   */
  readonly lapseDays: number;
}

export const FORMAL_NOTICE_RULES: readonly FormalNoticeRule[] = [
  {
    id: 'plan-formal-notice-2016',
    // R732-2 since the recodification of 1 July 2016 (before: R334-3, same 15 days).
    validFrom: '2016-07-01',
    validTo: null,
    legalBasis: 'C. consom. R732-2 (décret n° 2016-884 du 29 juin 2016; avant : R334-3)',
    sourceUrls: [
      'https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000032808708',
      'https://www.doctrine.fr/l/texts/codes/LEGITEXT000006069565/articles/LEGIARTI000032808708',
    ],
    confidence: 'C',
    lapseDays: 15,
  },
];
