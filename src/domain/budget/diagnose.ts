/**
 * The budget diagnosis of a household on a reference date: resources, living costs,
 * instalments, the counsellor's indicators, the commission's repayment capacity, the
 * liability and what 84 months at that capacity would leave, the alerts, and an
 * explanation for every figure. Records the parameter set it used.
 */
import { z } from 'zod';
import { type IsoDate, IsoDateSchema } from '../dates';
import { HouseholdSchema } from '../household/household';
import { type ParameterSetStamp, stampOf } from '../parameters/parameter-meta';
import { planDurationOn } from '../parameters/parameters-on';
import type { Alert } from './alert';
import { budgetAlerts } from './budget-alerts';
import { type BudgetIndicators, budgetIndicators } from './budget-indicators';
import { dataQualityAlerts } from './data-quality-alerts';
import { debtAlerts } from './debt-alerts';
import { type DebtSummary, summariseDebts } from './debt-summary';
import { diagnosisExplanations } from './diagnosis-explanations';
import { DiagnosisOptionsSchema, resolveDiagnosisOptions } from './diagnosis-options';
import type { Explanation } from './explanation';
import { type HouseholdComposition, householdComposition } from './household-composition';
import { type LivingCosts, livingCosts } from './living-costs';
import { parameterAlerts } from './parameter-alerts';
import { type CapacityResult, computeCapacity } from './repayment-capacity';
import { type ResourceSummary, summariseResources } from './resource-lines';

export const DiagnoseInputSchema = z.object({
  /** Reference date of the diagnosis: selects every dated parameter. */
  on: IsoDateSchema,
  household: HouseholdSchema,
  options: DiagnosisOptionsSchema.optional(),
});
export type DiagnoseInput = z.infer<typeof DiagnoseInputSchema>;

export interface PlanOutlook {
  readonly maxPlanMonths: number;
  /** Months to repay the in-plan liability at capacity and 0 %; null when capacity is 0. */
  readonly monthsAtZeroRate: number | null;
  /** In-plan liability minus 84 × capacity, when positive (partial write-off or PRP), cents. */
  readonly shortfallOverMaxMonthsCents: number;
}

export interface Diagnosis {
  readonly on: IsoDate;
  readonly householdId: string;
  readonly parameterSet: ParameterSetStamp;
  readonly composition: Omit<HouseholdComposition, 'parameterSet'>;
  readonly resources: ResourceSummary;
  readonly charges: Omit<LivingCosts, 'forfaitEntry'> & { readonly forfaitEntryId: string };
  readonly debts: DebtSummary;
  readonly indicators: Omit<BudgetIndicators, 'parameterIds'>;
  readonly capacity: Omit<CapacityResult, 'seizable' | 'rsa' | 'explanation' | 'parameterSet'>;
  readonly plan: PlanOutlook;
  readonly alerts: readonly Alert[];
  readonly explanations: Readonly<Record<string, Explanation>>;
}

/**
 * Diagnoses a household on a date.
 * @param input - { on, household, options? } (validated by DiagnoseInputSchema)
 * @returns every figure in cents per month (liabilities in cents), alerts and explanations
 * @throws MissingParameterError when a dated parameter does not cover `on`
 * @example diagnose({ on: '2026-02-01', household }).capacity.capacityMonthlyCents // 33_838
 */
export function diagnose(input: DiagnoseInput): Diagnosis {
  const { on, household } = input;
  const options = resolveDiagnosisOptions(input.options);
  const supplements = options.parameterSupplements;
  const composition = householdComposition(household, on, supplements);
  const resources = summariseResources(household, on, options.seizureBase);
  const costs = livingCosts(household, on, composition.personsInHousehold, options.forfaitTable, supplements);
  const debts = summariseDebts(household);
  const hasMainResidence = household.assets.some((a) => a.kind === 'real_estate' && a.isMainResidence);
  const capacity = computeCapacity({
    on,
    monthlyResourcesCents: resources.totalMonthlyCents,
    seizureBaseMonthlyCents: resources.seizureBaseMonthlyCents,
    dependents: composition.dependents,
    adults: composition.adults,
    children: composition.children,
    otherDependents: composition.otherDependents,
    isolatedParent: options.rsaFloorVariant === 'majore-if-isolated' && composition.isolatedParent,
    territory: household.territory === 'mayotte' ? 'mayotte' : 'metropole',
    livingCostsCents: costs.livingCostsCents,
    // The exception exists to keep the main residence: without one it is not applied.
    ...(hasMainResidence && options.residenceException
      ? { residenceException: options.residenceException }
      : {}),
    parameterSupplements: supplements,
  });
  const indicators = budgetIndicators({
    on,
    resourcesCents: resources.totalMonthlyCents,
    fixedChargesCents: costs.fixedChargesCents,
    instalmentsCents: debts.instalmentsMonthlyCents,
    rentCents: costs.rentMonthlyCents,
    capacityCents: capacity.capacityMonthlyCents,
    consumptionUnitsMilli: composition.consumptionUnitsMilli,
    debtRatioIncludesRent: options.debtRatioIncludesRent,
  });
  const duration = planDurationOn(on);
  const c = capacity.capacityMonthlyCents;
  const plan: PlanOutlook = {
    maxPlanMonths: duration.maxPlanMonths,
    monthsAtZeroRate: c > 0 ? Math.ceil(debts.inPlanCents / c) : null,
    shortfallOverMaxMonthsCents: Math.max(0, debts.inPlanCents - duration.maxPlanMonths * c),
  };
  const fromDebts = debtAlerts(household, debts, on, supplements);
  const parameterIds = [
    ...composition.parameterSet.parameterIds,
    ...capacity.parameterSet.parameterIds,
    ...indicators.parameterIds,
    ...fromDebts.parameterIds,
    duration.id,
  ];
  const alerts = [
    ...budgetAlerts({
      household,
      options,
      capacity,
      indicators,
      costs,
      debts,
      plan,
      hasMainResidence,
      resourcesCents: resources.totalMonthlyCents,
    }),
    ...fromDebts.alerts,
    ...dataQualityAlerts(household, composition, on),
    ...parameterAlerts(parameterIds, supplements),
  ];
  const { parameterSet: _c, ...compositionOut } = composition;
  const { forfaitEntry, ...costsOut } = costs;
  const { seizable, rsa, explanation, parameterSet: _p, ...capacityOut } = capacity;
  const { parameterIds: _i, ...indicatorsOut } = indicators;
  return {
    on,
    householdId: household.id,
    parameterSet: stampOf(parameterIds),
    composition: compositionOut,
    resources,
    charges: { ...costsOut, forfaitEntryId: forfaitEntry.id },
    debts,
    indicators: indicatorsOut,
    capacity: capacityOut,
    plan,
    alerts,
    explanations: diagnosisExplanations({
      on,
      composition,
      resources,
      costs,
      debts,
      indicators,
      capacity,
      plan,
      seizureBase: options.seizureBase,
      planParameterId: duration.id,
    }),
  };
}
