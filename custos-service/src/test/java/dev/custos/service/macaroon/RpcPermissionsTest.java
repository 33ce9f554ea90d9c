package dev.custos.service.macaroon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.macaroon.Permission;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The permission table and the presets, as docs/macaroons.md lists them. */
class RpcPermissionsTest {

  private static Set<String> names(Set<Permission> ps) {
    return ps.stream().map(Permission::toString).collect(Collectors.toSet());
  }

  @Test
  void everyCustosRpcHasExactlyTheDocumentedPermission() {
    assertThat(RpcPermissions.table()).hasSize(22);
    String[][] expected = {
        {"GetInfo", "info:read"}, {"ListDescriptors", "onchain:read"}, {"CheckPsbt", "signer:read"},
        {"SignPsbt", "signer:generate"}, {"ShowPolicy", "policy:read"}, {"CheckPolicy", "policy:read"},
        {"ApplyPolicy", "policy:write"}, {"VerifyAudit", "audit:read"}, {"ExportAudit", "audit:read"},
        {"BakeMacaroon", "macaroon:generate"}, {"ListMacaroonIds", "macaroon:read"}, {"DeleteMacaroonId", "macaroon:write"},
        {"ListPermissions", "info:read"}, {"ProposeAdminChange", "admin:write"}, {"ListProposals", "admin:read"},
        {"ShowProposal", "admin:read"}, {"ApproveProposal", "admin:write"}, {"RejectProposal", "admin:write"},
        {"ListApprovals", "approval:read"}, {"ShowApproval", "approval:read"}, {"Approve", "approval:write"},
        {"Reject", "approval:write"}};
    for (String[] e : expected) {
      assertThat(RpcPermissions.required(e[0]).map(RpcPermissionsTest::names)).as(e[0]).contains(Set.of(e[1]));
    }
    assertThat(RpcPermissions.required("Unlock")).isEmpty();
    assertThat(RpcPermissions.required("getinfo")).isEmpty();
  }

  @Test
  void presetsAreAdminEverythingReadonlyAllReadsAndSignerWhatSigningNeeds() {
    assertThat(MacaroonPreset.ADMIN.permissions()).isEqualTo(RpcPermissions.VOCABULARY);
    assertThat(names(MacaroonPreset.READONLY.permissions())).containsExactlyInAnyOrder("address:read", "admin:read", "approval:read",
        "audit:read", "info:read", "macaroon:read", "message:read", "onchain:read", "policy:read", "signer:read");
    assertThat(names(MacaroonPreset.SIGNER.permissions()))
        .containsExactlyInAnyOrder("info:read", "onchain:read", "signer:generate", "signer:read");
    for (String rpc : new String[] {"GetInfo", "ListDescriptors", "CheckPsbt", "SignPsbt"}) {
      assertThat(MacaroonPreset.SIGNER.permissions()).containsAll(RpcPermissions.required(rpc).orElseThrow());
    }
    assertThat(MacaroonPreset.parse("readonly")).isEqualTo(MacaroonPreset.READONLY);
    assertThatThrownBy(() -> MacaroonPreset.parse("root")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown macaroon preset 'root' (known: admin, readonly, signer)");
  }
}
