/**
 * Which track to suggest, from the results: support (budget coaching, the contracts hold),
 * mediation (amicable new terms fit), or over-indebtedness (a Banque de France file) with the
 * likely measure: plan, plan with partial write-off, moratorium, or personal recovery
 * (rétablissement personnel) when the capacity is nil with no prospect of change. A hint for
 * the counsellor, with its reasons, not a decision.
 */
import { type Explanation, explain } from '../budget/explanation';
import type { Cents } from '../money';
import { formatEurosEn, formatEurosFr } from '../money-format';
import { isNilCapacity } from './capacity-plan';
import type { AmicableDetails } from './scenario-amicable';
import type { AsTodayDetails } from './scenario-as-today';
import type { BanqueDeFranceDetails } from './scenario-banque-de-france';
import type { ScenarioContext } from './scenario-input';
import type { ScenarioOutcome } from './scenario-outcome';

export type OrientationTrack = 'support' | 'mediation' | 'over-indebtedness';
export type OrientationMeasure = 'plan' | 'plan-with-write-off' | 'moratorium' | 'personal-recovery';

export interface OrientationHint {
  readonly track: OrientationTrack;
  /** Set for the over-indebtedness track. */
  readonly measure: OrientationMeasure | null;
  /** Reasons in plain words (fr and en), with a message key and the figures used. */
  readonly reasons: readonly Explanation[];
}

export interface OrientationInputs {
  readonly context: ScenarioContext;
  readonly asToday: ScenarioOutcome<AsTodayDetails>;
  readonly amicable: ScenarioOutcome<AmicableDetails>;
  readonly banqueDeFrance: ScenarioOutcome<BanqueDeFranceDetails>;
}

// A write-off above half of the liability is worth a word about a personal recovery [U].
const LARGE_WRITE_OFF_SHARE = 0.5;

function reason(
  key: string,
  rule: string,
  inputs: Record<string, number | string | boolean | null>,
  fr: string,
  en: string,
): Explanation {
  return explain({ figure: 'orientation', key: `orientation.${key}`, rule, inputs, fr, en });
}

/**
 * Suggests a track from the three reference scenarios.
 * @param inputs - the context and the as-today, amicable and Banque de France outcomes
 * @returns track, measure and reasons (amounts in the reasons' inputs are cents)
 * @example orientationHint(inputs).measure // 'plan-with-write-off'
 */
