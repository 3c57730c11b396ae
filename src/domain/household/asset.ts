/** Assets (Cerfa 13594 p.5). */
import { z } from 'zod';
import { CentsSchema } from '../money';
import { EntityIdSchema } from './ids';

export const SavingsProductSchema = z.enum([
  'current_account',
  'livret_a',
  'ldd',
  'lep',
  'pel',
  'cel',
  'pea',
  'pee',
  'perp_perco',
  'life_insurance',
  'sci_shares',
  'other',
]);
export type SavingsProduct = z.infer<typeof SavingsProductSchema>;

const RealEstateSchema = z.object({
  id: EntityIdSchema,
  kind: z.literal('real_estate'),
  isMainResidence: z.boolean(),
  valueCents: CentsSchema,
  /** Ownership share, basis points (10 000 = full ownership). */
  shareBps: z.number().int().min(0).max(10_000),
  isIndivision: z.boolean().optional(),
  label: z.string().max(200).optional(),
});

const SavingsSchema = z.object({
  id: EntityIdSchema,
  kind: z.literal('savings'),
  product: SavingsProductSchema,
  balanceCents: CentsSchema,
  ownerMemberId: EntityIdSchema.optional(),
});

const VehicleSchema = z.object({
  id: EntityIdSchema,
  kind: z.literal('vehicle'),
  valueCents: CentsSchema,
  /** Leased (LOA/LLD): not owned. */
  isLeased: z.boolean(),
  label: z.string().max(200).optional(),
});

const OtherAssetSchema = z.object({
  id: EntityIdSchema,
  kind: z.literal('other'),
  valueCents: CentsSchema,
  label: z.string().max(200).optional(),
});

export const AssetSchema = z.discriminatedUnion('kind', [
  RealEstateSchema,
  SavingsSchema,
  VehicleSchema,
  OtherAssetSchema,
]);
export type Asset = z.infer<typeof AssetSchema>;
