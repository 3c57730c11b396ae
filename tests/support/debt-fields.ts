/** A debt's fields for the tests' dossiers, with the defaults most of their debts share. */
import type { FieldsOf } from '../../src/domain/dossier/rows';

/** A debt's fields but its creditor, which the test adds once the creditor row exists. */
export type DebtFields = Omit<FieldsOf<'debt'>, 'creditorId'>;

/** Nothing owed, no rate, no instalment, no insurance, not joint, no enforcement, but what `fields` says. */
export function debtFields(fields: Pick<DebtFields, 'product'> & Partial<DebtFields>): DebtFields {
  return {
    capitalRemainingCents: 0,
    arrearsCents: 0,
    amountDueNowCents: 0,
    nominalRateBps: 0,
    instalmentMonthlyCents: 0,
    insuranceMonthlyCents: 0,
    isJoint: false,
    enforcementInProgress: false,
    ...fields,
  };
}
