package dev.custos.core.approval;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What a quorum decision depends on besides the approvals: the approver set, the proposal, the
 * approver id of the initiating credential when the initiator is itself an approver, the hashes
 * of proposals already applied, and the current time.
 */
public record QuorumContext(ApproverSet approvers, Proposal proposal, Optional<String> initiatorApproverId, Set<RequestHash> applied, Instant now) {
  public QuorumContext {
    if (approvers == null || proposal == null || initiatorApproverId == null || applied == null || now == null) {
      throw new IllegalArgumentException("quorum context: every field is required");
    }
    applied = Set.copyOf(applied);
  }
}
