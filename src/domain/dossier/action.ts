/**
 * The actions log of a dossier: what was done for the household, when, and what came of it.
 * One row per action; an answer that comes later is recorded on the action (one field, set
 * once), a Banque de France decision is its own action row pointing at the filing. A correction
 * or a cancellation is a new revision row (see ActionRevisionSchema).
 */
import { z } from 'zod';
import { IsoDateSchema } from '../dates';
import { EntityIdSchema } from '../household/ids';
import { CentsSchema } from '../money';

export const ActionStatusSchema = z.enum(['planned', 'in_progress', 'sent', 'answered', 'done', 'cancelled']);
export type ActionStatus = z.infer<typeof ActionStatusSchema>;

/** What a creditor or an office answered to a request. */
export const AnswerOutcomeSchema = z.enum([
  'accepted',
  'partially_accepted',
  'refused',
  'counter_proposal',
  'no_answer',
]);

/** A creditor's or an office's answer to a request. */
export const AnswerSchema = z.object({
  date: IsoDateSchema,
  outcome: AnswerOutcomeSchema,
  details: z.string().max(4000).optional(),
});
export type Answer = z.infer<typeof AnswerSchema>;

/** Decisions of the Banque de France commission on a filing. */
export const BdfDecisionSchema = z.enum([
  'admissible',
  'inadmissible',
  'orientation_amicable_plan',
  'orientation_imposed_measures',
  'orientation_personal_recovery',
  'plan_agreed',
  'plan_failed',
  'measures_imposed',
  'personal_recovery_ordered',
  /** The judge ordered a PRP with judicial liquidation (rétablissement personnel avec liquidation). */
  'liquidation_ordered',
  'other',
]);
export type BdfDecision = z.infer<typeof BdfDecisionSchema>;

export const ProducedDocumentKindSchema = z.enum([
  'consent_form',
  'budget_summary',
  'bdf_file',
  'letter_to_creditor',
  'scenario_comparison',
  'other',
]);

/**
 * Why a revision of an action was written. An action is corrected or cancelled the way a note is
 * revised (note.ts): a new row whose `supersedes` names the revision it replaces, so nothing is
 * edited away, two counsellors never conflict, and the history keeps every version.
 */
export const ActionRevisionSchema = z.object({
  kind: z.enum(['correction', 'cancellation']),
  /** In the counsellor's words: what was wrong, or why the action is cancelled. */
  reason: z.string().min(1).max(2000).regex(/\S/, 'a reason is required'),
  /** When the revision was written, Unix ms. */
  writtenAt: z.number().int().min(0),
});
export type ActionRevision = z.infer<typeof ActionRevisionSchema>;

const base = {
  id: EntityIdSchema,
  /** The date the action happened or is planned for. */
  date: IsoDateSchema,
  status: ActionStatusSchema,
  details: z.string().max(4000).optional(),
  /** The revision of this action that this row replaces; absent on the first record. */
  supersedes: EntityIdSchema.optional(),
  /** Set on a correction or a cancellation: what it is and why. */
  revision: ActionRevisionSchema.optional(),
};

const MediationRequestSchema = z.object({
  ...base,
  kind: z.literal('mediation_request'),
  creditorId: EntityIdSchema.optional(),
  debtId: EntityIdSchema.optional(),
  answer: AnswerSchema.optional(),
});
const GracePeriodSchema = z.object({
  ...base,
  kind: z.literal('grace_period'),
  creditorId: EntityIdSchema.optional(),
  debtId: EntityIdSchema.optional(),
  months: z.number().int().min(1).max(24).optional(),
  answer: AnswerSchema.optional(),
});
const TaxReliefRequestSchema = z.object({
  ...base,
  kind: z.literal('tax_relief_request'),
  office: z.string().max(200).optional(),
  amountCents: CentsSchema.optional(),
  answer: AnswerSchema.optional(),
});
const BdfFilingSchema = z.object({ ...base, kind: z.literal('bdf_filing') });
const BdfDecisionActionSchema = z.object({
  ...base,
  kind: z.literal('bdf_decision'),
  decision: BdfDecisionSchema,
  /** The filing this decision answers. */
  filingId: EntityIdSchema.optional(),
});
const MicroCreditApplicationSchema = z.object({
  ...base,
  kind: z.literal('micro_credit_application'),
  lender: z.string().max(200).optional(),
  amountCents: CentsSchema.optional(),
  answer: AnswerSchema.optional(),
});
const BudgetWorkshopSchema = z.object({
  ...base,
  kind: z.literal('budget_workshop'),
  topic: z.string().max(200).optional(),
});
/** A complete budget diagnosis done with the household (the report's `diagnoses`, RPT2). */
const BudgetDiagnosisSchema = z.object({ ...base, kind: z.literal('budget_diagnosis') });
const DocumentProducedSchema = z.object({
  ...base,
  kind: z.literal('document_produced'),
  documentKind: ProducedDocumentKindSchema,
  title: z.string().max(200).optional(),
});

export const ActionSchema = z.discriminatedUnion('kind', [
  MediationRequestSchema,
  GracePeriodSchema,
  TaxReliefRequestSchema,
  BdfFilingSchema,
  BdfDecisionActionSchema,
  MicroCreditApplicationSchema,
  BudgetWorkshopSchema,
  DocumentProducedSchema,
  BudgetDiagnosisSchema,
]);
export type Action = z.infer<typeof ActionSchema>;
export type ActionKind = Action['kind'];
