/** A debt (Cerfa 13594 p.6-11). */
import { z } from 'zod';
import { CentsSchema } from '../money';
import { EntityIdSchema } from './ids';

export const DebtProductSchema = z.enum([
  'mortgage',
  'amortising_loan',
  'revolving_credit',
  'overdraft',
  'lease',
  'rent_arrears',
  'current_charge_arrears',
  'energy_arrears',
  'tax_debt',
  'tax_fraud_debt',
  'alimony_arrears',
  'criminal_fine',
  'victim_damages',
  'social_fraud_debt',
  'guarantee_called',
  'family_loan',
  'micro_credit',
  'other',
]);
export type DebtProduct = z.infer<typeof DebtProductSchema>;

/** Who backs a debt: a natural person, a legal person, or nobody. */
export const GuarantorSchema = z.enum(['none', 'natural_person', 'legal_person']);

export const DebtSchema = z.object({
  id: EntityIdSchema,
  creditorId: EntityIdSchema,
  product: DebtProductSchema,
  /** Capital remaining due (including a balloon or residual value), cents. */
  capitalRemainingCents: CentsSchema,
  /** Unpaid instalments, cents. */
  arrearsCents: CentsSchema,
  /** Amount due now (exigible, e.g. after acceleration), cents. */
  amountDueNowCents: CentsSchema,
  /** Interest and fees accrued up to the cut-off date, cents. */
  accruedInterestCents: CentsSchema.optional(),
  /** Nominal annual rate, basis points (2.62 % = 262). */
  nominalRateBps: z.number().int().min(0).max(100_000),
  /** Contractual monthly instalment excluding insurance, cents (0 when none). */
  instalmentMonthlyCents: CentsSchema,
  /** Monthly borrower insurance, cents. */
  insuranceMonthlyCents: CentsSchema,
  remainingTermMonths: z.number().int().min(0).max(600).optional(),
  /** Balloon, in-fine or LOA residual value, cents. */
  balloonCents: CentsSchema.optional(),
  /** Joint and several with a co-debtor (count once in a joint file). */
  isJoint: z.boolean(),
  /** A guarantor backs the debt: natural person, legal person, or none. */
  guarantor: GuarantorSchema.optional(),
  enforcementInProgress: z.boolean(),
  /** Professional debt (sole trader): must first go to the court, see L711-3. */
  isProfessional: z.boolean().optional(),
  label: z.string().max(200).optional(),
});
export type Debt = z.infer<typeof DebtSchema>;
