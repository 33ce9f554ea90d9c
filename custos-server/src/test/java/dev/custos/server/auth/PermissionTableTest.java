package dev.custos.server.auth;

import dev.custos.core.macaroon.Permission;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.proto.v1.CustosGrpc;
import dev.custos.proto.v1.UnlockerGrpc;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.health.v1.HealthGrpc;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The table is complete for every service the server exposes, and names nothing else. */
class PermissionTableTest {
  private static final List<ServiceDescriptor> SERVED = List.of(CustosGrpc.getServiceDescriptor(), UnlockerGrpc.getServiceDescriptor(),
      HealthGrpc.getServiceDescriptor());

  @Test
  void everyServedMethodHasAnEntry() {
    for (ServiceDescriptor service : SERVED) {
      for (MethodDescriptor<?, ?> m : service.getMethods()) {
        assertThat(PermissionTable.DEFAULT.rule(m.getFullMethodName())).as(m.getFullMethodName()).isPresent();
      }
    }
  }

  @Test
  void everyEntryIsAServedMethod() {
    Set<String> served = SERVED.stream().flatMap(s -> s.getMethods().stream()).map(MethodDescriptor::getFullMethodName)
        .collect(Collectors.toSet());
    assertThat(served).containsAll(PermissionTable.DEFAULT.entries().keySet());
  }

  @Test
  void onlyHealthAndUnlockAreOpenAndEveryCustosMethodNeedsAPermission() {
    for (MethodDescriptor<?, ?> m : CustosGrpc.getServiceDescriptor().getMethods()) {
      assertThat(PermissionTable.DEFAULT.rule(m.getFullMethodName()).orElseThrow()).isInstanceOf(AccessRule.Requires.class);
    }
    assertThat(PermissionTable.DEFAULT.entries().entrySet().stream().filter(e -> e.getValue() instanceof AccessRule.Open)
        .map(e -> e.getKey())).containsExactlyInAnyOrder("grpc.health.v1.Health/Check", "grpc.health.v1.Health/Watch",
        "custos.v1.Unlocker/Unlock");
  }

  @Test
  void theServerEnforcesTheSharedRpcPermissionsTable() {
    assertThat(PermissionTable.DEFAULT.rule("custos.v1.Custos/SignPsbt").orElseThrow())
        .isEqualTo(new AccessRule.Requires(Set.of(new Permission("signer", "generate"))));
    for (var m : dev.custos.proto.v1.CustosGrpc.getServiceDescriptor().getMethods()) {
      assertThat(PermissionTable.DEFAULT.rule(m.getFullMethodName()).orElseThrow())
          .isEqualTo(new AccessRule.Requires(dev.custos.service.macaroon.RpcPermissions.required(m.getBareMethodName()).orElseThrow()));
    }
    assertThat(PermissionTable.DEFAULT.rule("custos.v1.Custos/NoSuchMethod")).isEmpty();
  }
}
