package dev.custos.service.audit;

import dev.custos.core.audit.AuditRecord;
import dev.custos.store.Store;
import dev.custos.store.StoreException;
import dev.custos.store.StoreUncheckedException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The audit log in order from a sequence number, read in pages of {@link #PAGE} records (one read
 * transaction each), so memory stays constant. A store failure surfaces as {@link
 * StoreUncheckedException}.
 */
public final class StoredAuditRecords implements Iterator<AuditRecord> {
  public static final int PAGE = 1000;
  private final Store store;
  private final ArrayDeque<AuditRecord> buffer = new ArrayDeque<>();
  private long next;
  private boolean exhausted;

  public StoredAuditRecords(Store store, long fromSeq) {
    this.store = store;
    this.next = fromSeq;
  }

  @Override
  public boolean hasNext() {
    if (buffer.isEmpty() && !exhausted) {
      List<AuditRecord> page;
      try {
        long from = next;
        page = store.read(tx -> tx.auditRecords(from, PAGE));
      } catch (StoreException e) {
        throw new StoreUncheckedException(e);
      }
      buffer.addAll(page);
      exhausted = page.size() < PAGE;
      if (!page.isEmpty()) {
        next = page.getLast().seq() + 1;
      }
    }
    return !buffer.isEmpty();
  }

  @Override
  public AuditRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return buffer.poll();
  }
}
