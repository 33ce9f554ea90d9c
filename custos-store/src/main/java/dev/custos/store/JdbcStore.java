package dev.custos.store;

import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What both backends share: running a unit of work in one transaction, committing it or rolling
 * it back, and serializing writers inside this JVM. Each backend begins its transactions in its
 * own way (SQLite {@code BEGIN IMMEDIATE}; PostgreSQL an advisory lock) so that writers are also
 * serialized across processes.
 *
 * <p>Failure mapping: a {@link StoreException} from the work passes through, a
 * {@link StoreUncheckedException} is unwrapped, any other RuntimeException becomes a
 * {@link StoreException} naming its class; in every case the transaction is rolled back first.
 */
abstract class JdbcStore implements Store {
  private final ReentrantLock writer = new ReentrantLock();

  /** A session whose write transaction has begun and holds the database's write lock. */
  abstract Session beginWrite() throws StoreException;

  /** A session whose read-only snapshot transaction has begun. */
  abstract Session beginRead() throws StoreException;

  /** Releases connections; called once no write is running. */
  abstract void closeConnections();

  /** Waits for a running write to finish, then closes; later work fails with "closed". */
  @Override
  public final void close() {
    writer.lock();
    try {
      closeConnections();
    } finally {
      writer.unlock();
    }
  }

  @Override
  public final <T> T write(Work<WriteTx, T> work) throws StoreException {
    if (writer.isHeldByCurrentThread()) {
      throw new StoreException("write: a write transaction is already open on this thread (nested writes are not supported)");
    }
    try {
      writer.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("write: interrupted while waiting for the writer");
    }
    try {
      return run(beginWrite(), work, "write");
    } finally {
      writer.unlock();
    }
  }

  @Override
  public final <T> T read(Work<ReadTx, T> work) throws StoreException {
    return run(beginRead(), work::apply, "read");
  }

  private static <T> T run(Session s, Work<WriteTx, T> work, String kind) throws StoreException {
    JdbcTx tx = new JdbcTx(s);
    boolean committed = false;
    try {
      T result = work.apply(tx);
      tx.end();
      s.commit();
      committed = true;
      return result;
    } catch (SQLException e) {
      throw JdbcFailure.of(kind + " commit", e);
    } catch (StoreUncheckedException e) {
      throw e.getCause();
    } catch (RuntimeException e) {
      throw new StoreException(kind + " transaction aborted by " + e.getClass().getSimpleName(), e);
    } finally {
      tx.end();
      if (!committed) {
        rollback(s);
      }
      s.end();
    }
  }

  private static void rollback(Session s) {
    try {
      s.rollback();
    } catch (SQLException e) {
      // The transaction is abandoned either way; ending the session discards it.
    }
  }
}
