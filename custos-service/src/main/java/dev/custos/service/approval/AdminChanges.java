package dev.custos.service.approval;

import dev.custos.core.approval.Proposal;
import dev.custos.core.audit.AuditType;
import dev.custos.core.keys.Network;
import dev.custos.service.audit.AuditTrail;
import dev.custos.service.policyfile.PolicyFile;
import dev.custos.service.policyfile.PolicyFileException;
import dev.custos.store.AppliedPolicy;
import dev.custos.store.ApproverRole;
import dev.custos.store.StoreException;
import dev.custos.store.WriteTx;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * What an administrative change does once it takes effect, inside the caller's write transaction
 * (with its audit records). Only the kinds Custos can propose today have an effect: policy apply
 * and the admin and spend approver sets.
 */
public final class AdminChanges {
  private AdminChanges() {}

  /** Applies {@code p} as the next policy version and audits it: the direct path and the quorum's. */
  public static AppliedPolicy applyPolicy(WriteTx tx, PolicyFile p, String by, String source, Instant now) throws StoreException {
    long version = tx.currentPolicy().map(AppliedPolicy::version).orElse(0L) + 1;
    AppliedPolicy a = new AppliedPolicy(version, p.text(), p.sha256Hex(), now, by);
    tx.applyPolicy(a);
    AuditTrail.append(tx, now, AuditType.POLICY_APPLY.wireName(), Map.of("version", Long.toString(version), "sha256", p.sha256Hex(),
        "appliedBy", by, "source", source));
    return a;
  }

  /** Carries out an approved administrative proposal; {@code by} names the quorum. */
  static void apply(WriteTx tx, Proposal p, Network network, String by, Instant now) throws StoreException {
    String basis = "proposal " + p.hash();
    switch (p.kind()) {
      case POLICY_APPLY -> {
        PolicyFile file;
        try {
          file = PolicyFile.parse(new String(p.payload().toByteArray(), StandardCharsets.UTF_8), "proposal " + p.hash(), network);
        } catch (PolicyFileException e) {
          throw new StoreException("approved policy of proposal " + p.hash() + " no longer parses: " + e.getMessage());
        }
        applyPolicy(tx, file, by, basis, now);
      }
      case ADMIN_SET_CHANGE -> ApproverSets.put(tx, ApproverRole.ADMIN, parseSet(p, network), now, by, basis);
      case APPROVER_SET_CHANGE -> ApproverSets.put(tx, ApproverRole.SPEND, parseSet(p, network), now, by, basis);
      case SPEND, ALLOWLIST_CHANGE, ADDRESS_BOOK_CHANGE, ROOT_KEY_OPERATION, SEED_EXPORT, SEALING_CHANGE ->
          throw new StoreException("proposal " + p.hash() + ": kind " + p.kind().id() + " has no administrative effect");
    }
  }

  private static dev.custos.core.approval.ApproverSet parseSet(Proposal p, Network network) throws StoreException {
    try {
      return ApproverSetText.parse(p.payload().toByteArray(), network);
    } catch (ApprovalException e) {
      throw new StoreException("approved set of proposal " + p.hash() + " no longer parses: " + e.getMessage());
    }
  }
}
