/**
 * The sync protocol between devices and the server, as zod schemas shared by both sides
 * (docs/sync-protocol.md gives the rules, each with an id the tests cite).
 *
 * - Push: a device sends its outbox in order, at most MAX_PUSH_MUTATIONS mutations or
 *   MAX_PUSH_BYTES per request, at least once; the server applies each (deviceId, seq) at most
 *   once and answers `ackSeq`, the highest contiguous seq it has durably recorded.
 * - Pull: changed rows after an opaque cursor (a commit-ordered server sequence), whole rows
 *   with their server version and field versions, tombstones included; the open conflicts of
 *   the caller's scope on the last page.
 * - Accounts: setup of the first admin, login, sessions, welcome points and users, in
 *   accounts-protocol.ts (re-exported here, so this module stays the one index of the contract).
 */
import { z } from 'zod';
import { EntityIdSchema } from '../household/ids';
import { UuidSchema } from '../ids';
import { EntityNameSchema } from './entities';
import { HlcSchema } from './hlc';
import { DeviceIdSchema, UserIdSchema } from './row-meta';

/** Bumped when a request or response changes incompatibly. */
export const PROTOCOL_VERSION = 1 as const;
/** The oldest protocol the server still accepts. */
export const MIN_PROTOCOL_VERSION = 1 as const;

export const MAX_PUSH_MUTATIONS = 500;
/**
 * Push bodies above this many bytes on the wire are refused with 413 before parsing. Bodies may
 * be sent with `Content-Encoding: gzip` (500 mutations of a few fields take about 280 kB of JSON
 * with UUID ids, about 60 kB gzipped); the limit applies to the bytes sent.
 */
export const MAX_PUSH_BYTES = 256 * 1024;
/** Cap on a push body once decompressed (a zip bomb is refused with 413). */
export const MAX_PUSH_DECODED_BYTES = 4 * 1024 * 1024;
export const DEFAULT_PULL_LIMIT = 500;
export const MAX_PULL_LIMIT = 2000;
/** A mutation's HLC may be at most this far ahead of the server clock; later stamps are clamped. */
export const MAX_CLOCK_AHEAD_MS = 5 * 60 * 1000;

// ---------------------------------------------------------------------------------------------
// Push

/**
 * What the server needs to deduplicate and acknowledge a mutation even when the rest of it is
 * invalid: its seq and mutationId. Everything else is checked per mutation, and a mutation that
 * fails is quarantined (kept verbatim, acknowledged), never rejected with the whole request.
 */
export const PushMutationEnvelopeSchema = z.looseObject({
  seq: z.number().int().min(1),
  mutationId: UuidSchema,
});
export type PushMutationEnvelope = z.infer<typeof PushMutationEnvelopeSchema>;

export const PushRequestSchema = z.object({
  protocolVersion: z.number().int().min(MIN_PROTOCOL_VERSION),
  /** The device database schema (informational; each mutation carries its own shape version). */
  schemaVersion: z.number().int().min(0),
  appVersion: z.string().min(1).max(50),
  deviceId: DeviceIdSchema,
  /** Mutations in increasing seq order. */
  mutations: z.array(PushMutationEnvelopeSchema).max(MAX_PUSH_MUTATIONS),
});
export type PushRequest = z.infer<typeof PushRequestSchema>;

/**
 * `redirected` (MERGE9): the mutation named a household a coordinator merged into another; it was
 * applied to the survivor (`redirectedTo`), as `applied` otherwise.
 */
export const MutationStatusSchema = z.enum([
  'applied',
  'duplicate',
  'conflict-recorded',
  'quarantined',
  'redirected',
]);
export type MutationStatus = z.infer<typeof MutationStatusSchema>;

export const QuarantineReasonSchema = z.enum([
  'invalid-mutation',
  'upcast-failed',
  'invalid-patch',
  'schema-invalid',
  'unknown-row',
  'unknown-household',
  'household-mismatch',
  'append-only',
  'transition-not-allowed',
  /** The household moved out of the pusher's welcome points before the change arrived (AUTH6b). */
  'left-scope',
  /**
   * The household was erased (docs/household-rights.md RIGHT6): the change is refused and not
   * kept (no quarantine record: it would hold the erased person's data again).
   */
  'erased-household',
]);
export type QuarantineReason = z.infer<typeof QuarantineReasonSchema>;

