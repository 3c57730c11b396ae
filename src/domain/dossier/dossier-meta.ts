/**
 * What the workspace records about a dossier on top of the engine's household fields: the
 * track, the status, where and how the household came, how to reach it. Contact fields are
 * top-level (not one nested object) so the sync merges them field by field (sync-design §9.6).
 */
import { z } from 'zod';
import { IsoDateSchema } from '../dates';
import { EntityIdSchema } from '../household/ids';

/** The orientation of the dossier. */
export const TrackSchema = z.enum(['support', 'mediation', 'over_indebtedness']);
export type Track = z.infer<typeof TrackSchema>;

export const DossierStatusSchema = z.enum(['intake', 'active', 'awaiting_decision', 'follow_up', 'closed']);
export type DossierStatus = z.infer<typeof DossierStatusSchema>;

/** How the household came to the association. */
export const ReferralSourceSchema = z.enum(['walk_in', 'social_worker', 'bank_referral', 'other']);
export type ReferralSource = z.infer<typeof ReferralSourceSchema>;

export const PostalAddressSchema = z.object({
  line1: z.string().min(1).max(200),
  line2: z.string().max(200).optional(),
  postcode: z.string().regex(/^\d{5}$/, 'expected a 5-digit postcode'),
  city: z.string().min(1).max(100),
});
export type PostalAddress = z.infer<typeof PostalAddressSchema>;

/**
 * The household-level supporting documents of a Banque de France dossier (Cerfa 13594 list of
 * documents); the debt documents are in debt-documents.ts.
 */
export const HouseholdDocumentSchema = z.enum([
  'id_filer',
  'id_cofiler',
  'family_book',
  'payslips',
  'benefit_notices',
  'bank_statements',
  'tax_notice',
  'rent_receipt',
  'property_deed',
  'guardianship_judgment',
  'cause_letter',
]);
export type HouseholdDocument = z.infer<typeof HouseholdDocumentSchema>;

export const DossierMetaSchema = z.object({
  /** Undecided at intake. */
  track: TrackSchema.optional(),
  /** Why this track (shown in the follow-up). */
  trackReason: z.string().max(4000).optional(),
  status: DossierStatusSchema,
  welcomePointId: EntityIdSchema.optional(),
  /** The association's own file reference, e.g. "RL-2026-0042". */
  reference: z.string().min(1).max(40).optional(),
  referralSource: ReferralSourceSchema.optional(),
  referralDetails: z.string().max(500).optional(),
  /** Free text as typed; search and duplicate checks normalise it. */
  phone: z.string().min(1).max(40).optional(),
  email: z.email().max(200).optional(),
  address: PostalAddressSchema.optional(),
  /** User in charge of the dossier. */
  counsellorId: z.string().min(1).max(100).optional(),
  openedOn: IsoDateSchema,
  closedOn: IsoDateSchema.optional(),
  /** The cause of the over-indebtedness, as the client tells it (Cerfa 13594 p.11). */
  indebtednessCause: z.string().max(8000).optional(),
  /** The household-level supporting documents the counsellor has ticked as received. */
  documentsProvided: z.array(HouseholdDocumentSchema).optional(),
});
export type DossierMeta = z.infer<typeof DossierMetaSchema>;
