/**
 * The accounts part of the sync protocol (docs/sync-protocol.md, AUTH1–AUTH10), as zod schemas
 * shared by the device and the server: roles, user names and passwords, welcome points, the first
 * start (setup), login, the device label, and `/auth/me`. Re-exported by protocol.ts, the index
 * of the whole wire contract.
 */
import { z } from 'zod';
import { EntityIdSchema } from '../household/ids';
import { DeviceIdSchema } from './row-meta';

export const RoleSchema = z.enum(['volunteer', 'counsellor', 'coordinator', 'admin']);
export type Role = z.infer<typeof RoleSchema>;

/** Roles that see every household, whatever its welcome point. */
export const ALL_SCOPE_ROLES: readonly Role[] = ['coordinator', 'admin'];

export const UsernameSchema = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9._@-]+$/, 'lower-case letters, digits and . _ @ -');
export const PasswordSchema = z.string().min(10, 'at least 10 characters').max(200);

export const WelcomePointSchema = z.object({
  id: EntityIdSchema,
  name: z.string().min(1).max(200),
  archived: z.boolean(),
});
export type WelcomePoint = z.infer<typeof WelcomePointSchema>;

export const UserSchema = z.object({
  id: z.string(),
  username: UsernameSchema,
  displayName: z.string().min(1).max(200),
  role: RoleSchema,
  welcomePointIds: z.array(EntityIdSchema),
  disabled: z.boolean(),
});
export type User = z.infer<typeof UserSchema>;

export const SetupRequestSchema = z.object({
  username: UsernameSchema,
  password: PasswordSchema,
  displayName: z.string().min(1).max(200),
});

export const LoginRequestSchema = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(200),
  /** The device's id (meta.deviceId); registered to this user on first login. */
  deviceId: DeviceIdSchema,
  /**
   * The device's label as typed in Settings now (AUTH9): stored as the device's name at every
   * login; an empty string clears it; absent leaves the stored name as it is.
   */
  deviceName: z.string().max(200).optional(),
  /**
   * The device id this device had before its dossier database was lost (kept by the app outside
   * that database), sent when `deviceId` is new. Older apps omit it. Rule DEV1.
   */
  previousDeviceId: DeviceIdSchema.optional(),
  /**
   * The device id this device had before it was emptied for a change of user (ADR 0009), sent
   * at the first login after the switch. A new id after a switch is not a lost device: the
   * server raises no `recent-activity` alert for it (DEV1). Older apps omit it.
   */
  switchedFromDeviceId: DeviceIdSchema.optional(),
});

/** AUTH9: `PATCH /auth/device` renames the session's device (null or "" clears the label). */
export const DeviceRenameRequestSchema = z.object({
  name: z.string().max(200).nullable(),
});

export const DeviceRenameResponseSchema = z.object({
  deviceId: DeviceIdSchema,
  name: z.string().nullable(),
});

/** A label as stored: trimmed, and no label at all rather than an empty one. */
export function normaliseDeviceName(name: string | null | undefined): string | null {
  const trimmed = name?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/**
 * The welcome points a person may place a household in (AUTH6), with their names: their own for
 * volunteers and counsellors, every one (archived included, flagged) for coordinators and admins.
 * Optional: older servers omit it, and devices then fall back to `user.welcomePointIds`.
 */
export const SessionWelcomePointsSchema = z.array(WelcomePointSchema).optional();

export const LoginResponseSchema = z.object({
  /** Bearer token: send as `Authorization: Bearer <token>`. Keep it: it works offline-later. */
  token: z.string(),
  expiresAt: z.number().int(),
  user: UserSchema,
  welcomePoints: SessionWelcomePointsSchema,
});
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

/** `GET /auth/me`: the session's person, device and expiry, and their welcome points (AUTH10). */
export const MeResponseSchema = z.object({
  user: UserSchema,
  deviceId: DeviceIdSchema,
  expiresAt: z.number().int(),
  welcomePoints: SessionWelcomePointsSchema,
});
export type MeResponse = z.infer<typeof MeResponseSchema>;
