/**
 * The coordinator's console over the sync server (issue 14, docs/merges.md): duplicate
 * candidates, the merge preview, the merge and unmerge commands and their audit log. Shared by
 * the server's routes (sync-server/src/routes/duplicates.ts and sync-server/src/routes/merges.ts)
 * and the app's client (src/sync/coordination-api.ts). Every route is online only, for coordinators and admins, except
 * `POST /coordination/duplicates/check` (the intake's online check), open to every signed-in
 * person on the households of their own scope.
 */
import { z } from 'zod';
import { EntityIdSchema } from '../household/ids';
import { UuidSchema } from '../ids';
import { EntityNameSchema } from './entities';
import { UserIdSchema } from './row-meta';

// ---------------------------------------------------------------------------------------------
// Duplicate candidates (DUP*)

/** The evidence a pair score adds up, field by field (src/domain/matching/score-pair.ts). */
export const MatchFieldSchema = z.enum([
  'name',
  'birth_date',
  'phone',
  'email',
  'address',
  'creditor_reference',
]);
export type MatchField = z.infer<typeof MatchFieldSchema>;

/** How well one field agreed. */
export const MatchLevelSchema = z.enum(['exact', 'phonetic', 'close', 'swapped', 'year_off', 'different']);
export type MatchLevel = z.infer<typeof MatchLevelSchema>;

/**
 * One reason of a pair's score: which field, how well it agreed, the weight it added (negative
 * for a disagreement), and the two values compared as the coordinator will read them.
 */
export const MatchReasonSchema = z.object({
  field: MatchFieldSchema,
  level: MatchLevelSchema,
  weight: z.number(),
  a: z.string().max(400),
  b: z.string().max(400),
});
export type MatchReason = z.infer<typeof MatchReasonSchema>;

export const DuplicateStatusSchema = z.enum(['open', 'not_duplicate']);

/** What the queue shows of one household of a pair (no budget, no debts: the review shows those). */
export const CandidateHouseholdSchema = z.object({
  id: EntityIdSchema,
  /** The association's file reference, when there is one. */
  reference: z.string().nullable(),
  /** The adults' names as recorded, e.g. "Zoé MARTIN, Paul MARTIN". */
  label: z.string(),
  welcomePointId: z.string().nullable(),
  welcomePointName: z.string().nullable(),
});

export const DuplicateCandidateSchema = z.object({
  householdA: CandidateHouseholdSchema,
  householdB: CandidateHouseholdSchema,
  score: z.number(),
  reasons: z.array(MatchReasonSchema),
  status: DuplicateStatusSchema,
  updatedAt: z.number().int(),
  decidedBy: z.string().nullable(),
  decidedAt: z.number().int().nullable(),
});
export type DuplicateCandidate = z.infer<typeof DuplicateCandidateSchema>;

