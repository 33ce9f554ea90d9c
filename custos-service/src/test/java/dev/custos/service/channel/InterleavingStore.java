package dev.custos.service.channel;

import dev.custos.store.ReadTx;
import dev.custos.store.Store;
import dev.custos.store.StoreException;
import dev.custos.store.WriteTx;

/**
 * A store that, on the next write, first lets another writer commit ({@link #interleave}): what a
 * concurrent operation on the same channel does between a precomputation and its write
 * transaction.
 */
final class InterleavingStore implements Store {
  /** Another writer's work, run once. */
  @FunctionalInterface
  interface Writer {
    void run() throws Exception;
  }

  private final Store delegate;
  private Writer pending;

  InterleavingStore(Store delegate) {
    this.delegate = delegate;
  }

  void interleave(Writer writer) {
    pending = writer;
  }

  @Override
  public <T> T write(Work<WriteTx, T> work) throws StoreException {
    Writer w = pending;
    pending = null;
    if (w != null) {
      try {
        w.run();
      } catch (Exception e) {
        throw new IllegalStateException("interleaved writer failed", e);
      }
    }
    return delegate.write(work);
  }

  @Override
  public <T> T read(Work<ReadTx, T> work) throws StoreException {
    return delegate.read(work);
  }

  @Override
  public String kind() {
    return delegate.kind();
  }

  @Override
  public void close() {
  }
}
