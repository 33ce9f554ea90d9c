package dev.custos.store;

import java.sql.SQLException;
import org.sqlite.SQLiteException;

/**
 * Turns a JDBC error into a {@link StoreException} whose message is one line naming the operation
 * and the error class (SQLite result code or SQLSTATE), never SQL text, bound values or a stack.
 * The driver's exception stays attached as the cause for operators' logs.
 */
final class JdbcFailure {
  private JdbcFailure() {}

  static StoreException of(String operation, SQLException e) {
    String kind = e instanceof SQLiteException s ? s.getResultCode().name() : "SQLSTATE " + e.getSQLState();
    return new StoreException(operation + " failed (" + kind + ")", e);
  }
}
