/** A person of the household (Cerfa 13594 p.1-2). */
import { z } from 'zod';
import { IsoDateSchema } from '../dates';
import { CentsSchema } from '../money';
import { EntityIdSchema } from './ids';

export const MemberRoleSchema = z.enum([
  'applicant',
  'co_applicant',
  'non_filing_spouse',
  'child',
  'other_dependent',
]);
export type MemberRole = z.infer<typeof MemberRoleSchema>;

/**
 * Where the person lives. 'full' and 'shared' (résidence alternée) count in the household;
 * 'elsewhere_alimony_paid' is a child living elsewhere for whom the debtor pays alimony: a
 * dependent for the barème (R3252-3) but not a member for the RSA or consumption units.
 */
export const CustodySchema = z.enum(['full', 'shared', 'elsewhere_alimony_paid']);
export type Custody = z.infer<typeof CustodySchema>;

export const MemberSchema = z.object({
  id: EntityIdSchema,
  role: MemberRoleSchema,
  firstName: z.string().max(200).optional(),
  birthDate: IsoDateSchema,
  custody: CustodySchema.optional(),
  /**
   * The person's own monthly resources when they are not listed as resource lines of the
   * household (e.g. a non-filing spouse's salary). Used for the dependent test: a spouse or
   * ascendant with resources below the single-person RSA is a dependent (R3252-3).
   */
  ownMonthlyResourcesCents: CentsSchema.optional(),
  /** Isolated parent or pregnant woman (RSA majoré, L262-9). Applicant only. */
  isIsolatedParent: z.boolean().optional(),
});
export type Member = z.infer<typeof MemberSchema>;
