/** A person of the household (Cerfa 13594 p.1-2). */
import { z } from 'zod';
import { ageOn, type IsoDate, IsoDateSchema } from '../dates';
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

/**
 * The age of majority: eighteen full years (Code civil, art. 414, « La majorité est fixée à
 * dix-huit ans accomplis », since the loi n° 74-631 of 5 July 1974). A minor of the household
 * does not give consent for themselves.
 */
export const AGE_OF_MAJORITY_YEARS = 18;

/**
 * Whether the person is an adult on a date: every member has a birth date (MemberSchema), so
 * age alone decides, whatever the role (an applicant typed as born 2015 is not an adult).
 * @example isAdultOn({ birthDate: '2008-07-02' }, '2026-07-01') // false: 18 the next day
 */
export function isAdultOn(member: { readonly birthDate: IsoDate }, on: IsoDate): boolean {
  return ageOn(member.birthDate, on) >= AGE_OF_MAJORITY_YEARS;
}
