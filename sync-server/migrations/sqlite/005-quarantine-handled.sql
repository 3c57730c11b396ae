-- Quarantine follow-up (QUAR3): a coordinator or admin marks a quarantined mutation handled once
-- someone looked at it. Handled items leave the default list; the record and its payload stay.
ALTER TABLE quarantine ADD COLUMN handled_at INTEGER;
ALTER TABLE quarantine ADD COLUMN handled_by TEXT;
