/**
 * The household document: the dossier a counsellor fills in. The device store keeps each
 * entity as its own row (members, resources, charges, assets, creditors, debts all carry an
 * id); this schema validates the assembled document and the references between rows.
 */
import { z } from 'zod';
import { AssetSchema } from './asset';
import { ChargeSchema } from './charge';
import { CreditorSchema } from './creditor';
import { DebtSchema } from './debt';
import { EntityIdSchema } from './ids';
import { MemberSchema } from './member';
import { ResourceSchema } from './resource';
import { DepartementSchema, HousingStatusSchema, TerritorySchema } from './territory';

// DO NOT CHANGE THE SHAPE WITHOUT BUMPING schemaVersion: stored dossiers need a migration.
export const HOUSEHOLD_SCHEMA_VERSION = 1 as const;

const HouseholdObjectSchema = z.object({
  id: EntityIdSchema,
  schemaVersion: z.literal(HOUSEHOLD_SCHEMA_VERSION),
  territory: TerritorySchema,
  departement: DepartementSchema,
  housingStatus: HousingStatusSchema,
  /** An eviction procedure is under way (R721-3). */
  evictionProcedure: z.boolean().optional(),
  members: z.array(MemberSchema).min(1),
  resources: z.array(ResourceSchema),
  charges: z.array(ChargeSchema),
  assets: z.array(AssetSchema),
  creditors: z.array(CreditorSchema),
  debts: z.array(DebtSchema),
});

function duplicateIds(items: readonly { id: string }[]): number[] {
  const seen = new Set<string>();
  const duplicates: number[] = [];
  items.forEach((item, index) => {
    if (seen.has(item.id)) duplicates.push(index);
    seen.add(item.id);
  });
  return duplicates;
}

export const HouseholdSchema = HouseholdObjectSchema.superRefine((h, ctx) => {
  const applicants = h.members.filter((m) => m.role === 'applicant').length;
  if (applicants !== 1) {
    ctx.addIssue({
      code: 'custom',
      message: `exactly one applicant expected, found ${applicants}`,
      path: ['members'],
    });
  }
  const partners = h.members.filter(
    (m) => m.role === 'co_applicant' || m.role === 'non_filing_spouse',
  ).length;
  if (partners > 1) {
    ctx.addIssue({ code: 'custom', message: 'at most one co-applicant or spouse', path: ['members'] });
  }
  for (const key of ['members', 'resources', 'charges', 'assets', 'creditors', 'debts'] as const) {
    for (const index of duplicateIds(h[key])) {
      ctx.addIssue({ code: 'custom', message: 'duplicate id', path: [key, index, 'id'] });
    }
  }
  const memberIds = new Set(h.members.map((m) => m.id));
  h.resources.forEach((r, index) => {
    if (r.ownerMemberId !== undefined && !memberIds.has(r.ownerMemberId)) {
      ctx.addIssue({
        code: 'custom',
        message: 'unknown member',
        path: ['resources', index, 'ownerMemberId'],
      });
    }
  });
  const creditorIds = new Set(h.creditors.map((c) => c.id));
  h.debts.forEach((d, index) => {
    if (!creditorIds.has(d.creditorId)) {
      ctx.addIssue({ code: 'custom', message: 'unknown creditor', path: ['debts', index, 'creditorId'] });
    }
  });
});
export type Household = z.infer<typeof HouseholdSchema>;
