package dev.custos.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/** The store contract on a real PostgreSQL (embedded), plus its write serialization. */
class PostgresStoreTest extends StoreContractTest {
  @Override
  protected String newDatabaseUrl() throws Exception {
    return TestPostgres.newDatabaseUrl();
  }

  @Test
  void aWriteHoldsTheAdvisoryLockThatSerializesOtherProcessesAndCommitsSynchronously() throws Exception {
    try (Connection other = raw()) {
      store.write(tx -> {
        try (PreparedStatement q = other.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
          q.setLong(1, PostgresStore.WRITE_LOCK_KEY);
          try (ResultSet rs = q.executeQuery()) {
            rs.next();
            assertThat(rs.getBoolean(1)).as("another session can take the writer lock").isFalse();
          }
          try (ResultSet rs = ((JdbcTx) tx).session().prepare("SHOW synchronous_commit").executeQuery()) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("on");
          }
        } catch (java.sql.SQLException e) {
          throw new AssertionError(e);
        }
        return null;
      });
    }
  }

  @Test
  void anUnreachableServerIsReportedWithoutTheUrlParameters() {
    assertThatThrownBy(() -> StoreFactory.open("jdbc:postgresql://127.0.0.1:1/custos?user=u&password=hunter2"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/custos")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> StoreFactory.open("jdbc:postgresql://127.0.0.1:1/custos", "u", "hunter2"))
        .isInstanceOf(StoreException.class)
        .hasMessageNotContaining("hunter2");
  }
}
