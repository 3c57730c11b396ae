-- Legal parameters maintained by admins (issue 12, ADR 0018): an RSA amount, a seizure scale, the
-- legal interest rates or a commission's forfaits, each from its effective date, with the legal
-- text it comes from. Every signed-in device receives them; only admins change them.
CREATE TABLE legal_parameters (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL
    CHECK (kind IN ('rsaAmounts', 'seizureScales', 'legalInterestRates', 'commissionForfaits')),
  -- The département of a commission's forfaits; '' for a national figure and the other kinds.
  area TEXT NOT NULL,
  effective_from TEXT NOT NULL,
  -- The entry as the shared schema parsed it (JSON, src/domain/parameters/legal-parameter-entries.ts).
  entry TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by TEXT NOT NULL REFERENCES users (id),
  -- One value of a kind per place and date: a correction changes the entry, it does not add one.
  UNIQUE (kind, area, effective_from)
);

-- Every change, kept forever: who, when, the value before and after (null when created or removed).
CREATE TABLE legal_parameter_changes (
  id TEXT PRIMARY KEY,
  parameter_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('created', 'updated', 'deleted')),
  user_id TEXT NOT NULL REFERENCES users (id),
  at BIGINT NOT NULL,
  old_entry TEXT,
  new_entry TEXT
);
CREATE INDEX legal_parameter_changes_at ON legal_parameter_changes (at);

-- Raised at each change: a device that already has this version gets a two-field answer.
INSERT INTO sync_counters (name, value) VALUES ('legal_parameters_version', 0);
