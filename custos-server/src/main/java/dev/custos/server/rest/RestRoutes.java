package dev.custos.server.rest;

import com.google.protobuf.Message;
import dev.custos.proto.v1.ApplyPolicyRequest;
import dev.custos.proto.v1.BakeMacaroonRequest;
import dev.custos.proto.v1.DeleteMacaroonIdRequest;
import dev.custos.proto.v1.ListMacaroonIdsRequest;
import dev.custos.proto.v1.ListPermissionsRequest;
import dev.custos.proto.v1.ListProposalsRequest;
import dev.custos.proto.v1.ProposeAdminChangeRequest;
import dev.custos.proto.v1.ShowProposalRequest;
import dev.custos.proto.v1.SubmitApprovalRequest;
import dev.custos.proto.v1.UnlockRequest;
import dev.custos.proto.v1.UnlockerGrpc;
import dev.custos.proto.v1.CheckPolicyRequest;
import dev.custos.proto.v1.CheckPsbtRequest;
import dev.custos.proto.v1.CustosGrpc;
import dev.custos.proto.v1.ExportAuditRequest;
import dev.custos.proto.v1.GetInfoRequest;
import dev.custos.proto.v1.ListDescriptorsRequest;
import dev.custos.proto.v1.ShowPolicyRequest;
import dev.custos.proto.v1.SignPsbtRequest;
import dev.custos.proto.v1.VerifyAuditRequest;
import io.grpc.MethodDescriptor;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import java.util.List;
import java.util.Optional;

/**
 * The REST routes (docs/server.md, "REST gateway"): every {@code custos.v1.Custos} method, {@code
 * custos.v1.Unlocker/Unlock} and {@code grpc.health.v1.Health/Check}, each under one path and one
 * HTTP method.
 */
final class RestRoutes {
  static final List<RestRoute> ALL = List.of(
      route("GET", "/v1/getinfo", CustosGrpc.getGetInfoMethod(), GetInfoRequest.getDefaultInstance()),
      route("GET", "/v1/descriptors", CustosGrpc.getListDescriptorsMethod(), ListDescriptorsRequest.getDefaultInstance()),
      route("POST", "/v1/psbt/check", CustosGrpc.getCheckPsbtMethod(), CheckPsbtRequest.getDefaultInstance()),
      route("POST", "/v1/psbt/sign", CustosGrpc.getSignPsbtMethod(), SignPsbtRequest.getDefaultInstance()),
      route("GET", "/v1/policy", CustosGrpc.getShowPolicyMethod(), ShowPolicyRequest.getDefaultInstance()),
      route("POST", "/v1/policy/check", CustosGrpc.getCheckPolicyMethod(), CheckPolicyRequest.getDefaultInstance()),
      route("POST", "/v1/policy", CustosGrpc.getApplyPolicyMethod(), ApplyPolicyRequest.getDefaultInstance()),
      route("GET", "/v1/audit/verify", CustosGrpc.getVerifyAuditMethod(), VerifyAuditRequest.getDefaultInstance()),
      route("GET", "/v1/audit/export", CustosGrpc.getExportAuditMethod(), ExportAuditRequest.getDefaultInstance()),
      route("POST", "/v1/macaroon", CustosGrpc.getBakeMacaroonMethod(), BakeMacaroonRequest.getDefaultInstance()),
      route("GET", "/v1/macaroon/ids", CustosGrpc.getListMacaroonIdsMethod(), ListMacaroonIdsRequest.getDefaultInstance()),
      route("DELETE", "/v1/macaroon/ids", CustosGrpc.getDeleteMacaroonIdMethod(), DeleteMacaroonIdRequest.getDefaultInstance()),
      route("GET", "/v1/macaroon/permissions", CustosGrpc.getListPermissionsMethod(), ListPermissionsRequest.getDefaultInstance()),
      route("POST", "/v1/admin/proposals", CustosGrpc.getProposeAdminChangeMethod(), ProposeAdminChangeRequest.getDefaultInstance()),
      route("GET", "/v1/admin/proposals", CustosGrpc.getListProposalsMethod(), ListProposalsRequest.getDefaultInstance()),
      route("GET", "/v1/admin/proposal", CustosGrpc.getShowProposalMethod(), ShowProposalRequest.getDefaultInstance()),
      route("POST", "/v1/admin/proposal/approve", CustosGrpc.getApproveProposalMethod(), SubmitApprovalRequest.getDefaultInstance()),
      route("POST", "/v1/admin/proposal/reject", CustosGrpc.getRejectProposalMethod(), SubmitApprovalRequest.getDefaultInstance()),
      route("GET", "/v1/approvals", CustosGrpc.getListApprovalsMethod(), ListProposalsRequest.getDefaultInstance()),
      route("GET", "/v1/approval", CustosGrpc.getShowApprovalMethod(), ShowProposalRequest.getDefaultInstance()),
      route("POST", "/v1/approval/approve", CustosGrpc.getApproveMethod(), SubmitApprovalRequest.getDefaultInstance()),
      route("POST", "/v1/approval/reject", CustosGrpc.getRejectMethod(), SubmitApprovalRequest.getDefaultInstance()),
      route("POST", "/v1/unlock", UnlockerGrpc.getUnlockMethod(), UnlockRequest.getDefaultInstance()),
      route("GET", "/v1/health", HealthGrpc.getCheckMethod(), HealthCheckRequest.getDefaultInstance()));

  private RestRoutes() {}

  /** The route for this method and path, if any. */
  static Optional<RestRoute> find(String httpMethod, String path) {
    return ALL.stream().filter(r -> r.path().equals(path) && r.httpMethod().equals(httpMethod)).findFirst();
  }

  /** The HTTP methods the path accepts (empty: no such path). */
  static List<String> methodsFor(String path) {
    return ALL.stream().filter(r -> r.path().equals(path)).map(RestRoute::httpMethod).toList();
  }

  @SuppressWarnings("unchecked")
  private static RestRoute route(String httpMethod, String path, MethodDescriptor<?, ?> method, Message prototype) {
    return new RestRoute(httpMethod, path, (MethodDescriptor<Message, Message>) method, prototype);
  }
}
