/**
 * The records the sync and account tables hold, as the server code reads and writes them
 * (camelCase, booleans, parsed JSON). The tables' columns and their conversions are in
 * row-mappers.ts; the statements in the *-tx.ts files of each aggregate.
 */
import type { Role } from '../../../src/domain/sync/protocol';

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  disabled: boolean;
  welcomePointIds: string[];
  createdAt: number;
  updatedAt: number;
}

export interface WelcomePointRecord {
  id: string;
  name: string;
  archived: boolean;
  createdAt: number;
}

export interface DeviceRecord {
  deviceId: string;
  userId: string;
  name: string | null;
  lastSeq: number;
  createdAt: number;
  lastSeenAt: number;
}

export interface SessionRecord {
  id: string;
  tokenHash: string;
  userId: string;
  deviceId: string;
  createdAt: number;
  expiresAt: number;
  lastUsedAt: number;
  revokedAt: number | null;
}

/** Who last set a field: version, device, user, HLC, server time. */
export interface FieldMeta {
  v: number;
  d: string;
  u: string;
  h: string;
  t: number;
  /**
   * CONF3, review fields: other devices' writes of the same value that no write has seen yet
   * (sync-server/src/sync/review-frontier.ts).
   */
  also?: FieldMeta[];
}

export interface StoredRow {
  entity: string;
  id: string;
  householdId: string;
  version: number;
  seq: number;
  deleted: boolean;
  /** Entity fields and tombstone fields, without the sync metadata. */
  data: Record<string, unknown>;
  fieldMeta: Record<string, FieldMeta>;
  updatedHlc: string;
}

export interface AppliedRecord {
  deviceId: string;
  seq: number;
  mutationId: string | null;
  userId: string;
  payload: unknown;
  result: unknown;
  appliedAt: number;
}

export interface FieldHistoryRecord {
  id: string;
  entity: string;
  entityId: string;
  householdId: string;
  field: string;
  value: unknown;
  version: number;
  userId: string;
  deviceId: string;
  hlc: string;
  serverTime: number;
  reason: string;
  byMutation: string;
  recordedAt: number;
}

export interface ConflictRecord {
  id: string;
  entity: string;
  entityId: string;
  householdId: string;
  field: string;
  kind: 'concurrent-edit' | 'edit-vs-delete' | 'merge-redirect' | 'duplicate-child';
  status: 'open' | 'resolved';
  values: unknown[];
  openedAt: number;
  resolvedAt: number | null;
  resolvedBy: string | null;
  resolvedByMutation: string | null;
}

export interface QuarantineRecord {
  id: string;
  deviceId: string;
  seq: number;
  mutationId: string;
  userId: string;
  householdId: string | null;
  entity: string | null;
  reason: string;
  detail: string;
  payload: unknown;
  receivedAt: number;
}

/** A quarantine record with what a coordinator reads: who, which device, whether handled (QUAR3). */
export interface QuarantineView extends QuarantineRecord {
  /** The pushing user's names (null only if the account no longer exists). */
  username: string | null;
  displayName: string | null;
  /** The device label set in Settings (AUTH9), null when none. */
  deviceName: string | null;
  handledAt: number | null;
  handledBy: string | null;
  /** The handler's names (QUAR3), null while open or when that account no longer exists. */
  handledByUsername: string | null;
  handledByDisplayName: string | null;
}

/** Which items a supervision list returns (QUAR3): open ones, handled ones, or all. */
export type SupervisionFilter = { status: 'open' | 'handled' | 'all'; limit: number };

export type DeviceAlertReason = 'reported-by-device' | 'recent-activity' | 'wiped-lost' | 'wiped-withdrawn';

/** DEV1: a user signed in with a new device id while an earlier device may hold lost changes. */
export interface DeviceAlertRecord {
  id: string;
  userId: string;
  /** Null for a wipe alert (WIPE7): no new device. */
  newDeviceId: string | null;
  previousDeviceId: string;
  reason: DeviceAlertReason;
  /** The previous device as the server last knew it: last seen (push) time, last applied seq. */
  previousLastSeenAt: number;
  previousLastSeq: number;
  createdAt: number;
  handledAt: number | null;
  handledBy: string | null;
  /** WIPE7: the erased device's unsent changes and their household ids; null for DEV1. */
  pendingChanges: number | null;
  pendingHouseholdIds: string[] | null;
}

/** A device alert with the names a coordinator reads. */
export interface DeviceAlertView extends DeviceAlertRecord {
  username: string;
  displayName: string;
  /** The device labels set in Settings (AUTH9), null when none or unknown. */
  newDeviceName: string | null;
  previousDeviceName: string | null;
  /** The handler's names, null while open or when that account no longer exists. */
  handledByUsername: string | null;
  handledByDisplayName: string | null;
}

/** A household's match profile (DUP1), as detection stored it; `profile` is a MatchProfile. */
export interface MatchProfileRecord {
  householdId: string;
  profile: unknown;
  fingerprint: string;
  updatedAt: number;
}

/** 'open': proposed; 'not_duplicate': a coordinator's decision (DUP2); 'below': kept, not proposed. */
export type DuplicatePairStatus = 'open' | 'not_duplicate' | 'below';

/** One scored pair of households, `householdA < householdB` (duplicate_candidates). */
export interface DuplicatePairRecord {
  householdA: string;
  householdB: string;
  score: number;
  /** MatchReason[] (src/domain/sync/coordination-protocol.ts), field by field. */
  reasons: unknown[];
  status: DuplicatePairStatus;
  /** The two profiles' fingerprints the pair was scored (or decided) on. */
  fingerprintA: string;
  fingerprintB: string;
  decidedBy: string | null;
  decidedAt: number | null;
  decisionReason: string | null;
  updatedAt: number;
}

/** A household as detection reads it: its scope row and its live rows of the compared entities. */
export interface MatchSource {
  householdId: string;
  welcomePointId: string | null;
  mergedInto: string | null;
  /** The household row's data; undefined when it is deleted or was never pushed. */
  household: Record<string, unknown> | undefined;
  members: Record<string, unknown>[];
  debts: Record<string, unknown>[];
  creditors: Record<string, unknown>[];
}

/** One merge command as household_merges keeps it (docs/merges.md MERGE5–MERGE7). */
export interface MergeRecord {
  mergeId: string;
  survivorId: string;
  mergedId: string;
  status: 'active' | 'undone';
  reason: string;
  /** The choices as sent and what they kept (sync/../merges/merge-plan.ts `MergeChoices`). */
  choices: unknown;
  /** Both households and all their rows before the merge (`MergeSnapshot`). */
  snapshot: unknown;
  /** The response, replayed for a repeated mergeId (MERGE2). */
  result: unknown;
  mergedBy: string;
  mergedAt: number;
  /** The change seq the merge's writes start after. */
  mergeSeq: number;
  undoneBy: string | null;
  undoneAt: number | null;
  undoReason: string | null;
  undoResult: unknown;
}

/** A merge with the names the audit log shows (MERGE7). */
export interface MergeLogRecord extends MergeRecord {
  mergedByDisplayName: string | null;
  undoneByDisplayName: string | null;
  redirects: number;
}

/** A mutation pushed for a merged household and applied to its survivor (MERGE9). */
export interface MergeRedirectRecord {
  mutationId: string;
  mergeId: string;
  fromHouseholdId: string;
  toHouseholdId: string;
  entity: string;
  entityId: string;
  deviceId: string;
  userId: string;
  at: number;
}