export function orientationHint(inputs: OrientationInputs): OrientationHint {
  const { context, asToday, amicable, banqueDeFrance } = inputs;
  const f = formatEurosFr;
  const e = formatEurosEn;
  const planMonths = banqueDeFrance.details.maxPlanMonths;
  const liability: Cents = context.debts
    .filter((d) => !d.excludedFromPlan)
    .reduce((s, d) => s + d.balanceCents, 0);

  if (liability === 0) {
    return {
      track: 'support',
      measure: null,
      reasons: [reason('no-debt', 'L711-1', {}, 'Aucune dette à rééchelonner.', 'No debt to reschedule.')],
    };
  }
  if (isNilCapacity(context.capacity, Math.max(1, planMonths)) || banqueDeFrance.details.measure === 'none') {
    const recover = context.incomeMayRecover ?? false;
    return {
      track: 'over-indebtedness',
      measure: recover ? 'moratorium' : 'personal-recovery',
      reasons: [
        reason(
          'capacity-nil',
          'L731-1',
          { capacityMonthlyCents: context.capacity.monthlyCents, liabilityCents: liability },
          `La capacité de remboursement est nulle : aucun plan ne peut rembourser les ${f(liability)} de dettes.`,
          `Repayment capacity is nil: no plan can repay the ${e(liability)} of debts.`,
        ),
        recover
          ? reason(
              'income-may-recover',
              'L733-1 4°',
              { maxMoratoriumMonths: 24 },
              'Les revenus peuvent remonter : une suspension (moratoire) de 24 mois au plus, puis un réexamen.',
              'Income may recover: a suspension (moratorium) of at most 24 months, then a review.',
            )
          : reason(
              'no-prospect',
              'L724-1',
              {},
              'Sans perspective d’amélioration, la situation est irrémédiablement compromise : rétablissement personnel.',
              'With no prospect of improvement the situation is irremediably compromised: personal recovery procedure.',
            ),
      ],
    };
  }
  if (asToday.summary.feasible) {
    return {
      track: 'support',
      measure: null,
      reasons: [
        reason(
          'contracts-affordable',
          'practice',
          {
            instalmentsCents: asToday.details.firstMonthInstalmentsCents,
            capacityMonthlyCents: asToday.details.firstMonthCapacityCents,
            months: asToday.summary.months,
          },
          `Les échéances actuelles (${f(asToday.details.firstMonthInstalmentsCents)} par mois) tiennent dans la capacité (${f(asToday.details.firstMonthCapacityCents)}) et tout est remboursé en ${asToday.summary.months} mois : un accompagnement budgétaire suffit.`,
          `Current instalments (${e(asToday.details.firstMonthInstalmentsCents)} a month) fit the capacity (${e(asToday.details.firstMonthCapacityCents)}) and everything is repaid in ${asToday.summary.months} months: budget support is enough.`,
        ),
      ],
    };
  }
  const shortfall = reason(
    'as-today-shortfall',
    'practice',
    {
      shortfallCents: asToday.details.maxMonthlyShortfallCents,
      monthsInShortfall: asToday.details.monthsInShortfall,
    },
    asToday.details.monthsInShortfall > 0
      ? `Les échéances actuelles dépassent la capacité de ${f(asToday.details.maxMonthlyShortfallCents)} par mois au plus, pendant ${asToday.details.monthsInShortfall} mois.`
      : 'Les contrats actuels ne remboursent pas toutes les dettes (arriérés sans échéancier).',
    asToday.details.monthsInShortfall > 0
      ? `Current instalments exceed the capacity by up to ${e(asToday.details.maxMonthlyShortfallCents)} a month, for ${asToday.details.monthsInShortfall} months.`
      : 'The current contracts do not repay every debt (arrears with no schedule).',
  );
  if (amicable.summary.feasible) {
    return {
      track: 'mediation',
      measure: null,
      reasons: [
        shortfall,
        reason(
          'amicable-fits',
          'L732-2',
          { months: amicable.summary.months, maxTermMonths: amicable.summary.maxMonths },
          `De nouvelles durées négociées avec chaque créancier tiennent dans la capacité : tout est remboursé en ${amicable.summary.months} mois, sans effacement.`,
          `New terms negotiated with each creditor fit the capacity: everything is repaid in ${amicable.summary.months} months, with nothing written off.`,
        ),
      ],
    };
  }
  const bdf = banqueDeFrance.summary;
  const notAmicable = reason(
    'amicable-does-not-fit',
    'L732-2',
    { maxTermMonths: amicable.summary.maxMonths },
    `Même étalées sur ${amicable.summary.maxMonths} mois, les nouvelles échéances ne tiennent pas toutes dans la capacité.`,
    `Even spread over ${amicable.summary.maxMonths} months, the new instalments do not all fit the capacity.`,
  );
  if (bdf.feasible) {
    return {
      track: 'over-indebtedness',
      measure: 'plan',
      reasons: [
        shortfall,
        notAmicable,
        reason(
          'plan-feasible',
          'L733-1',
          { months: bdf.months, maxPlanMonths: planMonths },
          `Un plan de la commission (capacité partagée entre les créanciers, taux plafonné) rembourse tout en ${bdf.months} mois sur ${planMonths} possibles.`,
          `A commission plan (capacity shared between creditors, capped rate) repays everything in ${bdf.months} of the ${planMonths} months allowed.`,
        ),
      ],
    };
  }
  const recover = context.incomeMayRecover ?? false;
  const writeOff = reason(
    'plan-write-off',
    'L733-4 2°',
    { writeOffCents: bdf.writeOffCents, maxPlanMonths: planMonths, liabilityCents: liability },
    `Sur ${planMonths} mois, il resterait ${f(bdf.writeOffCents)} à effacer (effacement partiel, décision spéciale et motivée).`,
    `Over ${planMonths} months, ${e(bdf.writeOffCents)} would remain to be written off (partial write-off, special reasoned decision).`,
  );
  const reasons = [shortfall, notAmicable, writeOff];
  if (bdf.writeOffCents > liability * LARGE_WRITE_OFF_SHARE) {
    reasons.push(
      reason(
        'large-write-off',
        'L724-1',
        { writeOffCents: bdf.writeOffCents, liabilityCents: liability },
        'L’effacement dépasse la moitié des dettes : un rétablissement personnel peut aussi être envisagé.',
        'The write-off exceeds half of the debts: a personal recovery procedure may also be considered.',
      ),
    );
  }
  if (recover) {
    reasons.push(
      reason(
        'income-may-recover',
        'L733-1 4°',
        { maxMoratoriumMonths: 24 },
        'Les revenus peuvent remonter : un moratoire (24 mois au plus) puis un réexamen peut éviter l’effacement.',
        'Income may recover: a moratorium (at most 24 months) and then a review may avoid the write-off.',
      ),
    );
  }
  return { track: 'over-indebtedness', measure: recover ? 'moratorium' : 'plan-with-write-off', reasons };
}
