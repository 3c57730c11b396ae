import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FREQUENCY_TO_MONTHLY,
  type Frequency,
  toMonthlyCents,
} from '../../../src/domain/budget/monthly-amount';

const FREQUENCIES = Object.keys(FREQUENCY_TO_MONTHLY) as Frequency[];

describe('toMonthlyCents', () => {
  it.each([
    [10_000, 'weekly', 43_333],
    [10_000, 'fortnightly', 21_667],
    [10_000, 'four_weekly', 10_833],
    [10_000, 'monthly', 10_000],
    [30_001, 'quarterly', 10_000],
    [120_006, 'annual', 10_001],
  ] as const)('%i cents %s is %i cents a month', (amount, frequency, expected) => {
    expect(toMonthlyCents(amount, frequency)).toBe(expected);
  });

  it('is an integer within half a cent of the exact monthly amount', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.constantFrom(...FREQUENCIES),
        (amount, frequency) => {
          const monthly = toMonthlyCents(amount, frequency);
          const { numerator, denominator } = FREQUENCY_TO_MONTHLY[frequency];
          expect(Number.isInteger(monthly)).toBe(true);
          expect(Math.abs(monthly * denominator - amount * numerator)).toBeLessThanOrEqual(denominator / 2);
        },
      ),
    );
  });

  it('is exact for annual amounts that are multiples of 12 and sums of monthly lines', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000_000 }), { maxLength: 20 }), (amounts) => {
        const annual = amounts.reduce((s, a) => s + toMonthlyCents(a * 12, 'annual'), 0);
        const monthly = amounts.reduce((s, a) => s + toMonthlyCents(a, 'monthly'), 0);
        expect(annual).toBe(amounts.reduce((s, a) => s + a, 0));
        expect(monthly).toBe(annual);
      }),
    );
  });
});
