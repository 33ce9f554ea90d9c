package dev.custos.service.channel;

import dev.custos.store.ReadTx;
import dev.custos.store.Store;
import dev.custos.store.StoreException;
import dev.custos.store.WriteTx;

/**
 * A store whose write transactions all fail at commit, as a crash or a full disk would: the work
 * runs against the real transaction, then the transaction is rolled back. Remembers what the last
 * work returned, so a test can inspect what the caller computed but must not have released.
 */
final class CommitFailingStore implements Store {
  private final Store delegate;
  Object lastComputed;

  CommitFailingStore(Store delegate) {
    this.delegate = delegate;
  }

  @Override
  public <T> T write(Work<WriteTx, T> work) throws StoreException {
    return delegate.write(tx -> {
      lastComputed = work.apply(tx);
      throw new StoreException("simulated crash at commit");
    });
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
