/**
 * Which fields of a debt matter for its kind: the one table the debt's summary row, its card and
 * its form read. A primary field is always shown (on the card even when blank, as "Non précisé");
 * the others wait behind "Plus de détails", and the card lists only those that hold a value, so
 * a rent arrears never reads "Capital 0,00 € / Taux 0,00 %".
 */
import type { DebtRow } from '../../domain/dossier/rows';
import type { DebtProduct } from '../../domain/household/debt';
import { DEBT_FIELDS, type DebtField } from './debt-form';

/**
 * The fact the one-line summary shows next to the amount owed when there are no arrears (arrears,
 * then a procedure under way, always come first): the monthly instalment, or nothing more.
 */
export type DebtKeyFact = 'arrears' | 'instalment';

export interface DebtKind {
  /** Fields shown at once (listed in DEBT_FIELDS' order). The creditor and the kind always are. */
  readonly primary: readonly DebtField[];
  readonly keyFact: DebtKeyFact;
}

const LOAN: DebtKind = {
  primary: [
    'reference',
    'firstUnpaidOn',
    'capitalRemaining',
    'arrears',
    'nominalRate',
    'remainingTerm',
    'instalment',
    'insurance',
  ],
  keyFact: 'instalment',
};

const LEASE: DebtKind = {
  primary: [
    'reference',
    'firstUnpaidOn',
    'capitalRemaining',
    'arrears',
    'remainingTerm',
    'instalment',
    'insurance',
    'balloon',
  ],
  keyFact: 'instalment',
};

const REVOLVING: DebtKind = {
  primary: ['reference', 'firstUnpaidOn', 'capitalRemaining', 'arrears', 'nominalRate', 'instalment'],
  keyFact: 'instalment',
};

const OVERDRAFT: DebtKind = {
  primary: ['reference', 'firstUnpaidOn', 'capitalRemaining', 'amountDueNow', 'nominalRate'],
  keyFact: 'arrears',
};

/** Unpaid rent, bills, taxes: what is owed now, since when, and whether a procedure has begun. */
const ARREARS: DebtKind = {
  primary: ['reference', 'firstUnpaidOn', 'arrears', 'amountDueNow', 'enforcementInProgress'],
  keyFact: 'arrears',
};

/** Debts set by a decision (fines, damages, alimony, overpayments): the amount and the procedure. */
const DECISION: DebtKind = {
  primary: ['reference', 'arrears', 'amountDueNow', 'instalment', 'enforcementInProgress'],
  keyFact: 'arrears',
};

const GUARANTEE: DebtKind = {
  primary: ['reference', 'firstUnpaidOn', 'capitalRemaining', 'arrears', 'amountDueNow', 'instalment'],
  keyFact: 'arrears',
};

const PRIVATE_LOAN: DebtKind = {
  primary: ['label', 'capitalRemaining', 'arrears', 'instalment'],
  keyFact: 'instalment',
};

const OTHER: DebtKind = {
  primary: ['label', 'reference', 'firstUnpaidOn', 'capitalRemaining', 'arrears', 'instalment'],
  keyFact: 'arrears',
};

export const DEBT_KINDS: Readonly<Record<DebtProduct, DebtKind>> = {
  mortgage: LOAN,
  amortising_loan: LOAN,
  micro_credit: LOAN,
  lease: LEASE,
  revolving_credit: REVOLVING,
  overdraft: OVERDRAFT,
  rent_arrears: ARREARS,
  current_charge_arrears: ARREARS,
  energy_arrears: ARREARS,
  tax_debt: ARREARS,
  tax_fraud_debt: DECISION,
  alimony_arrears: DECISION,
  criminal_fine: DECISION,
  victim_damages: DECISION,
  social_fraud_debt: DECISION,
  guarantee_called: GUARANTEE,
  family_loan: PRIVATE_LOAN,
  other: OTHER,
};

/** The fields shown with every kind, above the rest. */
export const ALWAYS_SHOWN: readonly DebtField[] = ['creditorId', 'product'];

/** The kind of a product typed on the form, or the loan's when the text is not a product. */
export function debtKindOf(product: string): DebtKind {
  return DEBT_KINDS[product as DebtProduct] ?? LOAN;
}

/** Whether a field is shown at once for this product. */
export function isPrimaryField(product: string, field: DebtField): boolean {
  return ALWAYS_SHOWN.includes(field) || debtKindOf(product).primary.includes(field);
}

/**
 * Whether a stored debt holds a value in this field worth showing: a blank optional field, a
 * zero amount or rate, and a "no" left at its default hold none.
 * @example hasValue({ ...debt, nominalRateBps: 0 }, 'nominalRate') // false
 */
export function hasValue(debt: DebtRow, field: DebtField): boolean {
  switch (field) {
    case 'creditorId':
    case 'product':
      return true;
    case 'label':
      return Boolean(debt.label?.trim());
    case 'reference':
      return Boolean(debt.reference?.trim());
    case 'firstUnpaidOn':
      return debt.firstUnpaidOn !== undefined;
    case 'capitalRemaining':
      return debt.capitalRemainingCents > 0;
    case 'arrears':
      return debt.arrearsCents > 0;
    case 'amountDueNow':
      return debt.amountDueNowCents > 0;
    case 'accruedInterest':
      return (debt.accruedInterestCents ?? 0) > 0;
    case 'nominalRate':
      return debt.nominalRateBps > 0;
    case 'instalment':
      return debt.instalmentMonthlyCents > 0;
    case 'insurance':
      return debt.insuranceMonthlyCents > 0;
    case 'remainingTerm':
      return debt.remainingTermMonths !== undefined;
    case 'balloon':
      return (debt.balloonCents ?? 0) > 0;
    case 'isJoint':
      return debt.isJoint;
    case 'guarantor':
      return debt.guarantor !== undefined;
    case 'enforcementInProgress':
      return debt.enforcementInProgress;
    case 'isProfessional':
      return debt.isProfessional !== undefined;
  }
}

/** What the debt's card shows: its kind's fields, then the others that hold a value. */
export function cardFields(debt: DebtRow): { primary: DebtField[]; more: DebtField[] } {
  const kind = debtKindOf(debt.product);
  const primary = DEBT_FIELDS.filter((f) => !ALWAYS_SHOWN.includes(f) && kind.primary.includes(f));
  const more = DEBT_FIELDS.filter(
    (f) => !ALWAYS_SHOWN.includes(f) && !kind.primary.includes(f) && hasValue(debt, f),
  );
  return { primary, more };
}
