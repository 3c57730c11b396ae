import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateLargestRemainder } from '../../../src/domain/money';
import { splitProRata, splitWithMinimum } from '../../../src/domain/rescheduling/split-capacity';

const weightsArb = fc
  .array(fc.integer({ min: 0, max: 100_000_000 }), { minLength: 1, maxLength: 30 })
  .filter((w) => w.some((x) => x > 0));

describe('splitProRata', () => {
  it('gives the same parts as allocateLargestRemainder (money.ts)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), weightsArb, (total, weights) => {
        expect(splitProRata(total, weights)).toEqual(allocateLargestRemainder(total, weights));
      }),
      { numRuns: 1_000 },
    );
  });
  it('falls back to BigInt for products beyond 2^53', () => {
    expect(splitProRata(90_000_000_000, [100_000_000_000, 3])).toEqual(
      allocateLargestRemainder(90_000_000_000, [100_000_000_000, 3]),
    );
  });
});

describe('splitWithMinimum', () => {
  it('sums to min(amount, Σ balances), never above a balance, no part under the minimum but a final one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        weightsArb,
        fc.constantFrom(0, 100, 1_000),
        (a, b, min) => {
          const parts = splitWithMinimum(a, b, min);
          const total = b.reduce((x, y) => x + y, 0);
          expect(parts.reduce((x, y) => x + y, 0)).toBe(Math.min(a, total));
          parts.forEach((p, i) => {
            expect(p).toBeGreaterThanOrEqual(0);
            expect(p).toBeLessThanOrEqual(b[i] ?? 0);
          });
          const small = parts.filter((p, i) => p > 0 && p < min && p < (b[i] ?? 0));
          expect(small.length).toBeLessThanOrEqual(1);
          if (small.length === 1) expect(small[0]).toBeLessThan(min);
        },
      ),
      { numRuns: 500 },
    );
  });
  it('gives a small debt the minimum rather than a few cents', () => {
    expect(splitWithMinimum(1_000, [100_000, 500], 100)).toEqual([900, 100]);
    // Under the minimum only as a final payment.
    expect(splitWithMinimum(1_000, [100_000, 50], 100)).toEqual([950, 50]);
  });
});
