-- Lightning channel states, SQLite dialect (keep in step with ../postgresql/V4__channels.sql).
-- channel_id: the 32-byte channel id; state: the ChannelStateCodec encoding (custos-core
-- dev.custos.core.ln.signer), which holds no key of ours; version: 1 when the channel is set up,
-- +1 for every persisted transition (a writer must name the version it read: no lost update).
CREATE TABLE channels (
  channel_id    BLOB    PRIMARY KEY,
  version       INTEGER NOT NULL CHECK (version >= 1),
  state         BLOB    NOT NULL,
  updated_at_us INTEGER NOT NULL
) WITHOUT ROWID;
