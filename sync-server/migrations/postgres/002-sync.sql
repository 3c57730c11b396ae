-- Accounts, scope and sync (issue 6; docs/sync-protocol.md, ADR 0007).
-- Times are Unix milliseconds (BIGINT); JSON is TEXT; booleans are 0/1 numbers, as in the SQLite file.
CREATE TABLE welcome_points (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  archived BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('volunteer', 'counsellor', 'coordinator', 'admin')),
  password_hash TEXT NOT NULL,
  disabled BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE user_welcome_points (
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  welcome_point_id TEXT NOT NULL REFERENCES welcome_points (id),
  PRIMARY KEY (user_id, welcome_point_id)
);

-- A device belongs to the user who registered it; last_seq is the highest contiguous seq applied.
CREATE TABLE devices (
  device_id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id),
  name TEXT,
  last_seq BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL
);

-- Only the SHA-256 of a session token is stored.
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  device_id TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  last_used_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE INDEX sessions_user ON sessions (user_id);

-- The scope of each household: its welcome point (null: its creator and coordinators).
CREATE TABLE households (
  id TEXT PRIMARY KEY,
  welcome_point_id TEXT,
  created_by TEXT NOT NULL
);
CREATE INDEX households_welcome_point ON households (welcome_point_id);

-- Current state of every synced row. seq is the server change sequence of its latest change,
-- allocated in commit order: pulling rows with seq > cursor in seq order has no gaps.
CREATE TABLE sync_rows (
  entity TEXT NOT NULL,
  id TEXT NOT NULL,
  household_id TEXT NOT NULL,
  version BIGINT NOT NULL,
  seq BIGINT NOT NULL UNIQUE,
  deleted BIGINT NOT NULL,
  data TEXT NOT NULL,
  field_meta TEXT NOT NULL,
  updated_hlc TEXT NOT NULL,
  PRIMARY KEY (entity, id)
);
CREATE INDEX sync_rows_household ON sync_rows (household_id);

CREATE TABLE sync_counters (
  name TEXT PRIMARY KEY,
  value BIGINT NOT NULL
);
INSERT INTO sync_counters (name, value) VALUES ('change_seq', 0);
-- The sequence epoch, part of every pull cursor; `admin.ts mark-restored` changes it after a restore.
INSERT INTO sync_counters (name, value) VALUES ('epoch', floor(random() * 2000000000)::bigint + 1);

-- Every (device, seq) processed, with the payload as received and the result: the dedupe record
-- and the audit trail. mutation_id is null for a slot that repeated an earlier mutation id.
CREATE TABLE applied_mutations (
  device_id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  mutation_id TEXT UNIQUE,
  user_id TEXT NOT NULL,
  payload TEXT NOT NULL,
  result TEXT NOT NULL,
  applied_at BIGINT NOT NULL,
  PRIMARY KEY (device_id, seq)
);

-- Values replaced or outvoted by a concurrent write (I4).
CREATE TABLE field_history (
  id TEXT PRIMARY KEY,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  household_id TEXT NOT NULL,
  field TEXT NOT NULL,
  value TEXT,
  version BIGINT NOT NULL,
  user_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  hlc TEXT NOT NULL,
  server_time BIGINT NOT NULL,
  reason TEXT NOT NULL,
  by_mutation TEXT NOT NULL,
  recorded_at BIGINT NOT NULL
);
CREATE INDEX field_history_row ON field_history (entity, entity_id);

CREATE TABLE conflicts (
  id TEXT PRIMARY KEY,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  household_id TEXT NOT NULL,
  field TEXT NOT NULL,
  kind TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
  conflict_values TEXT NOT NULL,
  opened_at BIGINT NOT NULL,
  resolved_at BIGINT,
  resolved_by TEXT,
  resolved_by_mutation TEXT
);
CREATE UNIQUE INDEX conflicts_one_open ON conflicts (entity, entity_id, field) WHERE status = 'open';
CREATE INDEX conflicts_household ON conflicts (household_id, status);

-- Mutations that could not be applied, kept verbatim (I5).
CREATE TABLE quarantine (
  id TEXT PRIMARY KEY,
  device_id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  mutation_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  household_id TEXT,
  entity TEXT,
  reason TEXT NOT NULL,
  detail TEXT NOT NULL,
  payload TEXT NOT NULL,
  received_at BIGINT NOT NULL
);
CREATE INDEX quarantine_received ON quarantine (received_at);
