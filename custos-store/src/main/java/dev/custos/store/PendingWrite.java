package dev.custos.store;

import java.util.List;

/**
 * One caller's {@link Store#write} in the group-commit queue of a {@link JdbcStore}: its work, and
 * then its outcome. The leader thread records the outcome (the work's result once the batch
 * committed, or a failure) and only then, under the store's queue lock, marks it finished; the
 * caller reads it after seeing {@link #finished()} under the same lock.
 */
final class PendingWrite<T> {
  final Store.Work<WriteTx, T> work;
  private T result;
  private Throwable failure;
  private boolean finished;

  PendingWrite(Store.Work<WriteTx, T> work) {
    this.work = work;
  }

  private List<Runnable> afterCommit = List.of();

  void ran(T value, List<Runnable> actions) {
    result = value;
    afterCommit = actions;
  }

  /** Runs the work's after-commit actions; called only once its batch has committed. */
  void committed() {
    if (failure != null) {
      return;
    }
    for (Runnable a : afterCommit) {
      try {
        a.run();
      } catch (RuntimeException dropped) {
        // The writes are durable and stay so: an action only maintains a cache, see WriteTx.
      }
    }
  }

  void failed(Throwable t) {
    result = null;
    failure = t;
  }

  boolean hasFailed() {
    return failure != null;
  }

  /** Called under the queue lock once the batch has committed or rolled back. */
  void finish() {
    finished = true;
  }

  boolean finished() {
    return finished;
  }

  /** On the caller's thread: the durable result, or the failure rethrown. */
  T outcome() throws StoreException {
    return switch (failure) {
      case null -> result;
      case StoreException e -> throw e;
      case RuntimeException e -> throw e;
      case Error e -> throw e;
      default -> throw new StoreException("write transaction aborted by " + failure.getClass().getSimpleName(), failure);
    };
  }
}
