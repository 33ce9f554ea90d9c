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

  /** Counted approvals (not rejections). */
  public long approvalCount() {
    return approvals.stream().filter(a -> a.action() == ApprovalAction.APPROVE).count();
  }
}
