/**
 * The `simulate` engine command: one capacity-shared schedule with the JSON field names of
 * issue 4 (docs/engine.md). Creditor categories use the command's own spelling and map onto
 * the household's categories.
 */
import { z } from 'zod';
import { IsoDateSchema } from '../dates';
import type { CreditorCategory } from '../household/creditor';
import { EntityIdSchema } from '../household/ids';
import { CentsSchema } from '../money';
import { AllocationPolicyNameSchema } from './allocation-policy';
import { CapacityStepSchema } from './capacity-plan';
import { simulateSchedule } from './simulate-schedule';

const CATEGORY: Readonly<Record<string, CreditorCategory>> = {
  landlord: 'landlord',
  'credit-institution': 'credit_institution',
  utility: 'utility',
  tax: 'tax',
  social: 'social_body',
  individual: 'private_individual',
  other: 'other',
};

export const SimulateCommandSchema = z
  .object({
    /** Start date: month 1 of the schedule. */
    on: IsoDateSchema,
    capacityMonthlyCents: CentsSchema,
    /** Later capacity changes (paliers), optional. */
    capacitySteps: z.array(CapacityStepSchema).max(50).optional(),
    maxMonths: z.number().int().min(1).max(600),
    policy: AllocationPolicyNameSchema.exclude(['priority-classes']),
    /** Months at the start with no payment and no interest (L733-1 4°: at most 24). */
    moratoriumMonths: z.number().int().min(0).max(24).optional(),
    minimumInstalmentCents: CentsSchema.optional(),
    imputation: z.enum(['interest-first', 'capital-first']).optional(),
    debts: z
      .array(
        z.object({
          id: EntityIdSchema,
          creditorCategory: z.enum([
            'landlord',
            'credit-institution',
            'utility',
            'tax',
            'social',
            'individual',
            'other',
          ]),
          balanceCents: CentsSchema.max(100_000_000_000),
          annualRateBps: z.number().int().min(0).max(10_000),
        }),
      )
      .max(200),
  })
  .refine((i) => new Set(i.debts.map((d) => d.id)).size === i.debts.length, {
    message: 'debt ids must be unique',
    path: ['debts'],
  })
  .refine((i) => (i.moratoriumMonths ?? 0) <= i.maxMonths, {
    message: 'moratoriumMonths must not exceed maxMonths',
    path: ['moratoriumMonths'],
  });
export type SimulateCommandInput = z.infer<typeof SimulateCommandSchema>;

export interface SimulateCommandOutput {
  readonly feasible: boolean;
  readonly months: number;
  readonly totalPaidCents: number;
  readonly totalInterestCents: number;
  readonly writeOffCents: number;
  readonly perDebt: readonly {
    readonly id: string;
    readonly paidCents: number;
    readonly interestCents: number;
    readonly writeOffCents: number;
    readonly lastMonth: number | null;
  }[];
  readonly schedule: readonly {
    readonly month: number;
    readonly date: string;
    readonly capacityCents: number;
    readonly payments: readonly {
      readonly id: string;
      readonly amountCents: number;
      readonly interestCents: number;
      readonly principalCents: number;
      readonly balanceAfterCents: number;
    }[];
  }[];
}

/**
 * Runs the `simulate` command on a validated input.
 * @param input - start date, capacity (cents/month), max months, policy, moratorium, debts (cents, bps)
 * @returns feasibility, end month, totals (cents), per-debt totals and the month rows
 * @example runSimulateCommand({ on: '2026-03-01', capacityMonthlyCents: 400, maxMonths: 84, policy: 'pro-rata', debts: [{ id: 'a', creditorCategory: 'other', balanceCents: 1_000, annualRateBps: 0 }] }).months // 3
 */
export function runSimulateCommand(input: SimulateCommandInput): SimulateCommandOutput {
  const result = simulateSchedule({
    debts: input.debts.map((d) => ({
      id: d.id,
      creditorCategory: CATEGORY[d.creditorCategory] ?? 'other',
      balanceCents: d.balanceCents,
      annualRateBps: d.annualRateBps,
    })),
    startDate: input.on,
    capacity: {
      monthlyCents: input.capacityMonthlyCents,
      ...(input.capacitySteps ? { steps: input.capacitySteps } : {}),
    },
    maxMonths: input.maxMonths,
    moratoriumMonths: input.moratoriumMonths ?? 0,
    policy: {
      name: input.policy,
      ...(input.minimumInstalmentCents !== undefined
        ? { minimumInstalmentCents: input.minimumInstalmentCents }
        : {}),
    },
    imputation: input.imputation ?? 'interest-first',
  });
  return {
    feasible: result.feasible,
    months: result.months,
    totalPaidCents: result.totalPaidCents,
    totalInterestCents: result.totalInterestCents,
    writeOffCents: result.writeOffCents,
    perDebt: result.perDebt.map((d) => ({
      id: d.debtId,
      paidCents: d.paidCents,
      interestCents: d.interestCents,
      writeOffCents: d.writeOffCents,
      lastMonth: d.lastMonth,
    })),
    schedule: result.schedule.map((m) => ({
      month: m.month,
      date: m.date,
      capacityCents: m.capacityCents,
      payments: m.payments.map((p) => ({
        id: p.debtId,
        amountCents: p.amountCents,
        interestCents: p.interestCents,
        principalCents: p.principalCents,
        balanceAfterCents: p.balanceAfterCents,
      })),
    })),
  };
}
