package dev.custos.store;

import dev.custos.core.policy.Debit;
import dev.custos.core.policy.VelocityLimit.Scope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A manual probe, not a test: loads 1,000,000 debits over 7 days for one wallet plus 100,000
 * debits over 10,000 other keys, then times 10,000 {@code totals()} calls per window (1 h, 24 h,
 * 7 d) on SQLite and on embedded PostgreSQL, printing median and p99 in microseconds. How to run
 * it: see custos-store/README.md.
 */
public final class VelocityPerfProbe {
  private static final Instant END = Instant.parse("2026-01-10T00:00:00Z");
  private static final Duration SPAN = Duration.ofDays(7);
  private static final int HOT_DEBITS = 1_000_000;
  private static final int OTHER_KEYS = 10_000;
  private static final int DEBITS_PER_OTHER_KEY = 10;
  /**
   * Debits per write transaction. PostgreSQL gets small transactions: a row updated thousands of
   * times in one transaction grows a version chain that each later update walks (quadratic), which
   * real traffic (one decision per transaction) never does.
   */
  private static final int SQLITE_PER_WRITE = 10_000;
  private static final int POSTGRES_PER_WRITE = 100;
  private static final int CALLS = 10_000;

  private VelocityPerfProbe() {}

  /** Arguments: {@code sqlite}, {@code postgresql}, or none for both. */
  public static void main(String[] args) throws Exception {
    List<String> kinds = args.length == 0 ? List.of("sqlite", "postgresql") : List.of(args);
    if (kinds.contains("sqlite")) {
      Path dir = Files.createTempDirectory("custos-perf");
      try (Store sqlite = StoreFactory.open("jdbc:sqlite:" + dir.resolve("custos.db"))) {
        probe(sqlite, SQLITE_PER_WRITE, () -> {});
      }
    }
    if (kinds.contains("postgresql")) {
      String url = TestPostgres.newDatabaseUrl();
      try (Store postgres = StoreFactory.open(url)) {
        probe(postgres, POSTGRES_PER_WRITE, () -> vacuum(url));
      }
    }
    System.exit(0);
  }

  /**
   * Loads, lets the database settle ({@code settle}: PostgreSQL's steady state is vacuumed, else
   * the bulk load's dead row versions are timed instead of the query), then times the queries.
   */
  private static void probe(Store store, int perWrite, Settle settle) throws Exception {
    long t0 = System.nanoTime();
    long step = SPAN.toNanos() / HOT_DEBITS;
    for (int from = 0; from < HOT_DEBITS; from += perWrite) {
      int first = from;
      store.write(tx -> {
        for (int i = first; i < first + perWrite; i++) {
          tx.debit(List.of(new Debit(Scope.WALLET, "hot-wallet", 1_000 + i % 977)), END.minus(SPAN).plusNanos(step * i), "hot-" + i);
        }
        return null;
      });
    }
    Random rnd = new Random(1);
    int others = OTHER_KEYS * DEBITS_PER_OTHER_KEY;
    for (int from = 0; from < others; from += perWrite) {
      int first = from;
      store.write(tx -> {
        for (int i = first; i < first + perWrite; i++) {
          String key = "0014" + String.format("%040x", i % OTHER_KEYS);
          tx.debit(List.of(new Debit(Scope.DESTINATION, key, 500)), END.minusSeconds(rnd.nextLong(SPAN.toSeconds())), "other-" + i);
        }
        return null;
      });
    }
    System.out.printf("%s: loaded %,d debits (%,d per write transaction) in %.1f s%n", store.kind(), HOT_DEBITS + others, perWrite,
        (System.nanoTime() - t0) / 1e9);
    settle.run();

    for (Duration window : List.of(Duration.ofHours(1), Duration.ofHours(24), Duration.ofDays(7))) {
      long[] inTx = new long[CALLS];
      long expected = store.read(tx -> tx.totals(Scope.WALLET, "hot-wallet", window, END).count());
      store.read(tx -> {
        for (int i = 0; i < CALLS; i++) {
          Instant now = END.plusMillis(rnd.nextInt(60_000));
          long s = System.nanoTime();
          long count = tx.totals(Scope.WALLET, "hot-wallet", window, now).count();
          inTx[i] = System.nanoTime() - s;
          if (count < expected) {
            throw new IllegalStateException("under-count");
          }
        }
        return null;
      });
      long[] perRead = new long[CALLS];
      for (int i = 0; i < CALLS; i++) {
        Instant now = END.plusMillis(rnd.nextInt(60_000));
        long s = System.nanoTime();
        store.read(tx -> tx.totals(Scope.WALLET, "hot-wallet", window, now));
        perRead[i] = System.nanoTime() - s;
      }
      System.out.printf("%s window %-5s (%,d spends): totals() in a transaction median %.1f us, p99 %.1f us;"
          + " one read() per call median %.1f us, p99 %.1f us%n", store.kind(), window, expected,
          percentile(inTx, 0.50), percentile(inTx, 0.99), percentile(perRead, 0.50), percentile(perRead, 0.99));
    }
  }

  private interface Settle {
    void run() throws Exception;
  }

  private static void vacuum(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      st.execute("VACUUM ANALYZE");
    }
  }

  private static double percentile(long[] nanos, double p) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1_000.0;
  }
}
