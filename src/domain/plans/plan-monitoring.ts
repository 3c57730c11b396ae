/**
 * The monitored state of a plan (docs/reports-and-plans.md PLAN2–PLAN7), computed by one pure
 * function, `planState` (plan-state.ts), that the server stores in `plan_states` for the
 * coordinators' worklists and the device runs offline for the counsellor's reminders.
 */
import { z } from 'zod';
import { IsoDateSchema } from '../dates';
import { EntityIdSchema } from '../household/ids';
import { SignedCentsSchema } from '../money';
import { PlanKindSchema } from './plan';

/** In order of precedence: the first that holds is the plan's status (PLAN3). */
export const PLAN_STATUSES = [
  'ended',
  'lapsed',
  'formal_notice',
  'late',
  'review_due',
  'ending_soon',
  'on_track',
] as const;
export const PlanStatusSchema = z.enum(PLAN_STATUSES);
export type PlanStatus = z.infer<typeof PlanStatusSchema>;

/**
 * The association's thresholds (PLAN5): UK practice and counsellors' habits, not French law, so
 * each association sets them (admin, `PUT /api/admin/plan-thresholds`); the devices receive them at
 * each sync run. The 15-day formal-notice clock is law (R732-2): a dated legal parameter, not here.
 */
export const PlanThresholdsSchema = z.object({
  /** An instalment not recorded this many days after its due date counts as missed. */
  graceDays: z.number().int().min(0).max(60),
  /** Late from this many missed instalments (unpaid, not made good). */
  lateAfterMissed: z.number().int().min(1).max(12),
  /** Failing (coordinators' worklist) from this many missed instalments. */
  failingAfterMissed: z.number().int().min(1).max(24),
  /** Review due this many months after the start or the last review. */
  reviewEveryMonths: z.number().int().min(1).max(36),
  /** Ending soon when the last instalment is due within this many months. */
  endingSoonMonths: z.number().int().min(0).max(12),
});
export type PlanThresholds = z.infer<typeof PlanThresholdsSchema>;

export const DEFAULT_PLAN_THRESHOLDS: PlanThresholds = {
  graceDays: 10,
  lateAfterMissed: 1,
  failingAfterMissed: 3,
  reviewEveryMonths: 12,
  endingSoonMonths: 3,
};

/** What planState returns. */
export const PlanStateSchema = z.object({
  status: PlanStatusSchema,
  /** missed ≥ failingAfterMissed, or formal notice, or lapsed. */
  failing: z.boolean(),
  /** Instalments due (past their grace) and not paid. */
  missedCount: z.number().int().min(0),
  /** Sum over due instalments of (due − paid); never negative. */
  arrearsCents: SignedCentsSchema,
  /** The next instalment due on or after today; absent once the schedule is over. */
  nextDueOn: IsoDateSchema.optional(),
  /** Due date of the last instalment of the schedule. */
  endsOn: IsoDateSchema,
  /**
   * BdF plan under an unanswered formal notice: the last day of its period (formalNoticeOn + 15
   * days, R732-2; the day of the notice does not count); lapsed from the next day.
   */
  lapsesOn: IsoDateSchema.optional(),
  /** When the status may change with no new record (the server's daily recheck, PLAN6). */
  recheckOn: IsoDateSchema.optional(),
});
export type PlanState = z.infer<typeof PlanStateSchema>;

/** One line of the coordinators' worklist (GET /api/plans/worklist). No personal data but the file reference. */
export const PlanWorklistItemSchema = z.object({
  planId: EntityIdSchema,
  householdId: EntityIdSchema,
  /** The dossier's own reference (RL-2026-0042), what a coordinator quotes to a counsellor. */
  householdReference: z.string().optional(),
  welcomePointId: EntityIdSchema.nullable(),
  counsellorId: z.string().nullable(),
  kind: PlanKindSchema,
  status: PlanStatusSchema,
  failing: z.boolean(),
  missedCount: z.number().int().min(0),
  arrearsCents: SignedCentsSchema,
  nextDueOn: IsoDateSchema.nullable(),
  endsOn: IsoDateSchema,
  lapsesOn: IsoDateSchema.nullable(),
});
export type PlanWorklistItem = z.infer<typeof PlanWorklistItemSchema>;

export const PlanWorklistQuerySchema = z.object({
  /** Which lists: by status, or `failing`. Several may be given; none = late, formal notice, lapsed, ending soon. */
  status: z.array(z.union([PlanStatusSchema, z.literal('failing')])).optional(),
  welcomePoint: z.array(EntityIdSchema).optional(),
  limit: z.number().int().min(1).max(500).default(100),
  /** Opaque cursor from the previous page. */
  after: z.string().max(200).optional(),
});
export type PlanWorklistQuery = z.infer<typeof PlanWorklistQuerySchema>;

export const PlanWorklistResponseSchema = z.object({
  items: z.array(PlanWorklistItemSchema),
  /** Counts by status over the filter's welcome points (the tabs' badges). */
  counts: z.record(z.string(), z.number().int().min(0)),
  next: z.string().optional(),
});
export type PlanWorklistResponse = z.infer<typeof PlanWorklistResponseSchema>;
