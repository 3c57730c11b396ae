/**
 * Repayment capacity, the commission's maximum monthly instalment:
 *   C = max(0, min(QS, R − max(BVC, RSA_h)))
 * QS caps it (L731-1, R731-1), the reserved part max(BVC, RSA_h) comes first (L731-2), and
 * it is never negative: a negative margin is reported as a deficit instead. With the
 * debtor's explicit consent, to keep the main residence, C may exceed QS (L731-2 al. 2) but
 * never cut into the RSA floor.
 */
import type { IsoDate } from '../dates';
import type { Cents } from '../money';
import { formatEurosEn, formatEurosFr } from '../money-format';
import { type ParameterSetStamp, stampOf } from '../parameters/parameter-meta';
import type { ParameterSupplements } from '../parameters/parameter-supplements';
import { type Explanation, explain } from './explanation';
import { type RsaResult, type RsaTerritory, rsaForHousehold } from './rsa-floor';
import { type SeizableResult, seizableFraction } from './seizable-fraction';

export type BindingLimit = 'seizable' | 'budget' | 'rsa' | 'residence-exception';

export interface ResidenceException {
  /** The debtor's explicit consent to pay more than QS to keep the main residence. */
  readonly consent: boolean;
  /** Monthly amount proposed above QS, cents. */
  readonly requestedMonthlyCents: Cents;
}

export interface CapacityInput {
  readonly on: IsoDate;
  /** R: all monthly resources taken into account, cents. */
  readonly monthlyResourcesCents: Cents;
  /** Resources the barème applies to, when the dossier restricts its base; defaults to R. */
  readonly seizureBaseMonthlyCents?: Cents;
  /** Dependents for the barème (R3252-3). */
  readonly dependents: number;
  readonly adults: 1 | 2;
  /** Children and dependents under 25 for the RSA composition. */
  readonly children: number;
  readonly otherDependents?: number;
  readonly isolatedParent?: boolean;
  readonly territory?: RsaTerritory;
  /** BVC: the commission's living-costs budget, cents per month. */
  readonly livingCostsCents: Cents;
  readonly residenceException?: ResidenceException;
  /** The coordinator's validated parameter supplements (RSA, seizure scale). */
  readonly parameterSupplements?: ParameterSupplements;
}

export interface CapacityResult {
  readonly capacityMonthlyCents: Cents;
  readonly seizableMonthlyCents: Cents;
  readonly rsaFloorCents: Cents;
  readonly livingCostsCents: Cents;
  /** max(BVC, RSA_h): the part of resources reserved for current expenses. */
  readonly reservedPartCents: Cents;
  readonly bindingLimit: BindingLimit;
  /** max(0, BVC − R): the budget deficit, reported apart because C is never negative. */
  readonly deficitCents: Cents;
  /** max(0, RSA_h − R): how far resources fall below the household's RSA. */
  readonly belowRsaFloorCents: Cents;
  readonly residenceExceptionApplied: boolean;
  readonly seizable: SeizableResult;
  readonly rsa: RsaResult;
  readonly parameterSet: ParameterSetStamp;
  readonly explanation: Explanation;
}

/**
 * Commission repayment capacity and the limit that binds it.
 * @param input - date, resources, dependents, household composition, living costs (cents)
 * @returns capacity (cents/month, never negative), its limits, the deficit and explanations
 * @throws MissingParameterError when the barème or the RSA is not known for `on`
 * @example computeCapacity({ on: '2026-02-01', monthlyResourcesCents: 180_000, dependents: 0, adults: 1, children: 0, livingCostsCents: 143_300 }).capacityMonthlyCents // 33_838
 */
