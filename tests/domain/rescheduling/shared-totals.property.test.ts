/**
 * The totals-only fast path (shared-totals.ts) against the general month loop of
 * simulate-schedule.ts, on generated plans that fit the fast path: a run without month rows
 * takes the fast path, the same run with month rows takes the general loop, and every total
 * (per debt and overall) must be the same to the cent. The generator is seeded, so a failure
 * names a case that can be replayed; it favours the paths where the two could part: small
 * balances and high minimums (the minimum instalment rule, debts closed mid-plan), equal
 * balances (ties in the largest remainder), groups repaid whole, capacity steps, moratoriums.
 */
import { describe, expect, it } from 'vitest';
import { CreditorCategorySchema } from '../../../src/domain/household/creditor';
import type { AllocationPolicy } from '../../../src/domain/rescheduling/allocation-policy';
import { resolvePolicy } from '../../../src/domain/rescheduling/allocation-policy';
import type { ScheduleDebt, ScheduleRequest } from '../../../src/domain/rescheduling/schedule-types';
import { fitsSharedTotals } from '../../../src/domain/rescheduling/shared-totals';
import { simulateSchedule } from '../../../src/domain/rescheduling/simulate-schedule';
import { mulberry32 } from '../../../src/domain/seeded-random';

const CASES = 3_000;
const CATEGORIES = CreditorCategorySchema.options;

function generator(seed: number) {
  const random = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;
  return { random, int, pick };
}

function balance(g: ReturnType<typeof generator>): number {
  const kind = g.int(0, 9);
  if (kind === 0) return 0;
  if (kind <= 2) return g.int(1, 500);
  if (kind === 3) return 100_000;
  return g.int(500, 3_000_000);
}

function policyOf(g: ReturnType<typeof generator>): AllocationPolicy {
  const minimumInstalmentCents = g.pick([undefined, 0, 1, 100, 2_000, 25_000]);
  const name = g.pick(['landlord-first-pro-rata', 'priority-classes', 'pro-rata', 'avalanche'] as const);
  if (name !== 'priority-classes' || g.random() < 0.5) return { name, minimumInstalmentCents };
  const classes = [[g.pick(CATEGORIES)], [g.pick(CATEGORIES), g.pick(CATEGORIES)]];
  return { name, classes, minimumInstalmentCents };
}

function caseOf(seed: number): ScheduleRequest {
  const g = generator(seed);
  const debts: ScheduleDebt[] = Array.from({ length: g.int(1, 15) }, (_, i) => ({
    id: `d${i}`,
    creditorCategory: g.pick(CATEGORIES),
    balanceCents: balance(g),
    annualRateBps: 0,
    writeOffAllowed: g.random() < 0.8,
  }));
  const base = g.pick([0, g.int(1, 300), g.int(300, 20_000), g.int(20_000, 400_000)]);
  const steps = Array.from({ length: g.int(0, 3) }, () => ({
    fromMonth: g.int(1, 100),
    monthlyCents: g.int(0, 60_000),
  }));
  const maxMonths = g.int(1, 100);
  return {
    debts,
    startDate: '2026-03-01',
    capacity: { monthlyCents: base, ...(steps.length > 0 ? { steps } : {}) },
    maxMonths,
    horizonMonths: maxMonths + g.int(0, 30),
    moratoriumMonths: g.pick([0, 0, 0, g.int(1, 24)]),
    policy: policyOf(g),
    imputation: g.pick(['capital-first', 'interest-first'] as const),
    withSchedule: false,
  };
}

function totals(request: ScheduleRequest, withSchedule: boolean) {
  const { schedule, ...rest } = simulateSchedule({ ...request, withSchedule });
  return rest;
}

describe('shared-totals fast path', { timeout: 120_000 }, () => {
  it('gives the general loop’s totals to the cent on generated plans', () => {
    let feasible = 0;
    let partlyRepaid = 0;
    for (let seed = 1; seed <= CASES; seed += 1) {
      const request = caseOf(seed);
      // Every generated case must take the fast path, or the comparison proves nothing.
      expect(fitsSharedTotals(request.debts, resolvePolicy(request.policy), request.capacity, false)).toBe(
        true,
      );
      const fast = totals(request, false);
      const reference = totals(request, true);
      expect({ seed, ...fast }).toEqual({ seed, ...reference });
      if (fast.feasible) feasible += 1;
      if (fast.perDebt.some((d) => d.paidCents > 0 && d.remainingCents === 0) && !fast.feasible) {
        partlyRepaid += 1;
      }
    }
    // The generator reaches both outcomes and debts closed inside plans that end in a write-off.
    expect(feasible).toBeGreaterThan(CASES / 10);
    expect(feasible).toBeLessThan(CASES - CASES / 10);
    expect(partlyRepaid).toBeGreaterThan(CASES / 10);
  });

  it('is not taken when a debt bears interest, has its own instalment, or month rows are kept', () => {
    const request = caseOf(7);
    const policy = resolvePolicy(request.policy);
    const capacity = request.capacity;
    const first = request.debts[0] as ScheduleDebt;
    const withRate = [{ ...first, annualRateBps: 1 }, ...request.debts.slice(1)];
    const withFixed = [{ ...first, fixed: { instalmentCents: 100 } }, ...request.debts.slice(1)];
    expect(fitsSharedTotals(request.debts, policy, capacity, false)).toBe(true);
    expect(fitsSharedTotals(withRate, policy, capacity, false)).toBe(false);
    expect(fitsSharedTotals(withFixed, policy, capacity, false)).toBe(false);
    expect(fitsSharedTotals(request.debts, policy, capacity, true)).toBe(false);
    expect(fitsSharedTotals(request.debts, resolvePolicy({ name: 'snowball' }), capacity, false)).toBe(false);
  });
});
