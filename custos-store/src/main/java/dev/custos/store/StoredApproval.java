package dev.custos.store;

import dev.custos.core.approval.ApprovalAction;
import dev.custos.core.approval.RequestHash;
import dev.custos.core.message.SignatureFormat;
import java.time.Instant;
import java.util.Objects;

/**
 * An approval or rejection that counted (it passed {@code QuorumEvaluator.admit}) for the proposal
 * {@code proposal}: who, what, the signature exactly as submitted (so the quorum can be checked
 * again from the store alone), when it was received and through which credential.
 */
public record StoredApproval(RequestHash proposal, String approverId, ApprovalAction action, SignatureFormat format, String signature,
    Instant receivedAt, String submittedBy) {
  public StoredApproval {
    Objects.requireNonNull(proposal, "proposal");
    Objects.requireNonNull(approverId, "approverId");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(submittedBy, "submittedBy");
  }
}
