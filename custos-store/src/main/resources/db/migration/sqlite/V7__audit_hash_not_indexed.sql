-- The audit table without the UNIQUE index on hash, SQLite dialect (keep in step with
-- ../postgresql/V7__audit_hash_not_indexed.sql).
-- Nothing looks a record up by its hash: reads go by seq, and each record's hash is checked
-- against its canonical bytes on every read (custos-store AuditChain). Those bytes contain the
-- seq, which is the PRIMARY KEY, so two rows cannot share a hash without a SHA-256 collision.
-- The index cost every append a write to a random page of a B-tree that grows with the log (three
-- per signed PSBT). SQLite cannot drop a constraint's index, so the table is rebuilt; the rows are
-- copied unchanged.
CREATE TABLE audit_v7 (
  seq            INTEGER PRIMARY KEY,
  hash           BLOB    NOT NULL,
  prev_hash      BLOB    NOT NULL,
  record         BLOB    NOT NULL,
  recorded_at_us INTEGER NOT NULL
);
INSERT INTO audit_v7 (seq, hash, prev_hash, record, recorded_at_us)
  SELECT seq, hash, prev_hash, record, recorded_at_us FROM audit ORDER BY seq;
DROP TABLE audit;
ALTER TABLE audit_v7 RENAME TO audit;
