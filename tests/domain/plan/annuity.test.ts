import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { annuityMonthlyCents } from '../../../src/domain/plan/annuity';

describe('annuityMonthlyCents (rules §2.5 example D)', () => {
  it('6 000 € over 36 months at 2.62 % is 173.48 €, 166.67 € at 0 %', () => {
    expect(annuityMonthlyCents(600_000, 262, 36)).toBe(17_348);
    expect(annuityMonthlyCents(600_000, 0, 36)).toBe(16_667);
  });
  it('never goes below the 0 % instalment and grows with the rate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 0, max: 1_000 }),
        fc.integer({ min: 1, max: 120 }),
        (p, bps, n) => {
          expect(annuityMonthlyCents(p, bps + 1, n)).toBeGreaterThanOrEqual(annuityMonthlyCents(p, bps, n));
          expect(annuityMonthlyCents(p, bps, n)).toBeGreaterThanOrEqual(annuityMonthlyCents(p, 0, n));
        },
      ),
    );
  });
  it('refuses a non-positive term', () => {
    expect(() => annuityMonthlyCents(1_000, 100, 0)).toThrow(RangeError);
  });
});
