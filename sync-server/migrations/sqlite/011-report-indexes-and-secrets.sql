-- Secrets the server makes for itself, once, and keeps (issue 15): `dossier_export` salts the
-- hash that stands for a household in the anonymised dossier export (RPT10), so the same
-- household has the same pseudonym in every export of this server and no other.
CREATE TABLE server_secrets (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- The activity report's reads (bench/activity-report.bench.ts, ADR 0023). Each fact carries its
-- root's welcome point, written by the drain (a move or a merge writes the household, which queues
-- the root again), so a period's facts are one range of this covering index with no lookup of
-- the households per fact; only the few merged households are read at report time (RPT4).
-- Measured at 1.1 million facts: joining households for every fact took 3 to 4 s on SQLite.
ALTER TABLE report_facts ADD COLUMN welcome_point_id TEXT;
CREATE INDEX report_facts_report ON report_facts (code, starts_on, welcome_point_id, ends_on, quantity, root_id);
DROP INDEX report_facts_code_start;
