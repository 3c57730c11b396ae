/**
 * The forclusion warning (C. consom. R312-35): a lender must sue for an unpaid consumer credit
 * within two years of the first unpaid instalment that was not made good. After that the debt
 * is time-barred (forclos), and a letter that acknowledges it (asking to reschedule it, asking
 * for a grace period) could be read as giving up that protection. Before producing such a
 * letter, the counsellor is warned and must confirm.
 *
 * The date is stored on the debt row (`firstUnpaidOn`, typed in the Debts tab);
 * `checkDebtForclusion` reads it from there.
 *
 * Boundary: a time limit in years ends on the anniversary date (CPC 641-642). The warning starts
 * ON that anniversary (first unpaid + 2 years), not the day after: a letter produced that day
 * reaches the lender after the limit. 29 February + 2 years is 28 February.
 */
import { addMonths, type IsoDate } from '../dates';
import type { DebtRow } from '../dossier/rows';
import type { DebtProduct } from '../household/debt';

/** Consumer credits (C. consom. L312-1 ff.): the products the two-year forclusion covers. */
export const CONSUMER_CREDIT_PRODUCTS: ReadonlySet<DebtProduct> = new Set<DebtProduct>([
  'amortising_loan',
  'revolving_credit',
  'overdraft',
  'lease',
  'micro_credit',
]);

export const FORCLUSION_MONTHS = 24;

export type ForclusionCheck =
  /** Not a consumer credit: the rule does not apply. */
  | { readonly kind: 'not-applicable' }
  /** A consumer credit whose first unpaid instalment date was not given. */
  | { readonly kind: 'date-unknown' }
  /** Less than two years: no warning. `barredOn` is when it would start. */
  | { readonly kind: 'ok'; readonly barredOn: IsoDate }
  /** Two years or more: warn and require confirmation. */
  | { readonly kind: 'warning'; readonly barredOn: IsoDate };

/**
 * Checks a debt before a letter that acknowledges it.
 * @param product - the debt's product
 * @param firstUnpaidDate - first unpaid instalment not made good, as typed; undefined when unknown
 * @param today - the device's date
 * @example checkForclusion('revolving_credit', '2024-11-27', '2026-11-27').kind // 'warning'
 * @example checkForclusion('revolving_credit', '2024-11-28', '2026-11-27').kind // 'ok'
 */
export function checkForclusion(
  product: DebtProduct,
  firstUnpaidDate: IsoDate | undefined,
  today: IsoDate,
): ForclusionCheck {
  if (!CONSUMER_CREDIT_PRODUCTS.has(product)) return { kind: 'not-applicable' };
  if (!firstUnpaidDate) return { kind: 'date-unknown' };
  const barredOn = addMonths(firstUnpaidDate, FORCLUSION_MONTHS);
  return today >= barredOn ? { kind: 'warning', barredOn } : { kind: 'ok', barredOn };
}

/**
 * The check for a stored debt, on its stored first unpaid date.
 * @example checkDebtForclusion({ ...debt, product: 'revolving_credit', firstUnpaidOn: '2024-01-10' }, '2026-11-27').kind // 'warning'
 */
export function checkDebtForclusion(
  debt: Pick<DebtRow, 'product' | 'firstUnpaidOn'>,
  today: IsoDate,
): ForclusionCheck {
  return checkForclusion(debt.product, debt.firstUnpaidOn, today);
}
