package dev.custos.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code channels} table: one row per channel, replaced only by the next version (optimistic
 * concurrency on top of the serialized writers, so a stale state can never overwrite a newer one).
 */
final class ChannelRows {
  private static final String ONE = "SELECT channel_id, version, state, updated_at_us FROM channels WHERE channel_id = ?";
  private static final String VERSIONS = "SELECT channel_id, version FROM channels";
  private static final String ALL = "SELECT channel_id, version, state, updated_at_us FROM channels ORDER BY channel_id";
  private static final String INSERT = "INSERT INTO channels (channel_id, version, state, updated_at_us) VALUES (?, ?, ?, ?)"
      + " ON CONFLICT (channel_id) DO NOTHING";
  private static final String UPDATE = "UPDATE channels SET version = ?, state = ?, updated_at_us = ? WHERE channel_id = ? AND version = ?";

  private ChannelRows() {}

  static Optional<StoredChannel> find(Session s, byte[] id) throws StoreException {
    try {
      PreparedStatement q = s.prepare(ONE);
      q.setBytes(1, id);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw JdbcFailure.of("channel lookup", e);
    }
  }

  static Map<String, Long> versions(Session s) throws StoreException {
    Map<String, Long> out = new TreeMap<>();
    try (ResultSet rs = s.prepare(VERSIONS).executeQuery()) {
      while (rs.next()) {
        out.put(HexFormat.of().formatHex(rs.getBytes(1)), rs.getLong(2));
      }
    } catch (SQLException e) {
      throw JdbcFailure.of("channel versions", e);
    }
    return out;
  }

  static List<StoredChannel> all(Session s) throws StoreException {
    List<StoredChannel> out = new ArrayList<>();
    try (ResultSet rs = s.prepare(ALL).executeQuery()) {
      while (rs.next()) {
        out.add(row(rs));
      }
    } catch (SQLException e) {
      throw JdbcFailure.of("channels", e);
    }
    return out;
  }

  static void put(Session s, StoredChannel c) throws StoreException {
    String id = c.channelIdHex();
    try {
      int changed;
      if (c.version() == 1) {
        PreparedStatement insert = s.prepare(INSERT);
        insert.setBytes(1, c.channelId());
        insert.setLong(2, 1);
        insert.setBytes(3, c.state());
        insert.setLong(4, EpochMicros.floor(c.updatedAt()));
        changed = insert.executeUpdate();
      } else {
        PreparedStatement update = s.prepare(UPDATE);
        update.setLong(1, c.version());
        update.setBytes(2, c.state());
        update.setLong(3, EpochMicros.floor(c.updatedAt()));
        update.setBytes(4, c.channelId());
        update.setLong(5, c.version() - 1);
        changed = update.executeUpdate();
      }
      if (changed == 0) {
        throw new StoreException("put channel " + id + ": version " + c.version() + " does not follow the stored version"
            + (c.version() == 1 ? " (the channel already exists)" : " (expected stored version " + (c.version() - 1) + ")"));
      }
    } catch (SQLException e) {
      throw JdbcFailure.of("put channel", e);
    }
  }

  private static StoredChannel row(ResultSet rs) throws SQLException, StoreException {
    byte[] id = rs.getBytes(1);
    byte[] state = rs.getBytes(3);
    long version = rs.getLong(2);
    if (id == null || id.length != 32 || state == null || state.length == 0 || version < 1) {
      throw new StoreException("channel row " + (id == null ? "?" : HexFormat.of().formatHex(id)) + " is corrupt");
    }
    return new StoredChannel(id, version, state, EpochMicros.toInstant(rs.getLong(4)));
  }
}
