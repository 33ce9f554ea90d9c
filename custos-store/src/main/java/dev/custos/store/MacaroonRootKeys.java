package dev.custos.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** The {@code macaroon_root_keys} table: one row per root key id, never overwritten. */
final class MacaroonRootKeys {
  private static final String ONE = "SELECT id, ciphertext, created_at_us, label FROM macaroon_root_keys WHERE id = ?";
  private static final String ALL = "SELECT id, ciphertext, created_at_us, label FROM macaroon_root_keys ORDER BY created_at_us, id";
  private static final String INSERT = "INSERT INTO macaroon_root_keys (id, ciphertext, created_at_us, label) VALUES (?, ?, ?, ?)"
      + " ON CONFLICT (id) DO NOTHING";
  private static final String DELETE = "DELETE FROM macaroon_root_keys WHERE id = ?";

  private MacaroonRootKeys() {}

  static Optional<StoredRootKey> find(Session s, byte[] id) throws StoreException {
    try {
      PreparedStatement q = s.prepare(ONE);
      q.setBytes(1, id);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw JdbcFailure.of("macaroon root key lookup", e);
    }
  }

  static List<StoredRootKey> all(Session s) throws StoreException {
    List<StoredRootKey> out = new ArrayList<>();
    try (ResultSet rs = s.prepare(ALL).executeQuery()) {
      while (rs.next()) {
        out.add(row(rs));
      }
    } catch (SQLException e) {
      throw JdbcFailure.of("macaroon root keys", e);
    }
    return out;
  }

  static void put(Session s, StoredRootKey key) throws StoreException {
    try {
      PreparedStatement insert = s.prepare(INSERT);
      insert.setBytes(1, key.id());
      insert.setBytes(2, key.ciphertext());
      insert.setLong(3, EpochMicros.floor(key.createdAt()));
      insert.setString(4, key.label());
      if (insert.executeUpdate() == 0) {
        throw new StoreException("put macaroon root key: id " + HexFormat.of().formatHex(key.id()) + " already exists");
      }
    } catch (SQLException e) {
      throw JdbcFailure.of("put macaroon root key", e);
    }
  }

  static boolean delete(Session s, byte[] id) throws StoreException {
    try {
      PreparedStatement delete = s.prepare(DELETE);
      delete.setBytes(1, id);
      return delete.executeUpdate() > 0;
    } catch (SQLException e) {
      throw JdbcFailure.of("delete macaroon root key", e);
    }
  }

  private static StoredRootKey row(ResultSet rs) throws SQLException, StoreException {
    byte[] id = rs.getBytes(1);
    byte[] ciphertext = rs.getBytes(2);
    String label = rs.getString(4);
    if (id == null || id.length == 0 || ciphertext == null || ciphertext.length == 0 || label == null) {
      throw new StoreException("macaroon root key row " + (id == null ? "?" : HexFormat.of().formatHex(id)) + " is corrupt");
    }
    return new StoredRootKey(id, ciphertext, EpochMicros.toInstant(rs.getLong(3)), label);
  }
}
