package dev.custos.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * One database connection lent to one transaction. Statements it prepares belong to it: the
 * caller never closes them, {@link #end} does (or keeps them cached with the connection).
 */
interface Session {
  PreparedStatement prepare(String sql) throws SQLException;

  void commit() throws SQLException;

  void rollback() throws SQLException;

  /** Gives the connection back; after this the session is not used again. */
  void end();
}
