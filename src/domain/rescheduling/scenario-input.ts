/**
 * What the Scenarios screen sends: the debts as the plan sees them, the capacity over time,
 * the start date and up to six scenarios. One zod source, used by the worker to validate.
 */
import { z } from 'zod';
import { IsoDateSchema } from '../dates';
import { CreditorCategorySchema } from '../household/creditor';
import { EntityIdSchema } from '../household/ids';
import { CentsSchema } from '../money';
import { AllocationPolicySchema } from './allocation-policy';
import { CapacityPlanSchema } from './capacity-plan';

// Keeps capital × rate and capacity × balance products far below 2^53.
const BalanceCentsSchema = CentsSchema.max(100_000_000_000);
const RateBpsSchema = z.number().int().min(0).max(10_000);
const MonthsSchema = z.number().int().min(1).max(600);

export const SimulationDebtSchema = z.object({
  id: EntityIdSchema,
  label: z.string().max(200).optional(),
  creditorId: EntityIdSchema.optional(),
  creditorCategory: CreditorCategorySchema,
  /** Liability at the cut-off date (capital + arrears + accrued interest and fees), cents. */
  balanceCents: BalanceCentsSchema,
  /** Contractual nominal annual rate, basis points. */
  annualRateBps: RateBpsSchema,
  /** Contractual monthly instalment, cents (0 or absent: nothing scheduled, e.g. arrears). */
  contractInstalmentCents: CentsSchema.optional(),
  /** Contractual months left, if known. */
  remainingTermMonths: z.number().int().min(0).max(600).optional(),
  /** Loan that bought the main residence: may run past 84 months, never written off (L733-3). */
  isMainResidenceMortgage: z.boolean().optional(),
  /** L711-4 debt (alimony, criminal fine, victim damages, social or tax fraud): outside the plan. */
  excludedFromPlan: z.boolean().optional(),
  /** Paid in the debtor's place by a natural-person guarantor: cannot be written off (L733-4). */
  paidByNaturalPersonGuarantor: z.boolean().optional(),
});
export type SimulationDebt = z.infer<typeof SimulationDebtSchema>;

export const AsTodayScenarioSchema = z.object({
  kind: z.literal('as-today'),
  label: z.string().max(100).optional(),
  /** How far to follow the current contracts, months (default 360). */
  horizonMonths: MonthsSchema.optional(),
});

export const AmicableScenarioSchema = z.object({
  kind: z.literal('amicable'),
  label: z.string().max(100).optional(),
  /** Longest new term the counsellor proposes, months (default 84). */
  maxTermMonths: MonthsSchema.optional(),
  /** No instalment below this, except a final one, cents (default 100). */
  minimumInstalmentCents: CentsSchema.optional(),
  /** Highest rate proposed to every creditor, bps (default: each contract rate is kept). */
  maxRateBps: RateBpsSchema.optional(),
  /** When a term does not fit, ask for the rate to be cut to 0 % (L732-2; default true). */
  allowRateReduction: z.boolean().optional(),
});

export const BanqueDeFranceScenarioSchema = z.object({
  kind: z.literal('banque-de-france'),
  label: z.string().max(100).optional(),
  /** Date of the commission's decision: legal rates and the duration rule of that date. */
  decisionDate: IsoDateSchema.optional(),
  /** Months already used by earlier measures (count against the 84, L733-3). */
  monthsUsedByEarlierPlans: z.number().int().min(0).max(600).optional(),
  /** Rate of the plan, bps, capped per debt at the legal rate for its creditor type (default 0). */
  rateBps: RateBpsSchema.optional(),
  /** Months of suspension at the start (L733-1 4°, at most 24; default 0). */
  moratoriumMonths: z.number().int().min(0).max(24).optional(),
  policy: AllocationPolicySchema.optional(),
  /** Imputation of payments (default 'capital-first', L733-1 2°). */
  imputation: z.enum(['capital-first', 'interest-first']).optional(),
});

export const PayoffScenarioSchema = z.object({
  kind: z.literal('payoff'),
  label: z.string().max(100).optional(),
  strategy: z.enum(['avalanche', 'snowball', 'pro-rata']),
  /** Longest run, months (default 84). */
  horizonMonths: MonthsSchema.optional(),
  minimumInstalmentCents: CentsSchema.optional(),
});

export const ScenarioSpecSchema = z.discriminatedUnion('kind', [
  AsTodayScenarioSchema,
  AmicableScenarioSchema,
  BanqueDeFranceScenarioSchema,
  PayoffScenarioSchema,
]);
export type ScenarioSpec = z.infer<typeof ScenarioSpecSchema>;
export type AsTodayScenario = z.infer<typeof AsTodayScenarioSchema>;
export type AmicableScenario = z.infer<typeof AmicableScenarioSchema>;
export type BanqueDeFranceScenario = z.infer<typeof BanqueDeFranceScenarioSchema>;
export type PayoffScenario = z.infer<typeof PayoffScenarioSchema>;

export const MAX_COMPARED_SCENARIOS = 6;

export const ScenarioContextSchema = z.object({
  /** Month 1 of every schedule. */
  startDate: IsoDateSchema,
  capacity: CapacityPlanSchema,
  debts: z
    .array(SimulationDebtSchema)
    .max(200)
    .refine((debts) => new Set(debts.map((d) => d.id)).size === debts.length, 'debt ids must be unique'),
  /** The counsellor expects income to recover (favours a moratorium over a PRP when C = 0). */
  incomeMayRecover: z.boolean().optional(),
});
export type ScenarioContext = z.infer<typeof ScenarioContextSchema>;

export const CompareInputSchema = ScenarioContextSchema.extend({
  scenarios: z.array(ScenarioSpecSchema).min(1).max(MAX_COMPARED_SCENARIOS),
  /** False: summaries only, no month rows (default true). */
  withSchedules: z.boolean().optional(),
});
export type CompareInput = z.infer<typeof CompareInputSchema>;
