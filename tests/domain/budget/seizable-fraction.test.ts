import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seizableFraction } from '../../../src/domain/budget/seizable-fraction';

const qs = (on: string, monthlyResourcesCents: number, dependents: number) =>
  seizableFraction({ on, monthlyResourcesCents, dependents }).seizableMonthlyCents;

describe('seizableFraction (worked examples, domain-rules 2.5)', () => {
  it('example A: 1 800 € with the 2026 scale is 338.38 € (annual computation, not 338.39)', () => {
    const result = seizableFraction({ on: '2026-02-01', monthlyResourcesCents: 180_000, dependents: 0 });
    expect(result.seizableMonthlyCents).toBe(33_838);
    expect(result.annualResourcesCents).toBe(2_160_000);
    expect(result.bands.map((b) => b.resourcesInBandAnnualCents)).toEqual([
      448_000, 425_000, 427_000, 423_000, 424_000, 13_000, 0,
    ]);
    expect(result.parameterSet.parameterIds).toEqual(['seizure-scale-2026']);
    expect(result.explanation.rule).toContain('R3252-2');
    expect(result.explanation.text.fr).toContain('338,38 €');
    expect(result.explanation.text.en).toContain('€338.38');
  });
  it('example A under the 2025 scale is 345.28 €', () => {
    expect(qs('2025-06-01', 180_000, 0)).toBe(34_528);
  });
  it('example B: 2 900 € with 2 dependents is 1 045.93 €, 908.18 € with 3', () => {
    expect(qs('2026-02-01', 290_000, 2)).toBe(104_593);
    expect(qs('2026-02-01', 290_000, 3)).toBe(90_818);
  });
  it('example C: 646.52 € gives 45.99 €', () => {
    expect(qs('2026-02-01', 64_652, 0)).toBe(4_599);
  });
  it('matches the cumulative monthly figures at the top of each 2026 band (eurex)', () => {
    expect(qs('2026-01-01', 37_333, 0)).toBe(1_867);
    expect(qs('2026-01-01', 72_750, 0)).toBe(5_408);
    expect(qs('2026-01-01', 215_083, 0)).toBe(57_226);
  });
  it('takes everything above the last band', () => {
    expect(qs('2026-01-01', 300_000, 0) - qs('2026-01-01', 290_000, 0)).toBe(10_000);
  });
  it('is zero on zero resources', () => {
    expect(qs('2024-05-01', 0, 0)).toBe(0);
  });
});

describe('seizableFraction properties', () => {
  const date = fc.constantFrom('2024-03-01', '2025-09-15', '2026-02-01');
  it('is non-decreasing in resources', () => {
    fc.assert(
      fc.property(
        date,
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.integer({ min: 0, max: 200_000 }),
        fc.integer({ min: 0, max: 8 }),
        (on, r, extra, n) => {
          expect(qs(on, r + extra, n)).toBeGreaterThanOrEqual(qs(on, r, n));
        },
      ),
    );
  });
  it('is non-increasing in dependents', () => {
    fc.assert(
      fc.property(
        date,
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.integer({ min: 0, max: 8 }),
        (on, r, n) => {
          expect(qs(on, r, n + 1)).toBeLessThanOrEqual(qs(on, r, n));
        },
      ),
    );
  });
  it('never exceeds the resources and does not mutate its input', () => {
    fc.assert(
      fc.property(
        date,
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.integer({ min: 0, max: 8 }),
        (on, r, n) => {
          const input = { on, monthlyResourcesCents: r, dependents: n };
          const frozen = structuredClone(input);
          const result = seizableFraction(input);
          expect(input).toEqual(frozen);
          expect(result.seizableMonthlyCents).toBeLessThanOrEqual(r);
          expect(result.seizableMonthlyCents).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});
