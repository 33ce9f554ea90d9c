package dev.custos.server.rpc;

import dev.custos.core.audit.AuditType;
import dev.custos.proto.v1.ApplyPolicyRequest;
import dev.custos.proto.v1.ApplyPolicyResponse;
import dev.custos.proto.v1.CheckPolicyRequest;
import dev.custos.proto.v1.CheckPolicyResponse;
import dev.custos.proto.v1.ShowPolicyResponse;
import dev.custos.server.auth.Caller;
import dev.custos.server.node.Node;
import dev.custos.server.status.RpcFailure;
import dev.custos.service.audit.AuditTrail;
import dev.custos.service.policyfile.PolicyFile;
import dev.custos.service.policyfile.PolicyFileException;
import dev.custos.store.AppliedPolicy;
import dev.custos.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * ShowPolicy, CheckPolicy and ApplyPolicy: as {@code custos policy show|check|apply}. Applying
 * records the exact text, its hash, who applied it and an audit record in one transaction. (The
 * quorum issue will put apply under M-of-N approval.)
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
      long version = tx.currentPolicy().map(AppliedPolicy::version).orElse(0L) + 1;
      Instant now = node.clock().instant();
      AppliedPolicy a = new AppliedPolicy(version, p.text(), p.sha256Hex(), now, by);
      tx.applyPolicy(a);
      AuditTrail.append(tx, now, AuditType.POLICY_APPLY.wireName(), Map.of("version", Long.toString(version), "sha256", p.sha256Hex(),
          "appliedBy", by, "source", source));
      return a;
    });
    return ApplyPolicyResponse.newBuilder().setVersion(applied.version()).setSha256(applied.sha256Hex()).build();
  }

  private PolicyFile parse(String text, String sourceName) {
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
