/**
 * Monthly capacity over time ("paliers"): a base amount and steps that change it from a given
 * month on (a known change of income, the end of a benefit). Moratorium months are set by the
 * scenario, not here.
 */
import { z } from 'zod';
import { type Cents, CentsSchema } from '../money';

export const CapacityStepSchema = z.object({
  /** First month (1 = the start month) from which the amount applies. */
  fromMonth: z.number().int().min(1).max(600),
  monthlyCents: CentsSchema,
});

export const CapacityPlanSchema = z.object({
  /** Capacity from month 1, cents per month. */
  monthlyCents: CentsSchema,
  /** Later changes, each from its month on (any order). */
  steps: z.array(CapacityStepSchema).max(50).optional(),
});
export type CapacityPlan = z.infer<typeof CapacityPlanSchema>;

/**
 * Capacity of every month from 1 to `months`.
 * @param plan - base capacity and steps, cents per month
 * @param months - number of months to expand
 * @returns array indexed by month (index 0 unused, = 0), cents
 * @example capacityByMonth({ monthlyCents: 100, steps: [{ fromMonth: 3, monthlyCents: 50 }] }, 4) // [0, 100, 100, 50, 50]
 */
export function capacityByMonth(plan: CapacityPlan, months: number): Cents[] {
  const steps = [...(plan.steps ?? [])].sort((a, b) => a.fromMonth - b.fromMonth);
  const result: Cents[] = [0];
  let current = plan.monthlyCents;
  let next = 0;
  for (let m = 1; m <= months; m += 1) {
    while (next < steps.length && (steps[next]?.fromMonth ?? Number.POSITIVE_INFINITY) <= m) {
      current = steps[next]?.monthlyCents ?? current;
      next += 1;
    }
    result.push(current);
  }
  return result;
}

/**
 * Whether the capacity is nil in every month of the horizon.
 * @param plan - base capacity and steps, cents per month
 * @param months - horizon, months
 * @example isNilCapacity({ monthlyCents: 0 }, 84) // true
 */
export function isNilCapacity(plan: CapacityPlan, months: number): boolean {
  return capacityByMonth(plan, months).every((c) => c === 0);
}
