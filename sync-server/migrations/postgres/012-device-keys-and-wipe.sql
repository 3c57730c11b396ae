-- Issue 16, docs/remote-wipe.md. The server's copy of each device's data key (WIPE1): wrapped
-- with AES-256-GCM under the `device_key_wrap` secret of server_secrets, the (user, device) pair
-- as additional data, so a row copied to another pair does not open. `wrapped` is base64 of
-- iv (12 bytes) | ciphertext (32) | tag (16).
CREATE TABLE device_keys (
  user_id TEXT NOT NULL REFERENCES users (id),
  device_id TEXT NOT NULL REFERENCES devices (device_id),
  wrapped TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, device_id)
);

-- The admin's wipe order (WIPE3): 'lost' erases without pushing, 'withdrawn' pushes first. Who
-- ordered it and when; when the device confirmed it had erased itself (WIPE6). A cancelled order
-- sets all four back to NULL; a confirmed one cannot be cancelled.
ALTER TABLE devices ADD COLUMN wipe_mode TEXT CHECK (wipe_mode IN ('lost', 'withdrawn'));
ALTER TABLE devices ADD COLUMN wipe_ordered_by TEXT;
ALTER TABLE devices ADD COLUMN wipe_ordered_at BIGINT;
ALTER TABLE devices ADD COLUMN wipe_confirmed_at BIGINT;

-- Device alerts get the reasons of a device that erased itself on an order (WIPE7), with what it
-- still held unsent: how many outbox changes and which household ids (ids only, no personal
-- data). Such an alert has no new device: new_device_id becomes nullable (UNIQUE still holds one
-- DEV1 alert per new device; NULLs never collide).
ALTER TABLE device_alerts ALTER COLUMN new_device_id DROP NOT NULL;
ALTER TABLE device_alerts DROP CONSTRAINT device_alerts_reason_check;
ALTER TABLE device_alerts ADD CONSTRAINT device_alerts_reason_check CHECK (
  reason IN ('reported-by-device', 'recent-activity', 'wiped-lost', 'wiped-withdrawn')
);
ALTER TABLE device_alerts ADD COLUMN pending_changes BIGINT;
-- JSON array of household ids.
ALTER TABLE device_alerts ADD COLUMN pending_households TEXT;
