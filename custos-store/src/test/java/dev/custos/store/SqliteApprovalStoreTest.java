package dev.custos.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The quorum tables on SQLite. */
class SqliteApprovalStoreTest extends ApprovalStoreContractTest {
  @TempDir
  Path dir;

  @Override
  protected String newDatabaseUrl() {
    return "jdbc:sqlite:" + dir.resolve("custos.db");
  }
}
