-- The audit table without the UNIQUE index on hash, PostgreSQL dialect (keep in step with
-- ../sqlite/V7__audit_hash_not_indexed.sql, which says why).
ALTER TABLE audit DROP CONSTRAINT audit_hash_key;
