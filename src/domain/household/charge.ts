/** A charge line (Cerfa 13594 p.4 plus counsellor extras). */
import { z } from 'zod';
import { FrequencySchema } from '../budget/monthly-amount';
import { CentsSchema } from '../money';
import { ForfaitKindSchema } from '../parameters/commission-forfaits';
import { EntityIdSchema } from './ids';

export const ChargeTypeSchema = z.enum([
  'rent',
  'co_ownership',
  'care_home',
  'income_tax',
  'housing_tax',
  'property_tax',
  'alimony_paid',
  'home_insurance',
  'other_insurance',
  'mutuelle',
  'energy',
  'heating',
  'water',
  'telecom',
  'childcare',
  'school',
  'work_transport',
  'transport',
  'food_living',
  'housing_costs',
  'other',
]);
export type ChargeType = z.infer<typeof ChargeTypeSchema>;

/**
 * How the commission counts the line (R731-3): at its real amount, at its real amount up to
 * a ceiling (work travel), or replaced by a flat rate of the commission's table.
 */
export const ChargeModeSchema = z.enum(['real', 'capped_real', 'forfait']);
export type ChargeMode = z.infer<typeof ChargeModeSchema>;

export const ChargeSchema = z
  .object({
    id: EntityIdSchema,
    type: ChargeTypeSchema,
    /** Declared amount per period, cents. */
    amountCents: CentsSchema,
    frequency: FrequencySchema,
    mode: ChargeModeSchema,
    /** Ceiling of a 'capped_real' line, cents per month (the commission's ceiling). */
    capMonthlyCents: CentsSchema.optional(),
    /** Flat rate replacing a 'forfait' line; defaults by type (food_living → base...). */
    forfaitKind: ForfaitKindSchema.optional(),
    /** Proof supplied. Without proof the commission applies its scale (R731-3). */
    hasProof: z.boolean().optional(),
    label: z.string().max(200).optional(),
  })
  .refine((c) => c.mode !== 'capped_real' || c.capMonthlyCents !== undefined, {
    message: 'a capped_real charge needs capMonthlyCents',
    path: ['capMonthlyCents'],
  });
export type Charge = z.infer<typeof ChargeSchema>;
