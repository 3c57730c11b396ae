import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocateLargestRemainder,
  applyRate,
  ROUNDING_POLICY,
  roundRatio,
  sumCents,
} from '../../src/domain/money';
import { formatBps, formatEurosEn, formatEurosFr } from '../../src/domain/money-format';

describe('roundRatio (the one rounding function)', () => {
  it('names its policy', () => {
    expect(ROUNDING_POLICY).toBe('half-away-from-zero');
  });
  it('rounds halves away from zero and everything else to the nearest integer', () => {
    expect(roundRatio(5, 2)).toBe(3);
    expect(roundRatio(-5, 2)).toBe(-3);
    expect(roundRatio(7, 3)).toBe(2);
    expect(roundRatio(8, 3)).toBe(3);
    expect(roundRatio(5, -2)).toBe(-3);
    // 4 060.50 € a year / 12 = 338.375 € → 338.38 €
    expect(roundRatio(406_050, 12)).toBe(33_838);
    expect(roundRatio(10n ** 20n + 5n, 10n ** 19n)).toBe(10);
  });
  it('refuses a zero denominator and unsafe integers', () => {
    expect(() => roundRatio(1, 0)).toThrow(RangeError);
    expect(() => roundRatio(0.5, 1)).toThrow(RangeError);
  });
  it('stays within half a unit of the exact ratio', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 1, max: 1e6 }), (n, d) => {
        expect(Math.abs(roundRatio(n, d) - n / d)).toBeLessThanOrEqual(0.5 + 1e-9);
      }),
    );
  });
});

describe('applyRate', () => {
  it('rounds each RSA increment to the cent', () => {
    expect(applyRate(64_652, 30_000)).toBe(19_396);
    expect(applyRate(64_652, 50_000)).toBe(32_326);
    expect(applyRate(64_652, 128_412)).toBe(83_021);
  });
});

describe('sumCents', () => {
  it('sums integers and refuses fractions', () => {
    expect(sumCents([100, 250, -50])).toBe(300);
    expect(() => sumCents([0.1, 0.2])).toThrow(RangeError);
  });
});

describe('allocateLargestRemainder', () => {
  it('splits month 4 of example A pro rata on 11 000 € (A 83.74, B 62.80, C 6.98)', () => {
    expect(allocateLargestRemainder(15_352, [600_000, 450_000, 50_000])).toEqual([8_374, 6_280, 698]);
  });
  it('splits from month 5 of example A (A 184.57, B 138.43, C 15.38)', () => {
    expect(allocateLargestRemainder(33_838, [600_000, 450_000, 50_000])).toEqual([18_457, 13_843, 1_538]);
  });
  it('preserves the total, stays within one cent of the exact share, and does not mutate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc
          .array(fc.integer({ min: 0, max: 100_000_000 }), { minLength: 1, maxLength: 12 })
          .filter((w) => w.some((x) => x > 0)),
        (total, weights) => {
          const copy = [...weights];
          const parts = allocateLargestRemainder(total, weights);
          expect(weights).toEqual(copy);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          const sum = weights.reduce((a, b) => a + b, 0);
          parts.forEach((p, i) => {
            expect(Number.isInteger(p)).toBe(true);
            expect(Math.abs(p - (total * (weights[i] ?? 0)) / sum)).toBeLessThan(1 + 1e-6);
          });
        },
      ),
    );
  });
  it('refuses all-zero weights', () => {
    expect(() => allocateLargestRemainder(100, [0, 0])).toThrow(RangeError);
  });
});

describe('formatting', () => {
  it('formats euros and rates in French and English', () => {
    expect(formatEurosFr(104_593)).toBe('1\u202f045,93 €');
    expect(formatEurosEn(104_593)).toBe('€1,045.93');
    expect(formatEurosFr(-5)).toBe('-0,05 €');
    expect(formatBps(3_966, 'fr')).toBe('39,66 %');
    expect(formatBps(262, 'en')).toBe('2.62%');
  });
});
