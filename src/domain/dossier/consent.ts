/**
 * A consent given by the household (GDPR art. 6-7): what for, when, who recorded it, and when
 * it was withdrawn. A withdrawal sets `withdrawnAt`; the row is never deleted, it is the proof.
 */
import { z } from 'zod';
import { IsoDateSchema } from '../dates';
import { EntityIdSchema } from '../household/ids';

export const ConsentPurposeSchema = z.enum([
  'dossier_processing',
  'share_with_banque_de_france',
  'share_with_creditors',
  'share_with_social_worker',
  'contact_by_phone_or_email',
  'other',
]);
export type ConsentPurpose = z.infer<typeof ConsentPurposeSchema>;

export const ConsentSchema = z.object({
  id: EntityIdSchema,
  purpose: ConsentPurposeSchema,
  purposeDetails: z.string().max(500).optional(),
  /** The member who consented; absent for the household as a whole. */
  memberId: EntityIdSchema.optional(),
  /** The date the consent was given. */
  date: IsoDateSchema,
  /** User who recorded it. */
  recordedBy: z.string().min(1).max(100),
  /** The signed form was printed. */
  formPrinted: z.boolean().optional(),
  withdrawnAt: IsoDateSchema.optional(),
});
export type Consent = z.infer<typeof ConsentSchema>;
