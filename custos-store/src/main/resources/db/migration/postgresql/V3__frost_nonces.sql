-- FROST round-one nonces, PostgreSQL dialect (keep in step with ../sqlite/V3__frost_nonces.sql).
-- One row per (signing session, participant). sealed_nonces: the 64 secret nonce bytes sealed by
-- the caller (never the plain nonces). A row is inserted UNUSED when the commitment is sent and
-- marked USED exactly once, durably, before the signature share is computed; it never returns to
-- UNUSED, so a nonce is never used twice, even across a crash.
CREATE TABLE frost_nonces (
  session_id    BYTEA  NOT NULL,
  participant   BYTEA  NOT NULL,
  psbt_hash     BYTEA  NOT NULL,
  sealed_nonces BYTEA  NOT NULL,
  state         TEXT   NOT NULL CHECK (state IN ('UNUSED', 'USED')),
  created_at_us BIGINT NOT NULL,
  used_at_us    BIGINT,
  PRIMARY KEY (session_id, participant),
  CHECK ((state = 'USED') = (used_at_us IS NOT NULL))
);
