-- Debits marked on the decision row, PostgreSQL dialect (keep in step with
-- ../sqlite/V8__decision_debits.sql, which says why).
ALTER TABLE decisions ADD COLUMN debited_at_us BIGINT;
ALTER TABLE decisions ADD COLUMN debits TEXT;
UPDATE decisions SET debited_at_us = (
  SELECT MIN(v.debited_at_us) FROM velocity_debits v
  WHERE v.txid = decisions.txid AND v.scope = 'wallet' AND v.budget_key = decisions.wallet_id)
WHERE EXISTS (
  SELECT 1 FROM velocity_debits v
  WHERE v.txid = decisions.txid AND v.scope = 'wallet' AND v.budget_key = decisions.wallet_id);
