/**
 * Append-only revisions (notes, actions): a revision is a new row whose `supersedes` names the
 * revision it replaces. The current revisions are those no other live revision supersedes (the
 * domain's rule, currentNotes); each comes with the chain of earlier versions it replaced.
 */
import { currentNotes } from './note';

interface Revisable {
  readonly id: string;
  readonly supersedes?: string | undefined;
  readonly deleted?: boolean;
}

export interface RevisionThread<T> {
  /** The latest revision. */
  readonly current: T;
  /** Earlier revisions, newest first (the original last). */
  readonly history: readonly T[];
}

/**
 * One thread per current revision (in no particular order: the caller sorts).
 * @example revisionThreads([{ id: 'a' }, { id: 'b', supersedes: 'a' }])[0].history // [{ id: 'a' }]
 */
export function revisionThreads<T extends Revisable>(rows: readonly T[]): RevisionThread<T>[] {
  const live = rows.filter((r) => !r.deleted);
  const byId = new Map(live.map((r) => [r.id, r]));
  return currentNotes(live).map((current) => {
    const history: T[] = [];
    const seen = new Set([current.id]);
    let previous = current.supersedes ? byId.get(current.supersedes) : undefined;
    while (previous && !seen.has(previous.id)) {
      history.push(previous);
      seen.add(previous.id);
      previous = previous.supersedes ? byId.get(previous.supersedes) : undefined;
    }
    return { current, history };
  });
}

/**
 * The current revision that descends from `id` (itself when nothing replaced it): a reference to
 * an earlier version (a decision naming its filing) still finds the record as it reads now.
 * @returns undefined when `id` is not among the rows
 */
export function currentRevisionOf<T extends Revisable>(rows: readonly T[], id: string): T | undefined {
  return revisionThreads(rows).find((t) => t.current.id === id || t.history.some((h) => h.id === id))
    ?.current;
}

/**
 * One current revision per original record (the report's rule, RPT1a): when two counsellors
 * revised the same record at once, both revisions are current, but the record counts once, as the
 * revision written last (then the greater id, so every reader picks the same one).
 * @example currentRevisions([{ id: 'a' }, { id: 'b', supersedes: 'a' }]) // [{ id: 'b', supersedes: 'a' }]
 */
export function currentRevisions<
  T extends Revisable & { readonly revision?: { writtenAt: number } | undefined },
>(rows: readonly T[]): T[] {
  const byOrigin = new Map<string, T>();
  for (const { current, history } of revisionThreads(rows)) {
    const origin = history.at(-1)?.id ?? current.id;
    const kept = byOrigin.get(origin);
    const later =
      kept === undefined ||
      (current.revision?.writtenAt ?? 0) > (kept.revision?.writtenAt ?? 0) ||
      ((current.revision?.writtenAt ?? 0) === (kept.revision?.writtenAt ?? 0) && current.id > kept.id);
    if (later) byOrigin.set(origin, current);
  }
  return [...byOrigin.values()];
}
