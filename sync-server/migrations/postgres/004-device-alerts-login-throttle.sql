-- Device alerts (DEV1): a user signed in with a new device id while an earlier device of theirs
-- may hold changes the server never received (a wiped or evicted browser database). Listed for
-- coordinators and admins until one of them marks it handled.
CREATE TABLE device_alerts (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id),
  new_device_id TEXT NOT NULL UNIQUE,
  previous_device_id TEXT NOT NULL,
  -- 'reported-by-device': the device named its lost predecessor; 'recent-activity': the server
  -- found another device of the user that pushed changes in the last 30 days.
  reason TEXT NOT NULL CHECK (reason IN ('reported-by-device', 'recent-activity')),
  -- The previous device as the server last knew it: when it last pushed, its last applied seq.
  previous_last_seen_at BIGINT NOT NULL,
  previous_last_seq BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  handled_at BIGINT,
  handled_by TEXT
);
CREATE INDEX device_alerts_created ON device_alerts (created_at);

-- Login throttling shared by every server process on this database (AUTH3). One row per
-- SHA-256 of (user name, client address); failures is a JSON array of the failure times (Unix ms)
-- still inside the window, at most the limit. Rows idle for a whole window are pruned.
CREATE TABLE login_failures (
  key_hash TEXT PRIMARY KEY,
  failures TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX login_failures_updated ON login_failures (updated_at);
