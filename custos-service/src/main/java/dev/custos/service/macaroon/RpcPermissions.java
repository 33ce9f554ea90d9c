package dev.custos.service.macaroon;

import dev.custos.core.macaroon.Permission;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The permission every Custos RPC requires, in LND's {@code entity:action} vocabulary plus the
 * Custos entities {@code policy}, {@code audit}, {@code admin} (administrative proposals) and
 * {@code approval} (spend approval requests) (docs/macaroons.md, "Permissions"). An RPC that is not in {@link #table()} is refused: {@link #required} is empty
 * for it. Keys are the RPC names of the {@code custos.v1.Custos} service ({@code GetInfo}, ...).
 */
public final class RpcPermissions {
  /** Every permission Custos knows; a macaroon can only be baked with these. */
  public static final Set<Permission> VOCABULARY = sorted(
      "info:read",
      "onchain:read", "onchain:write",
      "address:read", "address:write",
      "message:read", "message:write",
      "signer:generate", "signer:read",
      "macaroon:read", "macaroon:write", "macaroon:generate",
      "policy:read", "policy:write",
      "audit:read",
      "admin:read", "admin:write",
      "approval:read", "approval:write");

  private static final Map<String, Set<Permission>> TABLE = table(
      "GetInfo", "info:read",
      "ListDescriptors", "onchain:read",
      "CheckPsbt", "signer:read",
      "SignPsbt", "signer:generate",
      "ShowPolicy", "policy:read",
      "CheckPolicy", "policy:read",
      "ApplyPolicy", "policy:write",
      "VerifyAudit", "audit:read",
      "ExportAudit", "audit:read",
      "BakeMacaroon", "macaroon:generate",
      "ListMacaroonIds", "macaroon:read",
      "DeleteMacaroonId", "macaroon:write",
      "ListPermissions", "info:read",
      "ProposeAdminChange", "admin:write",
      "ListProposals", "admin:read",
      "ShowProposal", "admin:read",
      "ApproveProposal", "admin:write",
      "RejectProposal", "admin:write",
      "ListApprovals", "approval:read",
      "ShowApproval", "approval:read",
      "Approve", "approval:write",
      "Reject", "approval:write");

  private RpcPermissions() {}

  /** The permissions {@code rpc} requires; empty when the RPC has no entry (refuse it). */
  public static Optional<Set<Permission>> required(String rpc) {
    return Optional.ofNullable(TABLE.get(rpc));
  }

  /** The whole table, in a fixed order (for {@code ListPermissions} and documentation). */
  public static Map<String, Set<Permission>> table() {
    return TABLE;
  }

  private static Map<String, Set<Permission>> table(String... rpcAndPermission) {
    Map<String, Set<Permission>> t = new LinkedHashMap<>();
    for (int i = 0; i < rpcAndPermission.length; i += 2) {
      Set<Permission> p = sorted(rpcAndPermission[i + 1]);
      if (!VOCABULARY.containsAll(p) || t.put(rpcAndPermission[i], p) != null) {
        throw new IllegalStateException("bad permission table entry " + rpcAndPermission[i]);
      }
    }
    return Collections.unmodifiableMap(t);
  }

  static Set<Permission> sorted(String... permissions) {
    TreeSet<Permission> s = new TreeSet<>();
    for (String p : permissions) {
      s.add(Permission.parse(p));
    }
    return Collections.unmodifiableSet(s);
  }
}
