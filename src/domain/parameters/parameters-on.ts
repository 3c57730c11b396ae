/**
 * Typed lookups of every dated parameter. Each throws MissingParameterError naming the
 * parameter when the date is not covered.
 */
import type { IsoDate } from '../dates';
import {
  CONSUMPTION_UNIT_SCALES,
  type ConsumptionUnitScale,
  DEBT_RATIO_THRESHOLDS,
  type DebtRatioThreshold,
} from './budget-ratios';
import { LEGAL_INTEREST_RATES, type LegalInterestRate } from './legal-interest-rates';
import { findInForce } from './lookup';
import { PLAN_DURATION_RULES, type PlanDurationRule } from './plan-rules';
import { RSA_AMOUNTS, type RsaAmounts } from './rsa-amounts';
import { SEIZURE_SCALES, type SeizureScale } from './seizure-scales';

/**
 * Seizure scale in force on a date.
 * @param on - reference date 'YYYY-MM-DD'
 * @throws MissingParameterError('seizureScale')
 * @example seizureScaleOn('2026-03-01').id // 'seizure-scale-2026'
 */
export function seizureScaleOn(on: IsoDate): SeizureScale {
  return findInForce(SEIZURE_SCALES, on, 'seizureScale');
}

/**
 * RSA amounts in force on a date.
 * @param on - reference date 'YYYY-MM-DD'
 * @throws MissingParameterError('rsa.amounts')
 * @example rsaAmountsOn('2025-04-01').baseMonthlyCents // 64_652
 */
export function rsaAmountsOn(on: IsoDate): RsaAmounts {
  return findInForce(RSA_AMOUNTS, on, 'rsa.amounts');
}

/**
 * Legal interest rates of the semester containing a date.
 * @param on - reference date 'YYYY-MM-DD'
 * @throws MissingParameterError('legalInterestRate')
 * @example legalInterestRateOn('2026-02-01').otherCreditorBps // 262
 */
export function legalInterestRateOn(on: IsoDate): LegalInterestRate {
  return findInForce(LEGAL_INTEREST_RATES, on, 'legalInterestRate');
}

/**
 * Debt-ratio threshold (HCSF) in force on a date.
 * @param on - reference date 'YYYY-MM-DD'
 * @throws MissingParameterError('debtRatioThreshold')
 * @example debtRatioThresholdOn('2026-01-01').maxDebtRatioBps // 3_500
 */
export function debtRatioThresholdOn(on: IsoDate): DebtRatioThreshold {
  return findInForce(DEBT_RATIO_THRESHOLDS, on, 'debtRatioThreshold');
}

/**
 * Consumption-unit scale in force on a date.
 * @param on - reference date 'YYYY-MM-DD'
 * @throws MissingParameterError('consumptionUnitScale')
 * @example consumptionUnitScaleOn('2026-01-01').youngChildMilli // 300
 */
export function consumptionUnitScaleOn(on: IsoDate): ConsumptionUnitScale {
  return findInForce(CONSUMPTION_UNIT_SCALES, on, 'consumptionUnitScale');
}

/**
 * Plan duration limit in force on a date.
 * @param on - reference date 'YYYY-MM-DD'
 * @throws MissingParameterError('planDuration')
 * @example planDurationOn('2026-01-01').maxPlanMonths // 84
 */
export function planDurationOn(on: IsoDate): PlanDurationRule {
  return findInForce(PLAN_DURATION_RULES, on, 'planDuration');
}
