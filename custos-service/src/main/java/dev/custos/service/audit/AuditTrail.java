package dev.custos.service.audit;

import dev.custos.core.audit.AuditRecord;
import dev.custos.store.StoreException;
import dev.custos.store.WriteTx;
import java.time.Instant;
import java.util.Map;

/**
 * Appends events to the hash-chained audit log inside the caller's write transaction, so an event
 * and the state change it describes commit together or not at all (fail closed: when the append
 * fails, the transaction rolls back and nothing is signed).
 */
public final class AuditTrail {
  private AuditTrail() {}

  public static AuditRecord append(WriteTx tx, Instant time, String type, Map<String, String> fields) throws StoreException {
    AuditRecord head = tx.auditHead().orElse(null);
    Instant t = head != null && time.isBefore(head.time()) ? head.time() : time;
    AuditRecord record = AuditRecord.next(head, t, type, fields);
    tx.appendAudit(record);
    return record;
  }
}
