package dev.custos.server.rpc;

import dev.custos.proto.v1.ApplyPolicyRequest;
import dev.custos.proto.v1.ApplyPolicyResponse;
import dev.custos.proto.v1.AuditRecord;
import dev.custos.proto.v1.BakeMacaroonRequest;
import dev.custos.proto.v1.BakeMacaroonResponse;
import dev.custos.proto.v1.DeleteMacaroonIdRequest;
import dev.custos.proto.v1.DeleteMacaroonIdResponse;
import dev.custos.proto.v1.ListMacaroonIdsRequest;
import dev.custos.proto.v1.ListMacaroonIdsResponse;
import dev.custos.proto.v1.ListPermissionsRequest;
import dev.custos.proto.v1.ListPermissionsResponse;
import dev.custos.proto.v1.CheckPolicyRequest;
import dev.custos.proto.v1.CheckPolicyResponse;
import dev.custos.proto.v1.CheckPsbtRequest;
import dev.custos.proto.v1.CheckPsbtResponse;
import dev.custos.proto.v1.CustosGrpc;
import dev.custos.proto.v1.ExportAuditRequest;
import dev.custos.proto.v1.GetInfoRequest;
import dev.custos.proto.v1.GetInfoResponse;
import dev.custos.proto.v1.ListDescriptorsRequest;
import dev.custos.proto.v1.ListDescriptorsResponse;
import dev.custos.proto.v1.ShowPolicyRequest;
import dev.custos.proto.v1.ShowPolicyResponse;
import dev.custos.proto.v1.SignPsbtRequest;
import dev.custos.proto.v1.SignPsbtResponse;
import dev.custos.proto.v1.VerifyAuditRequest;
import dev.custos.proto.v1.VerifyAuditResponse;
import dev.custos.proto.v1.ListProposalsRequest;
import dev.custos.proto.v1.ListProposalsResponse;
import dev.custos.proto.v1.ProposalReply;
import dev.custos.proto.v1.ProposeAdminChangeRequest;
import dev.custos.proto.v1.ShowProposalRequest;
import dev.custos.proto.v1.SubmitApprovalRequest;
import dev.custos.core.approval.ApprovalAction;
import dev.custos.server.node.Node;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * The {@code custos.v1.Custos} service: routes each RPC to its handler. Authentication happened
 * before (MacaroonInterceptor); failures become statuses in StatusMapper.
 */
public final class CustosService extends CustosGrpc.CustosImplBase {
  private final InfoCalls info;
  private final PsbtCalls psbt;
  private final PolicyCalls policy;
  private final AuditCalls audit;
  private final MacaroonCalls macaroons;
  private final QuorumCalls quorum;

  public CustosService(Node node) {
    this.info = new InfoCalls(node);
    this.psbt = new PsbtCalls(node);
    this.policy = new PolicyCalls(node);
    this.audit = new AuditCalls(node);
    this.macaroons = new MacaroonCalls(node);
    this.quorum = new QuorumCalls(node);
  }

  @Override
  public void getInfo(GetInfoRequest request, StreamObserver<GetInfoResponse> responses) {
    RpcCalls.unary(responses, info::getInfo);
  }

  @Override
  public void listDescriptors(ListDescriptorsRequest request, StreamObserver<ListDescriptorsResponse> responses) {
    RpcCalls.unary(responses, info::listDescriptors);
  }

  @Override
  public void checkPsbt(CheckPsbtRequest request, StreamObserver<CheckPsbtResponse> responses) {
    RpcCalls.unary(responses, () -> psbt.check(request));
  }

  @Override
  public void signPsbt(SignPsbtRequest request, StreamObserver<SignPsbtResponse> responses) {
    RpcCalls.unary(responses, () -> psbt.sign(request));
  }

  @Override
  public void showPolicy(ShowPolicyRequest request, StreamObserver<ShowPolicyResponse> responses) {
    RpcCalls.unary(responses, policy::show);
  }

  @Override
  public void checkPolicy(CheckPolicyRequest request, StreamObserver<CheckPolicyResponse> responses) {
    RpcCalls.unary(responses, () -> policy.check(request));
  }

  @Override
  public void applyPolicy(ApplyPolicyRequest request, StreamObserver<ApplyPolicyResponse> responses) {
    RpcCalls.unary(responses, () -> policy.apply(request));
  }

  @Override
  public void verifyAudit(VerifyAuditRequest request, StreamObserver<VerifyAuditResponse> responses) {
    RpcCalls.unary(responses, audit::verify);
  }

  @Override
  public void exportAudit(ExportAuditRequest request, StreamObserver<AuditRecord> responses) {
    audit.export(request, (ServerCallStreamObserver<AuditRecord>) responses);
  }

  @Override
  public void bakeMacaroon(BakeMacaroonRequest request, StreamObserver<BakeMacaroonResponse> responses) {
    RpcCalls.unary(responses, () -> macaroons.bake(request));
  }

  @Override
  public void listMacaroonIds(ListMacaroonIdsRequest request, StreamObserver<ListMacaroonIdsResponse> responses) {
    RpcCalls.unary(responses, macaroons::listIds);
  }

  @Override
  public void deleteMacaroonId(DeleteMacaroonIdRequest request, StreamObserver<DeleteMacaroonIdResponse> responses) {
    RpcCalls.unary(responses, () -> macaroons.deleteId(request));
  }

  @Override
  public void listPermissions(ListPermissionsRequest request, StreamObserver<ListPermissionsResponse> responses) {
    RpcCalls.unary(responses, MacaroonCalls::listPermissions);
  }

  @Override
  public void proposeAdminChange(ProposeAdminChangeRequest request, StreamObserver<ProposalReply> responses) {
    RpcCalls.unary(responses, () -> quorum.propose(request));
  }

  @Override
  public void listProposals(ListProposalsRequest request, StreamObserver<ListProposalsResponse> responses) {
    RpcCalls.unary(responses, () -> quorum.list(false));
  }

  @Override
  public void showProposal(ShowProposalRequest request, StreamObserver<ProposalReply> responses) {
    RpcCalls.unary(responses, () -> quorum.show(request, false));
  }

  @Override
  public void approveProposal(SubmitApprovalRequest request, StreamObserver<ProposalReply> responses) {
    RpcCalls.unary(responses, () -> quorum.submit(request, false, ApprovalAction.APPROVE));
  }

  @Override
  public void rejectProposal(SubmitApprovalRequest request, StreamObserver<ProposalReply> responses) {
    RpcCalls.unary(responses, () -> quorum.submit(request, false, ApprovalAction.REJECT));
  }

  @Override
  public void listApprovals(ListProposalsRequest request, StreamObserver<ListProposalsResponse> responses) {
    RpcCalls.unary(responses, () -> quorum.list(true));
  }

  @Override
  public void showApproval(ShowProposalRequest request, StreamObserver<ProposalReply> responses) {
    RpcCalls.unary(responses, () -> quorum.show(request, true));
  }

  @Override
  public void approve(SubmitApprovalRequest request, StreamObserver<ProposalReply> responses) {
    RpcCalls.unary(responses, () -> quorum.submit(request, true, ApprovalAction.APPROVE));
  }

  @Override
  public void reject(SubmitApprovalRequest request, StreamObserver<ProposalReply> responses) {
    RpcCalls.unary(responses, () -> quorum.submit(request, true, ApprovalAction.REJECT));
  }
}
