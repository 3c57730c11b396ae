/**
 * Administration requests (admin role, rule AUTH8): the bodies of /api/admin, shared by the
 * server's routes and the app's Administration screen (src/sync/admin-api.ts), so both check the
 * same rules. Kept apart from protocol.ts so they ship with that screen's lazy chunk only.
 */
import { z } from 'zod';
import { EntityIdSchema } from '../household/ids';
import { PasswordSchema, RoleSchema, UsernameSchema } from './protocol';

export const WelcomePointNameSchema = z.string().min(1).max(200);
export const DisplayNameSchema = z.string().min(1).max(200);

export const NewWelcomePointSchema = z.object({
  id: EntityIdSchema.optional(),
  name: WelcomePointNameSchema,
});
export const WelcomePointPatchSchema = z.object({
  name: WelcomePointNameSchema.optional(),
  archived: z.boolean().optional(),
});
export type WelcomePointPatch = z.infer<typeof WelcomePointPatchSchema>;

export const NewUserSchema = z.object({
  username: UsernameSchema,
  displayName: DisplayNameSchema,
  password: PasswordSchema,
  role: RoleSchema,
  welcomePointIds: z.array(EntityIdSchema).max(100).default([]),
});
export type NewUser = z.input<typeof NewUserSchema>;

export const UserPatchSchema = z.object({
  displayName: DisplayNameSchema.optional(),
  password: PasswordSchema.optional(),
  role: RoleSchema.optional(),
  welcomePointIds: z.array(EntityIdSchema).max(100).optional(),
  disabled: z.boolean().optional(),
});
export type UserPatch = z.infer<typeof UserPatchSchema>;

/** A user's session as the admin API lists it (never the token). */
export const AdminSessionSchema = z.object({
  id: z.string(),
  deviceId: z.string(),
  createdAt: z.number(),
  expiresAt: z.number(),
  lastUsedAt: z.number(),
  revokedAt: z.number().nullable(),
});
export type AdminSession = z.infer<typeof AdminSessionSchema>;
