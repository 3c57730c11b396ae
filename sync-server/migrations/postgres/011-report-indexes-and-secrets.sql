-- Secrets the server makes for itself, once, and keeps (issue 15): `dossier_export` salts the
-- hash that stands for a household in the anonymised dossier export (RPT10), so the same
-- household has the same pseudonym in every export of this server and no other.
CREATE TABLE server_secrets (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- The activity report's reads (bench/activity-report.bench.ts, ADR 0023): a period's facts of some
-- codes are one range of this index, every column the report reads in it (no table lookups), and
-- each fact's root is joined to a households index that holds what the report reads of it (merge
-- pointer, welcome point). Measured at 1.1 million facts: without them the yearly report read
-- the table row of every fact and of every household at random.
CREATE INDEX report_facts_report ON report_facts (code, starts_on, ends_on, quantity, root_id);
DROP INDEX report_facts_code_start;
CREATE INDEX households_report ON households (id, merged_into, welcome_point_id);
