/** Notes of the follow-up: append-only revisions, shown as the latest text with its history. */

import { type RevisionThread, revisionThreads } from '../../domain/dossier/revisions';
import type { NoteRow } from '../../domain/dossier/rows';

export type NoteThread = RevisionThread<NoteRow>;

/**
 * One thread per current note, newest first.
 * @example noteThreads([{ id: 'a' }, { id: 'b', supersedes: 'a' }])[0].history // [a]
 */
export function noteThreads(notes: readonly NoteRow[]): NoteThread[] {
  return revisionThreads(notes).sort(
    (a, b) => b.current.writtenAt - a.current.writtenAt || b.current.id.localeCompare(a.current.id),
  );
}

export const NOTE_MAX_LENGTH = 20_000;

/** Error key of a typed note, or null. */
export function noteError(text: string): string | null {
  if (text.trim() === '') return 'error.required';
  if (text.length > NOTE_MAX_LENGTH) return 'error.tooLong';
  return null;
}
