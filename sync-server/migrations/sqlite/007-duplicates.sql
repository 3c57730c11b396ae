-- Duplicate households (issue 14, docs/merges.md DUP*). Detection is derived data: every table here
-- can be rebuilt from sync_rows by a rescan, except the coordinators' decisions (status, decided_*).

-- The match profile of each live household (src/domain/matching/match-profile.ts), as JSON, and
-- the fingerprint of the compared fields: a "not a duplicate" decision holds while it is unchanged.
CREATE TABLE match_profiles (
  household_id TEXT PRIMARY KEY NOT NULL,
  profile TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

-- Blocking keys (src/domain/matching/blocking-keys.ts): two households are scored only when they
-- share a key.
CREATE TABLE match_keys (
  key TEXT NOT NULL,
  household_id TEXT NOT NULL,
  PRIMARY KEY (key, household_id)
) STRICT;
CREATE INDEX match_keys_household ON match_keys (household_id);

-- Households whose profile must be recomputed: written in the push transaction, drained after it
-- commits, so a crash between the two loses nothing.
CREATE TABLE match_queue (
  household_id TEXT PRIMARY KEY NOT NULL,
  queued_at INTEGER NOT NULL
) STRICT;

-- One row per scored pair, household_a < household_b. status: open (proposed), not_duplicate
-- (a coordinator's decision, kept while both fingerprints are unchanged), below (scored under the
-- threshold, kept so a rescan does not flap). reasons: JSON array, field by field.
CREATE TABLE duplicate_candidates (
  household_a TEXT NOT NULL,
  household_b TEXT NOT NULL,
  score REAL NOT NULL,
  reasons TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'not_duplicate', 'below')),
  fingerprint_a TEXT NOT NULL,
  fingerprint_b TEXT NOT NULL,
  decided_by TEXT,
  decided_at INTEGER,
  decision_reason TEXT,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (household_a, household_b),
  CHECK (household_a < household_b)
) STRICT;
CREATE INDEX duplicate_candidates_queue ON duplicate_candidates (status, score);
CREATE INDEX duplicate_candidates_b ON duplicate_candidates (household_b);
