/**
 * Quotité saisissable (QS): the seizable fraction of resources under the barème of the date
 * (C. trav. R3252-2, R3252-3), the reference for plan instalments (C. consom. L731-1, R731-1).
 * Computed on ANNUAL resources band by band and rounded once, at the end, to the monthly cent:
 * monthly-band arithmetic differs by a cent (338.38 vs 338.39 for 1 800 €).
 */
import type { IsoDate } from '../dates';
import { type Cents, roundRatio } from '../money';
import { formatEurosEn, formatEurosFr } from '../money-format';
import { type ParameterSetStamp, stampOf } from '../parameters/parameter-meta';
import type { ParameterSupplements } from '../parameters/parameter-supplements';
import { seizureScaleOn } from '../parameters/parameters-on';
import { SEIZURE_BAND_FRACTIONS_OVER_60 } from '../parameters/seizure-scales';
import { plural } from '../plural';
import { type Explanation, explain } from './explanation';

export interface SeizableInput {
  /** Reference date: selects the barème. */
  readonly on: IsoDate;
  /** Monthly resources the scale applies to, cents. */
  readonly monthlyResourcesCents: Cents;
  /** Dependents in the sense of R3252-3. */
  readonly dependents: number;
  /** The coordinator's validated parameter supplements; they take precedence when they cover `on`. */
  readonly parameterSupplements?: ParameterSupplements;
}

export interface SeizureBand {
  /** Seizable fraction of the band, in sixtieths (1/20 = 3). */
  readonly fractionOver60: number;
  readonly fromAnnualCents: Cents;
  /** Upper bound; null for the last band (everything above is seizable). */
  readonly toAnnualCents: Cents | null;
  /** Part of the annual resources falling in this band. */
  readonly resourcesInBandAnnualCents: Cents;
}

export interface SeizableResult {
  readonly seizableMonthlyCents: Cents;
  readonly annualResourcesCents: Cents;
  readonly bands: readonly SeizureBand[];
  readonly parameterSet: ParameterSetStamp;
  readonly explanation: Explanation;
}

/**
 * Seizable fraction per month for given monthly resources and dependents.
 * @param input - date, monthly resources (cents), dependents
 * @returns QS in cents per month, the band breakdown and its explanation
 * @throws MissingParameterError when no barème covers `on`
 * @example seizableFraction({ on: '2026-02-01', monthlyResourcesCents: 180_000, dependents: 0 }).seizableMonthlyCents // 33_838
 */
export function seizableFraction(input: SeizableInput): SeizableResult {
  const scale = seizureScaleOn(input.on, input.parameterSupplements);
  const annual = Math.max(0, input.monthlyResourcesCents) * 12;
  const shift = Math.max(0, input.dependents) * scale.incrementPerDependentAnnualCents;
  const bands: SeizureBand[] = [];
  let sumOver60 = 0;
  let lower = 0;
  SEIZURE_BAND_FRACTIONS_OVER_60.forEach((fraction, index) => {
    const threshold = scale.thresholdsAnnualCents[index];
    const upper = threshold === undefined ? null : threshold + shift;
    const inBand = Math.max(0, (upper === null ? annual : Math.min(annual, upper)) - lower);
    sumOver60 += fraction * inBand;
    bands.push({
      fractionOver60: fraction,
      fromAnnualCents: lower,
      toAnnualCents: upper,
      resourcesInBandAnnualCents: inBand,
    });
    if (upper !== null) lower = upper;
  });
  // sumOver60 / 60 is the annual QS; / 12 more for the month: one rounding, here.
  const seizableMonthlyCents = roundRatio(sumOver60, 720);
  return {
    seizableMonthlyCents,
    annualResourcesCents: annual,
    bands,
    parameterSet: stampOf([scale.id]),
    explanation: explain({
      figure: 'seizableMonthlyCents',
      key: 'explain.seizable',
      rule: 'L731-1, R731-1; C. trav. R3252-2, R3252-3',
      inputs: {
        on: input.on,
        monthlyResourcesCents: input.monthlyResourcesCents,
        annualResourcesCents: annual,
        dependents: input.dependents,
        seizableMonthlyCents,
      },
      parameterIds: [scale.id],
      fr: `Quotité saisissable : le barème ${scale.validFrom.slice(0, 4)} appliqué par tranches aux ressources annuelles de ${formatEurosFr(annual)} avec ${plural({ one: '{count} personne à charge', other: '{count} personnes à charge' }, 'fr', input.dependents)} donne ${formatEurosFr(seizableMonthlyCents)} par mois (calcul annuel, arrondi une seule fois).`,
      en: `Seizable fraction: the ${scale.validFrom.slice(0, 4)} scale applied band by band to annual resources of ${formatEurosEn(annual)} with ${plural({ one: '{count} dependent', other: '{count} dependents' }, 'en', input.dependents)} gives ${formatEurosEn(seizableMonthlyCents)} a month (annual computation, rounded once).`,
    }),
  };
}
