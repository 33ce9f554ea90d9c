package dev.custos.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.macaroon.Permission;
import dev.custos.core.macaroon.RootKeyId;
import dev.custos.core.macaroon.RootKeyVault;
import dev.custos.core.testkit.TestWallets;
import dev.custos.proto.v1.BakeMacaroonRequest;
import dev.custos.proto.v1.DeleteMacaroonIdRequest;
import dev.custos.proto.v1.GetInfoRequest;
import dev.custos.proto.v1.MacaroonPermission;
import dev.custos.service.macaroon.MacaroonBakery;
import dev.custos.service.macaroon.RootKeyRegistry;
import dev.custos.store.Store;
import dev.custos.store.StoreFactory;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server keeps opened macaroon root keys in memory, yet a deleted root key id stops verifying
 * on the very next call: whether it was deleted through the server or in the store by another
 * process (what {@code custos macaroon delete-id --data-dir} does while the server runs); and a
 * key re-created under the same id, by either route, verifies only the macaroons baked with it.
 */
class RevocationEndToEndTest {
  private static final String NOT_FOUND = "verification failed: root key id not found";

  @TempDir
  static Path dir;

  static Path data;
  static CustosServer server;
  static TestClient client;
  static String admin;

  @BeforeAll
  static void start() throws Exception {
    data = dir.resolve("data");
    TestKeystore.create(data);
    server = CustosServer.builder(data).listen("127.0.0.1", 0).env(Map.of()).passphrase(TestKeystore.passphrase()).start();
    client = new TestClient("127.0.0.1", server.port(), server.tlsCertificate());
    admin = HexFormat.of().formatHex(Files.readAllBytes(data.resolve("admin.macaroon")));
  }

  @AfterAll
  static void stop() {
    client.close();
    server.stop();
  }

  private static BakeMacaroonRequest.Builder infoReader() {
    return BakeMacaroonRequest.newBuilder().addPermissions(MacaroonPermission.newBuilder().setEntity("info").setAction("read"));
  }

  private static String network(String macaroon) {
    return client.stub(macaroon).getInfo(GetInfoRequest.getDefaultInstance()).getNetwork();
  }

  private static void assertUnauthenticated(String macaroon, String message) {
    assertThatThrownBy(() -> network(macaroon)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(e.getStatus().getDescription()).isEqualTo(message);
    });
  }

  @Test
  void anIdDeletedInTheStoreByAnotherProcessIsRefusedOnTheNextCall() throws Exception {
    var baked = client.stub(admin).bakeMacaroon(infoReader().setLabel("deleted elsewhere").build());
    // Verified twice: its root key is now opened and held by the server.
    assertThat(network(baked.getMacaroon())).isEqualTo("regtest");
    assertThat(network(baked.getMacaroon())).isEqualTo("regtest");

    try (Store other = StoreFactory.open("jdbc:sqlite:" + data.resolve("custos.db").toAbsolutePath())) {
      assertThat(new RootKeyRegistry(other, Clock.systemUTC()).revoke(RootKeyId.parse(baked.getRootKeyId()), "operator")).isTrue();
    }

    assertUnauthenticated(baked.getMacaroon(), NOT_FOUND);
    assertThat(network(admin)).isEqualTo("regtest");
  }

  @Test
  void aKeyRecreatedUnderADeletedIdNeverVerifiesTheOldMacaroons() {
    String id = "a1b2c3d4e5f60718";
    String old = client.stub(admin).bakeMacaroon(infoReader().setRootKeyId(id).build()).getMacaroon();
    assertThat(network(old)).isEqualTo("regtest");
    assertThat(client.stub(admin).deleteMacaroonId(DeleteMacaroonIdRequest.newBuilder().setRootKeyId(id).build()).getDeleted()).isTrue();
    assertUnauthenticated(old, NOT_FOUND);

    String fresh = client.stub(admin).bakeMacaroon(infoReader().setRootKeyId(id).build()).getMacaroon();
    assertThat(network(fresh)).isEqualTo("regtest");
    assertUnauthenticated(old, "verification failed: signature mismatch after caveat verification");
  }

  @Test
  void aKeyRecreatedElsewhereUnderAnOpenedIdIsOpenedAnew() throws Exception {
    RootKeyId id = RootKeyId.parse("0f1e2d3c4b5a6978");
    String old = client.stub(admin).bakeMacaroon(infoReader().setRootKeyId(id.toHex()).build()).getMacaroon();
    assertThat(network(old)).isEqualTo("regtest");

    // Another process deletes the id and bakes under it again, with the same seed: a new root key.
    String fresh;
    try (Store other = StoreFactory.open("jdbc:sqlite:" + data.resolve("custos.db").toAbsolutePath());
        ExtendedPrivateKey master = TestWallets.master(TestWallets.ABANDON);
        RootKeyVault vault = RootKeyVault.derive(master)) {
      assertThat(new RootKeyRegistry(other, Clock.systemUTC()).revoke(id, "operator")).isTrue();
      fresh = new MacaroonBakery(other, vault, Clock.systemUTC(), new SecureRandom())
          .bake(Optional.of(id), Set.of(Permission.parse("info:read")), List.of(), "re-created", "operator").macaroon().toHex();
    }

    assertThat(network(fresh)).isEqualTo("regtest");
    assertUnauthenticated(old, "verification failed: signature mismatch after caveat verification");
  }
}
