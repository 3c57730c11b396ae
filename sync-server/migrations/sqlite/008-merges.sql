-- Coordinator merges (issue 14, docs/merges.md MERGE*). A merged household keeps its row in
-- sync_rows as a tombstone whose data carries mergedInto and mergeId; the scope table holds the
-- pointer too, so a push naming the merged household is redirected without reading JSON.
ALTER TABLE households ADD COLUMN merged_into TEXT;
CREATE INDEX households_merged_into ON households (merged_into);

-- One row per merge command, kept forever (the audit log, MERGE7). snapshot: both households and
-- every child row of both as they were before the merge, with version, field_meta and deleted
-- (JSON), so an unmerge restores exactly. choices: the field and child choices as sent, with the
-- value kept for each field. result: the response, replayed for a repeated merge_id (MERGE2).
CREATE TABLE household_merges (
  merge_id TEXT PRIMARY KEY NOT NULL,
  survivor_id TEXT NOT NULL,
  merged_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'undone')),
  reason TEXT NOT NULL,
  choices TEXT NOT NULL,
  snapshot TEXT NOT NULL,
  result TEXT NOT NULL,
  merged_by TEXT NOT NULL REFERENCES users (id),
  merged_at INTEGER NOT NULL,
  -- The change seq the merge's writes start after: edits with a later seq are "after the merge".
  merge_seq INTEGER NOT NULL,
  undone_by TEXT REFERENCES users (id),
  undone_at INTEGER,
  undo_reason TEXT,
  -- What the unmerge did and flagged for review (JSON), replayed for a repeated unmerge.
  undo_result TEXT
) STRICT;
CREATE INDEX household_merges_survivor ON household_merges (survivor_id, status);
CREATE INDEX household_merges_merged ON household_merges (merged_id, status);

-- Mutations pushed for a merged household and applied to its survivor (MERGE9): the audit of
-- each redirect. The unmerge reads it to send children created through a redirect back.
CREATE TABLE merge_redirects (
  mutation_id TEXT PRIMARY KEY NOT NULL,
  merge_id TEXT NOT NULL,
  from_household_id TEXT NOT NULL,
  to_household_id TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX merge_redirects_merge ON merge_redirects (merge_id);
