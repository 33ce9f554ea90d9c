package dev.custos.cli.approval;

import dev.custos.proto.v1.CountedApproval;
import dev.custos.proto.v1.ProposalInfo;
import dev.custos.server.rpc.ProposalInfos;
import dev.custos.service.approval.ProposalView;
import java.io.PrintStream;

/**
 * How proposals are printed: one line each in lists, and the full view with the exact texts to
 * sign. Local commands and {@code custos remote admin|approvals} print from the same
 * {@link ProposalInfo}, so both print the same lines.
 */
public final class ProposalOutput {
  private ProposalOutput() {}

  static String line(ProposalView v) {
    return line(ProposalInfos.info(v));
  }

  public static String line(ProposalInfo p) {
    return p.getId() + "  " + p.getKind() + "  " + p.getStateLine() + "  expires " + p.getExpiresAt() + "  " + p.getSummary();
  }

  static void full(PrintStream out, ProposalView v) {
    full(out, ProposalInfos.info(v));
  }

  public static void full(PrintStream out, ProposalInfo p) {
    out.println("id:        " + p.getId());
    out.println("kind:      " + p.getKind());
    out.println("state:     " + p.getStateLine());
    out.println("summary:   " + p.getSummary());
    out.println("created:   " + p.getCreatedAt());
    out.println("expires:   " + p.getExpiresAt());
    out.println("initiator: " + p.getInitiator());
    for (CountedApproval a : p.getCountedList()) {
      out.println("counted:   " + a.getAction() + " by " + a.getApprover() + " (" + a.getFormat() + ") at " + a.getReceivedAt()
          + " via " + a.getSubmittedBy());
    }
    out.println("sign this text to approve (exactly, no trailing newline):");
    out.println("  " + p.getApproveText());
    out.println("sign this text to reject:");
    out.println("  " + p.getRejectText());
  }

  /** What {@code approve}/{@code reject} print once the server or the store counted it. */
  public static void counted(PrintStream out, String action, String approverId, ProposalInfo p) {
    out.println("counted " + action + " by " + approverId + " for " + p.getId());
    out.println("state: " + p.getStateLine());
  }
}
