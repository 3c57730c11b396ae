/** What a debt owes and costs a month: the one rule the diagnosis, the Debts screen and the letters count with. */
import { describe, expect, it } from 'vitest';
import { monthlyServiceCents, outstandingCents } from '../../../src/domain/budget/debt-summary';

describe('a debt’s outstanding amount and monthly service', () => {
  it('owes its capital, its arrears and its accrued interest', () => {
    // 6 000 € of capital, 300 € of arrears, 15 € of interest: 6 315 €.
    expect(
      outstandingCents({ capitalRemainingCents: 600_000, arrearsCents: 30_000, accruedInterestCents: 1_500 }),
    ).toBe(631_500);
    // No interest stated counts as none: 1 440 € of rent arrears alone.
    expect(outstandingCents({ capitalRemainingCents: 0, arrearsCents: 144_000 })).toBe(144_000);
  });

  it('costs its instalment and its insurance each month', () => {
    // 250 € + 12 € of insurance.
    expect(monthlyServiceCents({ instalmentMonthlyCents: 25_000, insuranceMonthlyCents: 1_200 })).toBe(
      26_200,
    );
  });
});
