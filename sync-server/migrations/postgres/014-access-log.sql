-- The access log (issue 16, docs/access-log.md ALOG1–ALOG8): who pulled, changed, opened,
-- exported or erased which household. Ids, an action and counts only: no name, no value of a
-- row (ALOG2). `household_id` is null for an action on the whole network (the anonymised
-- dossier export, the activity report's CSV). `id` is a UUIDv7: the server makes one per
-- entry, a device sends its own for a dossier opening, so a resent opening is stored once.
-- `at` is Unix ms; entries older than ACCESS_LOG_RETENTION_DAYS (default 365) are deleted.
CREATE TABLE access_log (
  id TEXT PRIMARY KEY,
  at BIGINT NOT NULL,
  user_id TEXT NOT NULL,
  device_id TEXT,
  action TEXT NOT NULL,
  household_id TEXT,
  detail TEXT NOT NULL DEFAULT '{}'
);

-- The admin's three queries (ALOG6), newest first, each one range of an index: by household,
-- by user, and the whole log by time (which the retention's purge uses too).
CREATE INDEX access_log_household ON access_log (household_id, at, id);
CREATE INDEX access_log_user ON access_log (user_id, at, id);
CREATE INDEX access_log_at ON access_log (at, id);
