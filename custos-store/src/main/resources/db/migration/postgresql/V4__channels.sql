-- Lightning channel states, PostgreSQL dialect (keep in step with ../sqlite/V4__channels.sql).
-- channel_id: the 32-byte channel id; state: the ChannelStateCodec encoding (custos-core
-- dev.custos.core.ln.signer), which holds no key of ours; version: 1 when the channel is set up,
-- +1 for every persisted transition (a writer must name the version it read: no lost update).
CREATE TABLE channels (
  channel_id    BYTEA  PRIMARY KEY,
  version       BIGINT NOT NULL CHECK (version >= 1),
  state         BYTEA  NOT NULL,
  updated_at_us BIGINT NOT NULL
);
