-- DUP2: "not a duplicate" decisions that no longer hold. A decision is kept on its pair while both
-- fingerprints are the ones it was taken on; when one household's compared fields change, the pair
-- reopens and the decision it had is copied here first, so every earlier decision stays readable.
CREATE TABLE duplicate_decisions (
  household_a TEXT NOT NULL,
  household_b TEXT NOT NULL,
  status TEXT NOT NULL,
  fingerprint_a TEXT NOT NULL,
  fingerprint_b TEXT NOT NULL,
  decided_by TEXT,
  decided_at BIGINT,
  decision_reason TEXT,
  -- When the decision stopped holding (a fingerprint changed).
  reopened_at BIGINT NOT NULL,
  CHECK (household_a < household_b)
);
CREATE INDEX duplicate_decisions_pair ON duplicate_decisions (household_a, household_b);
