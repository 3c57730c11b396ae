/**
 * The access log (issue 16, docs/access-log.md ALOG1–ALOG8): who pulled, changed, opened,
 * exported or erased which household. Shared by the server (sync-server/src/access-log/), the
 * device's sync of dossier openings (src/sync/access-openings-sync.ts) and the admin screen
 * (src/sync/admin-api.ts). Ids, an action and counts only: nothing personal (ALOG2).
 */
import { z } from 'zod';
import { EntityIdSchema } from '../household/ids';
import { UuidV7Schema } from '../ids';

/**
 * What was done. `pull`, `push` and `open` name one household each; `export` (the right of
 * access, art. 15), `erase` (art. 17) and `anonymise` (retention) too; `dossier_export` (the
 * anonymised dossier CSV) and `report_export` (the activity report's CSV) cover the network
 * and name none (ALOG1).
 */
export const ACCESS_ACTIONS = [
  'pull',
  'push',
  'open',
  'export',
  'erase',
  'anonymise',
  'dossier_export',
  'report_export',
] as const;
export const AccessActionSchema = z.enum(ACCESS_ACTIONS);
export type AccessAction = z.infer<typeof AccessActionSchema>;

/**
 * ALOG2: an entry's detail is counts only (rows sent, mutations, households exported): a count
 * cannot carry a name, a phone number or a label, whatever a caller puts in it.
 */
export const AccessDetailSchema = z.record(
  z.string().regex(/^[a-z][A-Za-z]{0,39}$/),
  z.number().int().min(0),
);
export type AccessDetail = z.infer<typeof AccessDetailSchema>;

/** One dossier opening as a device sends it (ALOG4): its own UUIDv7 makes a resend harmless. */
export const AccessOpeningSchema = z.object({
  id: UuidV7Schema,
  householdId: EntityIdSchema,
  /** Unix ms, on the device's clock. */
  at: z.number().int().min(0),
});
export type AccessOpening = z.infer<typeof AccessOpeningSchema>;

/** At most this many openings per request; the device sends more in several. */
export const MAX_OPENINGS_PER_REQUEST = 500;

export const AccessOpeningsRequestSchema = z.object({
  openings: z.array(AccessOpeningSchema).max(MAX_OPENINGS_PER_REQUEST),
});
export type AccessOpeningsRequest = z.infer<typeof AccessOpeningsRequestSchema>;

/**
 * ALOG5: `recorded` openings are in the log (a resent one counts again), `refused` name a
 * household outside the caller's welcome points (or unknown to the server) and were dropped.
 * Either way the device may forget them: sending them again would change nothing.
 */
export const AccessOpeningsResponseSchema = z.object({
  recorded: z.number().int().min(0),
  refused: z.number().int().min(0),
});
export type AccessOpeningsResponse = z.infer<typeof AccessOpeningsResponseSchema>;

export const ACCESS_LOG_PAGE_SIZE = 50;

/** ALOG6: the admin's query. `from` and `to` are Unix ms (to exclusive). */
export const AccessLogQuerySchema = z.object({
  householdId: EntityIdSchema.optional(),
  userId: EntityIdSchema.optional(),
  from: z.coerce.number().int().min(0).optional(),
  to: z.coerce.number().int().min(0).optional(),
  cursor: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(ACCESS_LOG_PAGE_SIZE),
});
export type AccessLogQuery = z.input<typeof AccessLogQuerySchema>;

export const AccessLogEntrySchema = z.object({
  id: z.string(),
  at: z.number().int(),
  userId: z.string(),
  /** The person's display name, read at query time (the log itself holds the id only). */
  userDisplayName: z.string().nullable(),
  deviceId: z.string().nullable(),
  /** The device label set in Settings (AUTH9), read at query time; null when none. */
  deviceName: z.string().nullable(),
  action: AccessActionSchema,
  householdId: z.string().nullable(),
  detail: AccessDetailSchema,
});
export type AccessLogEntry = z.infer<typeof AccessLogEntrySchema>;

export const AccessLogPageSchema = z.object({
  entries: z.array(AccessLogEntrySchema),
  /** The next (older) page's cursor; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type AccessLogPage = z.infer<typeof AccessLogPageSchema>;
