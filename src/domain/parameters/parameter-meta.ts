/**
 * Every legal figure the engine uses is a dated record with its source. The records live in
 * the data files of this folder; the logic only ever receives them through a lookup by date.
 */
import { z } from 'zod';
import { IsoDateSchema } from '../dates';

/**
 * Version of the whole parameter catalogue. Bump it whenever any record of this folder is
 * added or changed, so that a stored diagnosis says which figures produced it.
 */
export const PARAMETER_SET_VERSION = 'fr-2026.3';

/** How well a figure is established (see domain-rules.md): Confirmed, Secondary, Unconfirmed. */
export const ConfidenceSchema = z.enum(['C', 'S', 'U']);

export const ParameterMetaSchema = z.object({
  /** Stable id, e.g. 'seizure-scale-2026'. Cited by explanations. */
  id: z.string().min(1),
  /** First day the record applies (inclusive). */
  validFrom: IsoDateSchema,
  /** Last day the record applies (inclusive); null when no end is known or scheduled. */
  validTo: IsoDateSchema.nullable(),
  /** The legal text (decree, arrêté, article) that sets the figure. */
  legalBasis: z.string().min(1),
  sourceUrls: z.array(z.string().url()).min(1),
  confidence: ConfidenceSchema,
});

export type ParameterMeta = z.infer<typeof ParameterMetaSchema>;

/** The parameter-set stamp attached to every result. */
export const ParameterSetStampSchema = z.object({
  version: z.string(),
  parameterIds: z.array(z.string()),
});

export type ParameterSetStamp = z.infer<typeof ParameterSetStampSchema>;

/**
 * Builds the stamp of a result from the ids of the parameters it used (deduplicated, sorted).
 * @param parameterIds - ids of the parameter records used
 * @example stampOf(['rsa-2025-04', 'seizure-scale-2026']) // { version: 'fr-2026.3', parameterIds: [...] }
 */
export function stampOf(parameterIds: readonly string[]): ParameterSetStamp {
  return { version: PARAMETER_SET_VERSION, parameterIds: [...new Set(parameterIds)].sort() };
}
