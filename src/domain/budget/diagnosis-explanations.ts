/**
 * The derivation of every figure of a diagnosis that is not already explained by the
 * capacity computation (which explains QS, the RSA floor and C itself).
 */
import type { IsoDate } from '../dates';
import { formatBps, formatEurosEn, formatEurosFr } from '../money-format';
import { plural, pluralForm } from '../plural';
import type { BudgetIndicators } from './budget-indicators';
import type { DebtSummary } from './debt-summary';
import { type Explanation, explain } from './explanation';
import type { HouseholdComposition } from './household-composition';
import type { LivingCosts } from './living-costs';
import type { CapacityResult } from './repayment-capacity';
import type { ResourceSummary } from './resource-lines';

export interface ExplanationSources {
  readonly on: IsoDate;
  readonly composition: HouseholdComposition;
  readonly resources: ResourceSummary;
  readonly costs: LivingCosts;
  readonly debts: DebtSummary;
  readonly indicators: BudgetIndicators;
  readonly capacity: CapacityResult;
  readonly plan: {
    readonly maxPlanMonths: number;
    readonly monthsAtZeroRate: number | null;
    readonly shortfallOverMaxMonthsCents: number;
  };
  readonly seizureBase: string;
  readonly planParameterId: string;
}

/** The base of the seizure scale in words (the option's code is not for people). */
const SEIZURE_BASE_WORDS: Readonly<Record<string, { fr: string; en: string }>> = {
  household: { fr: 'toutes les ressources du foyer', en: 'all the household’s resources' },
  filers: { fr: 'les ressources des demandeurs', en: 'the filers’ resources' },
  'selected-lines': {
    fr: 'les ressources retenues ligne par ligne',
    en: 'the resources selected line by line',
  },
};

const uc = (milli: number, locale: 'fr' | 'en') => {
  const text = (milli / 1000).toFixed(3).replace(/0+$/, '').replace(/\.$/, '');
  return locale === 'fr' ? text.replace('.', ',') : text;
};

/**
 * Explanations keyed by figure name.
 * @param s - the computed parts of the diagnosis
 * @example diagnosisExplanations(parts).livingCostsCents.rule // 'R731-3'
 */
