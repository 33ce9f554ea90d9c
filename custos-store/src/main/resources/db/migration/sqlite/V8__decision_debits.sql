-- A signature's debits are marked on its decision row (debited_at_us, and the debits as a
-- TextList of "<scope> <amount_sat> <key>") instead of as rows of velocity_debits. The decision row
-- is inserted by the same transaction anyway, while a velocity_debits row is a second B-tree insert
-- keyed by a random txid: it cost about 14 % of the signing throughput of issue 4's benchmark
-- (docs/benchmarks.md, session 5). "A decision is debited at most once" is checked on the row
-- (UPDATE ... WHERE debited_at_us IS NULL).
--
-- velocity_debits stays: for debits without a decision (Lightning payment approvals) and for the
-- rows written before this migration, which keep the detail of those earlier debits. Decisions
-- those rows debited are marked here (each decision's wallet budget is always among its debits),
-- so none can be debited again; their debits column stays NULL.
-- Keep in step with ../postgresql/V8__decision_debits.sql.
ALTER TABLE decisions ADD COLUMN debited_at_us INTEGER;
ALTER TABLE decisions ADD COLUMN debits TEXT;
UPDATE decisions SET debited_at_us = (
  SELECT MIN(v.debited_at_us) FROM velocity_debits v
  WHERE v.txid = decisions.txid AND v.scope = 'wallet' AND v.budget_key = decisions.wallet_id)
WHERE EXISTS (
  SELECT 1 FROM velocity_debits v
  WHERE v.txid = decisions.txid AND v.scope = 'wallet' AND v.budget_key = decisions.wallet_id);
