-- The household's rights and retention (issue 16 item 5, docs/household-rights.md).
--
-- An erased household (RIGHT4): who erased it, when and on which ground, and nothing about the
-- person. seq comes from the change sequence like scope_removals.seq, so pulls interleave the
-- erasure with the changes in order and every device drops the household (RIGHT5). The row stays
-- for ever: a later push naming the household is refused with it (RIGHT6).
CREATE TABLE household_erasures (
  seq BIGINT PRIMARY KEY,
  household_id TEXT NOT NULL UNIQUE,
  reason TEXT NOT NULL,
  erased_by TEXT NOT NULL,
  erased_at BIGINT NOT NULL,
  -- What was deleted, as counts per table (JSON): the erasure's receipt, no value of the person.
  counts TEXT NOT NULL
);

-- The association's retention period (RIGHT8): one row, years after a dossier's closing.
CREATE TABLE retention_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  years INTEGER NOT NULL CHECK (years BETWEEN 1 AND 30),
  updated_at BIGINT NOT NULL,
  updated_by TEXT NOT NULL
);

-- Each anonymisation run (the hourly job or the CLI) and what it did to each household (RIGHT10).
CREATE TABLE anonymisation_runs (
  run_id TEXT PRIMARY KEY NOT NULL,
  origin TEXT NOT NULL CHECK (origin IN ('job', 'cli')),
  started_at BIGINT NOT NULL,
  finished_at BIGINT,
  -- Dossiers closed before this day (YYYY-MM-DD) were due.
  cutoff TEXT NOT NULL,
  households INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX anonymisation_runs_started ON anonymisation_runs (started_at);

CREATE TABLE anonymisation_log (
  household_id TEXT NOT NULL,
  -- The closing the anonymisation answered: a dossier reopened and closed again is due again.
  closed_on TEXT NOT NULL,
  run_id TEXT NOT NULL,
  anonymised_at BIGINT NOT NULL,
  -- Entities and fields replaced (JSON: {"member": ["firstName", …], …}), never their values.
  fields TEXT NOT NULL,
  PRIMARY KEY (household_id, closed_on)
);
CREATE INDEX anonymisation_log_run ON anonymisation_log (run_id);

-- Each right-of-access export (RIGHT2): who exported which household and when. Deleted with the
-- household at its erasure (the erasure record stays).
CREATE TABLE household_exports (
  id TEXT PRIMARY KEY NOT NULL,
  household_id TEXT NOT NULL,
  exported_by TEXT NOT NULL,
  exported_at BIGINT NOT NULL
);
CREATE INDEX household_exports_household ON household_exports (household_id);
