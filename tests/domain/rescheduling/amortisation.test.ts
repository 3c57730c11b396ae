/** The engine's amortisation checked against an independent implementation (`financial`). */
import fc from 'fast-check';
import { fv, ipmt, pmt } from 'financial';
import { describe, expect, it } from 'vitest';
import { annuityMonthlyCents } from '../../../src/domain/plan/annuity';
import { simulateSchedule } from '../../../src/domain/rescheduling/simulate-schedule';

const loanArb = fc.record({
  principal: fc.integer({ min: 10_000, max: 20_000_000 }),
  bps: fc.integer({ min: 1, max: 2_000 }),
  months: fc.integer({ min: 2, max: 240 }),
});

describe('amortisation against the financial package', () => {
  it('the annuity is within half a cent of financial.pmt', () => {
    fc.assert(
      fc.property(loanArb, ({ principal, bps, months }) => {
        const reference = -pmt(bps / 120_000, months, principal);
        expect(Math.abs(annuityMonthlyCents(principal, bps, months) - reference)).toBeLessThanOrEqual(
          0.5 + 1e-6,
        );
      }),
    );
  });

  it('balances follow financial.fv with the same instalment (interest rounded monthly: under a cent of drift per month)', () => {
    fc.assert(
      fc.property(loanArb, ({ principal, bps, months }) => {
        const instalment = annuityMonthlyCents(principal, bps, months);
        const result = simulateSchedule({
          debts: [
            {
              id: 'loan',
              creditorCategory: 'credit_institution',
              balanceCents: principal,
              annualRateBps: bps,
              fixed: { instalmentCents: instalment, termMonths: months },
            },
          ],
          startDate: '2026-01-01',
          capacity: { monthlyCents: instalment },
          maxMonths: months,
          policy: { name: 'pro-rata' },
        });
        expect(result.feasible).toBe(true);
        // A rounded-up instalment on a tiny loan can finish a little early.
        expect(result.months).toBeLessThanOrEqual(months);
        const rate = bps / 120_000;
        result.schedule.forEach((row, k) => {
          const p = row.payments[0];
          if (!p || k + 1 === months || p.balanceAfterCents === 0) return;
          // Balance after k+1 payments of `instalment`, unrounded (financial.fv sign convention).
          const reference = fv(rate, k + 1, instalment, -principal);
          expect(Math.abs(p.balanceAfterCents - reference)).toBeLessThanOrEqual(k + 1);
          expect(
            Math.abs(p.interestAccruedCents - -ipmt(rate, k + 1, months, principal)),
          ).toBeLessThanOrEqual(k + 2);
        });
        if (result.months === months) {
          // Last payment = what is left after n − 1 instalments, plus its interest.
          const last = fv(rate, months - 1, instalment, -principal) * (1 + rate);
          expect(Math.abs((result.schedule[months - 1]?.paidCents ?? 0) - last)).toBeLessThanOrEqual(months);
        }
      }),
      { numRuns: 100 },
    );
  });
});
