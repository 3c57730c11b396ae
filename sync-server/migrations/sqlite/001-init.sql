-- Server-wide key/value settings (for example the instance id). Sync tables come in later files.
-- Never edit a migration that has shipped: add a new numbered file instead.
CREATE TABLE meta (
  key TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
