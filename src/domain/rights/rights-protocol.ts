/**
 * The household's rights and retention on the wire (docs/household-rights.md RIGHT1–RIGHT12): the
 * erasure command and its result, the export document's envelope, the retention setting and the
 * anonymisation runs. Shared by the server's routes and the coordinator's and admin's screens.
 */
import { z } from 'zod';
import { EntityIdSchema } from '../household/ids';

/**
 * The grounds of RGPD art. 17(1) a coordinator records with an erasure (RIGHT4): a code, never a
 * free text, so the erasure record holds nothing about the person.
 */
export const ERASURE_GROUNDS = [
  /** (a) no longer necessary for the purpose it was collected for */
  'no-longer-needed',
  /** (b) the person withdrew the consent the processing rested on */
  'consent-withdrawn',
  /** (c) the person objected to the processing */
  'objection',
  /** (d) the data was processed unlawfully */
  'unlawful',
  /** (e) a legal obligation requires the erasure */
  'legal-obligation',
] as const;
export const ErasureGroundSchema = z.enum(ERASURE_GROUNDS);
export type ErasureGround = z.infer<typeof ErasureGroundSchema>;

export const ErasureRequestSchema = z.object({
  ground: ErasureGroundSchema,
  /**
   * What the coordinator typed to confirm (RIGHT3): the dossier's reference, or the first 8
   * characters of its id when it has none (`erasureConfirmationOf`).
   */
  confirmation: z.string().min(1).max(100),
});
export type ErasureRequest = z.infer<typeof ErasureRequestSchema>;

/** The text a coordinator types to confirm an erasure of this household (RIGHT3). */
export function erasureConfirmationOf(household: { id: string; reference?: string | undefined }): string {
  const reference = household.reference?.trim();
  return reference !== undefined && reference !== '' ? reference : household.id.slice(0, 8);
}

export const ErasureResultSchema = z.object({
  householdId: EntityIdSchema,
  erasedAt: z.number().int(),
  /** The change seq devices learn it at (RIGHT5). */
  seq: z.number().int().min(1),
  /** What was deleted or re-keyed, per table: counts only. */
  counts: z.record(z.string(), z.number().int().min(0)),
  /** A repeated request: the first erasure's receipt (RIGHT4). */
  alreadyErased: z.boolean(),
});
export type ErasureResult = z.infer<typeof ErasureResultSchema>;

/** Why an erasure is refused (409): a Banque de France decision is awaited (RIGHT7). */
export const ErasureRefusalSchema = z.object({
  error: z.literal('erasure_refused'),
  reason: z.enum(['bdf-procedure-ongoing', 'merged-household']),
  message: z.string(),
});
export type ErasureRefusal = z.infer<typeof ErasureRefusalSchema>;

/** The export document's format (RIGHT2); bump the version when a section changes shape. */
export const HOUSEHOLD_EXPORT_FORMAT = 'relais-household-export';
export const HOUSEHOLD_EXPORT_VERSION = 1;

const Section = z.array(z.record(z.string(), z.unknown()));

/** The export (RIGHT1, RIGHT2): every section a list of plain records; see docs/household-rights.md. */
export const HouseholdExportSchema = z.object({
  format: z.literal(HOUSEHOLD_EXPORT_FORMAT),
  formatVersion: z.literal(HOUSEHOLD_EXPORT_VERSION),
  exportedAt: z.string(),
  householdId: EntityIdSchema,
  /** Households merged into this one: their rows are this one's now, their history is exported too. */
  mergedHouseholdIds: z.array(EntityIdSchema),
  rows: Section,
  fieldHistory: Section,
  conflicts: Section,
  quarantine: Section,
  merges: Section,
  mergeRedirects: Section,
  duplicateCandidates: Section,
  duplicateDecisions: Section,
  planStates: Section,
  anonymisations: Section,
  /** Who pulled, changed, exported or erased it: absent where the access log is not kept. */
  accessLog: Section.optional(),
  /** Exports of this household made before this one (RIGHT2). */
  exports: Section,
});
export type HouseholdExport = z.infer<typeof HouseholdExportSchema>;

/** The association's retention period after a dossier's closing (RIGHT8). */
export const DEFAULT_RETENTION_YEARS = 5;
export const RetentionSettingSchema = z.object({ years: z.number().int().min(1).max(30) });
export type RetentionSetting = z.infer<typeof RetentionSettingSchema>;

export const RetentionViewSchema = z.object({
  years: z.number().int().min(1).max(30),
  /** True while no admin has set it: the default applies. */
  isDefault: z.boolean(),
  updatedAt: z.number().int().optional(),
});
export type RetentionView = z.infer<typeof RetentionViewSchema>;

export const AnonymisationRunSchema = z.object({
  runId: z.string(),
  origin: z.enum(['job', 'cli']),
  startedAt: z.number().int(),
  finishedAt: z.number().int().nullable(),
  cutoff: z.string(),
  households: z.number().int().min(0),
});
export type AnonymisationRun = z.infer<typeof AnonymisationRunSchema>;
export const AnonymisationRunsSchema = z.object({ runs: z.array(AnonymisationRunSchema) });
