/**
 * The counsellor's indicators (domain-rules 5): reste à vivre (resources − fixed charges −
 * instalments, not the commission's reserved part), per consumption unit, and the debt
 * ratio against the HCSF threshold. Warning signals, not legal limits.
 */
import type { IsoDate } from '../dates';
import { type Cents, roundRatio } from '../money';
import { debtRatioThresholdOn } from '../parameters/parameters-on';

export interface BudgetIndicators {
  /** R − fixed charges − current instalments (may be negative), cents/month. */
  readonly ravBeforePlanCents: Cents;
  readonly ravBeforePlanPerUcCents: Cents;
  /** R − fixed charges − repayment capacity, cents/month. */
  readonly ravAfterPlanCents: Cents;
  readonly ravAfterPlanPerUcCents: Cents;
  /** Debt service over resources, basis points; null when resources are zero. */
  readonly debtRatioBps: number | null;
  readonly debtRatioThresholdBps: number;
  readonly debtRatioIncludesRent: boolean;
  readonly parameterIds: readonly string[];
}

export interface IndicatorInput {
  readonly on: IsoDate;
  readonly resourcesCents: Cents;
  readonly fixedChargesCents: Cents;
  readonly instalmentsCents: Cents;
  readonly rentCents: Cents;
  readonly capacityCents: Cents;
  readonly consumptionUnitsMilli: number;
  readonly debtRatioIncludesRent: boolean;
}

/**
 * Computes the counsellor's indicators.
 * @param input - amounts in cents per month, UC in thousandths
 * @example budgetIndicators({ on: '2026-02-01', resourcesCents: 290_000, fixedChargesCents: 136_000, instalmentsCents: 115_000, rentCents: 85_000, capacityCents: 36_400, consumptionUnitsMilli: 2_300, debtRatioIncludesRent: false }).ravAfterPlanPerUcCents // 51_130
 */
export function budgetIndicators(input: IndicatorInput): BudgetIndicators {
  const threshold = debtRatioThresholdOn(input.on);
  const uc = Math.max(1, input.consumptionUnitsMilli);
  const before = input.resourcesCents - input.fixedChargesCents - input.instalmentsCents;
  const after = input.resourcesCents - input.fixedChargesCents - input.capacityCents;
  const numerator = input.instalmentsCents + (input.debtRatioIncludesRent ? input.rentCents : 0);
  return {
    ravBeforePlanCents: before,
    ravBeforePlanPerUcCents: roundRatio(before * 1000, uc),
    ravAfterPlanCents: after,
    ravAfterPlanPerUcCents: roundRatio(after * 1000, uc),
    debtRatioBps: input.resourcesCents > 0 ? roundRatio(numerator * 10_000, input.resourcesCents) : null,
    debtRatioThresholdBps: threshold.maxDebtRatioBps,
    debtRatioIncludesRent: input.debtRatioIncludesRent,
    parameterIds: [threshold.id],
  };
}
