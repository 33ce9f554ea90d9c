package dev.custos.server.rpc;

import dev.custos.core.approval.ApprovalAction;
import dev.custos.core.approval.ApproverSet;
import dev.custos.core.message.ApproverKey;
import dev.custos.core.message.SignatureFormat;
import dev.custos.core.message.SignatureRejectedException;
import dev.custos.proto.v1.ApproverSetChange;
import dev.custos.proto.v1.ListProposalsResponse;
import dev.custos.proto.v1.ProposalReply;
import dev.custos.proto.v1.ProposeAdminChangeRequest;
import dev.custos.proto.v1.ShowProposalRequest;
import dev.custos.proto.v1.SubmitApprovalRequest;
import dev.custos.server.auth.Caller;
import dev.custos.server.node.Node;
import dev.custos.server.status.RpcFailure;
import dev.custos.service.approval.ApprovalException;
import dev.custos.service.approval.ApproverSetText;
import dev.custos.service.approval.ProposalView;
import dev.custos.service.approval.QuorumService;
import dev.custos.service.approval.Submission;
import dev.custos.service.policyfile.PolicyFile;
import dev.custos.store.ApproverRole;
import dev.custos.store.StoreException;
import java.util.Optional;

/**
 * The quorum RPCs (docs/approvals.md, "Remote flow"): administrative proposals ({@code
 * ProposeAdminChange}, {@code ListProposals}, {@code ShowProposal}, {@code ApproveProposal},
 * {@code RejectProposal}) and spend approval requests ({@code ListApprovals}, {@code ShowApproval},
 * {@code Approve}, {@code Reject}), each a call into {@link QuorumService} exactly as the local CLI
 * makes it. The caller's credential ({@code macaroon:<root key id>}, as SignPsbt records) is the
 * initiator of a proposal and the submitter of an approval, so the initiator of a request cannot
 * approve it remotely either ({@code approval-self-approval}). Refusals are {@link
 * ApprovalException}s, mapped to statuses in StatusMapper.
 */
final class QuorumCalls {
  /** Longest signature accepted (a BIP-322 "ful" transaction fits many times over). */
  static final int MAX_SIGNATURE_CHARS = 16 * 1024;
  /** Longest claimed signed text (the approval text is at most 240 characters). */
  static final int MAX_SIGNED_TEXT_CHARS = 1024;

  private final Node node;
  private final PolicyCalls policy;

  QuorumCalls(Node node) {
    this.node = node;
    this.policy = new PolicyCalls(node);
  }

  ProposalReply propose(ProposeAdminChangeRequest request) throws StoreException, ApprovalException {
    QuorumService quorum = node.quorum();
    String initiator = Caller.current().credential();
    ProposalView v = switch (request.getChangeCase()) {
      case POLICY -> {
        String source = request.getPolicy().getSource().isBlank() ? "grpc" : request.getPolicy().getSource();
        if (source.length() > 200 || source.chars().anyMatch(Character::isISOControl)) {
          throw new RpcFailure.InvalidArgument("policy.source", "at most 200 printable characters");
        }
        PolicyFile p = policy.parse(request.getPolicy().getText(), source);
        yield quorum.proposePolicy(p, initiator);
      }
      case ADMIN_SET -> quorum.proposeSet(ApproverRole.ADMIN, set("admin_set", request.getAdminSet()), initiator);
      case APPROVER_SET -> quorum.proposeSet(ApproverRole.SPEND, set("approver_set", request.getApproverSet()), initiator);
      case CHANGE_NOT_SET -> throw new RpcFailure.InvalidArgument("change", "required: one of policy, admin_set, approver_set");
    };
    return ProposalInfos.reply(v);
  }

  ListProposalsResponse list(boolean spend) throws StoreException {
    var b = ListProposalsResponse.newBuilder();
    for (ProposalView v : node.quorum().list(spend)) {
      b.addProposals(ProposalInfos.info(v));
    }
    return b.build();
  }

  ProposalReply show(ShowProposalRequest request, boolean spend) throws StoreException, ApprovalException {
    return ProposalInfos.reply(node.quorum().show(id(request.getId()), spend));
  }

  ProposalReply submit(SubmitApprovalRequest request, boolean spend, ApprovalAction action) throws StoreException, ApprovalException {
    String id = id(request.getId());
    SignatureFormat format;
    try {
      format = SignatureFormat.parse(request.getFormat());
    } catch (SignatureRejectedException e) {
      throw new RpcFailure.InvalidArgument("format", e.getMessage());
    }
    ApproverKey approver;
    try {
      approver = ApproverKey.parse(request.getApprover(), node.wallet().network());
    } catch (SignatureRejectedException e) {
      throw new RpcFailure.InvalidArgument("approver", e.getMessage());
    }
    if (request.getSignature().isEmpty()) {
      throw new RpcFailure.InvalidArgument("signature", "required (base64 for bip137/bip322, 128 hex digits for bip340)");
    }
    if (request.getSignature().length() > MAX_SIGNATURE_CHARS) {
      throw new RpcFailure.InvalidArgument("signature", "longer than " + MAX_SIGNATURE_CHARS + " characters");
    }
    if (request.getSignedText().length() > MAX_SIGNED_TEXT_CHARS) {
      throw new RpcFailure.InvalidArgument("signed_text", "longer than " + MAX_SIGNED_TEXT_CHARS + " characters");
    }
    Optional<String> claimed = request.getSignedText().isEmpty() ? Optional.empty() : Optional.of(request.getSignedText());
    Submission s = new Submission(approver.id(), action, format, request.getSignature(), claimed);
    return ProposalInfos.reply(node.quorum().submit(id, spend, s, Caller.current().credential()));
  }

  private ApproverSet set(String field, ApproverSetChange change) {
    try {
      return ApproverSetText.of(change.getKeysList(), change.getThreshold(), node.wallet().network());
    } catch (ApprovalException e) {
      throw new RpcFailure.InvalidArgument(field, e.getMessage());
    }
  }

  private static String id(String id) {
    if (id.isEmpty()) {
      throw new RpcFailure.InvalidArgument("id", "required (the 64-hex-digit request hash or a unique prefix of at least 8)");
    }
    return id;
  }
}
