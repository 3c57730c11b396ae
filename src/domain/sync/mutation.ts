/**
 * The mutation a device records in its outbox and pushes to the server (sync-design §9.3,
 * issue 6). One mutation per row change, written in the same IndexedDB transaction as the row.
 *
 * `patch` holds only the changed top-level fields, with JSON Merge Patch semantics at the top
 * level (RFC 7396): a value replaces the field (nested objects are replaced whole), `null`
 * removes an optional field. `base` is what the device had when it edited: the row version and
 * the version of each patched field, so the server can detect concurrent edits per field.
 */
import { z } from 'zod';
import { EntityIdSchema } from '../household/ids';
import { UuidSchema } from '../ids';
import { EntityNameSchema } from './entities';
import { HlcSchema } from './hlc';
import { checkInputRules } from './input-rules';
import { DeviceIdSchema, EpochMsSchema, UserIdSchema } from './row-meta';

// DO NOT CHANGE THE SHAPE OF A PATCH WITHOUT BUMPING THIS: the server upcasts old mutations.
export const MUTATION_SCHEMA_VERSION = 1 as const;

export const MutationOpSchema = z.enum(['create', 'patch', 'delete', 'restore']);
export type MutationOp = z.infer<typeof MutationOpSchema>;

export const MutationBaseSchema = z.object({
  version: z.number().int().min(0),
  fieldVersions: z.record(z.string(), z.number().int().min(0)),
});
export type MutationBase = z.infer<typeof MutationBaseSchema>;

const MutationObjectSchema = z.object({
  /** Per-device, gapless, from 1. The server dedupes on (deviceId, seq). */
  seq: z.number().int().min(1),
  /** Global idempotency key (UUIDv7). */
  mutationId: UuidSchema,
  deviceId: DeviceIdSchema,
  userId: UserIdSchema,
  op: MutationOpSchema,
  entity: EntityNameSchema,
  entityId: EntityIdSchema,
  householdId: EntityIdSchema,
  patch: z.record(z.string(), z.unknown()),
  base: MutationBaseSchema,
  hlc: HlcSchema,
  /** Shape version of `patch` (MUTATION_SCHEMA_VERSION when written). */
  schemaVersion: z.number().int().min(1),
  appVersion: z.string().min(1).max(50),
});

function checkOp(m: { op: MutationOp; patch: Record<string, unknown> }, ctx: z.RefinementCtx): void {
  // INPUT1, INPUT2: no control character, no lone surrogate, no deep nesting, in any field.
  checkInputRules(m, ctx);
  if (m.op === 'delete' && m.patch.deleted !== true) {
    ctx.addIssue({ code: 'custom', message: 'a delete sets deleted: true', path: ['patch', 'deleted'] });
  }
  if (m.op === 'restore' && m.patch.deleted !== false) {
    ctx.addIssue({ code: 'custom', message: 'a restore sets deleted: false', path: ['patch', 'deleted'] });
  }
}

export const MutationSchema = MutationObjectSchema.superRefine(checkOp);
export type Mutation = z.infer<typeof MutationSchema>;

export const OutboxStateSchema = z.enum(['pending', 'inflight']);

/** A mutation as kept in the device outbox, with its delivery bookkeeping. */
export const OutboxEntrySchema = MutationObjectSchema.extend({
  state: OutboxStateSchema,
  attempts: z.number().int().min(0),
  lastError: z.string().optional(),
  /** When the change was made on this device, Unix ms. */
  createdAt: EpochMsSchema,
}).superRefine(checkOp);
export type OutboxEntry = z.infer<typeof OutboxEntrySchema>;

/**
 * The mutation to push, without the device-local bookkeeping.
 * @example toMutation(entry).seq === entry.seq
 */
export function toMutation(entry: OutboxEntry): Mutation {
  const {
    state: _state,
    attempts: _attempts,
    lastError: _lastError,
    createdAt: _createdAt,
    ...mutation
  } = entry;
  return mutation;
}
