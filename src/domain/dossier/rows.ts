/**
 * Row schemas: how each entity is stored on the device and sent between devices. A row is the
 * entity schema (issue 3's household schemas, the dossier schemas of this folder) plus
 * `householdId` and the sync metadata (RowMetaSchema). The household document of
 * src/domain/household nests its entities; on the device each entity is its own row.
 */
import { z } from 'zod';
// '../../domain/sync/' and not '../sync/': biome's layer rule bans '../sync/*' (meant for src/sync,
// the app's sync client) and that pattern also matches src/domain/sync from this folder.
import type { EntityName } from '../../domain/sync/entities';
import { type RowMetaKey, RowMetaSchema } from '../../domain/sync/row-meta';
import { IsoDateSchema } from '../dates';
import { AssetSchema } from '../household/asset';
import { ChargeSchema } from '../household/charge';
import { CreditorSchema } from '../household/creditor';
import { DebtSchema } from '../household/debt';
import { HouseholdSchema } from '../household/household';
import { EntityIdSchema } from '../household/ids';
import { MemberSchema } from '../household/member';
import { ResourceSchema } from '../household/resource';
import { UuidSchema } from '../ids';
import { MicrocreditSchema } from '../plans/microcredit';
import { PlanPaymentSchema, PlanSchema } from '../plans/plan';
import { WorkshopSchema } from '../workshops/workshop';
import { ActionSchema } from './action';
import { AppointmentSchema } from './appointment';
import { ConsentSchema } from './consent';
import { DebtDocumentSchema } from './debt-documents';
import { DossierMetaSchema } from './dossier-meta';
import { NoteSchema } from './note';
import { ScenarioSchema } from './scenario';

const household = HouseholdSchema.shape;

/** The household's own fields: the engine's scalar fields and the dossier meta. */
export const HouseholdEntitySchema = z.object({
  id: household.id,
  schemaVersion: household.schemaVersion,
  territory: household.territory,
  departement: household.departement,
  housingStatus: household.housingStatus,
  evictionProcedure: household.evictionProcedure,
  ...DossierMetaSchema.shape,
  /**
   * Set by the server only, on the tombstone of a household a coordinator merged into another
   * (docs/merges.md MERGE5): the survivor's id, chains already followed, and the merge. A device
   * that pulls it moves what it holds of this household to the survivor (MERGE8); a push that sets
   * either field is refused.
   */
  mergedInto: EntityIdSchema.optional(),
  mergeId: UuidSchema.optional(),
});

/** A legal protection measure (Cerfa 13594, identity of each filer). */
export const LegalProtectionSchema = z.enum(['none', 'curatelle', 'tutelle', 'sauvegarde_de_justice']);
export type LegalProtection = z.infer<typeof LegalProtectionSchema>;

/**
 * A member as stored: the engine's member plus the surname, which the engine does not need but
 * intake, search and duplicate checks do, and the member's legal protection measure (the Banque
 * de France preparation: a protected person files on paper, with the guardian).
 * TODO(issue 3 owner): move lastName into MemberSchema if the engine documents should carry it.
 */
export const MemberEntitySchema = MemberSchema.extend({
  /** The usage name (nom d'usage), the name the person goes by. */
  lastName: z.string().max(200).optional(),
  /** The birth name (nom de naissance) when it differs from the usage name (duplicate checks). */
  birthName: z.string().max(200).optional(),
  legalProtection: LegalProtectionSchema.optional(),
});

/**
 * A creditor as stored: the engine's creditor plus its postal address (free lines of text, as on
 * the creditor's letters: a department, a PO box…) and the household's file reference with it.
 * The engine reads neither.
 */
export const CreditorEntitySchema = CreditorSchema.extend({
  address: z.string().max(500).optional(),
  reference: z.string().max(100).optional(),
});

/**
 * A debt as stored: the engine's debt plus the supporting documents the counsellor has ticked
 * (debt-documents.ts), its reference and first unpaid date, which the engine does not read.
 */
export const DebtEntitySchema = DebtSchema.extend({
  documentsProvided: z.array(DebtDocumentSchema).optional(),
  /** The contract or file reference of this debt at the creditor. */
  reference: z.string().max(100).optional(),
  /** First unpaid instalment not made good (the forclusion check, C. consom. R312-35). */
  firstUnpaidOn: IsoDateSchema.optional(),
});

export const HouseholdRowSchema = z
  .intersection(HouseholdEntitySchema, RowMetaSchema)
  .refine((row) => row.householdId === row.id, {
    message: 'a household row is its own household',
    path: ['householdId'],
  });
