package dev.custos.service.approval;

import dev.custos.core.approval.ApprovalAction;
import dev.custos.store.StoredApproval;
import dev.custos.store.StoredProposal;
import java.util.List;

/**
 * A proposal as shown to operators: the stored proposal, its counted approvals and the threshold
 * of the set that decides it. {@link #text} is the exact line an approver signs.
 */
public record ProposalView(StoredProposal stored, List<StoredApproval> approvals, int threshold) {
  public ProposalView {
    approvals = List.copyOf(approvals);
  }

  /** The proposal id: its request hash, 64 hex digits. */
  public String id() {
    return stored.proposal().hash().hex();
  }

  /** The exact text to sign for {@code action}, without a trailing newline. */
  public String text(ApprovalAction action) {
    return stored.proposal().text(action).render();
  }

  /**
   * The state as operators read it: {@code PENDING 1/2}, {@code SCHEDULED until <instant>}, or the
   * bare state name once closed (the CLI and the RPCs print the same line).
   */
  public String stateLine() {
    return switch (stored.state()) {
      case PENDING -> "PENDING " + approvalCount() + "/" + threshold;
      case SCHEDULED -> "SCHEDULED until " + stored.scheduledAt().orElseThrow();
      case APPLIED, REJECTED, EXPIRED, CANCELLED -> stored.state().name();
    };
  }

  /** Counted approvals (not rejections). */
  public long approvalCount() {
    return approvals.stream().filter(a -> a.action() == ApprovalAction.APPROVE).count();
  }
}
