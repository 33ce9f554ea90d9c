package dev.custos.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The production store: PostgreSQL through two HikariCP pools, one for writes (READ COMMITTED)
 * and one for read-only REPEATABLE READ snapshots.
 *
 * <p>Writers are serialized for correctness, across threads and processes: every write
 * transaction first takes the transaction-level advisory lock {@link #WRITE_LOCK_KEY}
 * ({@code pg_advisory_xact_lock}, released at commit or rollback), so two decisions never
 * interleave and each sees everything committed before it; READ COMMITTED is then enough.
 *
 * <p>Durability: when the server's {@code synchronous_commit} is {@code off}, write transactions
 * raise it to {@code on} for themselves, so {@link #write} returns only after the commit is flushed.
 */
final class PostgresStore extends JdbcStore {
  /** The advisory lock every writer holds: ASCII "custos" followed by 0x0001. */
  static final long WRITE_LOCK_KEY = 0x637573746f730001L;
  private static final String LOCK = "SELECT pg_advisory_xact_lock(?)";
  private static final String LOCK_AND_SYNC = "SELECT pg_advisory_xact_lock(?), set_config('synchronous_commit', 'on', true)";

  private final HikariDataSource writers;
  private final HikariDataSource readers;
  private final String beginWrite;

  private PostgresStore(HikariDataSource writers, HikariDataSource readers, String beginWrite) {
    this.writers = writers;
    this.readers = readers;
    this.beginWrite = beginWrite;
  }

  /**
   * @param user the database user, or null to take it from the URL ({@code ?user=})
   * @param password the password, or null to take it from the URL; never logged nor in messages
   */
  static PostgresStore open(String jdbcUrl, String user, String password) throws StoreException {
    String where = redacted(jdbcUrl);
    HikariDataSource writers = pool(jdbcUrl, user, password, where, "custos-write", 2, "TRANSACTION_READ_COMMITTED", false);
    HikariDataSource readers = null;
    boolean opened = false;
    try {
      readers = pool(jdbcUrl, user, password, where, "custos-read", 4, "TRANSACTION_REPEATABLE_READ", true);
      PGSimpleDataSource migrator = new PGSimpleDataSource();
      migrator.setURL(jdbcUrl);
      if (user != null) {
        migrator.setUser(user);
      }
      if (password != null) {
        migrator.setPassword(password);
      }
      Migrations.apply(migrator, "postgresql", jdbcUrl, where);
      PostgresStore store = new PostgresStore(writers, readers, asyncCommit(writers) ? LOCK_AND_SYNC : LOCK);
      opened = true;
      return store;
    } catch (SQLException e) {
      throw JdbcFailure.of("open postgresql store " + where, e);
    } finally {
      if (!opened) {
        writers.close();
        if (readers != null) {
          readers.close();
        }
      }
    }
  }

  /** True when the server's default would let a commit return before it is flushed. */
  private static boolean asyncCommit(HikariDataSource writers) throws SQLException {
    try (Connection c = writers.getConnection();
        PreparedStatement q = c.prepareStatement("SELECT current_setting('synchronous_commit')");
        ResultSet rs = q.executeQuery()) {
      rs.next();
      boolean off = "off".equalsIgnoreCase(rs.getString(1));
      c.rollback();
      return off;
    }
  }

  @Override
  public String kind() {
    return "postgresql";
  }

  @Override
  Session beginWrite() throws StoreException {
    PooledSession s = borrow(writers, "begin write transaction");
    try {
      PreparedStatement lock = s.prepare(beginWrite);
      lock.setLong(1, WRITE_LOCK_KEY);
      lock.executeQuery().close();
      return s;
    } catch (SQLException e) {
      s.end();
      throw JdbcFailure.of("begin write transaction (advisory lock)", e);
    }
  }

  @Override
  Session beginRead() throws StoreException {
    return borrow(readers, "begin read transaction");
  }

  @Override
  void closeConnections() {
    readers.close();
    writers.close();
  }

  private static PooledSession borrow(HikariDataSource pool, String operation) throws StoreException {
    if (pool.isClosed()) {
      throw new StoreException("postgresql store is closed");
    }
    try {
      return new PooledSession(pool.getConnection());
    } catch (SQLException e) {
      throw JdbcFailure.of(operation, e);
    }
  }

  private static HikariDataSource pool(String jdbcUrl, String user, String password, String where, String name, int size,
      String isolation, boolean readOnly) throws StoreException {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(jdbcUrl);
    if (user != null) {
      c.setUsername(user);
    }
    if (password != null) {
      c.setPassword(password);
    }
    c.setPoolName(name);
    c.setMaximumPoolSize(size);
    c.setMinimumIdle(1);
    c.setAutoCommit(false);
    c.setTransactionIsolation(isolation);
    c.setReadOnly(readOnly);
    c.setConnectionTimeout(10_000);
    try {
      return new HikariDataSource(c);
    } catch (HikariPool.PoolInitializationException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      String reason = String.valueOf(root.getMessage()).lines().findFirst().orElse("").strip();
      throw new StoreException("cannot connect to postgresql at " + where + ": " + reason, e);
    }
  }

  /** The URL without its parameters, which may carry a password. */
  static String redacted(String jdbcUrl) {
    int q = jdbcUrl.indexOf('?');
    return q < 0 ? jdbcUrl : jdbcUrl.substring(0, q);
  }
}
