/** Notes of the follow-up: append-only revisions, shown as the latest text with its history. */
import { currentNotes } from '../../domain/dossier/note';
import type { NoteRow } from '../../domain/dossier/rows';

export interface NoteThread {
  /** The latest revision. */
  readonly current: NoteRow;
  /** Earlier revisions, newest first (the original last). */
  readonly history: readonly NoteRow[];
}

/**
 * One thread per current note, newest first.
 * @example noteThreads([{ id: 'a' }, { id: 'b', supersedes: 'a' }])[0].history // [a]
 */
export function noteThreads(notes: readonly NoteRow[]): NoteThread[] {
  const live = notes.filter((n) => !n.deleted);
  const byId = new Map(live.map((n) => [n.id, n]));
  return currentNotes(live)
    .map((current) => {
      const history: NoteRow[] = [];
      const seen = new Set([current.id]);
      let previous = current.supersedes ? byId.get(current.supersedes) : undefined;
      while (previous && !seen.has(previous.id)) {
        history.push(previous);
        seen.add(previous.id);
        previous = previous.supersedes ? byId.get(previous.supersedes) : undefined;
      }
      return { current, history };
    })
    .sort((a, b) => b.current.writtenAt - a.current.writtenAt || b.current.id.localeCompare(a.current.id));
}

export const NOTE_MAX_LENGTH = 20_000;

/** Error key of a typed note, or null. */
export function noteError(text: string): string | null {
  if (text.trim() === '') return 'error.required';
  if (text.length > NOTE_MAX_LENGTH) return 'error.tooLong';
  return null;
}
