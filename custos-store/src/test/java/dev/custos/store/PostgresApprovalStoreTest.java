package dev.custos.store;

/** The quorum tables on PostgreSQL (embedded). */
class PostgresApprovalStoreTest extends ApprovalStoreContractTest {
  @Override
  protected String newDatabaseUrl() throws Exception {
    return TestPostgres.newDatabaseUrl();
  }
}
