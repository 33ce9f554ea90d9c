package dev.custos.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custos.core.macaroon.Caveat;
import dev.custos.core.macaroon.FirstPartyCaveat;
import dev.custos.core.macaroon.Macaroon;
import dev.custos.core.macaroon.MacaroonId;
import dev.custos.core.macaroon.Permission;
import dev.custos.proto.v1.ApplyPolicyRequest;
import dev.custos.proto.v1.BakeMacaroonRequest;
import dev.custos.proto.v1.BakeMacaroonResponse;
import dev.custos.proto.v1.DeleteMacaroonIdRequest;
import dev.custos.proto.v1.GetInfoRequest;
import dev.custos.proto.v1.ListMacaroonIdsRequest;
import dev.custos.proto.v1.ListPermissionsRequest;
import dev.custos.proto.v1.MacaroonPermission;
import dev.custos.proto.v1.MacaroonRootKey;
import dev.custos.service.macaroon.RpcPermissions;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BakeMacaroon, ListMacaroonIds, DeleteMacaroonId and ListPermissions through a real server with
 * the real macaroon authenticator over the stored root keys, over gRPC/TLS and the REST gateway.
 */
class MacaroonRpcEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;

  static CustosServer server;
  static TestClient client;
  static TestHttps rest;
  static String admin;
  static String readonly;

  @BeforeAll
  static void start() throws Exception {
    Path data = dir.resolve("data");
    TestKeystore.create(data);
    server = CustosServer.builder(data).listen("127.0.0.1", 0).env(Map.of()).passphrase(TestKeystore.passphrase()).start();
    client = new TestClient("127.0.0.1", server.port(), server.tlsCertificate());
    rest = new TestHttps(server.tlsCertificate(), server.restPort());
    admin = HexFormat.of().formatHex(Files.readAllBytes(data.resolve("admin.macaroon")));
    readonly = HexFormat.of().formatHex(Files.readAllBytes(data.resolve("readonly.macaroon")));
  }

  @AfterAll
  static void stop() {
    client.close();
    server.stop();
  }

  static BakeMacaroonRequest.Builder bake(String... permissions) {
    var b = BakeMacaroonRequest.newBuilder();
    for (String p : permissions) {
      Permission parsed = Permission.parse(p);
      b.addPermissions(MacaroonPermission.newBuilder().setEntity(parsed.entity()).setAction(parsed.action()));
    }
    return b;
  }

  @Test
  void aBakedMacaroonGrantsWhatWasAskedUnderAFreshRootKeyIdUntilItIsDeleted() throws Exception {
    BakeMacaroonResponse baked = client.stub(admin).bakeMacaroon(bake("info:read").setLabel("monitor").build());
    Macaroon m = Macaroon.fromHex(baked.getMacaroon());
    assertThat(HexFormat.of().formatHex(MacaroonId.decode(m.identifier()).storageId())).isEqualTo(baked.getRootKeyId());
    assertThat(client.stub(baked.getMacaroon()).getInfo(GetInfoRequest.getDefaultInstance()).getNetwork()).isEqualTo("regtest");
    assertStatus(() -> client.stub(baked.getMacaroon()).applyPolicy(ApplyPolicyRequest.newBuilder().setText("x").build()),
        Status.Code.UNAUTHENTICATED, "permission denied");

    List<MacaroonRootKey> ids = client.stub(readonly).listMacaroonIds(ListMacaroonIdsRequest.getDefaultInstance()).getRootKeysList();
    assertThat(ids).filteredOn(k -> k.getId().equals(baked.getRootKeyId())).singleElement()
        .satisfies(k -> assertThat(k.getLabel()).isEqualTo("monitor"));
    assertThat(ids).extracting(MacaroonRootKey::getLabel).contains("admin (first start)", "readonly (first start)", "signer (first start)");

    assertThat(client.stub(admin).deleteMacaroonId(DeleteMacaroonIdRequest.newBuilder().setRootKeyId(baked.getRootKeyId()).build())
        .getDeleted()).isTrue();
    assertStatus(() -> client.stub(baked.getMacaroon()).getInfo(GetInfoRequest.getDefaultInstance()), Status.Code.UNAUTHENTICATED,
        "verification failed: root key id not found");
    assertThat(client.stub(admin).deleteMacaroonId(DeleteMacaroonIdRequest.newBuilder().setRootKeyId(baked.getRootKeyId()).build())
        .getDeleted()).isFalse();
    assertStatus(() -> client.stub(readonly).deleteMacaroonId(DeleteMacaroonIdRequest.newBuilder().setRootKeyId("00").build()),
        Status.Code.UNAUTHENTICATED, "permission denied");
  }

  @Test
  void bakingNeverGrantsMoreThanTheCallerHolds() {
    // readonly lacks macaroon:generate altogether; a macaroon that may bake but not sign cannot bake a signer.
    assertStatus(() -> client.stub(readonly).bakeMacaroon(bake("info:read").build()), Status.Code.UNAUTHENTICATED, "permission denied");
    String baker = client.stub(admin).bakeMacaroon(bake("macaroon:generate", "info:read").build()).getMacaroon();
    assertStatus(() -> client.stub(baker).bakeMacaroon(bake("info:read", "signer:generate").build()), Status.Code.PERMISSION_DENIED,
        "cannot bake signer:generate: the baking macaroon does not grant it");
    assertThat(client.stub(baker).bakeMacaroon(bake("info:read").build()).getMacaroon()).isNotEmpty();
  }

  @Test
  void theCallersCaveatsAreCopiedOntoTheBakedMacaroonBeforeTheRequestedOnes() throws Exception {
    String deadline = "time-before " + Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    String constrained = Macaroon.fromHex(admin).addFirstPartyCaveat("ipaddr 127.0.0.1").addFirstPartyCaveat(deadline).toHex();
    BakeMacaroonResponse baked = client.stub(constrained).bakeMacaroon(bake("info:read").addCaveats("iprange 127.0.0.0/8").build());
    assertThat(conditions(Macaroon.fromHex(baked.getMacaroon()))).containsExactly("ipaddr 127.0.0.1", deadline, "iprange 127.0.0.0/8");
    assertThat(client.stub(baked.getMacaroon()).getInfo(GetInfoRequest.getDefaultInstance()).getNetwork()).isEqualTo("regtest");

    // An expired baker cannot bake at all; a bad requested caveat is refused naming it.
    String expired = Macaroon.fromHex(admin).addFirstPartyCaveat("time-before 2020-01-01T00:00:00Z").toHex();
    assertStatus(() -> client.stub(expired).bakeMacaroon(bake("info:read").build()), Status.Code.UNAUTHENTICATED, "macaroon has expired");
    assertStatus(() -> client.stub(admin).bakeMacaroon(bake("info:read").addCaveats("time-befor 2030-01-01T00:00:00Z").build()),
        Status.Code.INVALID_ARGUMENT, "caveats[0]: unknown caveat condition");
    assertStatus(() -> client.stub(admin).bakeMacaroon(bake("info:read").addCaveats("ipaddr 999.1.1.1").build()),
        Status.Code.INVALID_ARGUMENT, "caveats[0]: ipaddr: ");
    assertStatus(() -> client.stub(admin).bakeMacaroon(bake("invoices:read").build()), Status.Code.INVALID_ARGUMENT,
        "permissions: unknown permission 'invoices:read'");
    assertStatus(() -> client.stub(admin).bakeMacaroon(bake().build()), Status.Code.INVALID_ARGUMENT,
        "permissions: a macaroon needs at least one permission");
  }

  @Test
  void macaroonsBakedUnderOneChosenRootKeyIdAreRevokedTogether() {
    String id = "00112233445566ff";
    String one = client.stub(admin).bakeMacaroon(bake("info:read").setRootKeyId(id).build()).getMacaroon();
    String two = client.stub(admin).bakeMacaroon(bake("onchain:read").setRootKeyId(id).build()).getMacaroon();
    assertThat(client.stub(one).getInfo(GetInfoRequest.getDefaultInstance()).getNetwork()).isEqualTo("regtest");
    assertThat(client.stub(admin).deleteMacaroonId(DeleteMacaroonIdRequest.newBuilder().setRootKeyId(id).build()).getDeleted()).isTrue();
    for (String m : List.of(one, two)) {
      assertStatus(() -> client.stub(m).getInfo(GetInfoRequest.getDefaultInstance()), Status.Code.UNAUTHENTICATED,
          "verification failed: root key id not found");
    }
    assertStatus(() -> client.stub(admin).bakeMacaroon(bake("info:read").setRootKeyId("xyz").build()), Status.Code.INVALID_ARGUMENT,
        "root_key_id: ");
  }

  @Test
  void listPermissionsIsTheSharedTable() {
    var reply = client.stub(readonly).listPermissions(ListPermissionsRequest.getDefaultInstance());
    Map<String, String> got = new TreeMap<>();
    reply.getMethodPermissionsMap().forEach((rpc, list) -> got.put(rpc, list.getPermissionsList().stream()
        .map(p -> p.getEntity() + ":" + p.getAction()).collect(Collectors.joining(","))));
    Map<String, String> expected = new TreeMap<>();
    RpcPermissions.table().forEach((rpc, ps) -> expected.put(rpc, ps.stream().map(Permission::toString).collect(Collectors.joining(","))));
    assertThat(got).isEqualTo(expected).containsEntry("BakeMacaroon", "macaroon:generate");
    assertThat(reply.getPresetsMap().keySet()).containsExactlyInAnyOrder("admin", "readonly", "signer");
  }

  @Test
  void theMacaroonRpcsAreOnTheRestGateway() throws Exception {
    HttpResponse<String> baked = rest.send("POST", "/v1/macaroon",
        "{\"permissions\": [{\"entity\": \"info\", \"action\": \"read\"}], \"label\": \"rest\"}", admin);
    assertThat(baked.statusCode()).as(baked.body()).isEqualTo(200);
    JsonNode b = JSON.readTree(baked.body());
    String id = b.get("root_key_id").asText();
    HttpResponse<String> info = rest.send("GET", "/v1/getinfo", null, b.get("macaroon").asText());
    assertThat(info.statusCode()).isEqualTo(200);

    HttpResponse<String> ids = rest.send("GET", "/v1/macaroon/ids", null, admin);
    assertThat(new TreeSet<String>(JSON.readTree(ids.body()).get("root_keys").findValuesAsText("id"))).contains(id);
    HttpResponse<String> permissions = rest.send("GET", "/v1/macaroon/permissions", null, readonly);
    assertThat(JSON.readTree(permissions.body()).at("/method_permissions/SignPsbt/permissions/0/action").asText()).isEqualTo("generate");

    HttpResponse<String> deleted = rest.send("DELETE", "/v1/macaroon/ids?root_key_id=" + id, null, admin);
    assertThat(JSON.readTree(deleted.body()).get("deleted").asBoolean()).isTrue();
    assertThat(rest.send("GET", "/v1/getinfo", null, b.get("macaroon").asText()).statusCode()).isEqualTo(401);
    HttpResponse<String> tooMuch = rest.send("POST", "/v1/macaroon", "{\"permissions\": [{\"entity\": \"policy\", \"action\": \"write\"}]}",
        client.stub(admin).bakeMacaroon(bake("macaroon:generate").build()).getMacaroon());
    assertThat(tooMuch.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(tooMuch.body()).get("message").asText()).isEqualTo("cannot bake policy:write: the baking macaroon does not grant it");
  }

  private static List<String> conditions(Macaroon m) {
    return m.caveats().stream().map(MacaroonRpcEndToEndTest::condition).toList();
  }

  private static String condition(Caveat c) {
    return ((FirstPartyCaveat) c).condition();
  }

  private static void assertStatus(ThrowingCallable call, Status.Code code, String descriptionPrefix) {
    assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
      assertThat(e.getStatus().getCode()).isEqualTo(code);
      assertThat(e.getStatus().getDescription()).startsWith(descriptionPrefix);
    });
  }
}
