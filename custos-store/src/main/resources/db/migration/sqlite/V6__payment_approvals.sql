-- Approved outgoing Lightning payments, SQLite dialect (keep in step with
-- ../postgresql/V6__payment_approvals.sql). Written in the same transaction as the payment's
-- budget debit and its audit record (custos-service PaymentApprovals); never updated.
-- payment_hash: the 32-byte payment hash; amounts in millisatoshis; times are INTEGER
-- microseconds since 1970-01-01T00:00Z; invoice: the BOLT 11 text the approval was decoded from
-- (lower case, not secret), NULL when the node stated the fields itself.
CREATE TABLE payment_approvals (
  payment_hash   BLOB    PRIMARY KEY CHECK (length(payment_hash) = 32),
  amount_msat    INTEGER NOT NULL CHECK (amount_msat > 0),
  max_fee_msat   INTEGER NOT NULL CHECK (max_fee_msat >= 0),
  expires_at_us  INTEGER NOT NULL,
  invoice        TEXT,
  approved_at_us INTEGER NOT NULL
) WITHOUT ROWID;
