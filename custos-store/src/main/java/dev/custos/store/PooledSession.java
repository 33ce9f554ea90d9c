package dev.custos.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * A connection borrowed from a HikariCP pool (auto-commit off) for one transaction, reusing each
 * statement it prepares for the rest of the transaction. Ending the session returns the
 * connection; the pool closes the statements.
 */
final class PooledSession implements Session {
  private final Connection connection;
  private final Map<String, PreparedStatement> statements = new HashMap<>();

  PooledSession(Connection connection) {
    this.connection = connection;
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
    connection.commit();
  }

  @Override
  public void rollback() throws SQLException {
    connection.rollback();
  }

  @Override
  public void end() {
    try {
      connection.close();
    } catch (SQLException e) {
      // The pool evicts a connection that failed to close cleanly; nothing else holds it.
    }
  }
}
