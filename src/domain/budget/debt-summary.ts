/**
 * Debts as the diagnosis sees them: current instalments (for the debt ratio and the
 * counsellor's reste à vivre), the liability at the cut-off date, and what stays outside a
 * plan (L711-4: alimony, criminal fines, victim damages, social and tax fraud).
 */

import type { CreditorCategory } from '../household/creditor';
import type { Debt, DebtProduct } from '../household/debt';
import type { Household } from '../household/household';
import type { Cents } from '../money';

/** Products that receive no remission, rescheduling or write-off (C. consom. L711-4). */
export const EXCLUDED_FROM_PLAN: ReadonlySet<DebtProduct> = new Set<DebtProduct>([
  'alimony_arrears',
  'criminal_fine',
  'victim_damages',
  'social_fraud_debt',
  'tax_fraud_debt',
]);

/**
 * What a debt owes: capital remaining + arrears + accrued interest and fees, cents (the one rule
 * the diagnosis, the Debts screen and the letters count with).
 * @example outstandingCents({ capitalRemainingCents: 600_000, arrearsCents: 30_000, accruedInterestCents: 1_500 }) // 631_500
 */
export function outstandingCents(
  debt: Pick<Debt, 'capitalRemainingCents' | 'arrearsCents' | 'accruedInterestCents'>,
): Cents {
  return debt.capitalRemainingCents + debt.arrearsCents + (debt.accruedInterestCents ?? 0);
}

/**
 * What a debt costs a month: the contractual instalment plus the borrower insurance, cents.
 * @example monthlyServiceCents({ instalmentMonthlyCents: 25_000, insuranceMonthlyCents: 1_200 }) // 26_200
 */
export function monthlyServiceCents(
  debt: Pick<Debt, 'instalmentMonthlyCents' | 'insuranceMonthlyCents'>,
): Cents {
  return debt.instalmentMonthlyCents + debt.insuranceMonthlyCents;
}

export interface DebtLine {
  readonly id: string;
  readonly creditorId: string;
  readonly creditorCategory: CreditorCategory;
  readonly product: DebtProduct;
  /** Capital remaining + arrears + accrued interest and fees, cents. */
  readonly outstandingCents: Cents;
  /** Contractual instalment + insurance, cents per month. */
  readonly monthlyServiceCents: Cents;
  readonly excludedFromPlan: boolean;
}

export interface DebtSummary {
  readonly instalmentsMonthlyCents: Cents;
  readonly totalOutstandingCents: Cents;
  readonly inPlanCents: Cents;
  readonly excludedCents: Cents;
  readonly lines: readonly DebtLine[];
}

/**
 * Sums a household's debts.
 * @param household - the dossier (debts reference creditors by id)
 * @returns instalments (cents/month), liability and its in-plan and excluded parts (cents)
 * @example summariseDebts(household).inPlanCents // 1_220_000
 */
export function summariseDebts(household: Household): DebtSummary {
  const categories = new Map(household.creditors.map((c) => [c.id, c.category]));
  const lines = household.debts.map(
    (d): DebtLine => ({
      id: d.id,
      creditorId: d.creditorId,
      creditorCategory: categories.get(d.creditorId) ?? 'other',
      product: d.product,
      outstandingCents: outstandingCents(d),
      monthlyServiceCents: monthlyServiceCents(d),
      excludedFromPlan: EXCLUDED_FROM_PLAN.has(d.product),
    }),
  );
  const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
  return {
    instalmentsMonthlyCents: sum(lines.map((l) => l.monthlyServiceCents)),
    totalOutstandingCents: sum(lines.map((l) => l.outstandingCents)),
    inPlanCents: sum(lines.filter((l) => !l.excludedFromPlan).map((l) => l.outstandingCents)),
    excludedCents: sum(lines.filter((l) => l.excludedFromPlan).map((l) => l.outstandingCents)),
    lines,
  };
}
