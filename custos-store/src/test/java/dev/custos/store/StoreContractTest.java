package dev.custos.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.audit.AuditRecord;
import dev.custos.core.policy.Debit;
import dev.custos.core.policy.VelocityLedger.Totals;
import dev.custos.core.policy.VelocityLimit.Scope;
import dev.custos.core.policy.Verdict;
import java.sql.Connection;
import java.sql.DriverManager;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link Store} backend must have. A backend's test extends this class and
 * supplies a fresh database per test; the same suite then runs against SQLite and PostgreSQL.
 * Lives in the test-jar so that other modules can reuse it.
 */
public abstract class StoreContractTest implements ChannelStoreContract, PaymentApprovalStoreContract {
  static final Instant T0 = Instant.parse("2026-01-10T12:00:00Z");

  protected String url;
  protected Store store;

  /** A JDBC URL of a new, empty database; {@link StoreFactory#open(String)} must accept it. */
  protected abstract String newDatabaseUrl() throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    url = newDatabaseUrl();
    store = StoreFactory.open(url);
  }

  @AfterEach
  void closeStore() throws Exception {
    store.close();
  }

  @Override
  public Store channelStore() {
    return store;
  }

  @Override
  public Store paymentApprovalStore() {
    return store;
  }

  /** A connection outside the store, to play the attacker who edits rows. */
  protected Connection raw() throws Exception {
    return DriverManager.getConnection(url);
  }

  // ---- decisions ----

  @Test
  void decisionIsRecordedOncePerWalletAndTransactionAndLookedUpAsRecorded() throws Exception {
    RecordedDecision d = decision("w1", "tx1", Verdict.ALLOW);
    store.write(tx -> {
      tx.recordDecision(d);
      return null;
    });
    assertThat(decisionOf("w1", "tx1")).contains(d);
    assertThat(decisionOf("w1", "tx2")).isEmpty();
    assertThatThrownBy(() -> store.write(tx -> {
      tx.recordDecision(decision("w1", "tx1", Verdict.DENY));
      return null;
    })).isInstanceOf(StoreException.class).hasMessageContaining("already has a decision");
    assertThat(decisionOf("w1", "tx1")).contains(d);

    RecordedDecision otherWallet = decision("w2", "tx1", Verdict.PENDING_APPROVAL);
    store.write(tx -> {
      tx.recordDecision(otherWallet);
      return null;
    });
    assertThat(decisionOf("w2", "tx1")).contains(otherWallet);
  }

  @Test
  void decisionTagsAndReasonsRoundTripAnyText() throws Exception {
    RecordedDecision d = new RecordedDecision("w", "t", Verdict.DENY, List.of("policy-a", "", "with,comma:and colon", "ünïcødé ₿"),
        List.of("3:x,", "line\nbreak", "", "emoji 😀"), "cred", 1234, 7, Instant.parse("2026-01-10T12:00:00.123456Z"));
    store.write(tx -> {
      tx.recordDecision(d);
      return null;
    });
    assertThat(decisionOf("w", "t")).contains(d);
  }

  // ---- velocity ----

  @Test
  void velocityTotalsAreExactWhenNoSpendFallsInTheOldestMinute() throws Exception {
    debit("w", "2026-01-03T11:59:30Z", 32_000);
    debit("w", "2026-01-04T12:00:30Z", 16_000);
    debit("w", "2026-01-09T12:00:30Z", 8_000);
    debit("w", "2026-01-10T09:59:30Z", 1_000);
    debit("w", "2026-01-10T10:00:30Z", 2_000);
    debit("w", "2026-01-10T11:30:00Z", 4_000);

    assertThat(totals("w", Duration.ofHours(1), T0)).isEqualTo(new Totals(4_000, 1));
    assertThat(totals("w", Duration.ofHours(2), T0)).isEqualTo(new Totals(6_000, 2));
    assertThat(totals("w", Duration.ofHours(24), T0)).isEqualTo(new Totals(15_000, 4));
    assertThat(totals("w", Duration.ofDays(7), T0)).isEqualTo(new Totals(31_000, 5));
    assertThat(totals("w", Duration.ofDays(8), T0)).isEqualTo(new Totals(63_000, 6));
    Instant unaligned = Instant.parse("2026-01-10T12:34:56.789Z");
    assertThat(totals("w", Duration.ofHours(1), unaligned)).isEqualTo(Totals.ZERO);
    assertThat(totals("w", Duration.ofHours(3), unaligned)).isEqualTo(new Totals(7_000, 3));
    assertThat(totals("other", Duration.ofDays(7), T0)).isEqualTo(Totals.ZERO);
  }

  @Test
  void velocityCountsThePartiallyCoveredOldestMinuteWhole() throws Exception {
    debit("w", "2026-01-10T10:59:50Z", 500);
    // (11:00:30, 12:00:30]: the spend at 10:59:50 is outside, in another minute: not counted.
    assertThat(totals("w", Duration.ofHours(1), Instant.parse("2026-01-10T12:00:30Z"))).isEqualTo(Totals.ZERO);
    // (10:59:55, 11:59:55]: the spend is 5 s before the window, in its oldest minute: counted (safe side).
    assertThat(totals("w", Duration.ofHours(1), Instant.parse("2026-01-10T11:59:55Z"))).isEqualTo(new Totals(500, 1));
  }

  @Test
  void velocityScopesAndLongKeysAreSeparateBudgets() throws Exception {
    String script = "5120" + "ab".repeat(300);
    store.write(tx -> {
      tx.debit(List.of(new Debit(Scope.WALLET, "w", 10), new Debit(Scope.CREDENTIAL, "w", 20), new Debit(Scope.DESTINATION, script, 30)),
          T0, "tx1");
      return null;
    });
    assertThat(totals(Scope.WALLET, "w", Duration.ofHours(1), T0)).isEqualTo(new Totals(10, 1));
    assertThat(totals(Scope.CREDENTIAL, "w", Duration.ofHours(1), T0)).isEqualTo(new Totals(20, 1));
    assertThat(totals(Scope.DESTINATION, script, Duration.ofHours(1), T0)).isEqualTo(new Totals(30, 1));
    assertThat(totals(Scope.DESTINATION, script + "00", Duration.ofHours(1), T0)).isEqualTo(Totals.ZERO);
  }

  @Test
  void writerStatsCountEveryWriteTheWriterRan() throws Exception {
    assertThat(store.writerStats()).isEqualTo(Store.WriterStats.NONE);
    for (int i = 0; i < 3; i++) {
      store.write(tx -> {
        tx.advanceHighWaterMark(T0);
        return null;
      });
    }
    assertThatThrownBy(() -> store.write(tx -> {
      throw new IllegalStateException("fails");
    })).hasMessageContaining("aborted by IllegalStateException");
    store.read(tx -> tx.highWaterMark());
    Store.WriterStats stats = store.writerStats();
    assertThat(stats.works()).isEqualTo(4);
    assertThat(stats.batches()).isBetween(1L, 4L);
    assertThat(stats.busyNanos()).isPositive();
  }

  @Test
  void aTransactionDebitsABudgetOnlyOnce() throws Exception {
    debit("w", "2026-01-10T11:00:00Z", 100, "tx1");
    assertThatThrownBy(() -> debit("w", "2026-01-10T11:01:00Z", 100, "tx1"))
        .isInstanceOf(StoreException.class).hasMessageContaining("tx1 already debited this wallet budget");
    assertThat(totals("w", Duration.ofHours(2), T0)).isEqualTo(new Totals(100, 1));
  }

  @Test
  void aDecisionIsDebitedOnlyOnceAndItsDebitsCountInEveryBudget() throws Exception {
    String script = "0014" + "ab".repeat(20);
    List<Debit> debits = List.of(new Debit(Scope.WALLET, "w", 10), new Debit(Scope.CREDENTIAL, "cred-1", 20),
        new Debit(Scope.DESTINATION, script, 30));
    store.write(tx -> {
      tx.recordDecision(decision("w", "tx1", Verdict.ALLOW));
      tx.debitDecision("w", "tx1", debits, T0.minusSeconds(60));
      return null;
    });
    assertThatThrownBy(() -> store.write(tx -> {
      tx.debitDecision("w", "tx1", debits, T0.minusSeconds(30));
      return null;
    })).isInstanceOf(StoreException.class).hasMessageContaining("wallet w already debited its decision for tx1");
    assertThat(totals(Scope.WALLET, "w", Duration.ofHours(1), T0)).isEqualTo(new Totals(10, 1));
    assertThat(totals(Scope.CREDENTIAL, "cred-1", Duration.ofHours(1), T0)).isEqualTo(new Totals(20, 1));
    assertThat(totals(Scope.DESTINATION, script, Duration.ofHours(1), T0)).isEqualTo(new Totals(30, 1));
  }

  @Test
  void aDebitNeedsARecordedDecisionOfThatWallet() throws Exception {
    store.write(tx -> {
      tx.recordDecision(decision("w1", "tx1", Verdict.PENDING_APPROVAL));
      return null;
    });
    for (String wallet : new String[] {"w2", "w1"}) {
      String txid = wallet.equals("w1") ? "tx2" : "tx1";
      assertThatThrownBy(() -> store.write(tx -> {
        tx.debitDecision(wallet, txid, List.of(new Debit(Scope.WALLET, wallet, 5)), T0);
        return null;
      })).isInstanceOf(StoreException.class).hasMessageContaining("wallet " + wallet + " has no recorded decision for " + txid);
      assertThat(totals(wallet, Duration.ofHours(1), T0)).isEqualTo(Totals.ZERO);
    }
    // The pending decision itself can be debited (its approved release), once.
    store.write(tx -> {
      tx.debitDecision("w1", "tx1", List.of(new Debit(Scope.WALLET, "w1", 5)), T0);
      return null;
    });
    assertThat(totals("w1", Duration.ofHours(1), T0)).isEqualTo(new Totals(5, 1));
  }

  @Test
  void aDebitRolledBackWithItsWorkLeavesTheDecisionUndebited() throws Exception {
    store.write(tx -> {
      tx.recordDecision(decision("w", "tx1", Verdict.ALLOW));
      return null;
    });
    assertThatThrownBy(() -> store.write(tx -> {
      tx.debitDecision("w", "tx1", List.of(new Debit(Scope.WALLET, "w", 5)), T0);
      throw new StoreException("later step failed");
    })).hasMessageContaining("later step failed");
    assertThat(totals("w", Duration.ofHours(1), T0)).isEqualTo(Totals.ZERO);
    store.write(tx -> {
      tx.debitDecision("w", "tx1", List.of(new Debit(Scope.WALLET, "w", 5)), T0);
      return null;
    });
    assertThat(totals("w", Duration.ofHours(1), T0)).isEqualTo(new Totals(5, 1));
  }

  @Test
  void velocityTotalsRejectWindowsOutsideTheSupportedRange() {
    for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofSeconds(-1), Duration.ofDays(367)}) {
      assertThatThrownBy(() -> totals("w", bad, T0)).isInstanceOf(StoreException.class).hasMessageContaining("window");
    }
  }

  /**
   * Property: replaying random spends in time order, with {@code now} never below the latest spend
   * (the high-water-mark invariant), the store's total is at least the exact sum over the raw list
   * and at most that plus the spends in the minute containing {@code now - window}.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 5, 8})
  void velocityNeverUnderCountsRandomSpends(long seed) throws Exception {
    Random rnd = new Random(seed);
    List<Spend> spends = new ArrayList<>();
    Instant t = T0.plusMillis(rnd.nextInt(86_400_000));
    int n = 0;
    for (int round = 0; round < 40; round++) {
      List<Spend> batch = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        t = t.plusNanos(randomGap(rnd));
        batch.add(new Spend(t, 1 + rnd.nextInt(1_000_000), "tx" + n++));
      }
      store.write(tx -> {
        for (Spend s : batch) {
          tx.debit(List.of(new Debit(Scope.WALLET, "w", s.amount)), s.at, s.txid);
        }
        return null;
      });
      spends.addAll(batch);
      t = t.plusNanos(rnd.nextLong(120_000_000_000L));
      Instant now = t;
      Duration random = Duration.ofSeconds(60 + rnd.nextLong(10 * 86_400), rnd.nextInt(1_000_000_000));
      for (Duration w : List.of(Duration.ofHours(1), Duration.ofHours(24), Duration.ofDays(7), random)) {
        Totals got = totals("w", w, now);
        Totals exact = sum(spends, now.minus(w), now);
        Instant oldestMinute = Instant.ofEpochSecond(Math.floorDiv(now.minus(w).getEpochSecond(), 60) * 60);
        Totals slack = sum(spends, oldestMinute.minusNanos(1), now.minus(w));
        String at = "seed " + seed + ", now " + now + ", window " + w;
        assertThat(got.amountSat()).as(at).isBetween(exact.amountSat(), exact.amountSat() + slack.amountSat());
        assertThat(got.count()).as(at).isBetween(exact.count(), exact.count() + slack.count());
      }
    }
    for (int i = 0; i < 100; i++) {
      Instant now = T0.plusSeconds(rnd.nextLong(20 * 86_400));
      Duration w = Duration.ofSeconds(60 + rnd.nextLong(10 * 86_400));
      assertThat(totals("w", w, now).amountSat()).as("seed " + seed + ", any now " + now).isGreaterThanOrEqualTo(sum(spends, now.minus(w), now).amountSat());
    }
  }

  // ---- transactions ----

  @Test
  void aFailedWriteLeavesNothing() throws Exception {
    AuditRecord first = AuditRecord.next(null, T0, "test", Map.of());
    assertThatThrownBy(() -> store.write(tx -> {
      writeOneOfEverything(tx, first);
      throw new IllegalStateException("boom");
    })).isInstanceOf(StoreException.class).hasMessageContaining("IllegalStateException");
    StoreException mine = new StoreException("mine");
    assertThatThrownBy(() -> store.write(tx -> {
      writeOneOfEverything(tx, first);
      throw mine;
    })).isSameAs(mine);
    assertThatThrownBy(() -> store.write(tx -> {
      writeOneOfEverything(tx, first);
      throw new StoreUncheckedException(mine);
    })).isSameAs(mine);

    store.read(tx -> {
      assertThat(tx.decision("w", "tx1")).isEmpty();
      assertThat(tx.totals(Scope.WALLET, "w", Duration.ofDays(1), T0)).isEqualTo(Totals.ZERO);
      assertThat(tx.pendingApprovals()).isEmpty();
      assertThat(tx.currentPolicy()).isEmpty();
      assertThat(tx.auditHead()).isEmpty();
      assertThat(tx.highWaterMark()).isEqualTo(Instant.EPOCH);
      assertThat(tx.macaroonRootKeys()).isEmpty();
      return null;
    });
    store.write(tx -> {
      writeOneOfEverything(tx, first);
      return null;
    });
    assertThat(store.read(ReadTx::auditHead)).contains(first);
  }

  @Test
  void concurrentWritersOnTwoStoreInstancesNeverLoseAnUpdateNorOverspend() throws Exception {
    int limit = 60;
    try (Store second = StoreFactory.open(url); ExecutorService pool = Executors.newFixedThreadPool(4)) {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        Store s = w % 2 == 0 ? store : second;
        int worker = w;
        workers.add(pool.submit(() -> {
          for (int i = 0; i < 25; i++) {
            String txid = "w" + worker + "-" + i;
            s.write(tx -> {
              if (tx.totals(Scope.WALLET, "budget", Duration.ofDays(1), T0).count() < limit) {
                tx.debit(List.of(new Debit(Scope.WALLET, "budget", 7)), T0, txid);
              }
              tx.debit(List.of(new Debit(Scope.WALLET, "all", 3)), T0, txid);
              return null;
            });
          }
          return null;
        }));
      }
      for (Future<?> f : workers) {
        f.get();
      }
    }
    assertThat(totals("all", Duration.ofDays(1), T0)).isEqualTo(new Totals(300, 100));
    assertThat(totals("budget", Duration.ofDays(1), T0)).isEqualTo(new Totals(7L * limit, limit));
  }

  // ---- group commit ----

  @Test
  void concurrentWritersAreAllCommittedAndEachSeesTheEarlierOnes() throws Exception {
    int threads = 16;
    int perThread = 40;
    List<Long> seen = java.util.Collections.synchronizedList(new ArrayList<>());
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<Long>> workers = new ArrayList<>();
      for (int w = 0; w < threads; w++) {
        int worker = w;
        workers.add(pool.submit(() -> {
          long last = 0;
          for (int i = 0; i < perThread; i++) {
            String txid = "c" + worker + "-" + i;
            last = store.write(tx -> {
              long before = tx.totals(Scope.WALLET, "all", Duration.ofDays(1), T0).count();
              tx.debit(List.of(new Debit(Scope.WALLET, "all", 1)), T0, txid);
              return before;
            });
            seen.add(last);
            // A returned result is durable: a fresh snapshot already holds it.
            assertThat(totals("all", Duration.ofDays(1), T0).count()).isGreaterThan(last);
          }
          return last;
        }));
      }
      for (Future<Long> f : workers) {
        f.get();
      }
    }
    assertThat(totals("all", Duration.ofDays(1), T0)).isEqualTo(new Totals(threads * perThread, threads * perThread));
    // Serialized: every write saw a different count of the writes before it.
    assertThat(seen).doesNotHaveDuplicates().hasSize(threads * perThread);
  }

  @Test
  void queuedWritesShareOneBatchAndAFailingOneLeavesNothingNorHarmsTheOthers() throws Exception {
    AuditRecord first = AuditRecord.next(null, T0, "test", Map.of());
    List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
    List<String> committed = java.util.Collections.synchronizedList(new ArrayList<>());
    try (ExecutorService pool = Executors.newFixedThreadPool(5); Leader leader = blockLeader(pool)) {
      Future<String> before = queue(pool, 1, tx -> {
        threads.add(Thread.currentThread().getName());
        tx.afterCommit(() -> committed.add("before"));
        tx.afterCommit(() -> {
          throw new IllegalStateException("a throwing after-commit action is dropped");
        });
        tx.debit(List.of(new Debit(Scope.WALLET, "ok", 2)), T0, "before");
        return "before";
      });
      Future<String> failing = queue(pool, 2, tx -> {
        threads.add(Thread.currentThread().getName());
        tx.afterCommit(() -> committed.add("failing"));
        writeOneOfEverything(tx, first);
        try {
          // A statement the database itself rejects: PostgreSQL then aborts the transaction
          // until the savepoint is rolled back to.
          ((JdbcTx) tx).session().prepare("INSERT INTO no_such_table VALUES (1)").execute();
        } catch (java.sql.SQLException e) {
          throw JdbcFailure.of("test insert", e);
        }
        return "failing";
      });
      Future<String> nested = queue(pool, 3, tx -> {
        threads.add(Thread.currentThread().getName());
        tx.advanceHighWaterMark(T0);
        return store.write(inner -> "inner");
      });
      Future<String> after = queue(pool, 4, tx -> {
        threads.add(Thread.currentThread().getName());
        tx.afterCommit(() -> committed.add("after"));
        tx.debit(List.of(new Debit(Scope.WALLET, "ok", 3)), T0, "after");
        assertThat(tx.decision("w", "tx1")).isEmpty();
        assertThat(tx.auditHead()).isEmpty();
        return "after";
      });
      leader.release();
      assertThat(before.get()).isEqualTo("before");
      assertThat(committed).as("after-commit actions ran before the callers returned, in batch order").containsExactly("before", "after");
      assertThat(after.get()).isEqualTo("after");
      assertThatThrownBy(failing::get).hasCauseInstanceOf(StoreException.class).hasMessageContaining("test insert failed");
      assertThatThrownBy(nested::get).hasCauseInstanceOf(StoreException.class).hasMessageContaining("nested");
    }
    assertThat(threads).hasSize(4);
    assertThat(java.util.Set.copyOf(threads)).as("one leader ran the queued batch").hasSize(1);
    assertThat(totals("ok", Duration.ofDays(1), T0)).isEqualTo(new Totals(5, 2));
    store.read(tx -> {
      assertThat(tx.decision("w", "tx1")).isEmpty();
      assertThat(tx.totals(Scope.WALLET, "w", Duration.ofDays(1), T0)).isEqualTo(Totals.ZERO);
      assertThat(tx.pendingApprovals()).isEmpty();
      assertThat(tx.currentPolicy()).isEmpty();
      assertThat(tx.auditHead()).isEmpty();
      assertThat(tx.highWaterMark()).isEqualTo(Instant.EPOCH);
      assertThat(tx.macaroonRootKeys()).isEmpty();
      return null;
    });
  }

  /**
   * Works of one batch hand the audit head on: each append extends the one before it, and after a
   * work that appended and was then rolled back, the next one links to the last kept record.
   */
  @Test
  void appendsInOneBatchChainFromWorkToWorkAndSkipARolledBackOne() throws Exception {
    try (ExecutorService pool = Executors.newFixedThreadPool(5); Leader leader = blockLeader(pool)) {
      List<Future<Long>> works = new ArrayList<>();
      for (int i = 1; i <= 4; i++) {
        boolean fails = i == 3;
        works.add(queue(pool, i, tx -> {
          AuditRecord r = AuditRecord.next(tx.auditHead().orElse(null), T0, "batch", Map.of("fails", Boolean.toString(fails)));
          tx.appendAudit(r);
          if (fails) {
            throw new StoreException("rolled back after its append");
          }
          return r.seq();
        }));
      }
      leader.release();
      assertThat(works.get(0).get()).isEqualTo(0);
      assertThat(works.get(1).get()).isEqualTo(1);
      assertThatThrownBy(works.get(2)::get).hasMessageContaining("rolled back after its append");
      assertThat(works.get(3).get()).as("links to seq 1, not to the rolled-back seq 2").isEqualTo(2);
    }
    List<AuditRecord> log = store.read(tx -> tx.auditRecords(0, 10));
    assertThat(log).extracting(AuditRecord::seq).containsExactly(0L, 1L, 2L);
    assertThat(log).extracting(r -> r.fields().get("fails")).containsOnly("false");
  }

  @Test
  void aFailedCommitFailsEveryWorkOfTheBatchAndKeepsNothing() throws Exception {
    store.write(tx -> {
      sql(tx, "CREATE TABLE gc_parent (id INTEGER PRIMARY KEY)");
      sql(tx, "CREATE TABLE gc_child (pid INTEGER REFERENCES gc_parent (id) DEFERRABLE INITIALLY DEFERRED)");
      return null;
    });
    List<String> committed = java.util.Collections.synchronizedList(new ArrayList<>());
    try (ExecutorService pool = Executors.newFixedThreadPool(4); Leader leader = blockLeader(pool)) {
      Future<String> first = queue(pool, 1, tx -> {
        tx.afterCommit(() -> committed.add("first"));
        tx.debit(List.of(new Debit(Scope.WALLET, "lost", 2)), T0, "first");
        return "first";
      });
      // A deferred foreign key: the statement succeeds, the commit of the whole batch fails.
      Future<String> orphan = queue(pool, 2, tx -> {
        sql(tx, "INSERT INTO gc_child (pid) VALUES (42)");
        return "orphan";
      });
      Future<String> last = queue(pool, 3, tx -> {
        tx.advanceHighWaterMark(T0);
        return "last";
      });
      leader.release();
      for (Future<String> f : List.of(first, orphan, last)) {
        assertThatThrownBy(f::get).hasCauseInstanceOf(StoreException.class).hasMessageContaining("write commit failed");
      }
    }
    assertThat(committed).as("no after-commit action of a batch whose commit failed").isEmpty();
    assertThat(totals("lost", Duration.ofDays(1), T0)).isEqualTo(Totals.ZERO);
    assertThat(store.read(ReadTx::highWaterMark)).isEqualTo(Instant.EPOCH);
    // The store still works after the failed batch.
    advance(T0);
    assertThat(store.read(ReadTx::highWaterMark)).isEqualTo(T0);
  }

  private static void sql(WriteTx tx, String statement) throws StoreException {
    try {
      ((JdbcTx) tx).session().prepare(statement).execute();
    } catch (java.sql.SQLException e) {
      throw JdbcFailure.of("test statement", e);
    }
  }

  @Test
  void theAuditChainStaysIntactUnderConcurrentAppendsWithAFailingWorkInTheMiddle() throws Exception {
    int threads = 8;
    int perThread = 15;
    try (ExecutorService pool = Executors.newFixedThreadPool(threads + 2); Leader leader = blockLeader(pool)) {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < threads; w++) {
        int worker = w;
        workers.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            int n = i;
            store.write(tx -> {
              tx.appendAudit(AuditRecord.next(tx.auditHead().orElse(null), T0, "event", Map.of("worker", "" + worker, "n", "" + n)));
              return null;
            });
          }
          return null;
        }));
      }
      Future<String> failing = queue(pool, threads + 1, tx -> {
        tx.appendAudit(AuditRecord.next(tx.auditHead().orElse(null), T0, "doomed", Map.of()));
        tx.appendAudit(AuditRecord.next(tx.auditHead().orElse(null), T0, "doomed", Map.of()));
        throw new IllegalStateException("after two appends");
      });
      leader.release();
      for (Future<?> f : workers) {
        f.get();
      }
      assertThatThrownBy(failing::get).hasCauseInstanceOf(StoreException.class).hasMessageContaining("IllegalStateException");
    }
    List<AuditRecord> all = auditRecords(0, 1000);
    assertThat(all).hasSize(threads * perThread);
    assertThat(all).extracting(AuditRecord::type).doesNotContain("doomed");
    for (int i = 0; i < all.size(); i++) {
      assertThat(all.get(i).seq()).isEqualTo(i);
      assertThat(all.get(i).prevHash()).isEqualTo(i == 0 ? AuditRecord.GENESIS_PREV : all.get(i - 1).hash());
    }
    assertThat(store.read(ReadTx::auditHead)).contains(all.getLast());
  }

  /** A write whose work blocks until released, so that later writes queue up behind it. */
  private Leader blockLeader(ExecutorService pool) throws Exception {
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    Future<?> f = pool.submit(() -> store.write(tx -> {
      started.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new StoreException("test leader interrupted");
      }
      return null;
    }));
    assertThat(started.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    return new Leader(release, f);
  }

  /** Submits a write and waits until it is queued as the {@code position}-th waiting write. */
  private <T> Future<T> queue(ExecutorService pool, int position, Store.Work<WriteTx, T> work) throws Exception {
    Future<T> f = pool.submit(() -> store.write(work));
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (((JdbcStore) store).queuedWrites() < position) {
      assertThat(System.nanoTime()).as("write %d queued in time", position).isLessThan(deadline);
      Thread.sleep(1);
    }
    return f;
  }

  private record Leader(java.util.concurrent.CountDownLatch latch, Future<?> write) implements AutoCloseable {
    void release() {
      latch.countDown();
    }

    @Override
    public void close() throws Exception {
      latch.countDown();
      write.get();
    }
  }

  @Test
  void nestedWritesOnOneThreadAreRejected() throws Exception {
    assertThatThrownBy(() -> store.write(tx -> store.write(inner -> null)))
        .isInstanceOf(StoreException.class).hasMessageContaining("nested");
  }

  @Test
  void aReadTransactionCannotWrite() {
    assertThatThrownBy(() -> store.read(tx -> {
      ((WriteTx) tx).advanceHighWaterMark(T0);
      return null;
    })).isInstanceOf(StoreException.class);
  }

  @Test
  void aTransactionObjectIsUnusableAfterItsWork() throws Exception {
    AtomicReference<ReadTx> leaked = new AtomicReference<>();
    store.read(tx -> {
      leaked.set(tx);
      return null;
    });
    assertThatThrownBy(() -> leaked.get().highWaterMark()).isInstanceOf(StoreException.class).hasMessageContaining("ended");
  }

  @Test
  void aClosedStoreRefusesWork() throws Exception {
    store.close();
    assertThatThrownBy(() -> store.read(ReadTx::highWaterMark)).isInstanceOf(StoreException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> store.write(ReadTx::highWaterMark)).isInstanceOf(StoreException.class).hasMessageContaining("closed");
  }

  @Test
  void reopeningKeepsEverything() throws Exception {
    store.write(tx -> {
      tx.recordDecision(decision("w", "tx1", Verdict.ALLOW));
      return null;
    });
    store.close();
    store = StoreFactory.open(url);
    assertThat(decisionOf("w", "tx1")).isPresent();
  }

  // ---- audit ----

  @Test
  void auditAppendAcceptsOnlyTheNextLinkOfTheChain() throws Exception {
    AuditRecord r0 = AuditRecord.next(null, T0, "boot", Map.of("v", "1"));
    AuditRecord r1 = AuditRecord.next(r0, T0.plusSeconds(1), "decision", Map.of("wallet", "w"));
    AuditRecord stray = AuditRecord.next(AuditRecord.next(null, T0, "other", Map.of()), T0, "x", Map.of());

    assertThatThrownBy(() -> append(r1)).isInstanceOf(StoreException.class).hasMessageContaining("seq 1 does not extend");
    append(r0);
    assertThatThrownBy(() -> append(r0)).isInstanceOf(StoreException.class).hasMessageContaining("seq 0 does not extend");
    assertThatThrownBy(() -> append(stray)).isInstanceOf(StoreException.class).hasMessageContaining("does not link");
    AuditRecord forged = new AuditRecord(1, r1.time(), r1.type(), r1.fields(), r1.prevHash(), r0.hash());
    assertThatThrownBy(() -> append(forged)).isInstanceOf(StoreException.class).hasMessageContaining("does not match its content");
    append(r1);

    assertThat(store.read(ReadTx::auditHead)).contains(r1);
    assertThat(auditRecords(0, 10)).containsExactly(r0, r1);
    assertThat(auditRecords(1, 10)).containsExactly(r1);
    assertThat(auditRecords(0, 1)).containsExactly(r0);
    assertThat(auditRecords(2, 10)).isEmpty();
  }

  @Test
  void aTamperedAuditRowIsReportedWithItsSeq() throws Exception {
    AuditRecord r0 = AuditRecord.next(null, T0, "boot", Map.of());
    AuditRecord r1 = AuditRecord.next(r0, T0, "decision", Map.of("amount", "1000"));
    AuditRecord r2 = AuditRecord.next(r1, T0, "decision", Map.of("amount", "2000"));
    for (AuditRecord r : List.of(r0, r1, r2)) {
      append(r);
    }
    AuditRecord edited = AuditRecord.next(r0, T0, "decision", Map.of("amount", "1"));
    try (Connection c = raw(); PreparedStatement up = c.prepareStatement("UPDATE audit SET record = ? WHERE seq = 1")) {
      up.setBytes(1, edited.canonicalBytes());
      assertThat(up.executeUpdate()).isEqualTo(1);
    }
    assertThatThrownBy(() -> store.read(tx -> tx.auditRecords(0, 10)))
        .isInstanceOf(StoreException.class).hasMessageContaining("seq 1").hasMessageContaining("tampered");

    try (Connection c = raw(); PreparedStatement up = c.prepareStatement("UPDATE audit SET record = ?, hash = ? WHERE seq = 1")) {
      up.setBytes(1, edited.canonicalBytes());
      up.setBytes(2, edited.hash().toByteArray());
      up.executeUpdate();
    }
    assertThatThrownBy(() -> store.read(tx -> tx.auditRecords(0, 10)))
        .isInstanceOf(StoreException.class).hasMessageContaining("seq 2 does not link to seq 1");

    try (Connection c = raw(); PreparedStatement up = c.prepareStatement("UPDATE audit SET record = ? WHERE seq = 2")) {
      up.setBytes(1, new byte[] {1, 2, 3});
      up.executeUpdate();
    }
    assertThatThrownBy(() -> store.read(ReadTx::auditHead)).isInstanceOf(StoreException.class).hasMessageContaining("seq 2 is corrupt");
    assertThatThrownBy(() -> append(AuditRecord.next(r2, T0, "x", Map.of()))).isInstanceOf(StoreException.class).hasMessageContaining("seq 2");
  }

  @Test
  void anAuditRecordHashIsThatOfTheBytesStoredAtItsSeq() throws Exception {
    AuditRecord r0 = AuditRecord.next(null, T0, "boot", Map.of());
    AuditRecord r1 = AuditRecord.next(r0, T0, "decision", Map.of("amount", "1000"));
    append(r0);
    append(r1);
    assertThat(storedHash(0)).contains(r0.hash());
    assertThat(storedHash(1)).contains(r1.hash());
    assertThat(storedHash(2)).isEmpty();
    // Edited bytes under the original hash column: the answer follows the bytes, not the column.
    AuditRecord edited = AuditRecord.next(r0, T0, "decision", Map.of("amount", "1"));
    try (Connection c = raw(); PreparedStatement up = c.prepareStatement("UPDATE audit SET record = ? WHERE seq = 1")) {
      up.setBytes(1, edited.canonicalBytes());
      assertThat(up.executeUpdate()).isEqualTo(1);
    }
    assertThat(storedHash(1)).contains(edited.hash()).isNotEqualTo(Optional.of(r1.hash()));
  }

  private Optional<fr.acinq.bitcoin.ByteVector32> storedHash(long seq) throws StoreException {
    return store.read(tx -> tx.auditRecordHash(seq));
  }

  // ---- policies, approvals, high-water mark ----

  @Test
  void policyVersionsIncreaseByOneAndTheLatestIsInForce() throws Exception {
    assertThat(store.read(ReadTx::currentPolicy)).isEmpty();
    AppliedPolicy v1 = new AppliedPolicy(1, "limits: {}\n", "aa".repeat(32), T0, "admin-1");
    AppliedPolicy v2 = new AppliedPolicy(2, "limits: {max: 5}\n", "bb".repeat(32), T0.plusSeconds(60), "admin-2");
    assertThatThrownBy(() -> apply(v2)).isInstanceOf(StoreException.class).hasMessageContaining("expected 1");
    apply(v1);
    assertThat(store.read(ReadTx::currentPolicy)).contains(v1);
    apply(v2);
    assertThat(store.read(ReadTx::currentPolicy)).contains(v2);
    assertThatThrownBy(() -> apply(v2)).isInstanceOf(StoreException.class).hasMessageContaining("expected 3");
  }

  @Test
  void pendingApprovalsComeOldestFirstAndIdsAreUnique() throws Exception {
    PendingApproval late = new PendingApproval("a2", "w", "tx2", "cHNidP8=", "cred", 20, List.of("needs-approval"), T0.plusSeconds(5), "pending");
    PendingApproval early = new PendingApproval("a1", "w", "tx1", "cHNidP8=", "cred", 10, List.of(), T0, "pending");
    store.write(tx -> {
      tx.addPendingApproval(late);
      tx.addPendingApproval(early);
      return null;
    });
    assertThat(store.read(ReadTx::pendingApprovals)).containsExactly(early, late);
    assertThatThrownBy(() -> store.write(tx -> {
      tx.addPendingApproval(early);
      return null;
    })).isInstanceOf(StoreException.class).hasMessageContaining("a1 already exists");
  }

  @Test
  void highWaterMarkNeverLowers() throws Exception {
    assertThat(store.read(ReadTx::highWaterMark)).isEqualTo(Instant.EPOCH);
    advance(T0);
    assertThat(store.read(ReadTx::highWaterMark)).isEqualTo(T0);
    advance(T0.minusSeconds(3600));
    assertThat(store.read(ReadTx::highWaterMark)).isEqualTo(T0);
    Instant withNanos = T0.plusNanos(1_500);
    advance(withNanos);
    assertThat(store.read(ReadTx::highWaterMark)).isEqualTo(T0.plusNanos(2_000)).isAfterOrEqualTo(withNanos);
  }

  // ---- macaroon root keys ----

  @Test
  void macaroonRootKeysAreStoredOncePerIdListedOldestFirstAndDeleted() throws Exception {
    StoredRootKey late = rootKey(0x02, T0.plusSeconds(60), "readonly for grafana");
    StoredRootKey early = rootKey(0x01, T0.plusNanos(123_000), "");
    StoredRootKey sameTime = rootKey(0x00, T0.plusNanos(123_000), "ünïcødé ₿ label");
    assertThat(store.read(ReadTx::macaroonRootKeys)).isEmpty();
    assertThat(rootKeyOf(early.id())).isEmpty();
    store.write(tx -> {
      tx.putMacaroonRootKey(late);
      tx.putMacaroonRootKey(early);
      tx.putMacaroonRootKey(sameTime);
      return null;
    });
    assertThat(rootKeyOf(early.id())).contains(early);
    assertThat(store.read(ReadTx::macaroonRootKeys)).containsExactly(sameTime, early, late);

    StoredRootKey overwrite = new StoredRootKey(early.id(), new byte[] {9, 9, 9}, T0, "attacker");
    assertThatThrownBy(() -> store.write(tx -> {
      tx.putMacaroonRootKey(overwrite);
      return null;
    })).isInstanceOf(StoreException.class).hasMessage("put macaroon root key: id 0101010101010101 already exists");
    assertThat(rootKeyOf(early.id())).contains(early);

    assertThat(deleteRootKey(early.id())).isTrue();
    assertThat(deleteRootKey(early.id())).isFalse();
    assertThat(rootKeyOf(early.id())).isEmpty();
    assertThat(store.read(ReadTx::macaroonRootKeys)).containsExactly(sameTime, late);
  }

  @Test
  void macaroonRootKeyIdsAreComparedAsBytesNotAsPrefixesOrText() throws Exception {
    StoredRootKey eight = rootKey(0x30, T0, "eight");
    StoredRootKey lndDefault = new StoredRootKey(new byte[] {'0'}, new byte[] {1}, T0, "lnd default id");
    store.write(tx -> {
      tx.putMacaroonRootKey(eight);
      tx.putMacaroonRootKey(lndDefault);
      return null;
    });
    assertThat(rootKeyOf(new byte[] {'0'})).contains(lndDefault);
    assertThat(rootKeyOf(new byte[] {'0', '0'})).isEmpty();
    assertThat(rootKeyOf(new byte[8])).isEmpty();
    store.close();
    store = StoreFactory.open(url);
    assertThat(rootKeyOf(eight.id())).contains(eight);
  }

  @Test
  void storedRootKeysAreValuesThatHideTheirCiphertext() {
    StoredRootKey a = rootKey(0x01, T0, "x");
    byte[] id = a.id();
    id[0] = 7;
    assertThat(a.id()[0]).isEqualTo((byte) 1);
    assertThat(a).isEqualTo(rootKey(0x01, T0, "x")).hasSameHashCodeAs(rootKey(0x01, T0, "x"));
    assertThat(a).isNotEqualTo(rootKey(0x01, T0, "y"));
    assertThat(a.toString()).contains("0101010101010101", "61 bytes").doesNotContain("5a5a");
  }

  // ---- helpers ----

  private Optional<StoredRootKey> rootKeyOf(byte[] id) throws StoreException {
    return store.read(tx -> tx.macaroonRootKey(id));
  }

  private boolean deleteRootKey(byte[] id) throws StoreException {
    return store.write(tx -> tx.deleteMacaroonRootKey(id));
  }

  private static StoredRootKey rootKey(int idByte, Instant createdAt, String label) {
    byte[] id = new byte[8];
    Arrays.fill(id, (byte) idByte);
    byte[] ciphertext = new byte[61];
    Arrays.fill(ciphertext, (byte) 0x5a);
    return new StoredRootKey(id, ciphertext, createdAt, label);
  }

  private static void writeOneOfEverything(WriteTx tx, AuditRecord audit) throws StoreException {
    tx.recordDecision(decision("w", "tx1", Verdict.ALLOW));
    tx.debit(List.of(new Debit(Scope.WALLET, "w", 5)), T0, "tx1");
    tx.addPendingApproval(new PendingApproval("a", "w", "tx1", "cHNidP8=", "cred", 5, List.of(), T0, "pending"));
    tx.applyPolicy(new AppliedPolicy(1, "x", "00".repeat(32), T0, "admin"));
    tx.appendAudit(audit);
    tx.advanceHighWaterMark(T0);
    tx.putMacaroonRootKey(rootKey(0x01, T0, "admin"));
  }

  private static RecordedDecision decision(String wallet, String txid, Verdict verdict) {
    return new RecordedDecision(wallet, txid, verdict, List.of("velocity-wallet-amount"), List.of("spent 5 > max 4"), "cred-1", 5_000,
        1, T0);
  }

  private void debit(String wallet, String at, long amount) throws StoreException {
    debit(wallet, at, amount, "tx-" + at);
  }

  private void debit(String wallet, String at, long amount, String txid) throws StoreException {
    store.write(tx -> {
      tx.debit(List.of(new Debit(Scope.WALLET, wallet, amount)), Instant.parse(at), txid);
      return null;
    });
  }

  private Totals totals(String wallet, Duration window, Instant now) throws StoreException {
    return totals(Scope.WALLET, wallet, window, now);
  }

  private Totals totals(Scope scope, String key, Duration window, Instant now) throws StoreException {
    return store.read(tx -> tx.totals(scope, key, window, now));
  }

  private Optional<RecordedDecision> decisionOf(String wallet, String txid) throws StoreException {
    return store.read(tx -> tx.decision(wallet, txid));
  }

  private List<AuditRecord> auditRecords(long fromSeq, int limit) throws StoreException {
    return store.read(tx -> tx.auditRecords(fromSeq, limit));
  }

  private void append(AuditRecord r) throws StoreException {
    store.write(tx -> {
      tx.appendAudit(r);
      return null;
    });
  }

  private void apply(AppliedPolicy p) throws StoreException {
    store.write(tx -> {
      tx.applyPolicy(p);
      return null;
    });
  }

  private void advance(Instant t) throws StoreException {
    store.write(tx -> {
      tx.advanceHighWaterMark(t);
      return null;
    });
  }

  /** Gaps that mix bursts (same second), minutes, hours and days. */
  private static long randomGap(Random rnd) {
    return switch (rnd.nextInt(4)) {
      case 0 -> rnd.nextLong(2_000_000_000L);
      case 1 -> rnd.nextLong(180_000_000_000L);
      case 2 -> rnd.nextLong(7_200_000_000_000L);
      default -> rnd.nextLong(129_600_000_000_000L);
    };
  }

  /** Exact sum over the raw list: spends with {@code from < at <= to}. */
  private static Totals sum(List<Spend> spends, Instant from, Instant to) {
    long amount = 0;
    long count = 0;
    for (Spend s : spends) {
      if (s.at.isAfter(from) && !s.at.isAfter(to)) {
        amount += s.amount;
        count++;
      }
    }
    return new Totals(amount, count);
  }

  private record Spend(Instant at, long amount, String txid) {}

  // ---- FROST nonces ----

  private static byte[] filled(int value) {
    byte[] b = new byte[32];
    Arrays.fill(b, (byte) value);
    return b;
  }

  private static final byte[] SESSION = filled(0x51);
  private static final byte[] PARTICIPANT = filled(0x01);
  private static final byte[] PSBT_HASH = filled(0xab);
  private static final byte[] SEALED = "sealed-nonce-blob-bytes".getBytes(StandardCharsets.US_ASCII);

  private Optional<StoredFrostNonces> nonces(byte[] session, byte[] participant) throws StoreException {
    return store.read(tx -> tx.frostNonces(session, participant));
  }

  @Test
  void frostNoncesAreInsertedUnusedOnceAndNeverOverwritten() throws Exception {
    StoredFrostNonces fresh = StoredFrostNonces.unused(SESSION, PARTICIPANT, PSBT_HASH, SEALED, T0);
    store.write(tx -> {
      tx.putFrostNonces(fresh);
      return null;
    });
    assertThat(nonces(SESSION, PARTICIPANT)).contains(fresh);
    assertThat(nonces(SESSION, filled(0x02))).isEmpty();

    StoredFrostNonces other = StoredFrostNonces.unused(SESSION, PARTICIPANT, filled(0xcd), filled(0x77), T0.plusSeconds(1));
    assertThatThrownBy(() -> store.write(tx -> {
      tx.putFrostNonces(other);
      return null;
    })).isInstanceOf(StoreException.class).hasMessageContaining("already has nonces for participant");
    assertThat(nonces(SESSION, PARTICIPANT)).contains(fresh);

    StoredFrostNonces alreadyUsed = new StoredFrostNonces(filled(0x52), PARTICIPANT, PSBT_HASH, SEALED,
        StoredFrostNonces.State.USED, T0, Optional.of(T0));
    assertThatThrownBy(() -> store.write(tx -> {
      tx.putFrostNonces(alreadyUsed);
      return null;
    })).isInstanceOf(StoreException.class).hasMessageContaining("only UNUSED");
    assertThat(nonces(filled(0x52), PARTICIPANT)).isEmpty();
  }

  @Test
  void frostNoncesAreMarkedUsedExactlyOnceAndOnlyForTheirPsbt() throws Exception {
    store.write(tx -> {
      tx.putFrostNonces(StoredFrostNonces.unused(SESSION, PARTICIPANT, PSBT_HASH, SEALED, T0));
      return null;
    });
    assertThatThrownBy(() -> store.write(tx -> tx.markFrostNoncesUsed(SESSION, PARTICIPANT, filled(0xcd), T0)))
        .isInstanceOf(StoreException.class).hasMessageContaining("bound to PSBT hash " + HexFormat.of().formatHex(PSBT_HASH));
    assertThat(nonces(SESSION, PARTICIPANT).orElseThrow().state()).isEqualTo(StoredFrostNonces.State.UNUSED);
    assertThatThrownBy(() -> store.write(tx -> tx.markFrostNoncesUsed(filled(0x99), PARTICIPANT, PSBT_HASH, T0)))
        .isInstanceOf(StoreException.class).hasMessageContaining("no nonces for session");

    Instant usedAt = T0.plusSeconds(5);
    StoredFrostNonces used = store.write(tx -> tx.markFrostNoncesUsed(SESSION, PARTICIPANT, PSBT_HASH, usedAt));
    StoredFrostNonces expected = new StoredFrostNonces(SESSION, PARTICIPANT, PSBT_HASH, SEALED, StoredFrostNonces.State.USED, T0,
        Optional.of(usedAt));
    assertThat(used).isEqualTo(expected);
    assertThat(nonces(SESSION, PARTICIPANT)).contains(expected);

    assertThatThrownBy(() -> store.write(tx -> tx.markFrostNoncesUsed(SESSION, PARTICIPANT, PSBT_HASH, T0.plusSeconds(9))))
        .isInstanceOf(StoreException.class).hasMessageContaining("already USED at " + usedAt);
    assertThat(nonces(SESSION, PARTICIPANT)).contains(expected);

    // USED survives closing and reopening the store (a restart after a crash).
    store.close();
    store = StoreFactory.open(url);
    assertThat(nonces(SESSION, PARTICIPANT)).contains(expected);
    assertThatThrownBy(() -> store.write(tx -> tx.markFrostNoncesUsed(SESSION, PARTICIPANT, PSBT_HASH, T0.plusSeconds(10))))
        .isInstanceOf(StoreException.class).hasMessageContaining("already USED");
  }

  @Test
  void markingFrostNoncesUsedInAFailedWriteLeavesThemUnused() throws Exception {
    store.write(tx -> {
      tx.putFrostNonces(StoredFrostNonces.unused(SESSION, PARTICIPANT, PSBT_HASH, SEALED, T0));
      return null;
    });
    assertThatThrownBy(() -> store.write(tx -> {
      tx.markFrostNoncesUsed(SESSION, PARTICIPANT, PSBT_HASH, T0);
      throw new IllegalStateException("crash before commit");
    })).isInstanceOf(StoreException.class);
    assertThat(nonces(SESSION, PARTICIPANT).orElseThrow().state()).isEqualTo(StoredFrostNonces.State.UNUSED);
  }

  @Test
  void concurrentAttemptsOnTwoStoreInstancesMarkFrostNoncesUsedOnlyOnce() throws Exception {
    store.write(tx -> {
      tx.putFrostNonces(StoredFrostNonces.unused(SESSION, PARTICIPANT, PSBT_HASH, SEALED, T0));
      return null;
    });
    AtomicInteger successes = new AtomicInteger();
    AtomicInteger refusals = new AtomicInteger();
    try (Store second = StoreFactory.open(url); ExecutorService pool = Executors.newFixedThreadPool(4)) {
      List<Future<?>> attempts = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        Store s = w % 2 == 0 ? store : second;
        attempts.add(pool.submit(() -> {
          try {
            s.write(tx -> tx.markFrostNoncesUsed(SESSION, PARTICIPANT, PSBT_HASH, T0));
            successes.incrementAndGet();
          } catch (StoreException e) {
            assertThat(e.getMessage()).contains("already USED");
            refusals.incrementAndGet();
          }
          return null;
        }));
      }
      for (Future<?> f : attempts) {
        f.get();
      }
    }
    assertThat(successes.get()).isEqualTo(1);
    assertThat(refusals.get()).isEqualTo(7);
  }
}
