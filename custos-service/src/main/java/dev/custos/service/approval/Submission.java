package dev.custos.service.approval;

import dev.custos.core.approval.ApprovalAction;
import dev.custos.core.message.SignatureFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * An approval or rejection as handed in: the approver's key id, the action, the signature in its
 * format and, optionally, the text the approver says it signed (only used to explain a mismatch:
 * the signature is always checked against the text Custos renders from the stored proposal).
 */
public record Submission(String approverId, ApprovalAction action, SignatureFormat format, String signature, Optional<String> signedText) {
  public Submission {
    Objects.requireNonNull(approverId, "approverId");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(signedText, "signedText");
  }
}
