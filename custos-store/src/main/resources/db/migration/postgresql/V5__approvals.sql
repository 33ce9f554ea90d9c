-- Quorum approvals (issue 5), PostgreSQL dialect (keep in step with ../sqlite/V5__approvals.sql).
-- Times are BIGINT microseconds since 1970-01-01T00:00Z; hashes are raw 32-byte BYTEA.

-- Approver sets, versioned per role: 'admin' decides administrative proposals, 'spend' decides
-- PENDING_APPROVAL spends. keys: netstring list of approver key ids (ApproverKey#id).
CREATE TABLE approver_sets (
  role      TEXT    NOT NULL CHECK (role IN ('admin', 'spend')),
  version   BIGINT  NOT NULL CHECK (version >= 1),
  keys      TEXT    NOT NULL,
  threshold BIGINT  NOT NULL CHECK (threshold >= 1),
  set_at_us BIGINT  NOT NULL,
  set_by    TEXT    NOT NULL,
  PRIMARY KEY (role, version)
);

-- A proposal's canonical fields (Proposal#canonicalBytes); hash = Proposal#hash of them, checked
-- on every read. created/expires are whole seconds (in microseconds); scheduled_at_us is when an
-- approved proposal takes effect (cool-down or spend delay), NULL until approved.
CREATE TABLE proposals (
  hash            BYTEA   PRIMARY KEY,
  kind            TEXT    NOT NULL,
  network         TEXT    NOT NULL,
  payload         BYTEA   NOT NULL,
  nonce           BYTEA   NOT NULL,
  created_at_us   BIGINT  NOT NULL,
  expires_at_us   BIGINT  NOT NULL,
  summary         TEXT    NOT NULL,
  initiator       TEXT    NOT NULL,
  state           TEXT    NOT NULL CHECK (state IN ('PENDING', 'SCHEDULED', 'APPLIED', 'REJECTED', 'EXPIRED', 'CANCELLED')),
  scheduled_at_us BIGINT,
  state_at_us     BIGINT  NOT NULL
);
CREATE INDEX proposals_by_age ON proposals (created_at_us, hash);

-- Counted approvals and rejections; one per (proposal, approver, action).
CREATE TABLE approvals (
  proposal_hash  BYTEA   NOT NULL REFERENCES proposals (hash),
  approver_id    TEXT    NOT NULL,
  action         TEXT    NOT NULL CHECK (action IN ('approve', 'reject')),
  format         TEXT    NOT NULL CHECK (format IN ('bip137', 'bip322', 'bip340')),
  signature      TEXT    NOT NULL,
  received_at_us BIGINT  NOT NULL,
  submitted_by   TEXT    NOT NULL,
  PRIMARY KEY (proposal_hash, approver_id, action)
);

-- The spend proposal of a pending approval (pending_approvals.id), one each way.
CREATE TABLE spend_proposals (
  pending_id    TEXT PRIMARY KEY REFERENCES pending_approvals (id),
  proposal_hash BYTEA NOT NULL UNIQUE REFERENCES proposals (hash)
);
