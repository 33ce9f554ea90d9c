package dev.custos.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Brings a database to the current schema with Flyway before the store uses it. Each dialect has
 * its own folder, {@code db/migration/sqlite} and {@code db/migration/postgresql}, with the same
 * versions describing the same schema.
 */
final class Migrations {
  private Migrations() {}

  /**
   * @param url the database URL as given, replaced by {@code redactedUrl} in any message (its
   *     parameters may carry a password)
   */
  static void apply(DataSource dataSource, String dialect, String url, String redactedUrl) throws StoreException {
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration/" + dialect)
          .failOnMissingLocations(true)
          .load()
          .migrate();
    } catch (FlywayException e) {
      String message = String.valueOf(e.getMessage()).replace(url, redactedUrl).lines().findFirst().orElse("").strip();
      throw new StoreException(dialect + " schema migration failed: " + message, e);
    }
  }
}
