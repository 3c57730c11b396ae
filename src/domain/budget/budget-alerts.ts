/**
 * Alerts about the budget as a whole: deficit, resources at or below the RSA floor, no
 * repayment capacity, a liability 84 months cannot clear, debt ratio over the threshold,
 * low reste à vivre per unit, the national default forfaits, and an exception asked for
 * without a main residence.
 */
import type { Household } from '../household/household';
import { formatBps, formatEurosEn, formatEurosFr } from '../money-format';
import { type Alert, alert } from './alert';
import type { BudgetIndicators } from './budget-indicators';
import type { DebtSummary } from './debt-summary';
import type { ResolvedDiagnosisOptions } from './diagnosis-options';
import type { LivingCosts } from './living-costs';
import type { CapacityResult } from './repayment-capacity';

export interface BudgetAlertInput {
  readonly household: Household;
  readonly options: ResolvedDiagnosisOptions;
  readonly capacity: CapacityResult;
  readonly indicators: BudgetIndicators;
  readonly costs: LivingCosts;
  readonly debts: DebtSummary;
  readonly plan: { readonly maxPlanMonths: number; readonly shortfallOverMaxMonthsCents: number };
  readonly hasMainResidence: boolean;
  readonly resourcesCents: number;
}

/**
 * Budget-level alerts.
 * @param input - the computed parts of the diagnosis
 * @example budgetAlerts(parts).map((a) => a.code) // ['budget-deficit', 'no-repayment-capacity']
 */
export function budgetAlerts(input: BudgetAlertInput): Alert[] {
  const { capacity, indicators, options, plan } = input;
  const alerts: Alert[] = [];
  if (capacity.deficitCents > 0) {
    alerts.push(
      alert(
        'budget-deficit',
        'critical',
        'L731-2; domain-rules 8.3-2',
        [],
        { deficitCents: capacity.deficitCents },
        `Il manque ${formatEurosFr(capacity.deficitCents)} par mois pour couvrir le budget vie courante retenu par la commission : ce budget dépasse les ressources.`,
        `${formatEurosEn(capacity.deficitCents)} a month is missing to cover the commission’s living-costs budget: that budget exceeds resources.`,
      ),
    );
  }
  if (input.resourcesCents <= capacity.rsaFloorCents) {
    alerts.push(
      alert(
        'resources-at-rsa-floor',
        'warning',
        'L731-2, R731-1; domain-rules 8.3-1',
        [],
        { rsaFloorCents: capacity.rsaFloorCents },
        `Ressources au niveau du RSA du foyer (${formatEurosFr(capacity.rsaFloorCents)}) ou en dessous : aucun remboursement ne peut être exigé.`,
        `Resources at or below the household RSA (${formatEurosEn(capacity.rsaFloorCents)}): no repayment can be required.`,
      ),
    );
  }
  if (capacity.capacityMonthlyCents === 0) {
    alerts.push(
      alert(
        'no-repayment-capacity',
        'warning',
        'L733-1 4°, L741-1',
        [],
        {},
        'Capacité de remboursement nulle : pas de plan possible ; envisager un moratoire (24 mois au plus) ou un rétablissement personnel.',
        'No repayment capacity: no plan is possible; consider a moratorium (24 months at most) or a personal recovery procedure (PRP).',
      ),
    );
  } else if (plan.shortfallOverMaxMonthsCents > 0) {
    alerts.push(
      alert(
        'liability-exceeds-plan',
        'info',
        'L733-3, L733-4 2°',
        [],
        { shortfallCents: plan.shortfallOverMaxMonthsCents, maxPlanMonths: plan.maxPlanMonths },
        `Même sur ${plan.maxPlanMonths} mois, il resterait ${formatEurosFr(plan.shortfallOverMaxMonthsCents)} : effacement partiel, moratoire ou rétablissement personnel.`,
        `Even over ${plan.maxPlanMonths} months, ${formatEurosEn(plan.shortfallOverMaxMonthsCents)} would remain: partial write-off, moratorium or PRP.`,
      ),
    );
  }
  if (indicators.debtRatioBps !== null && indicators.debtRatioBps > indicators.debtRatioThresholdBps) {
    alerts.push(
      alert(
        'debt-ratio-over-threshold',
        'warning',
        'HCSF 35 %',
        [],
        { debtRatioBps: indicators.debtRatioBps, thresholdBps: indicators.debtRatioThresholdBps },
        `Taux d’endettement ${formatBps(indicators.debtRatioBps, 'fr')}, au-dessus du seuil de ${formatBps(indicators.debtRatioThresholdBps, 'fr')}.`,
        `Debt ratio ${formatBps(indicators.debtRatioBps, 'en')}, above the ${formatBps(indicators.debtRatioThresholdBps, 'en')} threshold.`,
      ),
    );
  }
  if (indicators.ravBeforePlanPerUcCents < options.lowRavPerUcThresholdCents) {
    alerts.push(
      alert(
        'low-rav-per-uc',
        'warning',
        'domain-rules 5 [U]',
        [],
        {
          ravPerUcCents: indicators.ravBeforePlanPerUcCents,
          thresholdCents: options.lowRavPerUcThresholdCents,
        },
        `Reste à vivre de ${formatEurosFr(indicators.ravBeforePlanPerUcCents)} par unité de consommation, sous le seuil de ${formatEurosFr(options.lowRavPerUcThresholdCents)}.`,
        `Reste à vivre of ${formatEurosEn(indicators.ravBeforePlanPerUcCents)} per consumption unit, below the ${formatEurosEn(options.lowRavPerUcThresholdCents)} threshold.`,
      ),
    );
  }
  if (input.costs.usedNationalDefault && input.costs.forfaits.length > 0) {
    alerts.push(
      alert(
        'forfait-national-default',
        'info',
        'R731-3',
        [],
        { entryId: input.costs.forfaitEntry.id, departement: input.household.departement },
        `Forfaits de la commission du ${input.household.departement} non renseignés : le forfait national 2024 (indicatif) est utilisé.`,
        `No commission forfaits entered for département ${input.household.departement}: the indicative 2024 national forfait is used.`,
      ),
    );
  }
  if (options.residenceException?.consent === true && !input.hasMainResidence) {
    alerts.push(
      alert(
        'residence-exception-ignored',
        'warning',
        'L731-2 al. 2',
        [],
        {},
        'Dérogation pour garder la résidence principale demandée, mais aucune résidence principale n’est déclarée : non appliquée.',
        'Main-residence exception asked for, but no main residence is declared: not applied.',
      ),
    );
  }
  return alerts;
}
