/**
 * Counted once (docs/merges.md MERGE11): a household a coordinator merged into another is that
 * other household now. Lists, exports and statistics count the survivor only; the merged
 * household's tombstone stays (devices and late pushes follow its pointer) but is never a
 * dossier of its own. The server's queries say the same with `households.merged_into IS NULL`.
 */

/** Whether a household row is a merged household's tombstone (it points to its survivor). */
export function isMergedAway(household: { readonly mergedInto?: string | undefined }): boolean {
  return household.mergedInto !== undefined;
}
