package dev.custos.store;

import dev.custos.core.audit.AuditRecord;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What both backends share: running units of work in transactions, committing or rolling back,
 * and serializing writers inside this JVM. Each backend begins its transactions in its own way
 * (SQLite {@code BEGIN IMMEDIATE}; PostgreSQL an advisory lock) so that writers are also
 * serialized across processes.
 *
 * <p><b>Group commit.</b> Concurrent {@link #write} calls are queued. One caller at a time becomes
 * the leader: it takes up to {@link #MAX_BATCH} queued works (oldest first) and runs them, one
 * after another in queue order on its own thread, in ONE database transaction, each inside its own
 * {@code SAVEPOINT}; then it commits once (one sync to disk for the whole batch). Each work sees
 * the effects of the works before it, exactly as if they had been separate serialized
 * transactions. A work that throws is rolled back to its savepoint: only its caller gets the
 * exception, and the works after it proceed. A failed begin or commit fails every caller of the
 * batch. Every caller gets its result only after the commit: a returned result is durable. The
 * store keeps no state in memory between transactions (the audit head, the high-water mark and
 * budgets are read inside the transaction), so a rolled-back work or batch leaves nothing behind.
 * Within a batch, the audit head a work read or appended is handed to the next work, unless the
 * work was rolled back.
 *
 * <p>Works run on the leader's thread, not their caller's: a work must not depend on
 * thread-local state, and must not call {@link #write} itself (refused as a nested write).
 *
 * <p>Failure mapping: a {@link StoreException} from the work passes through, a
 * {@link StoreUncheckedException} is unwrapped, any other RuntimeException becomes a
 * {@link StoreException} naming its class; in every case the work is rolled back first.
 */
abstract class JdbcStore implements Store {
  /** The most works one transaction carries: bounds the latency a batch adds to its last work. */
  static final int MAX_BATCH = 64;
  private static final String SAVEPOINT = "SAVEPOINT custos_work";
  private static final String ROLLBACK_TO_SAVEPOINT = "ROLLBACK TO SAVEPOINT custos_work";
  private static final String RELEASE_SAVEPOINT = "RELEASE SAVEPOINT custos_work";

  private final ReentrantLock queueLock = new ReentrantLock();
  private final Condition finished = queueLock.newCondition();
  private final ArrayDeque<PendingWrite<?>> queue = new ArrayDeque<>();
  /** A leader is running a batch, or the store is closing (guarded by queueLock). */
  private boolean busy;
  private final LongAdder batchesRun = new LongAdder();
  private final LongAdder worksRun = new LongAdder();
  private final LongAdder busyNanos = new LongAdder();
  /** The thread running a batch, to refuse nested writes from inside a work. */
  private volatile Thread leader;

  /** A session whose write transaction has begun and holds the database's write lock. */
  abstract Session beginWrite() throws StoreException;

  /** A session whose read-only snapshot transaction has begun. */
  abstract Session beginRead() throws StoreException;

  @Override
  public final WriterStats writerStats() {
    return new WriterStats(batchesRun.sum(), worksRun.sum(), busyNanos.sum());
  }

  /** Called on the writer's thread after each commit, before its callers are released; must not throw. */
  void batchCommitted() {}

  /** Releases connections; called once no write is running. */
  abstract void closeConnections();

  /** Waits for a running batch to finish, then closes; later work fails with "closed". */
  @Override
  public final void close() {
    queueLock.lock();
    try {
      while (busy) {
        finished.awaitUninterruptibly();
      }
      busy = true;
      try {
        closeConnections();
      } finally {
        busy = false;
        finished.signalAll();
      }
    } finally {
      queueLock.unlock();
    }
  }

  /** How many writes wait for a batch (not counting one running): lets tests line up a batch. */
  final int queuedWrites() {
    queueLock.lock();
    try {
      return queue.size();
    } finally {
      queueLock.unlock();
    }
  }

  @Override
  public final <T> T write(Work<WriteTx, T> work) throws StoreException {
    if (leader == Thread.currentThread()) {
      throw new StoreException("write: a write transaction is already open on this thread (nested writes are not supported)");
    }
    PendingWrite<T> mine = new PendingWrite<>(work);
    boolean interrupted = false;
    queueLock.lock();
    try {
      queue.add(mine);
      while (!mine.finished()) {
        if (!busy) {
          lead();
          continue;
        }
        try {
          finished.await();
        } catch (InterruptedException e) {
          if (queue.remove(mine)) {
            Thread.currentThread().interrupt();
            throw new StoreException("write: interrupted while waiting for the writer");
          }
          // Already taken into a running batch: its outcome must be awaited, not abandoned.
          interrupted = true;
        }
      }
    } finally {
      queueLock.unlock();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    return mine.outcome();
  }

  /** Runs one batch from the head of the queue; called and returns with queueLock held. */
  private void lead() {
    busy = true;
    List<PendingWrite<?>> batch = new ArrayList<>(Math.min(queue.size(), MAX_BATCH));
    while (batch.size() < MAX_BATCH && !queue.isEmpty()) {
      batch.add(queue.poll());
    }
    queueLock.unlock();
    leader = Thread.currentThread();
    long started = System.nanoTime();
    try {
      runBatch(batch);
      batchesRun.increment();
      worksRun.add(batch.size());
      busyNanos.add(System.nanoTime() - started);
    } catch (Throwable t) {
      // Whatever escaped the batch (an Error while beginning or ending it) must not let a caller
      // return as if its work had been committed.
      for (PendingWrite<?> p : batch) {
        if (!p.hasFailed()) {
          p.failed(copy(t));
        }
      }
    } finally {
      leader = null;
      queueLock.lock();
      batch.forEach(PendingWrite::finish);
      busy = false;
      finished.signalAll();
    }
  }

  private void runBatch(List<PendingWrite<?>> batch) {
    Session s;
    try {
      s = beginWrite();
    } catch (StoreException | RuntimeException e) {
      batch.forEach(p -> p.failed(copy(e)));
      return;
    }
    boolean committed = false;
    try {
      boolean anyRan = false;
      Optional<AuditRecord> auditHead = null;
      for (PendingWrite<?> p : batch) {
        JdbcTx tx = new JdbcTx(s, auditHead);
        boolean ran = runInSavepoint(s, p, tx);
        anyRan |= ran;
        // The next work starts from the audit head this one left; after a rollback to the
        // savepoint it is read again.
        auditHead = ran ? tx.knownAuditHead() : null;
      }
      if (anyRan) {
        try {
          s.commit();
        } catch (SQLException e) {
          throw JdbcFailure.of("write commit", e);
        }
        committed = true;
        batchCommitted();
        batch.forEach(PendingWrite::committed);
      }
    } catch (StoreException | RuntimeException | Error e) {
      for (PendingWrite<?> p : batch) {
        if (!p.hasFailed()) {
          p.failed(copy(e));
        }
      }
    } finally {
      if (!committed) {
        rollback(s);
      }
      s.end();
    }
  }

  /**
   * Runs one work inside its own savepoint: released when the work returns, rolled back to when
   * it throws (the failure is recorded for its caller only).
   *
   * @return whether the work ran to completion
   * @throws StoreException when the savepoint itself fails: the whole batch is lost
   */
  private static <T> boolean runInSavepoint(Session s, PendingWrite<T> p, JdbcTx tx) throws StoreException {
    savepoint(s, SAVEPOINT, "write savepoint");
    try {
      T value = p.work.apply(tx);
      p.ran(value, tx.afterCommitActions());
    } catch (StoreUncheckedException e) {
      p.failed(e.getCause());
    } catch (RuntimeException e) {
      p.failed(new StoreException("write transaction aborted by " + e.getClass().getSimpleName(), e));
    } catch (StoreException | Error e) {
      p.failed(e);
    } finally {
      tx.end();
    }
    if (p.hasFailed()) {
      savepoint(s, ROLLBACK_TO_SAVEPOINT, "write rollback to savepoint");
    }
    savepoint(s, RELEASE_SAVEPOINT, "write release savepoint");
    return !p.hasFailed();
  }

  private static void savepoint(Session s, String sql, String operation) throws StoreException {
    try {
      s.prepare(sql).execute();
    } catch (SQLException e) {
      throw JdbcFailure.of(operation, e);
    }
  }

  /** Each caller of a failed batch gets its own exception (same message, the cause attached). */
  private static Throwable copy(Throwable e) {
    return switch (e) {
      case StoreException se -> new StoreException(se.getMessage(), se);
      case Error err -> err;
      default -> new StoreException("write transaction aborted by " + e.getClass().getSimpleName(), e);
    };
  }

  @Override
  public final <T> T read(Work<ReadTx, T> work) throws StoreException {
    Session s = beginRead();
    JdbcTx tx = new JdbcTx(s);
    boolean committed = false;
    try {
      T result = work.apply(tx);
      tx.end();
      s.commit();
      committed = true;
      return result;
    } catch (SQLException e) {
      throw JdbcFailure.of("read commit", e);
    } catch (StoreUncheckedException e) {
      throw e.getCause();
    } catch (RuntimeException e) {
      throw new StoreException("read transaction aborted by " + e.getClass().getSimpleName(), e);
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
