/**
 * A personal micro-credit followed for a household (issue 15, docs/reports-and-plans.md MC1–MC3):
 * requested, the dossier instructed (sent to the lender with the association's opinion), granted or
 * refused, then repaid month by month. Once granted and until repaid its monthly payment is part of
 * the budget (MC2: `toHouseholdDocument` adds it as a loan's instalment).
 */
import { z } from 'zod';
import { IsoDateSchema } from '../dates';
import { EntityIdSchema } from '../household/ids';
import { CentsSchema } from '../money';

export const MicrocreditDecisionSchema = z.enum(['granted', 'refused']);
export type MicrocreditDecision = z.infer<typeof MicrocreditDecisionSchema>;

export const MicrocreditSchema = z.object({
  id: EntityIdSchema,
  /** What it is for (a car to get to work, a deposit…), in the counsellor's words. */
  purpose: z.string().max(500).optional(),
  requestedOn: IsoDateSchema,
  requestedAmountCents: CentsSchema.optional(),
  /** The dossier was instructed (complete, sent to the lender). */
  instructedOn: IsoDateSchema.optional(),
  decision: MicrocreditDecisionSchema.optional(),
  decidedOn: IsoDateSchema.optional(),
  lender: z.string().max(200).optional(),
  /** Granted: the amount lent, the duration, the monthly payment, the first payment's date. */
  amountCents: CentsSchema.optional(),
  months: z.number().int().min(1).max(120).optional(),
  monthlyPaymentCents: CentsSchema.optional(),
  firstPaymentOn: IsoDateSchema.optional(),
  /** Repayment followed: late payments reported, then repaid. */
  repaymentIssueOn: IsoDateSchema.optional(),
  repaidOn: IsoDateSchema.optional(),
  details: z.string().max(4000).optional(),
});
export type Microcredit = z.infer<typeof MicrocreditSchema>;

/** The pipeline stage, derived (MC1): one rule for the screens, the report and the export. */
export const MicrocreditStageSchema = z.enum(['requested', 'instructed', 'refused', 'repaying', 'repaid']);
export type MicrocreditStage = z.infer<typeof MicrocreditStageSchema>;

/**
 * The stage of a micro-credit.
 * @example microcreditStage({ id: 'm', requestedOn: '2026-01-05' }) // 'requested'
 */
export function microcreditStage(m: Microcredit): MicrocreditStage {
  if (m.decision === 'refused') return 'refused';
  if (m.decision === 'granted') return m.repaidOn === undefined ? 'repaying' : 'repaid';
  return m.instructedOn === undefined ? 'requested' : 'instructed';
}
