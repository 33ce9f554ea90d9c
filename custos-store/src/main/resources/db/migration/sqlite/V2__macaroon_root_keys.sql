-- Macaroon root keys, SQLite dialect (keep in step with ../postgresql/V2__macaroon_root_keys.sql).
-- id: the 8-byte root key id (a macaroon's storageId); ciphertext: the root key sealed by
-- RootKeyVault (AES-256-GCM under the seed-derived macaroon KEK, never the plain key).
CREATE TABLE macaroon_root_keys (
  id            BLOB    PRIMARY KEY,
  ciphertext    BLOB    NOT NULL,
  created_at_us INTEGER NOT NULL,
  label         TEXT    NOT NULL
) WITHOUT ROWID;
