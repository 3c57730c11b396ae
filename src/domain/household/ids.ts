/**
 * Entity ids. Every entity of a household is stored as its own row by the device store, so
 * each carries a string id; references between entities (a debt's creditor, a resource's
 * owner) are by id.
 */
import { z } from 'zod';

export const EntityIdSchema = z.string().min(1).max(100);
export type EntityId = z.infer<typeof EntityIdSchema>;
