-- Secrets the server makes for itself, once, and keeps (issue 15): `dossier_export` salts the
-- hash that stands for a household in the anonymised dossier export (RPT10), so the same
-- household has the same pseudonym in every export of this server and no other.
CREATE TABLE server_secrets (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
