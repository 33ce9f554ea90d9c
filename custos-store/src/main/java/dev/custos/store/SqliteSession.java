package dev.custos.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A long-lived SQLite connection in auto-commit mode whose transactions are begun and ended with
 * explicit statements ({@code BEGIN IMMEDIATE} for the writer, a deferred {@code BEGIN} for
 * readers), keeping its prepared statements cached: the store's SQL is a small fixed set.
 */
final class SqliteSession implements Session {
  private final Connection connection;
  private final String begin;
  private final Consumer<SqliteSession> release;
  private final Map<String, PreparedStatement> statements = new HashMap<>();

  SqliteSession(Connection connection, String begin, Consumer<SqliteSession> release) {
    this.connection = connection;
    this.begin = begin;
    this.release = release;
  }

  SqliteSession begin() throws SQLException {
    prepare(begin).execute();
    return this;
  }

  @Override
  public PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement ps = statements.get(sql);
    if (ps == null) {
      ps = connection.prepareStatement(sql);
      statements.put(sql, ps);
    }
    return ps;
  }

  @Override
  public void commit() throws SQLException {
    prepare("COMMIT").execute();
  }

  @Override
  public void rollback() throws SQLException {
    prepare("ROLLBACK").execute();
  }

  @Override
  public void end() {
    release.accept(this);
  }

  void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      // Closing a file connection fails only if it is already unusable; nothing is left to release.
    }
  }
}
