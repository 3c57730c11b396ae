/**
 * The debt categories of the Banque de France declaration form (Cerfa 13594*02, pages 6 to
 * 11), in page order, and the category of each kind of debt: the preparation document lists
 * the debts the way the form asks for them.
 */
import type { DebtProduct } from '../household/debt';

/** The debt categories of the form, in page order (Cerfa 13594*02 p.6 to p.11). */
export const CERFA_DEBT_CATEGORIES = [
  'housing',
  'current_charges',
  'miscellaneous',
  'alimony_fines_fraud',
  'overdrafts',
  'leases',
  'mortgages',
  'consumer_credits',
  'other_loans',
  'guarantees',
] as const;
export type CerfaDebtCategory = (typeof CERFA_DEBT_CATEGORIES)[number];

const CATEGORY_OF: Readonly<Record<DebtProduct, CerfaDebtCategory>> = {
  rent_arrears: 'housing',
  current_charge_arrears: 'current_charges',
  energy_arrears: 'current_charges',
  tax_debt: 'current_charges',
  other: 'miscellaneous',
  alimony_arrears: 'alimony_fines_fraud',
  criminal_fine: 'alimony_fines_fraud',
  victim_damages: 'alimony_fines_fraud',
  social_fraud_debt: 'alimony_fines_fraud',
  tax_fraud_debt: 'alimony_fines_fraud',
  overdraft: 'overdrafts',
  lease: 'leases',
  mortgage: 'mortgages',
  amortising_loan: 'consumer_credits',
  revolving_credit: 'consumer_credits',
  micro_credit: 'consumer_credits',
  family_loan: 'other_loans',
  guarantee_called: 'guarantees',
};

/**
 * The form's category of a debt.
 * @example cerfaDebtCategory('revolving_credit') // 'consumer_credits'
 */
export function cerfaDebtCategory(product: DebtProduct): CerfaDebtCategory {
  return CATEGORY_OF[product];
}