/** `GET /coordination/duplicates`: the queue, highest score first. */
export const DuplicateListQuerySchema = z.object({
  status: DuplicateStatusSchema.default('open'),
  /** Pairs of which at least one household belongs to this welcome point. */
  welcomePointId: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const DuplicateListSchema = z.object({ candidates: z.array(DuplicateCandidateSchema) });

/** `POST /coordination/duplicates/not-duplicate` (DUP2): remembered per pair. */
export const NotDuplicateRequestSchema = z.object({
  householdA: EntityIdSchema,
  householdB: EntityIdSchema,
  reason: z.string().max(1000).optional(),
});

/** What the intake knows of a new household, for the online check (DUP3). */
export const MatchProbeSchema = z.object({
  people: z
    .array(
      z.object({
        firstName: z.string().max(200).optional(),
        lastName: z.string().max(200).optional(),
        birthName: z.string().max(200).optional(),
        birthDate: z.string().max(10).optional(),
      }),
    )
    .max(20),
  phones: z.array(z.string().max(40)).max(5),
  emails: z.array(z.string().max(200)).max(5),
  postcode: z.string().max(10).optional(),
  addressLine: z.string().max(200).optional(),
});
export type MatchProbe = z.infer<typeof MatchProbeSchema>;

/** `POST /coordination/duplicates/check`: households of the caller's scope that look like it. */
export const DuplicateCheckRequestSchema = z.object({
  probe: MatchProbeSchema,
  /** The household being checked, when it exists already (never proposed against itself). */
  excludeHouseholdId: EntityIdSchema.optional(),
});
export const DuplicateCheckResponseSchema = z.object({
  matches: z.array(
    z.object({
      householdId: EntityIdSchema,
      reference: z.string().nullable(),
      label: z.string(),
      score: z.number(),
      reasons: z.array(MatchReasonSchema),
    }),
  ),
});

/** `POST /coordination/duplicates/rescan` (admins): what the full rescan rebuilt (DUP1c). */
export const DuplicateRescanReportSchema = z.object({
  households: z.number().int(),
  profiles: z.number().int(),
  keys: z.number().int(),
  scored: z.number().int(),
  open: z.number().int(),
  decisionsKept: z.number().int(),
  decisionsLapsed: z.number().int(),
  ms: z.number().int(),
});
export type DuplicateRescanReport = z.infer<typeof DuplicateRescanReportSchema>;

export type DuplicateCheckResponse = z.infer<typeof DuplicateCheckResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Merge preview (MERGE4)

/** Which household's value a field of the survivor keeps. */
export const FieldPickSchema = z.enum(['survivor', 'merged']);
export type FieldPick = z.infer<typeof FieldPickSchema>;

/** A row as the review shows it: the stored row (RowMeta included) and when it last changed. */
export const ReviewRowSchema = z.object({
  entity: EntityNameSchema,
  row: z.looseObject({ id: EntityIdSchema, householdId: EntityIdSchema, deleted: z.boolean() }),
});

export const ReviewHouseholdSchema = z.object({
  household: z.looseObject({ id: EntityIdSchema }),
  /** Every live child row (people, resources, charges, assets, creditors, debts, notes…). */
  children: z.array(ReviewRowSchema),
  createdBy: z.object({ userId: z.string(), displayName: z.string().nullable() }),
  /** When the server first received the household, Unix ms. */
  createdAt: z.number().int().nullable(),
  welcomePoint: z.object({ id: z.string(), name: z.string() }).nullable(),
});

/** One household field whose values differ, with the default pick (the most recently changed). */
export const FieldDifferenceSchema = z.object({
  field: z.string(),
  survivorValue: z.unknown(),
  mergedValue: z.unknown(),
  /** When each value was last written (HLC wall time of the field's version), Unix ms. */
  survivorChangedAt: z.number().int().nullable(),
  mergedChangedAt: z.number().int().nullable(),
  defaultPick: FieldPickSchema,
});

/** Two children that look like the same thing (the same person, the same creditor and reference). */
export const ChildDuplicateSchema = z.object({
  entity: EntityNameSchema,
  survivorChildId: EntityIdSchema,
  mergedChildId: EntityIdSchema,
  why: z.enum(['same_person', 'same_creditor', 'same_debt_reference']),
});
export type ChildDuplicate = z.infer<typeof ChildDuplicateSchema>;

/** `GET /coordination/merge-preview?survivorId=&mergedId=`. */
export const MergePreviewQuerySchema = z.object({ survivorId: EntityIdSchema, mergedId: EntityIdSchema });
export const MergePreviewSchema = z.object({
  survivor: ReviewHouseholdSchema,
  merged: ReviewHouseholdSchema,
  differences: z.array(FieldDifferenceSchema),
  childDuplicates: z.array(ChildDuplicateSchema),
});
export type MergePreview = z.infer<typeof MergePreviewSchema>;

// ---------------------------------------------------------------------------------------------
// Merge and unmerge commands (MERGE5–MERGE7)

/**
 * What to do with two children that look the same: keep both (a conflict opens on the merged
 * one, for a counsellor to decide later), or keep the survivor's and tombstone the merged one
 * (its references, e.g. debts of a duplicate creditor, move to the kept one). Unmerge undoes both.
 */
export const ChildChoiceSchema = z.object({
  entity: EntityNameSchema,
  survivorChildId: EntityIdSchema,
  mergedChildId: EntityIdSchema,
  keep: z.enum(['both', 'survivor']),
});
export type ChildChoice = z.infer<typeof ChildChoiceSchema>;

/** `POST /coordination/merges`: idempotent by mergeId (MERGE2). */
export const MergeCommandSchema = z.object({
  mergeId: UuidSchema,
  survivorId: EntityIdSchema,
  mergedId: EntityIdSchema,
  /** Why (the audit log); required. */
  reason: z.string().trim().min(1).max(1000),
  /** Household fields whose values differ; a field not named keeps its default pick. */
  fieldChoices: z.record(z.string(), FieldPickSchema),
  /** One choice per child duplicate the preview listed: a merge that misses one is refused (400). */
  childChoices: z.array(ChildChoiceSchema),
});
export type MergeCommand = z.infer<typeof MergeCommandSchema>;

export const MergeResultSchema = z.object({
  mergeId: UuidSchema,
  survivorId: EntityIdSchema,
  mergedId: EntityIdSchema,
  status: z.enum(['active', 'undone']),
  mergedAt: z.number().int(),
  /** The children kept both (MERGE4): the conflicts it opened, or the one already open on such a child. */
  conflictIds: z.array(z.string()),
});
export type MergeResult = z.infer<typeof MergeResultSchema>;

/**
 * Why a merge or unmerge is refused (409): one of the households is already merged (the body
 * names the current survivor), the two are the same household, or (unmerge) a later merge
 * involving either household must be undone first (LIFO, the body names it). A household or
 * merge the server does not know is a 404, not a refusal; an unmerge of an undone merge returns
 * its stored result (idempotent), so neither has a reason here.
 */
export const MergeRefusalSchema = z.object({
  error: z.string(),
  reason: z.enum(['already-merged', 'same-household', 'merge-superseded', 'deleted-household']),
  survivorId: EntityIdSchema.optional(),
  laterMergeId: UuidSchema.optional(),
});
export type MergeRefusal = z.infer<typeof MergeRefusalSchema>;

/** `POST /coordination/merges/:mergeId/undo`. */
export const UnmergeCommandSchema = z.object({ reason: z.string().trim().min(1).max(1000) });

/** Something the unmerge could not place with certainty, left where it is for a person to check. */
export const UnmergeFlagSchema = z.object({
  entity: EntityNameSchema,
  entityId: EntityIdSchema,
  householdId: EntityIdSchema,
  /** 'field-edited-after-merge': a survivor field the merge set was edited since, kept as edited;
   * 'child-created-after-merge': a child made on the survivor after the merge stays there. */
  why: z.enum(['field-edited-after-merge', 'child-created-after-merge']),
  field: z.string().optional(),
});

export const UnmergeResultSchema = z.object({
  mergeId: UuidSchema,
  status: z.literal('undone'),
  undoneAt: z.number().int(),
  flags: z.array(UnmergeFlagSchema),
});
export type UnmergeResult = z.infer<typeof UnmergeResultSchema>;

/** One field's choice as the audit log keeps it: which side, and the value kept. */
export const KeptFieldSchema = z.object({ field: z.string(), pick: FieldPickSchema, value: z.unknown() });

/** `GET /coordination/merges?householdId=`: the audit log (MERGE7), newest first. */
export const MergeLogEntrySchema = z.object({
  mergeId: UuidSchema,
  survivorId: EntityIdSchema,
  mergedId: EntityIdSchema,
  status: z.enum(['active', 'undone']),
  reason: z.string(),
  mergedBy: z.object({ userId: UserIdSchema, displayName: z.string().nullable() }),
  mergedAt: z.number().int(),
  keptFields: z.array(KeptFieldSchema),
  childChoices: z.array(ChildChoiceSchema),
  /** Mutations pushed for the merged household and applied to the survivor since (MERGE9). */
  redirects: z.number().int().min(0),
  undoneBy: z.object({ userId: UserIdSchema, displayName: z.string().nullable() }).nullable(),
  undoneAt: z.number().int().nullable(),
  undoReason: z.string().nullable(),
  flags: z.array(UnmergeFlagSchema),
});
export type MergeLogEntry = z.infer<typeof MergeLogEntrySchema>;

export const MergeLogQuerySchema = z.object({
  householdId: EntityIdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const MergeLogSchema = z.object({ merges: z.array(MergeLogEntrySchema) });
