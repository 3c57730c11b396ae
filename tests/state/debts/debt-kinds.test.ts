import { describe, expect, it } from 'vitest';
import type { DebtRow } from '../../../src/domain/dossier/rows';
import { DebtProductSchema } from '../../../src/domain/household/debt';
import { NEW_CREDITOR, validateDebtEntry } from '../../../src/state/debts/debt-entry-form';
import { DEBT_FIELDS, debtInitial } from '../../../src/state/debts/debt-form';
import { cardFields, DEBT_KINDS, isPrimaryField } from '../../../src/state/debts/debt-kinds';

const rent = {
  id: 'd1',
  householdId: 'h1',
  creditorId: 'k1',
  product: 'rent_arrears',
  capitalRemainingCents: 0,
  arrearsCents: 144_000,
  amountDueNowCents: 144_000,
  nominalRateBps: 0,
  instalmentMonthlyCents: 0,
  insuranceMonthlyCents: 0,
  isJoint: false,
  enforcementInProgress: true,
} as unknown as DebtRow;

describe('debt fields by kind', () => {
  it('gives every kind of debt its fields, each a field of the form, once', () => {
    expect(Object.keys(DEBT_KINDS).sort()).toEqual([...DebtProductSchema.options].sort());
    // One list orders the form and the card: every field the form holds is in it, once.
    expect([...DEBT_FIELDS].sort()).toEqual(Object.keys(debtInitial(undefined)).sort());
    for (const kind of Object.values(DEBT_KINDS)) {
      expect(new Set(kind.primary).size).toBe(kind.primary.length);
      for (const field of kind.primary) expect(DEBT_FIELDS).toContain(field);
    }
    // The creditor and the kind are always on the form.
    for (const product of DebtProductSchema.options) {
      expect(isPrimaryField(product, 'creditorId')).toBe(true);
      expect(isPrimaryField(product, 'product')).toBe(true);
    }
  });

  it('shows rent arrears without capital, rate or instalment, and lists no blank or zero field', () => {
    const { primary, more } = cardFields(rent);
    expect(primary).toEqual([
      'arrears',
      'amountDueNow',
      'reference',
      'firstUnpaidOn',
      'enforcementInProgress',
    ]);
    expect(more).toEqual([]);
    // A loan typed as rent arrears by mistake keeps its capital on the card, behind "Plus de détails".
    expect(cardFields({ ...rent, capitalRemainingCents: 50_000, nominalRateBps: 300 }).more).toEqual([
      'capitalRemaining',
      'nominalRate',
    ]);
  });

  it('validates a new creditor typed with its debt, its errors under the form’s own names', () => {
    const values = {
      ...debtInitial(undefined, NEW_CREDITOR),
      product: 'rent_arrears',
      arrears: '1 440',
      newCreditorName: '',
      newCreditorCategory: 'landlord',
      newCreditorAddress: '',
      newCreditorReference: '',
    };
    const refused = validateDebtEntry(values, []);
    expect(refused).toEqual({ ok: false, errors: { newCreditorName: 'error.required' } });
    const accepted = validateDebtEntry({ ...values, newCreditorName: ' Office HLM ' }, []);
    expect(accepted.ok && accepted.value.newCreditor).toEqual({ name: 'Office HLM', category: 'landlord' });
    expect(accepted.ok && accepted.value.debt.arrearsCents).toBe(144_000);
    // Editing a stored debt offers no new creditor: "new" is not one of the household's.
    expect(validateDebtEntry({ ...values, newCreditorName: 'Office HLM' }, ['k1'], false).ok).toBe(false);
  });
});
