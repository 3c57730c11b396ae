/**
 * Sync metadata carried by every synced row (sync-design §9.2). `version` and `fieldVersions`
 * are assigned by the server: a row made on the device has version 0 and no field versions
 * until the server acknowledges it; the device sends them back as the base of its edits.
 */
import { z } from 'zod';
import { EntityIdSchema } from '../household/ids';
import { HlcSchema } from './hlc';

export const DeviceIdSchema = z.string().min(1).max(100);
export const UserIdSchema = z.string().min(1).max(100);

/** Unix time in milliseconds. */
export const EpochMsSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const OriginSchema = z.object({ deviceId: DeviceIdSchema, userId: UserIdSchema });
export type Origin = z.infer<typeof OriginSchema>;

export const RowMetaSchema = z.object({
  id: EntityIdSchema,
  /** The household the row belongs to (its own id for a household): the scope partition key. */
  householdId: EntityIdSchema,
  /** Server row version; 0 until the server has it. */
  version: z.number().int().min(0),
  /** Server version that last set each field. */
  fieldVersions: z.record(z.string(), z.number().int().min(0)),
  /** Tombstone: rows are never hard-deleted on the sync path (§9.7). */
  deleted: z.boolean(),
  deletedAt: EpochMsSchema.optional(),
  deletedBy: UserIdSchema.optional(),
  /** HLC of the last change to the row. */
  updatedHlc: HlcSchema,
  /** Wall-clock time of the last change (the HLC's physical part), Unix ms. */
  updatedAt: EpochMsSchema,
  /** Who made the last change, from which device. */
  origin: OriginSchema,
});
export type RowMeta = z.infer<typeof RowMetaSchema>;

/** Fields that are metadata, never part of a mutation's field patch. */
export const ROW_META_KEYS = [
  'id',
  'householdId',
  'version',
  'fieldVersions',
  'deleted',
  'deletedAt',
  'deletedBy',
  'updatedHlc',
  'updatedAt',
  'origin',
] as const satisfies readonly (keyof RowMeta)[];
export type RowMetaKey = (typeof ROW_META_KEYS)[number];

/** The tombstone fields a delete or restore mutation patches. */
export const TOMBSTONE_KEYS = ['deleted', 'deletedAt', 'deletedBy'] as const;