export function computeCapacity(input: CapacityInput): CapacityResult {
  const r = input.monthlyResourcesCents;
  const seizable = seizableFraction({
    on: input.on,
    monthlyResourcesCents: input.seizureBaseMonthlyCents ?? r,
    dependents: input.dependents,
    parameterSupplements: input.parameterSupplements,
  });
  const rsa = rsaForHousehold({
    on: input.on,
    adults: input.adults,
    children: input.children,
    otherDependents: input.otherDependents ?? 0,
    isolatedParent: input.isolatedParent ?? false,
    territory: input.territory ?? 'metropole',
    parameterSupplements: input.parameterSupplements,
  });
  const qs = seizable.seizableMonthlyCents;
  const rsaH = rsa.rsaMonthlyCents;
  const bvc = input.livingCostsCents;
  const reserved = Math.max(bvc, rsaH);
  const margin = r - reserved;
  let capacity = Math.max(0, Math.min(qs, margin));
  let binding: BindingLimit = qs <= margin ? 'seizable' : bvc >= rsaH ? 'budget' : 'rsa';
  let exceptionApplied = false;
  const exception = input.residenceException;
  if (exception?.consent === true && exception.requestedMonthlyCents > capacity) {
    // Above QS by consent, but the RSA floor stays untouchable (L731-2, R731-1).
    const ceiling = Math.max(0, r - rsaH);
    const raised = Math.min(exception.requestedMonthlyCents, ceiling);
    if (raised > capacity) {
      capacity = raised;
      binding = raised === ceiling ? 'rsa' : 'residence-exception';
      exceptionApplied = true;
    }
  }
  const deficitCents = Math.max(0, bvc - r);
  const belowRsaFloorCents = Math.max(0, rsaH - r);
  const limitFr = {
    seizable: 'la quotité saisissable',
    budget: 'le budget vie courante',
    rsa: 'le plancher RSA',
    'residence-exception': 'le montant accepté pour garder la résidence principale',
  }[binding];
  const limitEn = {
    seizable: 'the seizable fraction',
    budget: 'the living-costs budget',
    rsa: 'the RSA floor',
    'residence-exception': 'the amount agreed to keep the main residence',
  }[binding];
  return {
    capacityMonthlyCents: capacity,
    seizableMonthlyCents: qs,
    rsaFloorCents: rsaH,
    livingCostsCents: bvc,
    reservedPartCents: reserved,
    bindingLimit: binding,
    deficitCents,
    belowRsaFloorCents,
    residenceExceptionApplied: exceptionApplied,
    seizable,
    rsa,
    parameterSet: stampOf([...seizable.parameterSet.parameterIds, ...rsa.parameterSet.parameterIds]),
    explanation: explain({
      figure: 'capacityMonthlyCents',
      key: 'explain.capacity',
      rule: exceptionApplied ? 'L731-1, L731-2 al. 2, R731-1' : 'L731-1, L731-2, R731-1',
      inputs: {
        on: input.on,
        monthlyResourcesCents: r,
        seizableMonthlyCents: qs,
        rsaFloorCents: rsaH,
        livingCostsCents: bvc,
        reservedPartCents: reserved,
        capacityMonthlyCents: capacity,
        bindingLimit: binding,
        residenceExceptionConsent: exception?.consent ?? false,
      },
      parameterIds: [...seizable.parameterSet.parameterIds, ...rsa.parameterSet.parameterIds],
      fr: `Capacité de remboursement : ${formatEurosFr(capacity)} par mois. Ressources ${formatEurosFr(r)} ; part réservée ${formatEurosFr(reserved)} (le plus élevé du budget vie courante ${formatEurosFr(bvc)} et du RSA du foyer ${formatEurosFr(rsaH)}) ; quotité saisissable ${formatEurosFr(qs)}. La limite retenue est ${limitFr}.${deficitCents > 0 ? ` Le budget est en déficit de ${formatEurosFr(deficitCents)} par mois.` : ''}`,
      en: `Repayment capacity: ${formatEurosEn(capacity)} a month. Resources ${formatEurosEn(r)}; reserved part ${formatEurosEn(reserved)} (the higher of the living-costs budget ${formatEurosEn(bvc)} and the household RSA ${formatEurosEn(rsaH)}); seizable fraction ${formatEurosEn(qs)}. The binding limit is ${limitEn}.${deficitCents > 0 ? ` The budget shows a deficit of ${formatEurosEn(deficitCents)} a month.` : ''}`,
    }),
  };
}
