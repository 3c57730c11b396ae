/**
 * Administration requests (admin role, rule AUTH8): the bodies of /api/admin, shared by the
 * server's routes and the app's Administration screen (src/sync/admin-api.ts), so both check the
 * same rules. Kept apart from protocol.ts so they ship with that screen's lazy chunk only.
 */
import { z } from 'zod';
import { EntityIdSchema } from '../household/ids';
import { LEGAL_PARAMETER_KINDS, LegalParameterEntrySchema } from '../parameters/legal-parameter-entries';
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

/** One logged change of a legal parameter (Administration › Paramètres légaux, ADR 0018). */
export const LegalParameterChangeSchema = z.object({
  id: z.string(),
  parameterId: z.string(),
  kind: z.enum(LEGAL_PARAMETER_KINDS),
  action: z.enum(['created', 'updated', 'deleted']),
  userId: z.string(),
  userName: z.string(),
  at: z.number(),
  oldEntry: LegalParameterEntrySchema.nullable(),
  newEntry: LegalParameterEntrySchema.nullable(),
});
export type LegalParameterChange = z.infer<typeof LegalParameterChangeSchema>;

/** `GET /api/admin/legal-parameters`: the entries, their version and the latest changes. */
export const AdminLegalParametersSchema = z.object({
  version: z.number().int(),
  entries: z.array(LegalParameterEntrySchema),
  changes: z.array(LegalParameterChangeSchema),
});
export type AdminLegalParameters = z.infer<typeof AdminLegalParametersSchema>;
