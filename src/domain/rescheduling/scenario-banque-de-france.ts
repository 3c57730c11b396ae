/**
 * Banque de France imposed measures (C. consom. L733-1, L733-3, L733-4): the capacity is
 * shared between the creditors for at most 84 months minus the months of earlier measures,
 * after an optional moratorium (≤ 24 months, no interest); the rate is capped per debt at the
 * legal rate for its creditor type on the decision date (0 % by default); payments go to
 * capital first; what is left at the end is the partial write-off, per creditor. A
 * main-residence mortgage keeps its contract and may run longer (L733-3), and L711-4 debts
 * stay outside the plan, their instalments taken off the capacity.
 */
import type { IsoDate } from '../dates';
import type { CreditorCategory } from '../household/creditor';
import type { Cents } from '../money';
import type { LegalInterestRate } from '../parameters/legal-interest-rates';
import { legalInterestRateOn, planDurationOn } from '../parameters/parameters-on';
import type { AllocationPolicy } from './allocation-policy';
import { contractDebt, outsidePlanDebt } from './contract-debts';
import type { BanqueDeFranceScenario, ScenarioContext, SimulationDebt } from './scenario-input';
import { firstMonthlyPayment, type ScenarioOutcome, summariseScenario } from './scenario-outcome';
import type { ScheduleDebt } from './schedule-types';
import { simulateSchedule } from './simulate-schedule';

/** Default sharing of the imposed measures: the landlord first, then pro rata. */
const DEFAULT_POLICY: AllocationPolicy = { name: 'landlord-first-pro-rata' };

export type BanqueDeFranceMeasure = 'plan' | 'plan-with-write-off' | 'none';

export interface BanqueDeFranceDetails {
  readonly decisionDate: IsoDate;
  /** 84 (rule of the decision date) minus the months of earlier measures. */
  readonly maxPlanMonths: number;
  readonly moratoriumMonths: number;
  /** Rate applied per debt, bps. */
  readonly rateBpsByDebt: Readonly<Record<string, number>>;
  /** Parameter records used (duration rule, legal rate when a rate was asked). */
  readonly parameterIds: readonly string[];
  readonly measure: BanqueDeFranceMeasure;
  readonly excludedDebtIds: readonly string[];
  /** Contract instalments of excluded debts, taken off the capacity, cents per month. */
  readonly excludedInstalmentsCents: Cents;
  readonly mainResidenceMortgageIds: readonly string[];
}

/** Legal rate for a creditor type: individuals not acting professionally, or all others. */
function legalCapBps(rate: LegalInterestRate, category: CreditorCategory): number {
  return category === 'private_individual' ? rate.individualCreditorBps : rate.otherCreditorBps;
}

function keepsContract(d: SimulationDebt): boolean {
  return (d.isMainResidenceMortgage ?? false) && (d.contractInstalmentCents ?? 0) > 0;
}

/**
 * Simulates the imposed measures.
 * @param context - debts (cents, bps), capacity (cents/month), start date
 * @param spec - decision date, earlier months, rate (bps), moratorium (months), policy, imputation
 * @param withSchedule - keep the month rows
 * @throws MissingParameterError when a rate above 0 is asked and no legal rate covers the decision date
 * @returns schedule, summary and the plan's limits
 * @example simulateBanqueDeFrance(exampleB, { kind: 'banque-de-france' }).summary.writeOffCents // 862_400
 */
export function simulateBanqueDeFrance(
  context: ScenarioContext,
  spec: BanqueDeFranceScenario,
  withSchedule = true,
): ScenarioOutcome<BanqueDeFranceDetails> {
  const decisionDate = spec.decisionDate ?? context.startDate;
  const duration = planDurationOn(decisionDate);
  const maxPlanMonths = Math.max(0, duration.maxPlanMonths - (spec.monthsUsedByEarlierPlans ?? 0));
  const moratoriumMonths = Math.min(spec.moratoriumMonths ?? 0, maxPlanMonths);
  const askedBps = spec.rateBps ?? 0;
  const parameterIds = [duration.id];
  const rateBpsByDebt: Record<string, number> = {};
  // One pass over the debts (a portfolio run makes tens of thousands of plans): the schedule's
  // debts, the rates and the lists of the details, in the debts' order.
  const debts: ScheduleDebt[] = [];
  const excludedDebtIds: string[] = [];
  const mainResidenceMortgageIds: string[] = [];
  let excludedInstalmentsCents = 0;
  let horizonMonths = Math.max(maxPlanMonths, 1);
  // Looked up once per plan, and only when a rate is asked: 0 % needs no parameter.
  let legalRate: LegalInterestRate | null = null;
  for (const d of context.debts) {
    if (d.isMainResidenceMortgage) mainResidenceMortgageIds.push(d.id);
    // A kept contract may run past the plan (L733-3), excluded or not.
    if (keepsContract(d)) horizonMonths = Math.max(horizonMonths, d.remainingTermMonths ?? 0);
    if (d.excludedFromPlan) {
      excludedDebtIds.push(d.id);
      excludedInstalmentsCents += d.contractInstalmentCents ?? 0;
      rateBpsByDebt[d.id] = d.annualRateBps;
      debts.push(outsidePlanDebt(d));
      continue;
    }
    if (keepsContract(d)) {
      rateBpsByDebt[d.id] = d.annualRateBps;
      debts.push(contractDebt(d));
      continue;
    }
    let rate = 0;
    if (askedBps > 0) {
      legalRate ??= legalInterestRateOn(decisionDate);
      if (!parameterIds.includes(legalRate.id)) parameterIds.push(legalRate.id);
      rate = Math.min(askedBps, legalCapBps(legalRate, d.creditorCategory), d.annualRateBps);
    }
    rateBpsByDebt[d.id] = rate;
    debts.push({
      id: d.id,
      creditorCategory: d.creditorCategory,
      balanceCents: d.balanceCents,
      annualRateBps: rate,
      // A main-residence loan is not written off without a sale (L733-4 1°, Cass. 22 May 2025).
      writeOffAllowed: !d.paidByNaturalPersonGuarantor && !d.isMainResidenceMortgage,
    });
  }
  const result = simulateSchedule({
    debts,
    startDate: context.startDate,
    capacity: context.capacity,
    maxMonths: Math.max(1, maxPlanMonths),
    horizonMonths,
    moratoriumMonths,
    policy: spec.policy ?? DEFAULT_POLICY,
    imputation: spec.imputation ?? 'capital-first',
    withSchedule: withSchedule && maxPlanMonths > 0,
  });
  const measure: BanqueDeFranceMeasure =
    maxPlanMonths === 0 || result.totalPaidCents === 0
      ? 'none'
      : result.feasible
        ? 'plan'
        : 'plan-with-write-off';
  return {
    spec,
    summary: summariseScenario(
      spec,
      result,
      firstMonthlyPayment(result),
      maxPlanMonths > 0 && result.feasible,
    ),
    details: {
      decisionDate,
      maxPlanMonths,
      moratoriumMonths,
      rateBpsByDebt,
      parameterIds,
      measure,
      excludedDebtIds,
      excludedInstalmentsCents,
      mainResidenceMortgageIds,
    },
    result,
  };
}
