/**
 * RSA montant forfaitaire for a household (CASF L262-2, R262-1; majoré L262-9): the floor
 * the reserved part may never go below (C. consom. L731-2, R731-1). Each increment is
 * rounded to the cent, then summed, as CAF publishes it (1 357.70, not 1 357.69).
 */
import type { IsoDate } from '../dates';
import { applyRate, type Cents } from '../money';
import { formatEurosEn, formatEurosFr } from '../money-format';
import { MissingParameterError } from '../parameters/lookup';
import { type ParameterSetStamp, stampOf } from '../parameters/parameter-meta';
import type { ParameterSupplements } from '../parameters/parameter-supplements';
import { rsaAmountsOn } from '../parameters/parameters-on';
import { plural } from '../plural';
import { type Explanation, explain } from './explanation';

/** 'metropole' covers metropolitan France, Alsace-Moselle and the DROM other than Mayotte. */
export type RsaTerritory = 'metropole' | 'mayotte';

export interface RsaInput {
  readonly on: IsoDate;
  /** Adults of the household: 1 or 2. */
  readonly adults: 1 | 2;
  /** Children and dependents under 25 living in the household. */
  readonly children: number;
  /** Other dependents aged 25 or more (e.g. an ascendant), +30 % each. */
  readonly otherDependents?: number;
  /** Isolated parent or pregnant woman: RSA majoré. Only with one adult. */
  readonly isolatedParent: boolean;
  readonly territory: RsaTerritory;
  /** The coordinator's validated parameter supplements; they take precedence when they cover `on`. */
  readonly parameterSupplements?: ParameterSupplements;
}

export interface RsaComponent {
  /** 'base', 'secondPerson', 'additionalPerson', 'thirdChild', 'majoredBase', 'majoredChild'. */
  readonly kind: string;
  /** Rate applied to the base, parts per 100 000 (100 000 for the base itself). */
  readonly ratePer100k: number;
  readonly amountCents: Cents;
}

export interface RsaResult {
  readonly rsaMonthlyCents: Cents;
  readonly baseMonthlyCents: Cents;
  readonly components: readonly RsaComponent[];
  readonly parameterSet: ParameterSetStamp;
  readonly explanation: Explanation;
}

/**
 * RSA montant forfaitaire for the household composition, in cents per month.
 * @param input - date, adults (1|2), children, isolated-parent flag, territory
 * @throws MissingParameterError when no RSA record (or no Mayotte figure) covers `on`
 * @throws RangeError when `isolatedParent` is set with two adults
 * @example rsaForHousehold({ on: '2025-06-01', adults: 2, children: 2, isolatedParent: false, territory: 'metropole' }).rsaMonthlyCents // 135_770
 */
export function rsaForHousehold(input: RsaInput): RsaResult {
  const amounts = rsaAmountsOn(input.on, input.parameterSupplements);
  const base = input.territory === 'mayotte' ? amounts.mayotteBaseMonthlyCents : amounts.baseMonthlyCents;
  if (base === null) throw new MissingParameterError('rsa.mayotteBaseAmount', input.on);
  if (input.isolatedParent && input.adults !== 1) {
    throw new RangeError('isolatedParent requires exactly one adult');
  }
  const components: RsaComponent[] = [];
  const add = (kind: string, rate: number) =>
    components.push({ kind, ratePer100k: rate, amountCents: applyRate(base, rate) });
  const others = input.otherDependents ?? 0;
  if (input.isolatedParent) {
    add('majoredBase', amounts.majoredBaseRate);
    for (let c = 0; c < input.children; c += 1) add('majoredChild', amounts.majoredPerChildRate);
  } else {
    components.push({ kind: 'base', ratePer100k: 100_000, amountCents: base });
    // Persons after the first, spouse first: the second person gets +50 %, then +30 % each,
    // except the third and later children or dependents under 25, who get +40 %.
    let persons = 1;
    const next = (kind: string, rate: number) => {
      persons += 1;
      if (persons === 2) add('secondPerson', amounts.secondPersonRate);
      else add(kind, rate);
    };
    if (input.adults === 2) next('additionalPerson', amounts.additionalPersonRate);
    for (let c = 1; c <= input.children; c += 1) {
      next(
        c >= 3 ? 'thirdChild' : 'additionalPerson',
        c >= 3 ? amounts.thirdChildRate : amounts.additionalPersonRate,
      );
    }
    for (let o = 0; o < others; o += 1) next('additionalPerson', amounts.additionalPersonRate);
  }
  const rsaMonthlyCents = components.reduce((sum, c) => sum + c.amountCents, 0);
  const composition = `${plural({ one: '{count} adulte', other: '{count} adultes' }, 'fr', input.adults)}, ${plural({ one: '{count} enfant', other: '{count} enfants' }, 'fr', input.children)}`;
  return {
    rsaMonthlyCents,
    baseMonthlyCents: base,
    components,
    parameterSet: stampOf([amounts.id]),
    explanation: explain({
      figure: 'rsaMonthlyCents',
      key: 'explain.rsa',
      rule: input.isolatedParent
        ? 'CASF L262-9, R262-1; C. consom. L731-2'
        : 'CASF L262-2, R262-1; C. consom. L731-2',
      inputs: {
        on: input.on,
        adults: input.adults,
        children: input.children,
        otherDependents: others,
        isolatedParent: input.isolatedParent,
        territory: input.territory,
        baseMonthlyCents: base,
        baseConfidence: amounts.confidence,
        rsaMonthlyCents,
      },
      parameterIds: [amounts.id],
      fr: `RSA du foyer (${composition}${input.isolatedParent ? ', parent isolé : RSA majoré' : ''}${input.territory === 'mayotte' ? ', Mayotte' : ''}) : montant de base ${formatEurosFr(base)}, chaque majoration arrondie au centime puis additionnée, soit ${formatEurosFr(rsaMonthlyCents)} par mois.${amounts.confidence === 'U' ? ' Montant de base estimé (estimation non confirmée) : à vérifier.' : ''}`,
      en: `Household RSA (${plural({ one: '{count} adult', other: '{count} adults' }, 'en', input.adults)}, ${plural({ one: '{count} child', other: '{count} children' }, 'en', input.children)}${input.isolatedParent ? ', isolated parent: RSA majoré' : ''}${input.territory === 'mayotte' ? ', Mayotte' : ''}): base ${formatEurosEn(base)}, each increment rounded to the cent then summed, giving ${formatEurosEn(rsaMonthlyCents)} a month.${amounts.confidence === 'U' ? ' Estimated base amount (an unconfirmed estimate): to be checked.' : ''}`,
    }),
  };
}
