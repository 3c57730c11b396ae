/** fast-check generators of random portfolios for the rescheduling engine. */
import fc from 'fast-check';
import { type CreditorCategory, CreditorCategorySchema } from '../../../src/domain/household/creditor';
import type { AllocationPolicyName } from '../../../src/domain/rescheduling/allocation-policy';
import type { ScheduleDebt, ScheduleRequest } from '../../../src/domain/rescheduling/schedule-types';

export const CATEGORIES: readonly CreditorCategory[] = CreditorCategorySchema.options;

export const debtArb = (index: number): fc.Arbitrary<ScheduleDebt> =>
  fc.record({
    id: fc.constant(`d${index}`),
    creditorCategory: fc.constantFrom(...CATEGORIES),
    balanceCents: fc.oneof(fc.integer({ min: 0, max: 3_000 }), fc.integer({ min: 1, max: 5_000_000 })),
    annualRateBps: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2_000 })),
    contractInstalmentCents: fc.integer({ min: 0, max: 50_000 }),
  });

export const debtsArb: fc.Arbitrary<ScheduleDebt[]> = fc
  .integer({ min: 1, max: 12 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => debtArb(i))));

export const policyNameArb: fc.Arbitrary<AllocationPolicyName> = fc.constantFrom(
  'landlord-first-pro-rata',
  'priority-classes',
  'pro-rata',
  'avalanche',
  'snowball',
);

/** A shared-capacity request: every debt shares the capacity (no fixed instalments). */
export const requestArb: fc.Arbitrary<ScheduleRequest> = fc
  .record({
    debts: debtsArb,
    monthlyCents: fc.oneof(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 300_000 })),
    steps: fc.array(
      fc.record({
        fromMonth: fc.integer({ min: 1, max: 90 }),
        monthlyCents: fc.integer({ min: 0, max: 300_000 }),
      }),
      { maxLength: 3 },
    ),
    maxMonths: fc.integer({ min: 1, max: 96 }),
    moratoriumMonths: fc.integer({ min: 0, max: 24 }),
    policy: policyNameArb,
    minimumInstalmentCents: fc.constantFrom(0, 100, 500),
    contractualInstalmentsFirst: fc.boolean(),
    imputation: fc.constantFrom('interest-first' as const, 'capital-first' as const),
  })
  .map((r) => ({
    debts: r.debts,
    startDate: '2026-03-01',
    capacity: { monthlyCents: r.monthlyCents, steps: r.steps },
    maxMonths: r.maxMonths,
    moratoriumMonths: Math.min(r.moratoriumMonths, r.maxMonths),
    policy: {
      name: r.policy,
      minimumInstalmentCents: r.minimumInstalmentCents,
      contractualInstalmentsFirst: r.contractualInstalmentsFirst,
    },
    imputation: r.imputation,
  }));
