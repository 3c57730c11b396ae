-- A household that left a welcome point (PULL10): devices of the old scope are told to drop it.
-- seq comes from the same change sequence as sync_rows.seq, so pulls interleave both in order.
CREATE TABLE scope_removals (
  seq INTEGER PRIMARY KEY NOT NULL,
  household_id TEXT NOT NULL,
  old_welcome_point_id TEXT,
  created_by TEXT NOT NULL,
  removed_at INTEGER NOT NULL
) STRICT;
CREATE INDEX scope_removals_household ON scope_removals (household_id);
