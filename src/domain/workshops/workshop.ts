/**
 * A budget workshop session (issue 15, docs/reports-and-plans.md WS1–WS3): a collective action of a
 * welcome point, not of one household. It is a root entity of the sync (like a household: its own
 * scope, `householdId === id`, its welcome point decides who sees it). Participants are households
 * of the workspace (by id; a merged one counts as its survivor) and/or an anonymous head count.
 */
import { z } from 'zod';
import { IsoDateSchema } from '../dates';
import { EntityIdSchema } from '../household/ids';

export const WorkshopSchema = z.object({
  id: EntityIdSchema,
  date: IsoDateSchema,
  welcomePointId: EntityIdSchema,
  /** Who ran it: a user id, or a partner's name typed in. */
  facilitatorUserId: z.string().min(1).max(100).optional(),
  facilitatorName: z.string().max(200).optional(),
  topic: z.string().min(1).max(200),
  durationMinutes: z
    .number()
    .int()
    .min(15)
    .max(8 * 60),
  participantHouseholdIds: z.array(EntityIdSchema).max(200),
  /** People who came without a dossier (not named). */
  anonymousParticipants: z.number().int().min(0).max(500),
  details: z.string().max(4000).optional(),
});
export type Workshop = z.infer<typeof WorkshopSchema>;
