package dev.custos.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * One embedded PostgreSQL (zonky: real binaries from Maven Central) per test JVM, stopped at JVM
 * exit, and a fresh database per test. Shared with other modules through this module's test-jar.
 *
 * <p>PostgreSQL refuses to run as root; zonky then runs it under {@code unshare -U} (a user
 * namespace where the process is not root). Only when running as root on a machine where that is
 * impossible is the test skipped, saying so.
 */
public final class TestPostgres {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  private TestPostgres() {}

  /** The JVM-wide server, started on first use. */
  public static synchronized EmbeddedPostgres server() throws IOException, InterruptedException {
    if (server == null) {
      Assumptions.assumeTrue(!runningAsRoot() || unshareWorks(),
          "running as root without user namespaces ('unshare -U' fails): embedded PostgreSQL cannot start here");
      server = EmbeddedPostgres.builder().start();
    }
    return server;
  }

  /** A JDBC URL (user included) of a new, empty database. */
  public static String newDatabaseUrl() throws IOException, InterruptedException, SQLException {
    EmbeddedPostgres pg = server();
    String name = "custos_test_" + DATABASES.incrementAndGet();
    try (Connection c = DriverManager.getConnection(pg.getJdbcUrl("postgres", "postgres")); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    }
    return pg.getJdbcUrl("postgres", name);
  }

  private static boolean runningAsRoot() throws IOException {
    return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
  }

  private static boolean unshareWorks() throws InterruptedException {
    try {
      return new ProcessBuilder("unshare", "-U", "true").redirectErrorStream(true).start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
