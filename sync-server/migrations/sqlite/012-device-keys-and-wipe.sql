-- Issue 16, docs/remote-wipe.md. The server's copy of each device's data key (WIPE1): wrapped
-- with AES-256-GCM under the `device_key_wrap` secret of server_secrets, the (user, device) pair
-- as additional data, so a row copied to another pair does not open. `wrapped` is base64 of
-- iv (12 bytes) | ciphertext (32) | tag (16).
CREATE TABLE device_keys (
  user_id TEXT NOT NULL REFERENCES users (id),
  device_id TEXT NOT NULL REFERENCES devices (device_id),
  wrapped TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, device_id)
) STRICT;

-- The admin's wipe order (WIPE3): 'lost' erases without pushing, 'withdrawn' pushes first. Who
-- ordered it and when; when the device confirmed it had erased itself (WIPE6). A cancelled order
-- sets all four back to NULL; a confirmed one cannot be cancelled.
ALTER TABLE devices ADD COLUMN wipe_mode TEXT CHECK (wipe_mode IN ('lost', 'withdrawn'));
ALTER TABLE devices ADD COLUMN wipe_ordered_by TEXT;
ALTER TABLE devices ADD COLUMN wipe_ordered_at INTEGER;
ALTER TABLE devices ADD COLUMN wipe_confirmed_at INTEGER;

-- Device alerts get the reasons of a device that erased itself on an order (WIPE7), with what it
-- still held unsent: how many outbox changes and which household ids (ids only, no personal
-- data). Such an alert has no new device: new_device_id becomes nullable (UNIQUE still holds one
-- DEV1 alert per new device; NULLs never collide). SQLite cannot change a CHECK in place: the
-- table is rebuilt and its rows kept.
CREATE TABLE device_alerts_012 (
  id TEXT PRIMARY KEY NOT NULL,
  user_id TEXT NOT NULL REFERENCES users (id),
  new_device_id TEXT UNIQUE,
  previous_device_id TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (
    reason IN ('reported-by-device', 'recent-activity', 'wiped-lost', 'wiped-withdrawn')
  ),
  previous_last_seen_at INTEGER NOT NULL,
  previous_last_seq INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  handled_at INTEGER,
  handled_by TEXT,
  pending_changes INTEGER,
  -- JSON array of household ids.
  pending_households TEXT
) STRICT;
INSERT INTO device_alerts_012 (id, user_id, new_device_id, previous_device_id, reason,
  previous_last_seen_at, previous_last_seq, created_at, handled_at, handled_by)
  SELECT id, user_id, new_device_id, previous_device_id, reason, previous_last_seen_at,
    previous_last_seq, created_at, handled_at, handled_by FROM device_alerts;
DROP TABLE device_alerts;
ALTER TABLE device_alerts_012 RENAME TO device_alerts;
CREATE INDEX device_alerts_created ON device_alerts (created_at);