export const MutationResultSchema = z.object({
  seq: z.number().int().min(1),
  mutationId: z.string(),
  status: MutationStatusSchema,
  /** The row's server version after this mutation (absent when quarantined). */
  version: z.number().int().min(0).optional(),
  /** Conflicts this mutation opened or joined. */
  conflictIds: z.array(z.string()).optional(),
  /** Conflicts this mutation resolved (it was based on the latest version of the field). */
  resolvedConflictIds: z.array(z.string()).optional(),
  reason: QuarantineReasonSchema.optional(),
  /** For `redirected`: the surviving household the mutation was applied to (MERGE9). */
  redirectedTo: EntityIdSchema.optional(),
  /** For a duplicate: the result recorded when the mutation was first processed. */
  original: z
    .object({
      status: MutationStatusSchema,
      version: z.number().int().min(0).optional(),
      reason: QuarantineReasonSchema.optional(),
    })
    .optional(),
});
export type MutationResult = z.infer<typeof MutationResultSchema>;

export const PushResponseSchema = z.object({
  /**
   * Highest contiguous seq durably recorded for this device. Outbox entries with seq ≤ ackSeq
   * may move to the sent-log. Lower than what the device already saw acknowledged ⇒ the server
   * was restored from a backup: re-push from the sent-log starting at ackSeq + 1.
   */
  ackSeq: z.number().int().min(0),
  /** One result per processed mutation, in request order (stops at a gap). */
  results: z.array(MutationResultSchema),
  /** Set when a mutation's seq skipped ahead: resend from this seq. */
  expectedSeq: z.number().int().min(1).optional(),
  /** Server clock, Unix ms, to measure the device's clock offset. */
  serverTime: z.number().int(),
});
export type PushResponse = z.infer<typeof PushResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Pull

/**
 * Opaque to devices: store it and send it back. Absent or null means "from the start". Inside:
 * the server's sequence epoch (changed when the server is restored from a backup, so old cursors
 * are recognised) and the change sequence number.
 */
export const CursorSchema = z.string().regex(/^c1\.\d{1,10}\.\d{1,15}$/, 'not a sync cursor');
export type Cursor = z.infer<typeof CursorSchema>;

/** @example encodeCursor(7, 42) // 'c1.7.42' */
export function encodeCursor(epoch: number, seq: number): Cursor {
  return `c1.${epoch}.${seq}`;
}

/** @example decodeCursor('c1.7.42') // { epoch: 7, seq: 42 } */
export function decodeCursor(cursor: Cursor | null | undefined): { epoch: number | null; seq: number } {
  if (cursor === null || cursor === undefined) return { epoch: null, seq: 0 };
  const [, epoch, seq] = cursor.split('.');
  return { epoch: Number(epoch), seq: Number(seq) };
}

export const PullRequestSchema = z.object({
  protocolVersion: z.number().int().min(MIN_PROTOCOL_VERSION),
  schemaVersion: z.number().int().min(0),
  appVersion: z.string().min(1).max(50),
  deviceId: DeviceIdSchema,
  cursor: CursorSchema.nullable().optional(),
  limit: z.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
});
export type PullRequest = z.input<typeof PullRequestSchema>;

/** The same request as query parameters (GET /api/sync/pull). */
export const PullQuerySchema = z.object({
  protocolVersion: z.coerce.number().int().min(MIN_PROTOCOL_VERSION),
  schemaVersion: z.coerce.number().int().min(0),
  appVersion: z.string().min(1).max(50),
  deviceId: DeviceIdSchema,
  cursor: CursorSchema.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
});

