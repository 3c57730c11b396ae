/**
 * A note in the follow-up. Notes are append-only (sync-design §9.2, class C): editing a note
 * writes a new revision row whose `supersedes` names the revision it replaces, so two
 * counsellors never conflict on text and the history stays.
 */
import { z } from 'zod';
import { EntityIdSchema } from '../household/ids';

export const NoteSchema = z.object({
  id: EntityIdSchema,
  text: z.string().min(1).max(20_000),
  /** User who wrote this revision. */
  authorId: z.string().min(1).max(100),
  /** When this revision was written, Unix ms. */
  writtenAt: z.number().int().min(0),
  /** The revision this one replaces; absent on a first revision. */
  supersedes: EntityIdSchema.optional(),
});
export type Note = z.infer<typeof NoteSchema>;

/**
 * The notes to show: revisions no other (non-deleted) revision supersedes. Two concurrent
 * revisions of one note are both current (nothing is lost).
 * @example currentNotes([{ id: 'a' }, { id: 'b', supersedes: 'a' }]) // [{ id: 'b', supersedes: 'a' }]
 */
export function currentNotes<T extends { id: string; supersedes?: string | undefined; deleted?: boolean }>(
  notes: readonly T[],
): T[] {
  const live = notes.filter((n) => n.deleted !== true);
  const superseded = new Set(live.map((n) => n.supersedes).filter((id): id is string => id !== undefined));
  return live.filter((n) => !superseded.has(n.id));
}
