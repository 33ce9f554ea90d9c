package dev.custos.server.rpc;

import dev.custos.proto.v1.ApplyPolicyRequest;
import dev.custos.proto.v1.ApplyPolicyResponse;
import dev.custos.proto.v1.CheckPolicyRequest;
import dev.custos.proto.v1.CheckPolicyResponse;
import dev.custos.proto.v1.ShowPolicyResponse;
import dev.custos.server.auth.Caller;
import dev.custos.server.node.Node;
import dev.custos.server.status.RpcFailure;
import dev.custos.service.approval.AdminChanges;
import dev.custos.service.policyfile.PolicyFile;
import dev.custos.service.policyfile.PolicyFileException;
import dev.custos.store.AppliedPolicy;
import dev.custos.store.ApproverRole;
import dev.custos.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * ShowPolicy, CheckPolicy and ApplyPolicy: as {@code custos policy show|check|apply}. Applying
 * records the exact text, its hash, who applied it and an audit record in one transaction. Once an
 * admin set exists, ApplyPolicy is refused (PERMISSION_DENIED): a policy then changes only through
 * an approved proposal ({@code custos policy apply} on the node creates one; docs/approvals.md).
 */
final class PolicyCalls {
  /** The CLI's limit for policy files. */
  static final int MAX_BYTES = 1024 * 1024;

  private final Node node;

  PolicyCalls(Node node) {
    this.node = node;
  }

  ShowPolicyResponse show() throws StoreException {
    Optional<AppliedPolicy> p = node.store().read(tx -> tx.currentPolicy());
    if (p.isEmpty()) {
      return ShowPolicyResponse.newBuilder().setApplied(false).build();
    }
    AppliedPolicy a = p.get();
    return ShowPolicyResponse.newBuilder().setApplied(true).setVersion(a.version()).setText(a.text()).setSha256(a.sha256Hex())
        .setAppliedAt(a.appliedAt().toString()).setAppliedBy(a.appliedBy()).build();
  }

  CheckPolicyResponse check(CheckPolicyRequest request) {
    PolicyFile p = parse(request.getText(), "request");
    return CheckPolicyResponse.newBuilder().setSchemaVersion(p.policy().version()).setNetwork(node.wallet().network().id())
        .setSha256(p.sha256Hex()).build();
  }

  ApplyPolicyResponse apply(ApplyPolicyRequest request) throws StoreException {
    String source = request.getSource().isBlank() ? "grpc" : request.getSource();
    if (source.length() > 200 || source.chars().anyMatch(Character::isISOControl)) {
      throw new RpcFailure.InvalidArgument("source", "at most 200 printable characters");
    }
    PolicyFile p = parse(request.getText(), source);
    String by = Caller.current().credential();
    AppliedPolicy applied = node.store().write(tx -> {
      if (tx.approverSet(ApproverRole.ADMIN).isPresent()) {
        throw new RpcFailure.PermissionDenied("an admin set exists: a policy takes effect only through an approved proposal"
            + " (custos policy apply on the node proposes it; docs/approvals.md)");
      }
      return AdminChanges.applyPolicy(tx, p, by, source, node.clock().instant());
    });
    return ApplyPolicyResponse.newBuilder().setVersion(applied.version()).setSha256(applied.sha256Hex()).build();
  }

  PolicyFile parse(String text, String sourceName) {
    if (text.isEmpty()) {
      throw new RpcFailure.InvalidArgument("text", "required (the policy document)");
    }
    if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new RpcFailure.InvalidArgument("text", "policy documents are limited to 1 MiB");
    }
    try {
      return PolicyFile.parse(text, sourceName, node.wallet().network());
    } catch (PolicyFileException e) {
      throw new RpcFailure.InvalidArgument("text", e.getMessage());
    }
  }
}
