-- FROST round-one nonces, SQLite dialect (keep in step with ../postgresql/V3__frost_nonces.sql).
-- One row per (signing session, participant). sealed_nonces: the 64 secret nonce bytes sealed by
-- the caller (never the plain nonces). A row is inserted UNUSED when the commitment is sent and
-- marked USED exactly once, durably, before the signature share is computed; it never returns to
-- UNUSED, so a nonce is never used twice, even across a crash.
CREATE TABLE frost_nonces (
  session_id    BLOB    NOT NULL,
  participant   BLOB    NOT NULL,
  psbt_hash     BLOB    NOT NULL,
  sealed_nonces BLOB    NOT NULL,
  state         TEXT    NOT NULL CHECK (state IN ('UNUSED', 'USED')),
  created_at_us INTEGER NOT NULL,
  used_at_us    INTEGER,
  PRIMARY KEY (session_id, participant),
  CHECK ((state = 'USED') = (used_at_us IS NOT NULL))
) WITHOUT ROWID;