export const MemberRowSchema = z.intersection(MemberEntitySchema, RowMetaSchema);
export const ResourceRowSchema = z.intersection(ResourceSchema, RowMetaSchema);
export const ChargeRowSchema = z.intersection(ChargeSchema, RowMetaSchema);
export const AssetRowSchema = z.intersection(AssetSchema, RowMetaSchema);
export const CreditorRowSchema = z.intersection(CreditorEntitySchema, RowMetaSchema);
export const DebtRowSchema = z.intersection(DebtEntitySchema, RowMetaSchema);
export const NoteRowSchema = z.intersection(NoteSchema, RowMetaSchema);
export const ActionRowSchema = z.intersection(ActionSchema, RowMetaSchema);
export const ScenarioRowSchema = z.intersection(ScenarioSchema, RowMetaSchema);
export const AppointmentRowSchema = z.intersection(AppointmentSchema, RowMetaSchema);
export const ConsentRowSchema = z.intersection(ConsentSchema, RowMetaSchema);
export const PlanRowSchema = z.intersection(PlanSchema, RowMetaSchema);
export const PlanPaymentRowSchema = z.intersection(PlanPaymentSchema, RowMetaSchema);
export const MicrocreditRowSchema = z.intersection(MicrocreditSchema, RowMetaSchema);
/** A workshop session is a root: its own scope, like a household (WS1). */
export const WorkshopRowSchema = z
  .intersection(WorkshopSchema, RowMetaSchema)
  .refine((row) => row.householdId === row.id, {
    message: 'a workshop row is its own scope',
    path: ['householdId'],
  });

/** The row schema of each entity. */
export const ROW_SCHEMAS = {
  household: HouseholdRowSchema,
  member: MemberRowSchema,
  resource: ResourceRowSchema,
  charge: ChargeRowSchema,
  asset: AssetRowSchema,
  creditor: CreditorRowSchema,
  debt: DebtRowSchema,
  note: NoteRowSchema,
  action: ActionRowSchema,
  scenario: ScenarioRowSchema,
  appointment: AppointmentRowSchema,
  consent: ConsentRowSchema,
  plan: PlanRowSchema,
  plan_payment: PlanPaymentRowSchema,
  microcredit: MicrocreditRowSchema,
  workshop: WorkshopRowSchema,
} as const satisfies Record<EntityName, z.ZodType>;

export type RowOf<E extends EntityName> = z.infer<(typeof ROW_SCHEMAS)[E]>;
export type HouseholdRow = RowOf<'household'>;
export type MemberRow = RowOf<'member'>;
export type ResourceRow = RowOf<'resource'>;
export type ChargeRow = RowOf<'charge'>;
export type AssetRow = RowOf<'asset'>;
export type CreditorRow = RowOf<'creditor'>;
export type DebtRow = RowOf<'debt'>;
export type NoteRow = RowOf<'note'>;
export type ActionRow = RowOf<'action'>;
export type ScenarioRow = RowOf<'scenario'>;
export type AppointmentRow = RowOf<'appointment'>;
export type ConsentRow = RowOf<'consent'>;
export type PlanRow = RowOf<'plan'>;
export type PlanPaymentRow = RowOf<'plan_payment'>;
export type MicrocreditRow = RowOf<'microcredit'>;
export type WorkshopRow = RowOf<'workshop'>;
export type AnyRow = RowOf<EntityName>;

/** `Omit` applied to each member of a union (Asset and Action are unions). */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** `Partial` applied to each member of a union. */
export type DistributivePartial<T> = T extends unknown ? Partial<T> : never;

/** The editable fields of an entity: the row without its id, householdId and sync metadata. */
export type FieldsOf<E extends EntityName> = DistributiveOmit<RowOf<E>, RowMetaKey>;
/** A partial edit of an entity's fields (`undefined` removes an optional field). */
export type PatchOf<E extends EntityName> = DistributivePartial<FieldsOf<E>>;

/**
 * Every field name a schema knows: the keys of its objects, through intersections, unions (all
 * their options) and pipes. The server drops what is not among them from a mutation's patch
 * before anything is decided or stored (INPUT3 in docs/sync-protocol.md).
 */
function fieldNamesOf(schema: z.ZodType): Set<string> {
  if (schema instanceof z.ZodObject) return new Set(Object.keys(schema.shape));
  if (schema instanceof z.ZodIntersection) {
    const { left, right } = schema.def;
    return new Set([...fieldNamesOf(left as z.ZodType), ...fieldNamesOf(right as z.ZodType)]);
  }
  if (schema instanceof z.ZodUnion) {
    return new Set((schema.options as readonly z.ZodType[]).flatMap((option) => [...fieldNamesOf(option)]));
  }
  if (schema instanceof z.ZodPipe) return fieldNamesOf(schema.in as z.ZodType);
  throw new TypeError(`fieldNamesOf: no field names in a ${schema.def.type} schema`);
}

const rowFields = new Map<EntityName, ReadonlySet<string>>();

/**
 * The fields of an entity's row (sync metadata included), from its row schema; computed on first
 * use, so a schema shape fieldNamesOf does not know fails the server's push and the domain tests,
 * never the app's start.
 * @example rowFieldsOf('note').has('text') // true
 */
export function rowFieldsOf(entity: EntityName): ReadonlySet<string> {
  let fields = rowFields.get(entity);
  if (fields === undefined) {
    fields = fieldNamesOf(ROW_SCHEMAS[entity]);
    rowFields.set(entity, fields);
  }
  return fields;
}
