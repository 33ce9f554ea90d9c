package dev.custos.server.rpc;

import dev.custos.core.approval.ApprovalAction;
import dev.custos.core.approval.Proposal;
import dev.custos.proto.v1.CountedApproval;
import dev.custos.proto.v1.ProposalInfo;
import dev.custos.proto.v1.ProposalReply;
import dev.custos.service.approval.ProposalView;
import dev.custos.store.StoredApproval;

/**
 * A proposal as the RPCs return it: the fields and state line the CLI prints, and the exact
 * texts an approver signs (docs/approvals.md, "The text to sign"). Signatures are public and are
 * not returned; counted approvals name approver, action, format, time and submitting credential.
 */
public final class ProposalInfos {
  private ProposalInfos() {}

  static ProposalReply reply(ProposalView v) {
    return ProposalReply.newBuilder().setProposal(info(v)).build();
  }

  /** The proposal as {@code custos.v1.ProposalInfo}; the CLI prints local and remote views from it alike. */
  public static ProposalInfo info(ProposalView v) {
    Proposal p = v.stored().proposal();
    ProposalInfo.Builder b = ProposalInfo.newBuilder().setId(v.id()).setKind(p.kind().id()).setState(v.stored().state().name())
        .setStateLine(v.stateLine()).setSummary(p.summary()).setCreatedAt(p.createdAt().toString())
        .setExpiresAt(p.expiresAt().toString()).setInitiator(v.stored().initiator())
        .setApprovals(Math.toIntExact(v.approvalCount())).setThreshold(v.threshold())
        .setApproveText(v.text(ApprovalAction.APPROVE)).setRejectText(v.text(ApprovalAction.REJECT));
    v.stored().scheduledAt().ifPresent(t -> b.setScheduledAt(t.toString()));
    for (StoredApproval a : v.approvals()) {
      b.addCounted(CountedApproval.newBuilder().setApprover(a.approverId()).setAction(a.action().id()).setFormat(a.format().id())
          .setReceivedAt(a.receivedAt().toString()).setSubmittedBy(a.submittedBy()));
    }
    return b.build();
  }
}
