package dev.custos.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.macaroon.CaveatChecker;
import dev.custos.core.macaroon.Macaroon;
import dev.custos.core.macaroon.MacaroonId;
import dev.custos.core.macaroon.Permission;
import dev.custos.core.secret.SecretBytes;
import dev.custos.proto.v1.ApplyPolicyRequest;
import dev.custos.proto.v1.GetInfoRequest;
import dev.custos.proto.v1.ListDescriptorsRequest;
import dev.custos.proto.v1.ShowPolicyRequest;
import dev.custos.server.auth.AccessRule;
import dev.custos.server.auth.MacaroonAuthenticator;
import dev.custos.server.auth.PermissionTable;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real LND-format macaroons through the real server: the core verifier behind the interceptor,
 * root keys by id, caveats checked against the clock and the TLS peer's address.
 */
class MacaroonEndToEndTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] ROOT_KEY_ID = "0".getBytes(StandardCharsets.US_ASCII);

  @TempDir
  static Path dir;

  static final Map<String, byte[]> rootKeys = new ConcurrentHashMap<>();
  static CustosServer server;
  static TestClient client;

  @BeforeAll
  static void start() throws Exception {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    rootKeys.put("0", key);
    TestKeystore.create(dir.resolve("data"));
    MacaroonAuthenticator authenticator = new MacaroonAuthenticator(
        id -> Optional.ofNullable(rootKeys.get(new String(id, StandardCharsets.ISO_8859_1))).map(SecretBytes::copyOf),
        CaveatChecker.NONE, Clock.systemUTC());
    server = CustosServer.builder(dir.resolve("data")).listen("127.0.0.1", 0).authenticator(authenticator).env(Map.of())
        .passphrase(TestKeystore.passphrase()).start();
    client = new TestClient("127.0.0.1", server.port(), server.tlsCertificate());
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    server.stop();
  }

  /** Every permission of the table: what LND's admin.macaroon is to LND. */
  static Set<Permission> all() {
    return PermissionTable.DEFAULT.entries().values().stream().filter(r -> r instanceof AccessRule.Requires)
        .flatMap(r -> ((AccessRule.Requires) r).permissions().stream()).collect(Collectors.toSet());
  }

  static Macaroon bake(byte[] rootKeyId, Set<Permission> ops, String... caveats) {
    byte[] key = rootKeys.getOrDefault(new String(rootKeyId, StandardCharsets.ISO_8859_1), new byte[32]);
    Macaroon m;
    try (SecretBytes root = SecretBytes.copyOf(key)) {
      m = Macaroon.mint(root, MacaroonId.create(rootKeyId, ops, RANDOM).encode(), MacaroonId.LND_LOCATION);
    }
    for (String c : caveats) {
      m = m.addFirstPartyCaveat(c);
    }
    return m;
  }

  @Test
  void anAdminMacaroonIsGrantedAndNamesTheCallerByRootKeyId() {
    String admin = bake(ROOT_KEY_ID, all()).toHex();
    client.stub(admin).applyPolicy(ApplyPolicyRequest.newBuilder().setText(ServerEndToEndTest.POLICY).build());
    assertThat(client.stub(admin).showPolicy(ShowPolicyRequest.getDefaultInstance()).getAppliedBy()).isEqualTo("macaroon:30");
  }

  @Test
  void aMissingPermissionIsDenied() {
    String readonly = bake(ROOT_KEY_ID, Set.of(Permission.parse("info:read"))).toHex();
    assertThat(client.stub(readonly).getInfo(GetInfoRequest.getDefaultInstance()).getNetwork()).isEqualTo("regtest");
    assertDenied(() -> client.stub(readonly).listDescriptors(ListDescriptorsRequest.getDefaultInstance()), "permission denied");
  }

  @Test
  void aUriPermissionGrantsExactlyThatMethod() {
    // LND writes the HTTP/2 path, with its leading slash.
    String one = bake(ROOT_KEY_ID, Set.of(Permission.parse("uri:/custos.v1.Custos/GetInfo"))).toHex();
    assertThat(client.stub(one).getInfo(GetInfoRequest.getDefaultInstance()).getNetwork()).isEqualTo("regtest");
    assertDenied(() -> client.stub(one).listDescriptors(ListDescriptorsRequest.getDefaultInstance()), "permission denied");
  }

  @Test
  void caveatsAreCheckedAgainstTheClockAndThePeer() {
    assertDenied(() -> client.stub(bake(ROOT_KEY_ID, all(), "time-before 2020-01-01T00:00:00Z").toHex())
        .getInfo(GetInfoRequest.getDefaultInstance()), "macaroon has expired");
    String future = "time-before " + Instant.now().plusSeconds(3600);
    assertThat(client.stub(bake(ROOT_KEY_ID, all(), future, "ipaddr 127.0.0.1").toHex()).getInfo(GetInfoRequest.getDefaultInstance())
        .getNetwork()).isEqualTo("regtest");
    assertDenied(() -> client.stub(bake(ROOT_KEY_ID, all(), "ipaddr 10.1.2.3").toHex()).getInfo(GetInfoRequest.getDefaultInstance()),
        "macaroon locked to different IP address");
    assertDenied(() -> client.stub(bake(ROOT_KEY_ID, all(), "iprange 10.0.0.0/8").toHex()).getInfo(GetInfoRequest.getDefaultInstance()),
        "macaroon locked to different IP range");
    assertDenied(() -> client.stub(bake(ROOT_KEY_ID, all(), "lnd-custom foo bar").toHex()).getInfo(GetInfoRequest.getDefaultInstance()),
        "caveat not satisfied: caveat \"lnd-custom foo bar\" not recognized");
  }

  @Test
  void aFlippedByteAWrongKeyAnUnknownIdAndTrailingBytesAreRefused() {
    byte[] good = bake(ROOT_KEY_ID, all()).encode();
    byte[] flipped = Arrays.copyOf(good, good.length);
    flipped[flipped.length - 1] ^= 1;
    assertDenied(() -> client.stub(java.util.HexFormat.of().formatHex(flipped)).getInfo(GetInfoRequest.getDefaultInstance()),
        "verification failed: signature mismatch after caveat verification");
    Macaroon otherKey;
    try (SecretBytes wrong = SecretBytes.random(32, RANDOM)) {
      otherKey = Macaroon.mint(wrong, MacaroonId.create(ROOT_KEY_ID, all(), RANDOM).encode(), "lnd");
    }
    assertDenied(() -> client.stub(otherKey.toHex()).getInfo(GetInfoRequest.getDefaultInstance()),
        "verification failed: signature mismatch after caveat verification");
    String revoked = bake("deleted".getBytes(StandardCharsets.US_ASCII), all()).toHex();
    assertDenied(() -> client.stub(revoked).getInfo(GetInfoRequest.getDefaultInstance()), "verification failed: root key id not found");
    byte[] trailing = Arrays.copyOf(good, good.length + 2);
    assertThatThrownBy(() -> client.stub(java.util.HexFormat.of().formatHex(trailing)).getInfo(GetInfoRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
          assertThat(e.getStatus().getDescription()).startsWith("cannot decode macaroon: ").contains("trailing");
        });
  }

  private static void assertDenied(ThrowingCallable call, String description) {
    assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(e.getStatus().getDescription()).isEqualTo(description);
    });
  }

}
