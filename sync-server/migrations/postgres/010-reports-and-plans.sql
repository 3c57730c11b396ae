-- The network's figures and plan monitoring (issue 15, docs/reports-and-plans.md). Everything here
-- but report_exports and plan_thresholds is derived from sync_rows and can be rebuilt
-- (`admin.ts rebuild-report-data`).

-- Roots (households and workshops) whose derived data (report facts, plan states) must be
-- recomputed: written in the push or merge transaction, drained after it commits (RPT8).
CREATE TABLE derived_queue (
  root_id TEXT PRIMARY KEY,
  queued_at BIGINT NOT NULL
);

-- What the activity report counts, one row per countable fact of a root (src/domain/reports/
-- report-facts.ts): an event on starts_on (ends_on = starts_on), or a span (ends_on NULL = still
-- running). quantity: 1, or participant-minutes for a workshop. The welcome point and the merge
-- pointer are read from `households` at query time, so a move or a merge needs no rewrite here.
CREATE TABLE report_facts (
  root_id TEXT NOT NULL,
  fact_id TEXT NOT NULL,
  code TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT,
  quantity BIGINT NOT NULL,
  PRIMARY KEY (root_id, fact_id)
);
CREATE INDEX report_facts_code_start ON report_facts (code, starts_on);

-- Each export of a report, with its figures: a later report of the same period and welcome
-- points whose figure differs marks it "restated" (RPT5).
CREATE TABLE report_exports (
  id TEXT PRIMARY KEY,
  from_date TEXT NOT NULL,
  to_date TEXT NOT NULL,
  welcome_points TEXT NOT NULL,
  figures TEXT NOT NULL,
  exported_at BIGINT NOT NULL,
  exported_by TEXT NOT NULL
);
CREATE INDEX report_exports_period ON report_exports (from_date, to_date, welcome_points, exported_at);

-- The monitored state of each live plan (src/domain/plans/plan-state.ts), kept by the drain and
-- the daily recheck (PLAN6). welcome_point_id and counsellor_id are copied from the household so
-- a worklist is one index range (PLAN7).
CREATE TABLE plan_states (
  plan_id TEXT PRIMARY KEY,
  household_id TEXT NOT NULL,
  welcome_point_id TEXT,
  counsellor_id TEXT,
  household_reference TEXT,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  failing BIGINT NOT NULL,
  missed_count BIGINT NOT NULL,
  arrears_cents BIGINT NOT NULL,
  next_due_on TEXT,
  ends_on TEXT NOT NULL,
  lapses_on TEXT,
  recheck_on TEXT,
  updated_at BIGINT NOT NULL
);
CREATE INDEX plan_states_worklist ON plan_states (status, welcome_point_id, next_due_on);
CREATE INDEX plan_states_failing ON plan_states (failing, welcome_point_id, next_due_on);
CREATE INDEX plan_states_household ON plan_states (household_id);
CREATE INDEX plan_states_recheck ON plan_states (recheck_on);

-- The association's plan thresholds (PlanThresholdsSchema), one row, maintained by admins.
CREATE TABLE plan_thresholds (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  thresholds TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by TEXT NOT NULL
);
