/** A creditor, referenced by debts. */
import { z } from 'zod';
import { EntityIdSchema } from './ids';

export const CreditorCategorySchema = z.enum([
  'landlord',
  'credit_institution',
  'utility',
  'tax',
  'social_body',
  'private_individual',
  'other',
]);
export type CreditorCategory = z.infer<typeof CreditorCategorySchema>;

export const CreditorSchema = z.object({
  id: EntityIdSchema,
  name: z.string().min(1).max(200),
  category: CreditorCategorySchema,
});
export type Creditor = z.infer<typeof CreditorSchema>;
