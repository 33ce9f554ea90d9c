-- Custos store schema, PostgreSQL dialect (keep in step with ../sqlite/V1__schema.sql).
-- Times are BIGINT microseconds since 1970-01-01T00:00Z; hashes are raw 32-byte BYTEA.

CREATE TABLE policies (
  version       BIGINT PRIMARY KEY,
  text          TEXT   NOT NULL,
  sha256_hex    TEXT   NOT NULL,
  applied_at_us BIGINT NOT NULL,
  applied_by    TEXT   NOT NULL
);

-- tags and reasons: netstring lists ("<utf8 length>:<text>," per element).
CREATE TABLE decisions (
  wallet_id      TEXT   NOT NULL,
  txid           TEXT   NOT NULL,
  verdict        TEXT   NOT NULL CHECK (verdict IN ('ALLOW', 'DENY', 'PENDING_APPROVAL')),
  tags           TEXT   NOT NULL,
  reasons        TEXT   NOT NULL,
  credential     TEXT   NOT NULL,
  amount_sat     BIGINT NOT NULL,
  policy_version BIGINT NOT NULL,
  decided_at_us  BIGINT NOT NULL,
  PRIMARY KEY (wallet_id, txid)
);

CREATE TABLE pending_approvals (
  id            TEXT   PRIMARY KEY,
  wallet_id     TEXT   NOT NULL,
  txid          TEXT   NOT NULL,
  psbt_base64   TEXT   NOT NULL,
  credential    TEXT   NOT NULL,
  amount_sat    BIGINT NOT NULL,
  tags          TEXT   NOT NULL,
  created_at_us BIGINT NOT NULL,
  status        TEXT   NOT NULL
);
CREATE INDEX pending_approvals_by_age ON pending_approvals (created_at_us, id);

-- Aggregates per (scope, SHA-256 of key) at widths 60, 3600 and 86400 s; bucket_start is the
-- bucket's first epoch second (UTC-aligned).
CREATE TABLE velocity_buckets (
  scope        TEXT    NOT NULL,
  key_sha256   BYTEA   NOT NULL,
  width_s      INTEGER NOT NULL CHECK (width_s IN (60, 3600, 86400)),
  bucket_start BIGINT  NOT NULL,
  amount_sat   BIGINT  NOT NULL,
  tx_count     BIGINT  NOT NULL,
  PRIMARY KEY (scope, key_sha256, width_s, bucket_start)
);

-- Every debit, once per (transaction, budget); never scanned to compute totals.
CREATE TABLE velocity_debits (
  txid          TEXT   NOT NULL,
  scope         TEXT   NOT NULL,
  key_sha256    BYTEA  NOT NULL,
  budget_key    TEXT   NOT NULL,
  amount_sat    BIGINT NOT NULL,
  debited_at_us BIGINT NOT NULL,
  PRIMARY KEY (txid, scope, key_sha256)
);

CREATE TABLE audit (
  seq            BIGINT PRIMARY KEY,
  hash           BYTEA  NOT NULL UNIQUE,
  prev_hash      BYTEA  NOT NULL,
  record         BYTEA  NOT NULL,
  recorded_at_us BIGINT NOT NULL
);

CREATE TABLE meta (
  id                 INTEGER PRIMARY KEY CHECK (id = 1),
  high_water_mark_us BIGINT  NOT NULL
);
INSERT INTO meta (id, high_water_mark_us) VALUES (1, 0);
