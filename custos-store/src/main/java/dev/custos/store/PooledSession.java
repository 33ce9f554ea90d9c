package dev.custos.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A connection borrowed from a HikariCP pool (auto-commit off) for one transaction. Ending the
 * session returns the connection; the pool closes the statements it prepared.
 */
final class PooledSession implements Session {
  private final Connection connection;

  PooledSession(Connection connection) {
    this.connection = connection;
  }

  @Override
  public PreparedStatement prepare(String sql) throws SQLException {
    return connection.prepareStatement(sql);
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
