package dev.custos.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.ResultSet;
import dev.custos.core.audit.AuditRecord;
import dev.custos.core.policy.Debit;
import dev.custos.core.policy.VelocityLimit.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on SQLite, plus what only the embedded file store promises. */
class SqliteStoreTest extends StoreContractTest {
  @TempDir
  Path dir;

  @Override
  protected String newDatabaseUrl() {
    return "jdbc:sqlite:" + dir.resolve("custos.db");
  }

  @Test
  void theDatabaseAndItsWalFilesAreOwnerOnly() throws Exception {
    store.write(tx -> {
      tx.advanceHighWaterMark(Instant.parse("2026-01-10T12:00:00Z"));
      return null;
    });
    for (String name : new String[] {"custos.db", "custos.db-wal", "custos.db-shm"}) {
      Path p = dir.resolve(name);
      assertThat(p).exists();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).as(name).isEqualTo("rw-------");
    }
  }

  @Test
  void writeAndReadConnectionsRunWithTheRequiredPragmas() throws Exception {
    store.write(tx -> {
      Session s = ((JdbcTx) tx).session();
      assertThat(pragma(s, "journal_mode")).isEqualTo("wal");
      assertThat(pragma(s, "synchronous")).isEqualTo("2");
      assertThat(pragma(s, "foreign_keys")).isEqualTo("1");
      assertThat(pragma(s, "busy_timeout")).isEqualTo(Integer.toString(SqliteStore.BUSY_TIMEOUT_MS));
      assertThat(pragma(s, "query_only")).isEqualTo("0");
      assertThat(pragma(s, "wal_autocheckpoint")).isEqualTo(Integer.toString(SqliteCheckpointer.WRITER_BACKSTOP_PAGES));
      return null;
    });
    store.read(tx -> {
      Session s = ((JdbcTx) tx).session();
      assertThat(pragma(s, "journal_mode")).isEqualTo("wal");
      assertThat(pragma(s, "synchronous")).isEqualTo("2");
      assertThat(pragma(s, "foreign_keys")).isEqualTo("1");
      assertThat(pragma(s, "query_only")).isEqualTo("1");
      return null;
    });
  }

  @Test
  void urlsThatAreNotAPlainFileAreRefused() {
    for (String bad : new String[] {"jdbc:sqlite:", "jdbc:sqlite::memory:", "jdbc:sqlite:file:x.db?mode=memory", "jdbc:sqlite:/tmp/x.db?journal_mode=delete"}) {
      assertThatThrownBy(() -> StoreFactory.open(bad)).as(bad).isInstanceOf(StoreException.class).hasMessageContaining("plain file path");
    }
    assertThatThrownBy(() -> StoreFactory.open("jdbc:sqlite:" + dir.resolve("missing/custos.db")))
        .isInstanceOf(StoreException.class).hasMessageContaining("does not exist");
    assertThatThrownBy(() -> StoreFactory.open(newDatabaseUrl(), "user", null))
        .isInstanceOf(StoreException.class).hasMessageContaining("no user or password");
  }

  /**
   * The writer's own checkpoint waits for 16,384 log pages; a few hundred commits stay far below
   * that, so the database file grows before then only because the checkpoint thread copied the log
   * into it while the store was open.
   */
  @Test
  void theLogIsCheckpointedIntoTheDatabaseFileWhileTheStoreIsOpen() throws Exception {
    Path db = dir.resolve("custos.db");
    long before = Files.size(db);
    String filler = "x".repeat(2_000);
    for (int i = 0; i < 300; i++) {
      store.write(tx -> {
        tx.appendAudit(AuditRecord.next(tx.auditHead().orElse(null), T0, "filler", Map.of("data", filler)));
        return null;
      });
    }
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (Files.size(db) < before + 300 * 2_000 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(Files.size(db)).isGreaterThanOrEqualTo(before + 300 * 2_000);
    List<AuditRecord> log = store.read(tx -> tx.auditRecords(0, 1_000));
    assertThat(log).hasSize(300);
  }

  /**
   * Migration V7 rebuilds the audit table without the index on hash: a log written under V6 is
   * kept record for record and still reads back verified, and appends continue its chain.
   */
  @Test
  void v7KeepsTheAuditLogAndDropsTheHashIndex() throws Exception {
    org.sqlite.SQLiteDataSource ds = databaseAtSchema("6");
    String oldUrl = ds.getUrl();
    List<AuditRecord> written = new ArrayList<>();
    try (java.sql.Connection c = ds.getConnection();
        java.sql.PreparedStatement insert = c.prepareStatement(
            "INSERT INTO audit (seq, hash, prev_hash, record, recorded_at_us) VALUES (?, ?, ?, ?, ?)")) {
      AuditRecord head = null;
      for (int i = 0; i < 5; i++) {
        head = AuditRecord.next(head, T0.plusSeconds(i), "v6", Map.of("n", Integer.toString(i)));
        written.add(head);
        insert.setLong(1, head.seq());
        insert.setBytes(2, head.hash().toByteArray());
        insert.setBytes(3, head.prevHash().toByteArray());
        insert.setBytes(4, head.canonicalBytes());
        insert.setLong(5, EpochMicros.floor(head.time()));
        insert.executeUpdate();
      }
      assertThat(uniqueIndexesOfAudit(c)).isNotEmpty();
    }

    store = StoreFactory.open(oldUrl);
    List<AuditRecord> migrated = store.read(tx -> tx.auditRecords(0, 100));
    assertThat(migrated).isEqualTo(written);
    store.write(tx -> {
      tx.appendAudit(AuditRecord.next(tx.auditHead().orElseThrow(), T0.plusSeconds(9), "v7", Map.of()));
      return null;
    });
    List<AuditRecord> extended = store.read(tx -> tx.auditRecords(0, 100));
    assertThat(extended).hasSize(6).startsWith(written.toArray(AuditRecord[]::new));
    try (java.sql.Connection c = ds.getConnection()) {
      assertThat(uniqueIndexesOfAudit(c)).isEmpty();
    }
  }

  /**
   * Migration V8 moves signing debits onto the decision row: a decision debited before it (its
   * wallet budget in velocity_debits) is marked debited and cannot be debited again; another
   * wallet's decision for the same txid, not debited, still can be; new debits are listed on the
   * row.
   */
  @Test
  void v8MarksDecisionsDebitedBeforeItAndListsNewDebitsOnTheRow() throws Exception {
    org.sqlite.SQLiteDataSource ds = databaseAtSchema("7");
    String oldUrl = ds.getUrl();
    try (java.sql.Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement()) {
      for (String wallet : new String[] {"w1", "w2"}) {
        st.executeUpdate("INSERT INTO decisions (wallet_id, txid, verdict, tags, reasons, credential, amount_sat, policy_version,"
            + " decided_at_us) VALUES ('" + wallet + "', 'tx1', 'ALLOW', '', '', 'cred', 5, 1, 0)");
      }
      st.executeUpdate("INSERT INTO velocity_debits (txid, scope, key_sha256, budget_key, amount_sat, debited_at_us)"
          + " VALUES ('tx1', 'wallet', x'00', 'w1', 5, 7)");
    }

    store = StoreFactory.open(oldUrl);
    List<Debit> debits = List.of(new Debit(Scope.WALLET, "w2", 5), new Debit(Scope.CREDENTIAL, "cred", 5));
    assertThatThrownBy(() -> store.write(tx -> {
      tx.debitDecision("w1", "tx1", List.of(new Debit(Scope.WALLET, "w1", 5)), T0);
      return null;
    })).isInstanceOf(StoreException.class).hasMessageContaining("wallet w1 already debited its decision for tx1");
    store.write(tx -> {
      tx.debitDecision("w2", "tx1", debits, T0);
      return null;
    });
    try (java.sql.Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery("SELECT wallet_id, debited_at_us, debits FROM decisions ORDER BY wallet_id")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(2)).isEqualTo(7);
      assertThat(rs.getString(3)).isNull();
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(2)).isEqualTo(EpochMicros.floor(T0));
      assertThat(TextList.decode(rs.getString(3))).containsExactly("wallet 5 w2", "credential 5 cred");
    }
  }

  /** Closes the test's store and migrates a new database file only up to schema {@code version}. */
  private org.sqlite.SQLiteDataSource databaseAtSchema(String version) throws StoreException {
    store.close();
    org.sqlite.SQLiteDataSource ds = new org.sqlite.SQLiteDataSource();
    ds.setUrl("jdbc:sqlite:" + dir.resolve("v" + version + ".db"));
    org.flywaydb.core.Flyway.configure().dataSource(ds).locations("classpath:db/migration/sqlite").target(version).load().migrate();
    return ds;
  }

  /** The unique indexes on the audit table other than its primary key (the rowid itself). */
  private static List<String> uniqueIndexesOfAudit(java.sql.Connection c) throws java.sql.SQLException {
    List<String> names = new ArrayList<>();
    try (java.sql.Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA index_list(audit)")) {
      while (rs.next()) {
        if (rs.getInt("unique") == 1) {
          names.add(rs.getString("name"));
        }
      }
    }
    return names;
  }

  private static String pragma(Session s, String name) throws StoreException {
    try (ResultSet rs = s.prepare("PRAGMA " + name).executeQuery()) {
      rs.next();
      return rs.getString(1);
    } catch (java.sql.SQLException e) {
      throw JdbcFailure.of("pragma " + name, e);
    }
  }
}
