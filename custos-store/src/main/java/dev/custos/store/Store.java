package dev.custos.store;

/**
 * Durable state of a Custos node behind one interface: SQLite (embedded default) or PostgreSQL.
 * Storage is untrusted for confidentiality and integrity of history (the audit chain detects
 * tampering), but it is trusted to be <em>durable</em>: {@link #write} returns only after the
 * transaction is committed and synced.
 *
 * <p>Writers are serialized: two {@code write} calls never interleave, so a decision that reads
 * budgets and records debits cannot race another one (no budget is spent twice). Concurrent writes
 * may share one commit (group commit, see the JDBC stores): each still sees every write that
 * returned before it started, a failing one leaves nothing and does not affect the others, and
 * none returns before the commit that made it durable.
 */
public interface Store extends AutoCloseable {
  /**
   * Runs {@code work} in one read-write transaction: everything it wrote is committed together,
   * or nothing is (on any exception, including a RuntimeException from {@code work}). Returns
   * only once the commit is durable. {@code work} may run on another thread than the caller's and
   * must not call {@code write} itself (refused with {@link StoreException}).
   */
  <T> T write(Work<WriteTx, T> work) throws StoreException;

  /** Runs {@code work} in a read-only snapshot. */
  <T> T read(Work<ReadTx, T> work) throws StoreException;

  /** Which backend ("sqlite" or "postgresql"), for messages and metrics. */
  String kind();

  /**
   * How much the serialized writer has done since the store was opened, for metrics and
   * benchmarks; {@link WriterStats#NONE} from a store that does not count.
   */
  default WriterStats writerStats() {
    return WriterStats.NONE;
  }

  @Override
  void close() throws StoreException;

  /**
   * Totals since the store was opened.
   *
   * @param batches transactions the writer ran (one commit each when any work in it succeeded)
   * @param works {@link #write} calls those transactions carried
   * @param busyNanos wall-clock time the writer spent running them, commits included: over a
   *     window, its share of the window says how close the serialized writer is to saturation
   */
  record WriterStats(long batches, long works, long busyNanos) {
    public static final WriterStats NONE = new WriterStats(0, 0, 0);
  }

  /** A unit of work inside a transaction. */
  @FunctionalInterface
  interface Work<X, T> {
    T apply(X tx) throws StoreException;
  }
}
