package dev.custos.server.auth;

import dev.custos.core.macaroon.Permission;
import dev.custos.proto.v1.CustosGrpc;
import dev.custos.proto.v1.UnlockerGrpc;
import dev.custos.service.macaroon.RpcPermissions;
import io.grpc.MethodDescriptor;
import io.grpc.health.v1.HealthGrpc;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every RPC the server exposes, by full method name, with the {@link AccessRule} it demands. This
 * is the only source of authorization: a method without an entry is refused, so a method added to
 * the proto stays closed until someone decides its permission here (a test checks the table
 * against the service descriptors). Documented in docs/server.md.
 */
public final class PermissionTable {
  /**
   * The table of this server version: every Custos RPC with the permissions that
   * {@link RpcPermissions} (the one table shared with the CLI's macaroon tooling) names for it;
   * {@code custos.v1.Unlocker/Unlock} (a locked server cannot verify macaroons) and health are open. An RPC RpcPermissions does not list gets no entry, so it is refused.
   */
  public static final PermissionTable DEFAULT = fromRpcPermissions();

  private static PermissionTable fromRpcPermissions() {
    Builder b = new Builder();
    for (var m : CustosGrpc.getServiceDescriptor().getMethods()) {
      RpcPermissions.required(m.getBareMethodName())
          .ifPresent(required -> b.put(m.getFullMethodName(), new AccessRule.Requires(required)));
    }
    return b.open(UnlockerGrpc.getUnlockMethod()).open(HealthGrpc.getCheckMethod()).open(HealthGrpc.getWatchMethod()).build();
  }

  private final Map<String, AccessRule> rules;

  private PermissionTable(Map<String, AccessRule> rules) {
    this.rules = Map.copyOf(rules);
  }

  /** The rule for {@code fullMethodName} ({@code package.Service/Method}); empty: refuse. */
  public Optional<AccessRule> rule(String fullMethodName) {
    return Optional.ofNullable(rules.get(fullMethodName));
  }

  /** Every entry, for documentation and tests. */
  public Map<String, AccessRule> entries() {
    return rules;
  }

  /** Assembles a table; each method at most once. */
  public static final class Builder {
    private final Map<String, AccessRule> rules = new LinkedHashMap<>();

    public Builder require(MethodDescriptor<?, ?> method, String... permissions) {
      return put(method.getFullMethodName(), new AccessRule.Requires(
          Arrays.stream(permissions).map(Permission::parse).collect(Collectors.toSet())));
    }

    public Builder open(MethodDescriptor<?, ?> method) {
      return put(method.getFullMethodName(), new AccessRule.Open());
    }

    private Builder put(String method, AccessRule rule) {
      if (rules.putIfAbsent(method, rule) != null) {
        throw new IllegalArgumentException("permission table lists " + method + " twice");
      }
      return this;
    }

    public PermissionTable build() {
      return new PermissionTable(rules);
    }
  }
}