/** One changed row: its whole current state (RowMeta included: version, fieldVersions, deleted). */
export const ChangeSchema = z.object({
  /** Server sequence of the row's latest change. */
  seq: z.number().int().min(1),
  entity: EntityNameSchema,
  row: z.looseObject({
    id: EntityIdSchema,
    householdId: EntityIdSchema,
    version: z.number().int().min(1),
    fieldVersions: z.record(z.string(), z.number().int().min(0)),
    deleted: z.boolean(),
  }),
});
export type Change = z.infer<typeof ChangeSchema>;

export const ConflictValueSchema = z.object({
  /** The value written; null when the field was absent (or, for `deleted`, the tombstone flag). */
  value: z.unknown(),
  userId: UserIdSchema,
  deviceId: DeviceIdSchema,
  /** The writer's display name (users table), so a device can say who; absent from older servers. */
  userDisplayName: z.string().optional(),
  /** The writing device's label, when it sent one at registration (login); absent otherwise. */
  deviceLabel: z.string().optional(),
  hlc: HlcSchema,
  /** When the server received it, Unix ms. */
  serverTime: z.number().int(),
  /** The server field version this value got (or would have got, for a losing value). */
  version: z.number().int().min(0).optional(),
  mutationId: z.string().optional(),
});
export type ConflictValue = z.infer<typeof ConflictValueSchema>;

/**
 * `merge-redirect` (MERGE9): a field edited offline on a merged household from its pre-merge
 * version disagrees with the value the coordinator kept on the survivor. `duplicate-child`
 * (MERGE4): the merge kept two children that look the same; the field is `deleted`, and keeping
 * or deleting the merged one resolves it like an edit-vs-delete conflict.
 */
export const ConflictKindSchema = z.enum([
  'concurrent-edit',
  'edit-vs-delete',
  'merge-redirect',
  'duplicate-child',
]);

export const ConflictSchema = z.object({
  id: z.string(),
  entity: EntityNameSchema,
  entityId: EntityIdSchema,
  householdId: EntityIdSchema,
  field: z.string(),
  kind: ConflictKindSchema,
  status: z.enum(['open', 'resolved']),
  /** Every competing value, oldest first; the row holds the provisional winner. */
  values: z.array(ConflictValueSchema).min(2),
  openedAt: z.number().int(),
  resolvedAt: z.number().int().optional(),
  resolvedBy: UserIdSchema.optional(),
});
export type Conflict = z.infer<typeof ConflictSchema>;

export const PullResponseSchema = z.object({
  changes: z.array(ChangeSchema),
  /**
   * Households that left the caller's scope (moved to a welcome point the caller does not have),
   * in sequence with the changes. *(client)* Drop the household and its rows once no outbox entry
   * refers to it (push first).
   */
  scopeRemovals: z.array(z.object({ householdId: EntityIdSchema, seq: z.number().int().min(1) })).optional(),
  /**
   * Households a coordinator erased (RGPD art. 17, docs/household-rights.md RIGHT5), for every
   * device whatever its scope, in sequence with the changes. *(client)* Drop the household, its
   * rows, drafts and outbox entries at once (unsent changes to it are dropped and counted).
   */
  erasures: z.array(z.object({ householdId: EntityIdSchema, seq: z.number().int().min(1) })).optional(),
  nextCursor: CursorSchema,
  hasMore: z.boolean(),
  /**
   * Server sequence numbers after this page, up to the head when the page was read: an upper
   * bound of the changes still to pull (changes outside the caller's scope and rows changed again
   * count too), 0 on the last page. Devices turn it into a progress fraction. Optional: older
   * servers omit it (PULL11).
   */
  remaining: z.number().int().min(0).optional(),
  /** Every open conflict of the caller's scope: present on the last page (hasMore false). */
  conflicts: z.array(ConflictSchema).optional(),
  /** The server's last recorded seq for this device (compare with the sent-log, §9.10). */
  deviceLastSeq: z.number().int().min(0),
  /**
   * The cursor is from before a restore of the server (another epoch, or ahead of the server):
   * push everything, then pull again from the start (cursor null) and rebase pending entries.
   */
  resetRequired: z.boolean().optional(),
  serverTime: z.number().int(),
});
export type PullResponse = z.infer<typeof PullResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Conflict resolution is an ordinary mutation (no schema of its own): a `patch` of the conflicted
// field whose base field version is the field's current server version (the value may equal the
// current one). The server applies it and closes the open conflict (rule CONF4). For an
// edit-vs-delete conflict the field is `deleted` (a `delete` or a `restore` mutation).

