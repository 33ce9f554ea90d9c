package dev.custos.cli.approval;

import dev.custos.core.approval.ApprovalAction;
import dev.custos.core.approval.Proposal;
import dev.custos.service.approval.ProposalView;
import dev.custos.store.StoredApproval;
import java.io.PrintStream;

/** How proposals are printed: one line each in lists, and the full view with the exact texts to sign. */
final class ProposalOutput {
  private ProposalOutput() {}

  static String line(ProposalView v) {
    Proposal p = v.stored().proposal();
    return v.id() + "  " + p.kind().id() + "  " + state(v) + "  expires " + p.expiresAt() + "  " + p.summary();
  }

  static String state(ProposalView v) {
    return v.stateLine();
  }

  static void full(PrintStream out, ProposalView v) {
    Proposal p = v.stored().proposal();
    out.println("id:        " + v.id());
    out.println("kind:      " + p.kind().id());
    out.println("state:     " + state(v));
    out.println("summary:   " + p.summary());
    out.println("created:   " + p.createdAt());
    out.println("expires:   " + p.expiresAt());
    out.println("initiator: " + v.stored().initiator());
    for (StoredApproval a : v.approvals()) {
      out.println("counted:   " + a.action().id() + " by " + a.approverId() + " (" + a.format().id() + ") at " + a.receivedAt()
          + " via " + a.submittedBy());
    }
    out.println("sign this text to approve (exactly, no trailing newline):");
    out.println("  " + v.text(ApprovalAction.APPROVE));
    out.println("sign this text to reject:");
    out.println("  " + v.text(ApprovalAction.REJECT));
  }
}
