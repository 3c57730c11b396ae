import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capacityByMonth } from '../../../src/domain/rescheduling/capacity-plan';
import type { ScheduleRequest } from '../../../src/domain/rescheduling/schedule-types';
import { simulateSchedule } from '../../../src/domain/rescheduling/simulate-schedule';
import { requestArb } from './arbitraries';

const RUNS = { numRuns: 200 };

function dueAtStart(p: { amountCents: number; balanceAfterCents: number }): number {
  return p.amountCents + p.balanceAfterCents;
}

// 200 random portfolios of up to 12 debts over up to 96 months: 2-3 s for some properties on an
// idle machine, so Vitest's 5 s default would fail them on a busy one (the speed is benched).
describe('simulateSchedule on random portfolios (fast-check)', { timeout: 60_000 }, () => {
  it('pays exactly the capacity while debts remain, never more, and nothing in moratorium months', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const result = simulateSchedule(request);
        const capacity = capacityByMonth(request.capacity, request.maxMonths);
        for (const row of result.schedule) {
          const owed = row.payments.reduce((s, p) => s + dueAtStart(p), 0);
          if (row.isMoratorium) {
            expect(row.paidCents).toBe(0);
            continue;
          }
          expect(row.paidCents).toBeLessThanOrEqual(capacity[row.month] ?? 0);
          expect(row.paidCents).toBe(Math.min(capacity[row.month] ?? 0, owed));
        }
      }),
      RUNS,
    );
  });

  it('never leaves a negative balance and splits every payment into interest + capital', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        for (const row of simulateSchedule(request).schedule) {
          for (const p of row.payments) {
            expect(p.balanceAfterCents).toBeGreaterThanOrEqual(0);
            expect(p.interestCents).toBeGreaterThanOrEqual(0);
            expect(p.principalCents).toBeGreaterThanOrEqual(0);
            expect(p.amountCents).toBe(p.interestCents + p.principalCents);
          }
        }
      }),
      RUNS,
    );
  });

  it('for each debt, paid = balance + interest − written off', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const result = simulateSchedule(request);
        for (const d of result.perDebt) {
          expect(d.paidCents).toBe(d.initialBalanceCents + d.interestCents - d.writeOffCents);
        }
        const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
        expect(result.totalPaidCents).toBe(sum(result.schedule.map((m) => m.paidCents)));
        expect(result.feasible).toBe(result.writeOffCents === 0);
      }),
      RUNS,
    );
  });

  it('never runs past the maximum duration', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const result = simulateSchedule(request);
        expect(result.months).toBeLessThanOrEqual(request.maxMonths);
        expect(result.schedule.length).toBeLessThanOrEqual(request.maxMonths);
        for (const d of result.perDebt) expect(d.lastMonth ?? 0).toBeLessThanOrEqual(request.maxMonths);
      }),
      RUNS,
    );
  });

  it('landlord first: no other creditor receives anything while a landlord debt is unpaid', () => {
    fc.assert(
      fc.property(requestArb, (base) => {
        const request: ScheduleRequest = {
          ...base,
          policy: {
            name: 'landlord-first-pro-rata',
            minimumInstalmentCents: base.policy.minimumInstalmentCents ?? 0,
          },
        };
        const landlords = new Set(
          request.debts.filter((d) => d.creditorCategory === 'landlord').map((d) => d.id),
        );
        for (const row of simulateSchedule(request).schedule) {
          const landlordUnpaid = row.payments.some((p) => landlords.has(p.debtId) && p.balanceAfterCents > 0);
          if (!landlordUnpaid) continue;
          for (const p of row.payments) if (!landlords.has(p.debtId)) expect(p.amountCents).toBe(0);
        }
      }),
      RUNS,
    );
  });

  it('pro rata: each share is within one cent of the exact proportion', () => {
    fc.assert(
      fc.property(requestArb, (base) => {
        const request: ScheduleRequest = { ...base, policy: { name: 'pro-rata', minimumInstalmentCents: 0 } };
        for (const row of simulateSchedule(request).schedule) {
          const owed = row.payments.reduce((s, p) => s + dueAtStart(p), 0);
          if (row.paidCents === 0 || row.paidCents >= owed) continue;
          for (const p of row.payments) {
            const exact = (row.paidCents * dueAtStart(p)) / owed;
            expect(Math.abs(p.amountCents - exact)).toBeLessThan(1);
          }
        }
      }),
      RUNS,
    );
  });

  it('no instalment under the minimum except a final one, unless the money left is itself under it', () => {
    fc.assert(
      fc.property(requestArb, (base) => {
        const minimum = 500;
        const request: ScheduleRequest = {
          ...base,
          policy: { name: base.policy.name, minimumInstalmentCents: minimum },
        };
        for (const row of simulateSchedule(request).schedule) {
          const small = row.payments.filter(
            (p) => p.amountCents > 0 && p.amountCents < minimum && p.balanceAfterCents > 0,
          );
          // At most one, the crumbs of a month whose money cannot make one more minimum.
          expect(small.length).toBeLessThanOrEqual(1);
        }
      }),
      RUNS,
    );
  });

  it('does not mutate its input and is deterministic', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const copy = structuredClone(request);
        const first = simulateSchedule(request);
        expect(request).toEqual(copy);
        expect(simulateSchedule(copy)).toEqual(first);
      }),
      { numRuns: 50 },
    );
  });

  it('keeps the same totals without the month rows', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const { schedule: _s, ...full } = simulateSchedule(request);
        const { schedule, ...lean } = simulateSchedule({ ...request, withSchedule: false });
        expect(schedule).toEqual([]);
        expect(lean).toEqual(full);
      }),
      { numRuns: 50 },
    );
  });
});
