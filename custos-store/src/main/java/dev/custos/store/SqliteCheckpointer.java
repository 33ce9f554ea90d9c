package dev.custos.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the SQLite write-ahead log back into the database file on its own connection and thread,
 * so that the writer's commits do not carry that work.
 *
 * <p>By default SQLite checkpoints inside the commit that pushes the log past 1,000 pages: that
 * commit, and every caller waiting on it, pays for copying the pages and syncing the database
 * file. With 16 clients signing, those commits were the slowest 1 % of signatures (p99 17.5 ms
 * against 11.3 ms with checkpoints off; docs/benchmarks.md). Here the writer's automatic
 * checkpoint is raised to {@link #WRITER_BACKSTOP_PAGES} and this thread runs a {@code PASSIVE}
 * checkpoint at most every {@link #INTERVAL_MS} ms while commits arrive. A passive checkpoint
 * never blocks the writer or the readers and takes no write lock; it copies what no reader still
 * needs and syncs the database file ({@code synchronous=FULL}). Durability does not depend on
 * it: a commit is on disk in the log before the writer returns.
 *
 * <p>If this thread falls behind or a long reader keeps the log from being reset, the writer's own
 * automatic checkpoint at {@link #WRITER_BACKSTOP_PAGES} pages still bounds the log.
 */
final class SqliteCheckpointer implements AutoCloseable {
  /** The writer connection's {@code wal_autocheckpoint}: a backstop (64 MiB of 4 KiB pages). */
  static final int WRITER_BACKSTOP_PAGES = 16_384;
  /**
   * The shortest time between two checkpoints while commits keep arriving. Each checkpoint's sync
   * of the database file competes with the writer's sync of the log: with 16 clients signing, 71 %
   * of the signatures slower than 10 ms overlapped a checkpoint, which only 9 % of all signatures
   * did. Every 250 ms rather than 100 ms means fewer such collisions, and a page the writer keeps
   * rewriting (the log's tail, the budgets) is copied once per checkpoint: 3,620 and 3,625
   * signatures/s with p99 9.40 and 9.04 ms, against 3,516 and 3,515 /s with p99 11.47 and
   * 12.44 ms at 100 ms, in alternating runs (docs/benchmarks.md, session 5). The log then holds
   * about 3,500 pages (14 MiB) between checkpoints under that load.
   */
  static final long INTERVAL_MS = 250;
  private static final Logger LOG = LoggerFactory.getLogger(SqliteCheckpointer.class);

  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition nudged = lock.newCondition();
  private final Thread thread;
  /** A commit since the last checkpoint began (guarded by lock). */
  private boolean pending;
  /** close() was called (guarded by lock). */
  private boolean closing;

  /** Starts the thread; {@code connection} is this checkpointer's own and is closed by {@link #close}. */
  SqliteCheckpointer(Connection connection, String name) {
    this.connection = connection;
    this.thread = Thread.ofPlatform().daemon().name("custos-sqlite-checkpoint " + name).unstarted(this::run);
    thread.start();
  }

  /** Called after each commit of the writer: a checkpoint will follow within {@link #INTERVAL_MS} ms. */
  void committed() {
    lock.lock();
    try {
      if (!pending) {
        pending = true;
        nudged.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Stops the thread (a running checkpoint completes first) and closes its connection. */
  @Override
  public void close() {
    lock.lock();
    try {
      closing = true;
      nudged.signal();
    } finally {
      lock.unlock();
    }
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.warn("sqlite checkpoint connection did not close cleanly: {}", e.getMessage());
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    while (awaitCommit()) {
      checkpoint();
      try {
        TimeUnit.MILLISECONDS.sleep(INTERVAL_MS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** @return false once closing */
  private boolean awaitCommit() {
    lock.lock();
    try {
      while (!pending && !closing) {
        nudged.awaitUninterruptibly();
      }
      pending = false;
      return !closing;
    } finally {
      lock.unlock();
    }
  }

  private void checkpoint() {
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
      if (rs.next() && rs.getInt(1) != 0) {
        LOG.debug("sqlite checkpoint was blocked; the next one retries");
      }
    } catch (SQLException e) {
      // Not fatal: commits stay durable in the log, and the writer's backstop bounds its size.
      LOG.warn("sqlite checkpoint failed: {}", e.getMessage());
    }
  }
}
