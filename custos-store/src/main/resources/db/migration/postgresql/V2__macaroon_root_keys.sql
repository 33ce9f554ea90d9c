-- Macaroon root keys, PostgreSQL dialect (keep in step with ../sqlite/V2__macaroon_root_keys.sql).
-- id: the 8-byte root key id (a macaroon's storageId); ciphertext: the root key sealed by
-- RootKeyVault (AES-256-GCM under the seed-derived macaroon KEK, never the plain key).
CREATE TABLE macaroon_root_keys (
  id            BYTEA  PRIMARY KEY,
  ciphertext    BYTEA  NOT NULL,
  created_at_us BIGINT NOT NULL,
  label         TEXT   NOT NULL
);
