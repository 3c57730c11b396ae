import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CapacityInput, computeCapacity } from '../../../src/domain/budget/repayment-capacity';

const base: CapacityInput = {
  on: '2026-02-01',
  monthlyResourcesCents: 0,
  dependents: 0,
  adults: 1,
  children: 0,
  livingCostsCents: 0,
};

describe('computeCapacity (worked examples)', () => {
  it('example A: C = 338.38 €, the seizable fraction binds', () => {
    const r = computeCapacity({ ...base, monthlyResourcesCents: 180_000, livingCostsCents: 143_300 });
    expect(r).toMatchObject({
      capacityMonthlyCents: 33_838,
      seizableMonthlyCents: 33_838,
      rsaFloorCents: 64_652,
      reservedPartCents: 143_300,
      bindingLimit: 'seizable',
      deficitCents: 0,
    });
    expect(r.parameterSet.parameterIds).toEqual(['rsa-2025-04', 'seizure-scale-2026']);
    expect(r.explanation.rule).toBe('L731-1, L731-2, R731-1');
  });
  it('example B: C = 364.00 €, the budget binds', () => {
    const r = computeCapacity({
      ...base,
      monthlyResourcesCents: 290_000,
      dependents: 2,
      adults: 2,
      children: 2,
      livingCostsCents: 253_600,
    });
    expect(r).toMatchObject({
      capacityMonthlyCents: 36_400,
      seizableMonthlyCents: 104_593,
      rsaFloorCents: 135_770,
      bindingLimit: 'budget',
    });
  });
  it('example C: resources at the RSA give C = 0 although QS = 45.99 €', () => {
    const r = computeCapacity({ ...base, monthlyResourcesCents: 64_652, livingCostsCents: 50_000 });
    expect(r).toMatchObject({
      capacityMonthlyCents: 0,
      seizableMonthlyCents: 4_599,
      bindingLimit: 'rsa',
      deficitCents: 0,
      belowRsaFloorCents: 0,
    });
  });
  it('reports a negative margin as a deficit, never a negative capacity', () => {
    const r = computeCapacity({ ...base, monthlyResourcesCents: 120_000, livingCostsCents: 150_000 });
    expect(r.capacityMonthlyCents).toBe(0);
    expect(r.deficitCents).toBe(30_000);
    expect(r.bindingLimit).toBe('budget');
    expect(r.explanation.text.fr).toContain('déficit de 300,00 €');
  });
  it('main-residence exception: above QS only with consent, capped by the RSA floor', () => {
    const input = { ...base, monthlyResourcesCents: 180_000, livingCostsCents: 100_000 };
    expect(
      computeCapacity({ ...input, residenceException: { consent: false, requestedMonthlyCents: 60_000 } })
        .capacityMonthlyCents,
    ).toBe(33_838);
    const agreed = computeCapacity({
      ...input,
      residenceException: { consent: true, requestedMonthlyCents: 60_000 },
    });
    expect(agreed).toMatchObject({
      capacityMonthlyCents: 60_000,
      bindingLimit: 'residence-exception',
      residenceExceptionApplied: true,
    });
    const capped = computeCapacity({
      ...input,
      residenceException: { consent: true, requestedMonthlyCents: 200_000 },
    });
    expect(capped).toMatchObject({ capacityMonthlyCents: 180_000 - 64_652, bindingLimit: 'rsa' });
  });
});

const arbitraryInput = fc.record({
  on: fc.constantFrom('2024-06-01', '2025-05-01', '2026-02-01'),
  monthlyResourcesCents: fc.integer({ min: 0, max: 1_500_000 }),
  dependents: fc.integer({ min: 0, max: 6 }),
  adults: fc.constantFrom(1 as const, 2 as const),
  children: fc.integer({ min: 0, max: 6 }),
  livingCostsCents: fc.integer({ min: 0, max: 1_500_000 }),
  residenceException: fc.option(
    fc.record({ consent: fc.boolean(), requestedMonthlyCents: fc.integer({ min: 0, max: 1_500_000 }) }),
    { nil: undefined },
  ),
});

describe('computeCapacity properties', () => {
  it('is never negative, never above QS without consent, never leaves less than the RSA floor', () => {
    fc.assert(
      fc.property(arbitraryInput, (raw) => {
        const { residenceException, ...rest } = raw;
        const input: CapacityInput = residenceException ? { ...rest, residenceException } : rest;
        const r = computeCapacity(input);
        expect(r.capacityMonthlyCents).toBeGreaterThanOrEqual(0);
        if (residenceException?.consent !== true) {
          expect(r.capacityMonthlyCents).toBeLessThanOrEqual(r.seizableMonthlyCents);
          expect(r.capacityMonthlyCents).toBeLessThanOrEqual(
            Math.max(0, input.monthlyResourcesCents - input.livingCostsCents),
          );
        }
        if (r.capacityMonthlyCents > 0) {
          expect(input.monthlyResourcesCents - r.capacityMonthlyCents).toBeGreaterThanOrEqual(
            r.rsaFloorCents,
          );
        }
        expect(r.deficitCents).toBe(Math.max(0, input.livingCostsCents - input.monthlyResourcesCents));
      }),
    );
  });
  it('does not mutate its input', () => {
    fc.assert(
      fc.property(arbitraryInput, (raw) => {
        const frozen = structuredClone(raw);
        const { residenceException, ...rest } = raw;
        computeCapacity(residenceException ? { ...rest, residenceException } : rest);
        expect(raw).toEqual(frozen);
      }),
    );
  });
});
