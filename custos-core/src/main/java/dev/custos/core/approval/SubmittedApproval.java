package dev.custos.core.approval;

import dev.custos.core.message.SignatureFormat;
import java.time.Instant;
import java.util.Optional;

/**
 * An approval or rejection as submitted, possibly by someone else on the approver's behalf (the
 * approver may sign offline and only the signature travels).
 *
 * @param approverId the {@link dev.custos.core.message.ApproverKey#id()} the signer claims to be
 * @param signedText the text the approver says it signed, if submitted; used only to explain a
 *     mismatch (the signature is always checked against the text Custos renders itself)
 * @param receivedAt when Custos received it (orders approvals for delays and vetoes)
 */
public record SubmittedApproval(String approverId, ApprovalAction action, SignatureFormat format, String signature,
    Optional<String> signedText, Instant receivedAt) {
  public SubmittedApproval {
    if (approverId == null || action == null || format == null || signature == null || signedText == null || receivedAt == null) {
      throw new IllegalArgumentException("submitted approval: every field is required");
    }
  }
}