export function diagnosisExplanations(s: ExplanationSources): Record<string, Explanation> {
  const { composition: k, resources: r, costs, debts, indicators: ind, capacity: cap } = s;
  const f = formatEurosFr;
  const e = formatEurosEn;
  const forfaitIds = costs.forfaits.length > 0 ? [costs.forfaitEntry.id] : [];
  const list: Explanation[] = [
    explain({
      figure: 'monthlyResourcesCents',
      key: 'explain.resources',
      rule: 'L731-1; Cass. 1re civ. 2002',
      inputs: { lines: r.lines.length, totalMonthlyCents: r.totalMonthlyCents },
      fr: `Ressources mensuelles : ${f(r.totalMonthlyCents)}, somme de ${plural({ one: '{count} ligne ramenée', other: '{count} lignes ramenées' }, 'fr', r.lines.filter((l) => l.running).length)} au mois (prestations comprises).`,
      en: `Monthly resources: ${e(r.totalMonthlyCents)}, the sum of ${plural({ one: '{count} line', other: '{count} lines' }, 'en', r.lines.filter((l) => l.running).length)} converted to a month (benefits included).`,
    }),
    explain({
      figure: 'seizureBaseMonthlyCents',
      key: 'explain.seizureBase',
      rule: 'L731-1; domain-rules 2.4b',
      inputs: { seizureBase: s.seizureBase, seizureBaseMonthlyCents: r.seizureBaseMonthlyCents },
      fr: `Base du barème (${SEIZURE_BASE_WORDS[s.seizureBase]?.fr ?? s.seizureBase}) : ${f(r.seizureBaseMonthlyCents)} par mois.`,
      en: `Base of the seizure scale (${SEIZURE_BASE_WORDS[s.seizureBase]?.en ?? s.seizureBase}): ${e(r.seizureBaseMonthlyCents)} a month.`,
    }),
    explain({
      figure: 'dependents',
      key: 'explain.dependents',
      rule: 'C. trav. R3252-3',
      inputs: {
        dependents: k.dependents,
        dependentIds: k.dependentIds.join(','),
        singleRsaCents: k.singleRsaCents,
      },
      parameterIds: k.parameterSet.parameterIds,
      fr: `${plural({ one: '{count} personne à charge', other: '{count} personnes à charge' }, 'fr', k.dependents)} au sens du barème : les enfants, et le conjoint ou l’ascendant dont les ressources propres sont inférieures au RSA d’une personne seule (${f(k.singleRsaCents)}).`,
      en: `${plural({ one: '{count} dependent', other: '{count} dependents' }, 'en', k.dependents)} for the scale: the children, and a spouse or ascendant whose own resources are below the single-person RSA (${e(k.singleRsaCents)}).`,
    }),
    explain({
      figure: 'livingCostsCents',
      key: 'explain.livingCosts',
      rule: 'R731-3',
      inputs: {
        livingCostsCents: costs.livingCostsCents,
        forfaitEntryId: costs.forfaitEntry.id,
        usedNationalDefault: costs.usedNationalDefault,
        persons: k.personsInHousehold,
      },
      parameterIds: forfaitIds,
      fr: `Budget vie courante : ${f(costs.livingCostsCents)} par mois, charges réelles (plafonnées le cas échéant) plus forfaits de la commission${costs.forfaits.length > 0 ? ` (${costs.forfaits.map((x) => `${x.kind} ${f(x.amountCents)}`).join(', ')})` : ''} pour ${plural({ one: '{count} personne', other: '{count} personnes' }, 'fr', k.personsInHousehold)}.`,
      en: `Living-costs budget: ${e(costs.livingCostsCents)} a month, real charges (capped where applicable) plus the commission's forfaits${costs.forfaits.length > 0 ? ` (${costs.forfaits.map((x) => `${x.kind} ${e(x.amountCents)}`).join(', ')})` : ''} for ${plural({ one: '{count} person', other: '{count} people' }, 'en', k.personsInHousehold)}.`,
    }),
    explain({
      figure: 'fixedChargesCents',
      key: 'explain.fixedCharges',
      rule: 'domain-rules 5',
      inputs: { fixedChargesCents: costs.fixedChargesCents },
      fr: `Charges fixes déclarées (hors alimentation et vie courante) : ${f(costs.fixedChargesCents)} par mois.`,
      en: `Declared fixed charges (food and living excluded): ${e(costs.fixedChargesCents)} a month.`,
    }),
    explain({
      figure: 'instalmentsMonthlyCents',
      key: 'explain.instalments',
      rule: 'domain-rules 5',
      inputs: { instalmentsMonthlyCents: debts.instalmentsMonthlyCents, debts: debts.lines.length },
      fr: `Mensualités actuelles, assurance comprise : ${f(debts.instalmentsMonthlyCents)} par mois.`,
      en: `Current instalments, insurance included: ${e(debts.instalmentsMonthlyCents)} a month.`,
    }),
    explain({
      figure: 'ravBeforePlanCents',
      key: 'explain.rav',
      rule: 'domain-rules 5',
      inputs: {
        resourcesCents: r.totalMonthlyCents,
        fixedChargesCents: costs.fixedChargesCents,
        instalmentsCents: debts.instalmentsMonthlyCents,
        ravBeforePlanCents: ind.ravBeforePlanCents,
      },
      fr: `Reste à vivre = ressources ${f(r.totalMonthlyCents)} − charges fixes ${f(costs.fixedChargesCents)} − mensualités ${f(debts.instalmentsMonthlyCents)} = ${f(ind.ravBeforePlanCents)}.`,
      en: `Reste à vivre = resources ${e(r.totalMonthlyCents)} − fixed charges ${e(costs.fixedChargesCents)} − instalments ${e(debts.instalmentsMonthlyCents)} = ${e(ind.ravBeforePlanCents)}.`,
    }),
    explain({
      figure: 'ravAfterPlanPerUcCents',
      key: 'explain.ravPerUc',
      rule: 'INSEE OECD-modified scale',
      inputs: {
        ravAfterPlanCents: ind.ravAfterPlanCents,
        consumptionUnitsMilli: k.consumptionUnitsMilli,
        ravBeforePlanPerUcCents: ind.ravBeforePlanPerUcCents,
        ravAfterPlanPerUcCents: ind.ravAfterPlanPerUcCents,
      },
      parameterIds: k.parameterSet.parameterIds,
      fr: `Après le plan, reste à vivre ${f(ind.ravAfterPlanCents)} pour ${uc(k.consumptionUnitsMilli, 'fr')} ${pluralForm({ one: 'unité', other: 'unités' }, 'fr', k.consumptionUnitsMilli / 1000)} de consommation, soit ${f(ind.ravAfterPlanPerUcCents)} par UC (avant le plan : ${f(ind.ravBeforePlanPerUcCents)} par UC).`,
      en: `After the plan, reste à vivre ${e(ind.ravAfterPlanCents)} for ${uc(k.consumptionUnitsMilli, 'en')} ${pluralForm({ one: 'consumption unit', other: 'consumption units' }, 'en', k.consumptionUnitsMilli / 1000)}, i.e. ${e(ind.ravAfterPlanPerUcCents)} per unit (before the plan: ${e(ind.ravBeforePlanPerUcCents)} per unit).`,
    }),
    explain({
      figure: 'debtRatioBps',
      key: 'explain.debtRatio',
      rule: 'HCSF 35 %',
      inputs: {
        debtRatioBps: ind.debtRatioBps,
        includesRent: ind.debtRatioIncludesRent,
        thresholdBps: ind.debtRatioThresholdBps,
      },
      parameterIds: ind.parameterIds,
      fr:
        ind.debtRatioBps === null
          ? 'Taux d’endettement non calculable : aucune ressource.'
          : `Taux d’endettement ${formatBps(ind.debtRatioBps, 'fr')} (mensualités${ind.debtRatioIncludesRent ? ' et loyer' : ''} / ressources), seuil ${formatBps(ind.debtRatioThresholdBps, 'fr')}.`,
      en:
        ind.debtRatioBps === null
          ? 'Debt ratio not computable: no resources.'
          : `Debt ratio ${formatBps(ind.debtRatioBps, 'en')} (instalments${ind.debtRatioIncludesRent ? ' and rent' : ''} / resources), threshold ${formatBps(ind.debtRatioThresholdBps, 'en')}.`,
    }),
    cap.seizable.explanation,
    cap.rsa.explanation,
    cap.explanation,
    explain({
      figure: 'deficitCents',
      key: 'explain.deficit',
      rule: 'L731-2; domain-rules 8.3-2',
      inputs: {
        deficitCents: cap.deficitCents,
        livingCostsCents: cap.livingCostsCents,
        resourcesCents: r.totalMonthlyCents,
      },
      fr:
        cap.deficitCents > 0
          ? `Manque pour le budget vie courante : le budget vie courante de la commission (${f(cap.livingCostsCents)}) dépasse les ressources (${f(r.totalMonthlyCents)}) de ${f(cap.deficitCents)} ; les crédits ne comptent pas ici, et la capacité reste à 0.`
          : 'Rien ne manque : les ressources couvrent le budget vie courante de la commission.',
      en:
        cap.deficitCents > 0
          ? `Shortfall against the living-costs budget: the commission’s living-costs budget (${e(cap.livingCostsCents)}) exceeds resources (${e(r.totalMonthlyCents)}) by ${e(cap.deficitCents)}; loans do not count here, and capacity stays at 0.`
          : 'Nothing missing: resources cover the commission’s living-costs budget.',
    }),
    explain({
      figure: 'shortfallOverMaxMonthsCents',
      key: 'explain.planOutlook',
      rule: 'L733-3',
      inputs: {
        inPlanCents: debts.inPlanCents,
        excludedCents: debts.excludedCents,
        capacityMonthlyCents: cap.capacityMonthlyCents,
        maxPlanMonths: s.plan.maxPlanMonths,
        monthsAtZeroRate: s.plan.monthsAtZeroRate,
        shortfallOverMaxMonthsCents: s.plan.shortfallOverMaxMonthsCents,
      },
      parameterIds: [s.planParameterId],
      fr: `Dettes dans le plan : ${f(debts.inPlanCents)} (hors plan, L711-4 : ${f(debts.excludedCents)}). À ${f(cap.capacityMonthlyCents)} par mois et 0 %, ${s.plan.monthsAtZeroRate === null ? 'aucun remboursement n’est possible' : `il faut ${s.plan.monthsAtZeroRate} mois`} ; au-delà de ${s.plan.maxPlanMonths} mois il resterait ${f(s.plan.shortfallOverMaxMonthsCents)}.`,
      en: `Debts in the plan: ${e(debts.inPlanCents)} (outside the plan, L711-4: ${e(debts.excludedCents)}). At ${e(cap.capacityMonthlyCents)} a month and 0 %, ${s.plan.monthsAtZeroRate === null ? 'no repayment is possible' : `it takes ${plural({ one: '{count} month', other: '{count} months' }, 'en', s.plan.monthsAtZeroRate)}`}; beyond ${s.plan.maxPlanMonths} months ${e(s.plan.shortfallOverMaxMonthsCents)} would remain.`,
    }),
  ];
  return Object.fromEntries(list.map((x) => [x.figure, x]));
}
