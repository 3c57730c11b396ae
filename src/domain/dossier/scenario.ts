/**
 * A simulation scenario saved to the dossier: the parameters it was run with and a snapshot
 * of its result. Both stay generic records until the simulation engine's schemas settle; the
 * screens validate them with the engine's own schemas when they read them.
 */
import { z } from 'zod';
import { EntityIdSchema } from '../household/ids';

export const ScenarioSchema = z.object({
  id: EntityIdSchema,
  name: z.string().min(1).max(200),
  /** When it was saved, Unix ms. */
  savedAt: z.number().int().min(0),
  savedBy: z.string().min(1).max(100),
  /** The chosen scenario of the dossier. */
  isChosen: z.boolean(),
  /** Version of the engine that produced the summary. */
  engineVersion: z.string().max(50).optional(),
  parameters: z.record(z.string(), z.unknown()),
  summary: z.record(z.string(), z.unknown()),
});
export type Scenario = z.infer<typeof ScenarioSchema>;
