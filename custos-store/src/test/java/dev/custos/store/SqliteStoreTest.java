package dev.custos.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.ResultSet;
import java.time.Instant;
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

  private static String pragma(Session s, String name) throws StoreException {
    try (ResultSet rs = s.prepare("PRAGMA " + name).executeQuery()) {
      rs.next();
      return rs.getString(1);
    } catch (java.sql.SQLException e) {
      throw JdbcFailure.of("pragma " + name, e);
    }
  }
}