// ---------------------------------------------------------------------------------------------
// Quarantine (coordinators)

/**
 * `?status=` of `GET /quarantine` and `GET /device-alerts` (QUAR3, DEV1): the open items (the
 * default), the handled ones, or all of them.
 */
export const SupervisionStatusSchema = z.enum(['open', 'handled', 'all']);
export type SupervisionStatus = z.infer<typeof SupervisionStatusSchema>;

/** The query of `GET /quarantine` and `GET /device-alerts`. */
export const SupervisionListQuerySchema = z.object({
  status: SupervisionStatusSchema.default('open'),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/**
 * Who marked an item handled, by name (QUAR3): the handler's `username` and `displayName`, null
 * while the item is open or when that account no longer exists (`handledBy` keeps the id).
 */
const HandlerNamesSchema = {
  handledByUsername: z.string().nullable(),
  handledByDisplayName: z.string().nullable(),
};

export const QuarantineItemSchema = z.object({
  id: z.string(),
  deviceId: z.string(),
  seq: z.number().int(),
  mutationId: z.string(),
  userId: z.string(),
  householdId: z.string().nullable(),
  entity: z.string().nullable(),
  reason: QuarantineReasonSchema,
  detail: z.string(),
  /** The mutation exactly as received. */
  payload: z.unknown(),
  receivedAt: z.number().int(),
  /** Who pushed it (null only if the account no longer exists). */
  username: z.string().nullable(),
  displayName: z.string().nullable(),
  /** The pushing device's label (AUTH9), null when none. */
  deviceName: z.string().nullable(),
  /** QUAR3: when and by whom (user id) it was marked handled; null while open. */
  handledAt: z.number().int().nullable(),
  handledBy: z.string().nullable(),
  ...HandlerNamesSchema,
});
export type QuarantineItem = z.infer<typeof QuarantineItemSchema>;

/** `GET /quarantine`. */
export const QuarantineListSchema = z.object({ items: z.array(QuarantineItemSchema) });

// ---------------------------------------------------------------------------------------------
// Device alerts (coordinators, rule DEV1)

/**
 * DEV1's reasons, and WIPE7's: a device erased itself on an admin's order, as lost (nothing was
 * pushed) or withdrawn (it pushed first).
 */
export const DeviceAlertReasonSchema = z.enum([
  'reported-by-device',
  'recent-activity',
  'wiped-lost',
  'wiped-withdrawn',
]);

export const DeviceAlertSchema = z.object({
  id: z.string(),
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  /** The device id the person signed in with for the first time; null for a wipe (WIPE7). */
  newDeviceId: z.string().nullable(),
  /** The earlier device that may hold changes the server never received. */
  previousDeviceId: z.string(),
  reason: DeviceAlertReasonSchema,
  /** When the previous device last pushed (or registered), Unix ms. */
  previousLastSeenAt: z.number().int(),
  /** The previous device's last applied (acknowledged) seq. */
  previousLastSeq: z.number().int(),
  createdAt: z.number().int(),
  handledAt: z.number().int().nullable(),
  handledBy: z.string().nullable(),
  ...HandlerNamesSchema,
  /** The devices' labels (AUTH9), null when none. */
  newDeviceName: z.string().nullable(),
  previousDeviceName: z.string().nullable(),
  /** WIPE7: the changes the erased device still held unsent, and their households (ids only). */
  pendingChanges: z.number().int().nullable(),
  pendingHouseholdIds: z.array(z.string()).nullable(),
});
export type DeviceAlert = z.infer<typeof DeviceAlertSchema>;

/** `GET /device-alerts`. */
export const DeviceAlertListSchema = z.object({ alerts: z.array(DeviceAlertSchema) });

// ---------------------------------------------------------------------------------------------
// Accounts: accounts-protocol.ts; the coordinator's console: coordination-protocol.ts
export * from './accounts-protocol';
