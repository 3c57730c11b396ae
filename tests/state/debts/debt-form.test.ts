import { describe, expect, it } from 'vitest';
import type { DebtRow } from '../../../src/domain/dossier/rows';
import { validateCreditor } from '../../../src/state/debts/creditor-form';
import { debtInitial, validateDebt } from '../../../src/state/debts/debt-form';
import { debtTotals } from '../../../src/state/debts/debt-totals';

describe('debt form', () => {
  it('reads a rate typed "2,62" as 262 basis points and blank amounts as 0', () => {
    const result = validateDebt(
      { ...debtInitial(undefined, 'k1'), capitalRemaining: '6 000', nominalRate: '2,62', instalment: '200' },
      ['k1'],
    );
    expect(result.ok && result.value).toEqual({
      creditorId: 'k1',
      product: 'amortising_loan',
      capitalRemainingCents: 600_000,
      arrearsCents: 0,
      amountDueNowCents: 0,
      nominalRateBps: 262,
      instalmentMonthlyCents: 20_000,
      insuranceMonthlyCents: 0,
      isJoint: false,
      enforcementInProgress: false,
    });
  });

  it('names each bad field with a message key', () => {
    const result = validateDebt(
      { ...debtInitial(undefined, 'ghost'), nominalRate: 'deux', arrears: '-5', remainingTerm: '700' },
      ['k1'],
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        creditorId: 'error.invalid',
        nominalRate: 'error.rate.invalid',
        arrears: 'error.amount.negative',
        remainingTerm: 'error.invalid',
      },
    });
  });

  it('writes a stored debt back as French text, rate included', () => {
    const values = debtInitial({
      creditorId: 'k1',
      product: 'mortgage',
      capitalRemainingCents: 12_345_678,
      arrearsCents: 0,
      amountDueNowCents: 0,
      nominalRateBps: 262,
      instalmentMonthlyCents: 90_000,
      insuranceMonthlyCents: 2_500,
      remainingTermMonths: 180,
      isJoint: true,
      enforcementInProgress: false,
    });
    expect(values).toMatchObject({
      capitalRemaining: '123456,78',
      arrears: '0,00',
      nominalRate: '2,62',
      remainingTerm: '180',
      isJoint: 'yes',
      isProfessional: '',
      guarantor: '',
    });
  });

  it('needs a creditor name', () => {
    expect(validateCreditor({ name: '  ', category: 'tax', address: '', reference: '' })).toEqual({
      ok: false,
      errors: { name: 'error.required' },
    });
  });

  it('totals what is owed, the arrears and the monthly payments of live debts', () => {
    const row = (over: Partial<DebtRow>) =>
      ({
        capitalRemainingCents: 0,
        arrearsCents: 0,
        amountDueNowCents: 0,
        nominalRateBps: 0,
        instalmentMonthlyCents: 0,
        insuranceMonthlyCents: 0,
        deleted: false,
        ...over,
      }) as DebtRow;
    expect(
      debtTotals([
        row({ capitalRemainingCents: 600_000, instalmentMonthlyCents: 20_000, insuranceMonthlyCents: 500 }),
        row({ arrearsCents: 120_000, accruedInterestCents: 1_000 }),
        row({ capitalRemainingCents: 999_999, deleted: true }),
      ]),
    ).toEqual({ owedCents: 721_000, arrearsCents: 120_000, monthlyCents: 20_500, count: 2 });
  });
});
