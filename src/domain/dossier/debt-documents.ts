/**
 * The supporting documents a counsellor collects for each debt (the commission asks for them
 * with the file): which kinds exist, which ones each product needs, and what is still missing.
 * The engine does not read them; the device stores the ticks on the debt row
 * (`documentsProvided`, see rows.ts).
 */
import { z } from 'zod';
import type { DebtProduct } from '../household/debt';

export const DebtDocumentSchema = z.enum([
  'contract',
  'amortisation_table',
  'last_statement',
  'lease',
  'arrears_statement',
  'last_bill',
  'tax_notice',
  'court_decision',
  'overpayment_notice',
  'guarantee_call',
  'acknowledgement_of_debt',
  'proof_of_debt',
]);
export type DebtDocument = z.infer<typeof DebtDocumentSchema>;

/** The documents each product needs, in the order a counsellor asks for them. */
export const DOCUMENTS_BY_PRODUCT: Readonly<Record<DebtProduct, readonly DebtDocument[]>> = {
  mortgage: ['contract', 'amortisation_table', 'last_statement'],
  amortising_loan: ['contract', 'amortisation_table', 'last_statement'],
  revolving_credit: ['contract', 'last_statement'],
  overdraft: ['contract', 'last_statement'],
  lease: ['contract', 'amortisation_table', 'last_statement'],
  rent_arrears: ['lease', 'arrears_statement'],
  current_charge_arrears: ['last_bill', 'arrears_statement'],
  energy_arrears: ['last_bill', 'arrears_statement'],
  tax_debt: ['tax_notice'],
  tax_fraud_debt: ['tax_notice', 'court_decision'],
  alimony_arrears: ['court_decision', 'arrears_statement'],
  criminal_fine: ['court_decision'],
  victim_damages: ['court_decision'],
  social_fraud_debt: ['overpayment_notice'],
  guarantee_called: ['contract', 'guarantee_call'],
  family_loan: ['acknowledgement_of_debt'],
  micro_credit: ['contract', 'amortisation_table', 'last_statement'],
  other: ['proof_of_debt'],
};

export interface DocumentChecklistItem {
  readonly kind: DebtDocument;
  readonly provided: boolean;
}

/**
 * The checklist of a debt: every document its product needs, ticked or not.
 * @param product - the debt's product
 * @param provided - the documents ticked so far (kinds the product does not need are ignored)
 * @example documentChecklist('rent_arrears', ['lease']) // [{ kind: 'lease', provided: true }, { kind: 'arrears_statement', provided: false }]
 */
export function documentChecklist(
  product: DebtProduct,
  provided: readonly DebtDocument[] = [],
): DocumentChecklistItem[] {
  const have = new Set(provided);
  return DOCUMENTS_BY_PRODUCT[product].map((kind) => ({ kind, provided: have.has(kind) }));
}

/**
 * The documents still missing for a debt.
 * @example missingDocuments('amortising_loan', ['contract']) // ['amortisation_table', 'last_statement']
 */
export function missingDocuments(
  product: DebtProduct,
  provided: readonly DebtDocument[] = [],
): DebtDocument[] {
  return documentChecklist(product, provided)
    .filter((item) => !item.provided)
    .map((item) => item.kind);
}

/**
 * Ticks or unticks one document, keeping the list sorted in the catalogue order and without
 * duplicates (so two devices ticking the same box write the same value).
 * @example toggleDocument(['contract'], 'last_statement', true) // ['contract', 'last_statement']
 */
export function toggleDocument(
  provided: readonly DebtDocument[] | undefined,
  kind: DebtDocument,
  on: boolean,
): DebtDocument[] {
  const next = new Set(provided ?? []);
  if (on) next.add(kind);
  else next.delete(kind);
  return DebtDocumentSchema.options.filter((k) => next.has(k));
}
