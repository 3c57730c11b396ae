/**
 * Typed lookups of every dated parameter. Each throws MissingParameterError naming the
 * parameter when the date is not covered. The lookups of the kinds a coordinator may
 * supplement (RSA, legal interest rate, seizure scale) take the validated supplements as an
 * optional second argument: a supplement record covering the date wins over the built-in one.
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
import {
  type ParameterSupplements,
  supplementLegalInterestRates,
  supplementRsaAmounts,
  supplementSeizureScales,
} from './parameter-supplements';
import {
  FORMAL_NOTICE_RULES,
  type FormalNoticeRule,
  PLAN_DURATION_RULES,
  type PlanDurationRule,
} from './plan-rules';
import { RSA_AMOUNTS, type RsaAmounts } from './rsa-amounts';
import { SEIZURE_SCALES, type SeizureScale } from './seizure-scales';

/**
 * Seizure scale in force on a date.
 * @param on - reference date 'YYYY-MM-DD'
 * @param supplements - the coordinator's validated supplements (optional; they take precedence)
 * @throws MissingParameterError('seizureScale')
 * @example seizureScaleOn('2026-03-01').id // 'seizure-scale-2026'
 */
export function seizureScaleOn(on: IsoDate, supplements?: ParameterSupplements): SeizureScale {
  return findInForce([...supplementSeizureScales(supplements), ...SEIZURE_SCALES], on, 'seizureScale');
}

/**
 * RSA amounts in force on a date. From 2026-04-01 the built-in record is the press estimate
 * 'rsa-2026-04-estimate' (confidence 'U') unless a supplement covers the date.
 * @param on - reference date 'YYYY-MM-DD'
 * @param supplements - the coordinator's validated supplements (optional; they take precedence)
 * @throws MissingParameterError('rsa.amounts')
 * @example rsaAmountsOn('2025-04-01').baseMonthlyCents // 64_652
 */
export function rsaAmountsOn(on: IsoDate, supplements?: ParameterSupplements): RsaAmounts {
  return findInForce([...supplementRsaAmounts(supplements), ...RSA_AMOUNTS], on, 'rsa.amounts');
}

/**
 * Legal interest rates of the semester containing a date.
 * @param on - reference date 'YYYY-MM-DD'
 * @param supplements - the coordinator's validated supplements (optional; they take precedence)
 * @throws MissingParameterError('legalInterestRate')
 * @example legalInterestRateOn('2026-02-01').otherCreditorBps // 262
 */
export function legalInterestRateOn(on: IsoDate, supplements?: ParameterSupplements): LegalInterestRate {
  return findInForce(
    [...supplementLegalInterestRates(supplements), ...LEGAL_INTEREST_RATES],
    on,
    'legalInterestRate',
  );
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

/**
 * Formal-notice lapse rule (R732-2) in force on a date: the date of the notice.
 * @param on - reference date 'YYYY-MM-DD'
 * @throws MissingParameterError('planFormalNotice')
 * @example formalNoticeRuleOn('2026-01-01').lapseDays // 15
 */
export function formalNoticeRuleOn(on: IsoDate): FormalNoticeRule {
  return findInForce(FORMAL_NOTICE_RULES, on, 'planFormalNotice');
}
