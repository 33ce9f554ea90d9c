package dev.custos.store;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Opens the {@link Store} a JDBC URL names, migrating its schema first (Flyway):
 * <ul>
 *   <li>{@code jdbc:sqlite:/path/custos.db} — the embedded store (one file, WAL, one writer),
 *       created with permissions 0600 when absent. No URL parameters: the store sets its own
 *       pragmas.
 *   <li>{@code jdbc:postgresql://host:port/db[?user=...&password=...]} — PostgreSQL through a
 *       connection pool; credentials come from the URL or from the explicit arguments.
 * </ul>
 * Messages never contain the URL's parameters (they may carry a password).
 */
public final class StoreFactory {
  private static final String SQLITE = "jdbc:sqlite:";
  private static final String POSTGRESQL = "jdbc:postgresql:";

  private StoreFactory() {}

  /** Opens the store at {@code jdbcUrl}, with any credentials inside the URL. */
  public static Store open(String jdbcUrl) throws StoreException {
    return open(jdbcUrl, null, null);
  }

  /**
   * Opens the store at {@code jdbcUrl}.
   *
   * @param user database user for PostgreSQL, or null to use the URL's; must be null for SQLite
   * @param password database password for PostgreSQL, or null to use the URL's; must be null for SQLite
   * @throws StoreException when the URL is not a supported store, the database cannot be opened or
   *     reached, or its schema cannot be migrated
   */
  public static Store open(String jdbcUrl, String user, String password) throws StoreException {
    if (jdbcUrl == null || jdbcUrl.isBlank()) {
      throw new StoreException("store URL is empty: expected jdbc:sqlite:/path/custos.db or jdbc:postgresql://host/db");
    }
    if (jdbcUrl.startsWith(SQLITE)) {
      if (user != null || password != null) {
        throw new StoreException("sqlite store takes no user or password");
      }
      return SqliteStore.open(sqlitePath(jdbcUrl.substring(SQLITE.length())));
    }
    if (jdbcUrl.startsWith(POSTGRESQL)) {
      return PostgresStore.open(jdbcUrl, user, password);
    }
    int colon = jdbcUrl.indexOf(':', jdbcUrl.startsWith("jdbc:") ? 5 : 0);
    String scheme = colon < 0 ? PostgresStore.redacted(jdbcUrl) : jdbcUrl.substring(0, colon);
    throw new StoreException("unsupported store URL scheme '" + scheme + "': expected jdbc:sqlite: or jdbc:postgresql:");
  }

  private static Path sqlitePath(String path) throws StoreException {
    if (path.isEmpty() || path.startsWith(":memory:") || path.startsWith("file:") || path.contains("?")) {
      throw new StoreException("sqlite store needs a plain file path (jdbc:sqlite:/path/custos.db), without parameters or in-memory mode");
    }
    try {
      return Path.of(path);
    } catch (InvalidPathException e) {
      throw new StoreException("sqlite store path is not valid: " + e.getReason());
    }
  }
}
