/**
 * A repayment plan in force for a household (issue 15, docs/reports-and-plans.md PLAN1–PLAN8): an
 * amicable plan negotiated with the creditors, or a Banque de France plan (conventional, or the
 * measures the commission imposed). The schedule is a list of steps (paliers): a BdF plan often
 * starts with a suspension (0 € for up to 24 months) then pays in tiers. The payments recorded
 * against it are their own rows (PlanPaymentSchema), one per instalment and record.
 */
import { z } from 'zod';
import { IsoDateSchema } from '../dates';
import { EntityIdSchema } from '../household/ids';
import { CentsSchema } from '../money';

export const PlanKindSchema = z.enum(['amicable', 'bdf_conventional', 'bdf_imposed']);
export type PlanKind = z.infer<typeof PlanKindSchema>;

/** One tier of the schedule: `months` instalments of `monthlyCents` (0 = a suspension). */
export const PlanStepSchema = z.object({
  months: z.number().int().min(1).max(84),
  monthlyCents: CentsSchema,
});
export type PlanStep = z.infer<typeof PlanStepSchema>;

export const PlanSchema = z.object({
  id: EntityIdSchema,
  kind: PlanKindSchema,
  /** Due date of the first instalment; each next one falls on the same day of the next month. */
  firstDueOn: IsoDateSchema,
  /** The schedule, in order. At most 84 months in all (checked by planScheduleIssue). */
  steps: z.array(PlanStepSchema).min(1).max(24),
  /** The saved scenario it came from, if any. */
  scenarioId: EntityIdSchema.optional(),
  /** The Banque de France file reference or the creditors' agreement reference. */
  reference: z.string().max(100).optional(),
  /** Last review of the plan with the household (PLAN4: the review clock restarts). */
  lastReviewOn: IsoDateSchema.optional(),
  /** A creditor's formal notice (mise en demeure) received under a BdF plan (R732-2 clock). */
  formalNoticeOn: IsoDateSchema.optional(),
  /** The formal notice was answered (the arrears paid or settled): the clock stops. */
  formalNoticeSettledOn: IsoDateSchema.optional(),
  /** Ended early: paid off, replaced by a new plan after a refiling, or abandoned. */
  endedOn: IsoDateSchema.optional(),
  endReason: z.enum(['paid_off', 'superseded', 'abandoned']).optional(),
  details: z.string().max(4000).optional(),
});
export type Plan = z.infer<typeof PlanSchema>;

/** What the counsellor knows of an instalment. */
export const PlanPaymentStatusSchema = z.enum(['paid', 'late', 'missed']);
export type PlanPaymentStatus = z.infer<typeof PlanPaymentStatusSchema>;

/** Who says so: the counsellor saw proof, or the household said it. */
export const PlanPaymentSourceSchema = z.enum(['counsellor', 'household_word']);

/**
 * A payment recorded against one instalment of a plan. `paid`: paid on time; `late`: paid, after
 * its due date; `missed`: not paid. One row per instalment and record; a later record of the same
 * instalment (same dueOn) replaces an earlier one (the latest `recordedOn`, then id, wins).
 */
export const PlanPaymentSchema = z.object({
  id: EntityIdSchema,
  planId: EntityIdSchema,
  /** The instalment's due date, as the schedule gives it. */
  dueOn: IsoDateSchema,
  status: PlanPaymentStatusSchema,
  /** What was paid (0 for missed). */
  amountCents: CentsSchema,
  paidOn: IsoDateSchema.optional(),
  source: PlanPaymentSourceSchema,
  recordedOn: IsoDateSchema,
  details: z.string().max(2000).optional(),
});
export type PlanPayment = z.infer<typeof PlanPaymentSchema>;
