package dev.custos.service.approval;

import dev.custos.core.approval.ApproverSet;
import dev.custos.core.audit.AuditType;
import dev.custos.core.keys.Network;
import dev.custos.core.message.ApproverKey;
import dev.custos.service.audit.AuditTrail;
import dev.custos.store.ApproverRole;
import dev.custos.store.ReadTx;
import dev.custos.store.StoreException;
import dev.custos.store.StoredApproverSet;
import dev.custos.store.WriteTx;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The approver sets in force: the admin set decides administrative proposals; the spend set
 * decides PENDING_APPROVAL spends and, when none was set, is the admin set (issue 5 §2). Every new
 * version is audited in the same transaction.
 */
public final class ApproverSets {
  private ApproverSets() {}

  /** The set of {@code role} in force, parsed for {@code network}; SPEND falls back to ADMIN. */
  public static Optional<ApproverSet> current(ReadTx tx, ApproverRole role, Network network) throws StoreException {
    Optional<StoredApproverSet> stored = tx.approverSet(role);
    if (stored.isEmpty() && role == ApproverRole.SPEND) {
      stored = tx.approverSet(ApproverRole.ADMIN);
    }
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    StoredApproverSet s = stored.get();
    try {
      return Optional.of(ApproverSetText.of(s.keyIds(), s.threshold(), network));
    } catch (ApprovalException e) {
      throw new StoreException("stored " + s.role().id() + " approver set v" + s.version() + " is unusable: " + e.getMessage());
    }
  }

  /** Stores {@code set} as the next version of {@code role} and audits it. */
  public static void put(WriteTx tx, ApproverRole role, ApproverSet set, Instant now, String by, String basis) throws StoreException {
    long version = tx.approverSet(role).map(s -> s.version() + 1).orElse(1L);
    tx.putApproverSet(new StoredApproverSet(role, version, set.keys().stream().map(ApproverKey::id).toList(), set.threshold(), now, by));
    AuditTrail.append(tx, now, AuditType.APPROVER_SET.wireName(), Map.of("role", role.id(), "version", Long.toString(version),
        "set", ApproverSetText.render(set), "by", by, "basis", basis));
  }
}
