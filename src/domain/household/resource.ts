/** A monthly-normalisable resource line (Cerfa 13594 p.3). */
import { z } from 'zod';
import { FrequencySchema } from '../budget/monthly-amount';
import { IsoDateSchema } from '../dates';
import { CentsSchema } from '../money';
import { EntityIdSchema } from './ids';

export const ResourceTypeSchema = z.enum([
  'salary',
  'pension',
  'alimony_received',
  'other_pension',
  'unemployment_benefit',
  'housing_benefit',
  'family_benefits',
  'ass',
  'rsa',
  'activity_bonus',
  'other_benefits',
  'life_annuity',
  'other_annuity',
  'daily_allowances',
  'rental_income',
  'capital_income',
  'other',
]);
export type ResourceType = z.infer<typeof ResourceTypeSchema>;

export const ResourceSchema = z.object({
  id: EntityIdSchema,
  type: ResourceTypeSchema,
  /** Member who receives it; absent for a household-level benefit. */
  ownerMemberId: EntityIdSchema.optional(),
  /** Net amount per period (after withholding tax), cents. */
  amountCents: CentsSchema,
  frequency: FrequencySchema,
  /** Irregular income (bonuses, interim): give the 12-month total as 'annual' and flag it. */
  regular: z.boolean(),
  startDate: IsoDateSchema.optional(),
  endDate: IsoDateSchema.optional(),
  /**
   * Whether the line enters the base of the seizure scale when the dossier restricts it
   * (option seizureBase = 'selected-lines'). Default true.
   */
  inSeizureBase: z.boolean().optional(),
  label: z.string().max(200).optional(),
});
export type Resource = z.infer<typeof ResourceSchema>;
