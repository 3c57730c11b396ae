/** Plans and payment records for the plan suites, written by hand. */
import type { Plan, PlanPayment } from '../../../src/domain/plans/plan';
import type { PlanThresholds } from '../../../src/domain/plans/plan-monitoring';

export const PLAN_ID = '11111111-1111-4111-8111-111111111111';

/** A BdF conventional plan of 12 × 100 € due on the 5th from March 2026. */
export function plan(fields: Partial<Plan> = {}): Plan {
  return {
    id: PLAN_ID,
    kind: 'bdf_conventional',
    firstDueOn: '2026-03-05',
    steps: [{ months: 12, monthlyCents: 10_000 }],
    ...fields,
  };
}

let serial = 0;

/** A payment record of PLAN_ID (a fresh id each call unless given). */
export function payment(fields: Partial<PlanPayment> & Pick<PlanPayment, 'dueOn' | 'status'>): PlanPayment {
  serial += 1;
  return {
    id: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    planId: PLAN_ID,
    amountCents: fields.status === 'missed' ? 0 : 10_000,
    source: 'counsellor',
    recordedOn: fields.dueOn,
    ...fields,
  };
}

/** The defaults, written out so a change of DEFAULT_PLAN_THRESHOLDS does not move these tests. */
export const THRESHOLDS: PlanThresholds = {
  graceDays: 10,
  lateAfterMissed: 1,
  failingAfterMissed: 3,
  reviewEveryMonths: 12,
  endingSoonMonths: 3,
};
