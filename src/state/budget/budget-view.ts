/**
 * What the Budget screen shows of the live diagnosis: the reasons it is not available yet (in
 * message keys), and where the money goes (charges by category, instalments, what is left).
 */
import type { Diagnosis } from '../../domain/budget/diagnose';
import type { Dossier } from '../../domain/dossier/dossier';
import type { ChargeType } from '../../domain/household/charge';
import type { SourceText } from '../../domain/parameters/parameter-sources';
import type { DiagnosisState } from '../workspace/diagnosis-state';

export type BudgetDiagnosisView =
  | { kind: 'ok'; diagnosis: Diagnosis; sources: Readonly<Record<string, readonly SourceText[]>> }
  | { kind: 'incomplete'; reasons: readonly string[] }
  | { kind: 'missing-parameter'; parameter: string; date: string }
  | { kind: 'error'; message: string };

/** Message key of one schema issue of the household document, in plain words. */
function reasonOf(issue: { path: string; message: string }): string {
  const [collection, , field] = issue.path.split('.');
  if (collection === 'members' && /applicant/.test(issue.message)) {
    return /at most one/.test(issue.message)
      ? 'budget.incomplete.tooManyPartners'
      : 'budget.incomplete.applicant';
  }
  if (collection === 'members') return 'budget.incomplete.members';
  if (collection === 'debts' && field === 'creditorId') return 'budget.incomplete.creditor';
  if (collection === 'resources' && field === 'ownerMemberId') return 'budget.incomplete.owner';
  if (collection === 'resources') return 'budget.incomplete.resource';
  if (collection === 'charges') return 'budget.incomplete.charge';
  if (collection === 'debts') return 'budget.incomplete.debt';
  if (collection === 'departement' || collection === 'territory' || collection === 'housingStatus') {
    return 'budget.incomplete.housing';
  }
  return 'budget.incomplete.other';
}

/**
 * The diagnosis as the screen shows it. A household with no resource line yet is reported as
 * incomplete (a diagnosis at 0 € would mislead), with whatever else is missing.
 */
export function budgetDiagnosisView(dossier: Dossier, state: DiagnosisState | null): BudgetDiagnosisView {
  const noResource = !dossier.resources.some((r) => !r.deleted);
  if (state === null) return { kind: 'incomplete', reasons: ['budget.incomplete.other'] };
  if (state.kind === 'incomplete') {
    const reasons = [...new Set(state.issues.map(reasonOf))];
    if (noResource) reasons.push('budget.incomplete.noResource');
    return { kind: 'incomplete', reasons };
  }
  if (noResource) return { kind: 'incomplete', reasons: ['budget.incomplete.noResource'] };
  return state;
}

/** Groups of charge types for the chart. */
export const CHARGE_CATEGORY: Readonly<Record<ChargeType, ChargeCategory>> = {
  rent: 'housing',
  co_ownership: 'housing',
  care_home: 'housing',
  housing_costs: 'housing',
  home_insurance: 'housing',
  energy: 'energy',
  heating: 'energy',
  water: 'energy',
  income_tax: 'taxes',
  housing_tax: 'taxes',
  property_tax: 'taxes',
  other_insurance: 'health',
  mutuelle: 'health',
  alimony_paid: 'family',
  childcare: 'family',
  school: 'family',
  work_transport: 'transport',
  transport: 'transport',
  telecom: 'telecom',
  food_living: 'food',
  other: 'other',
};
export type ChargeCategory =
  | 'housing'
  | 'energy'
  | 'taxes'
  | 'health'
  | 'family'
  | 'transport'
  | 'telecom'
  | 'food'
  | 'other';
const CATEGORY_ORDER: readonly ChargeCategory[] = [
  'housing',
  'energy',
  'food',
  'transport',
  'health',
  'family',
  'telecom',
  'taxes',
  'other',
];

export interface MoneyFlowItem {
  /** 'charge:<category>', 'instalments' or 'left'. */
  readonly id: string;
  readonly kind: 'charge' | 'instalments' | 'left';
  readonly category?: ChargeCategory;
  readonly monthlyCents: number;
  /** Share of the monthly resources, in tenths of a percent (integer maths). */
  readonly sharePerMille: number;
}

export interface MoneyFlow {
  readonly resourcesMonthlyCents: number;
  readonly items: readonly MoneyFlowItem[];
  /** What goes out beyond the resources (0 when they cover everything), cents a month. */
  readonly overspendMonthlyCents: number;
}

/**
 * Where the monthly resources go: each category of declared charges, the current instalments
 * (insurance included) and what is left.
 * @example moneyFlow(diagnosis).items.at(-1)?.kind // 'left'
 */
export function moneyFlow(d: Diagnosis): MoneyFlow {
  const resources = d.resources.totalMonthlyCents;
  const byCategory = new Map<ChargeCategory, number>();
  for (const line of d.charges.lines) {
    const category = CHARGE_CATEGORY[line.type];
    byCategory.set(category, (byCategory.get(category) ?? 0) + line.declaredMonthlyCents);
  }
  const share = (cents: number) => (resources > 0 ? Math.round((cents * 1000) / resources) : 0);
  const items: MoneyFlowItem[] = [];
  let out = 0;
  for (const category of CATEGORY_ORDER) {
    const cents = byCategory.get(category) ?? 0;
    if (cents <= 0) continue;
    out += cents;
    items.push({
      id: `charge:${category}`,
      kind: 'charge',
      category,
      monthlyCents: cents,
      sharePerMille: share(cents),
    });
  }
  const instalments = d.debts.instalmentsMonthlyCents;
  out += instalments;
  items.push({
    id: 'instalments',
    kind: 'instalments',
    monthlyCents: instalments,
    sharePerMille: share(instalments),
  });
  const left = Math.max(0, resources - out);
  items.push({ id: 'left', kind: 'left', monthlyCents: left, sharePerMille: share(left) });
  return { resourcesMonthlyCents: resources, items, overspendMonthlyCents: Math.max(0, out - resources) };
}
