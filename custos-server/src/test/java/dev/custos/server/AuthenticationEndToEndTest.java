package dev.custos.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.secret.SecretBytes;
import dev.custos.proto.v1.CustosGrpc;
import dev.custos.proto.v1.GetInfoRequest;
import dev.custos.proto.v1.ListDescriptorsRequest;
import dev.custos.proto.v1.SignPsbtRequest;
import dev.custos.server.auth.PermissionTable;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The macaroon header and the permission table, over a real TLS connection. */
class AuthenticationEndToEndTest {
  @TempDir
  static Path dir;

  static CustosServer server;
  static TestClient client;

  /** A table that forgot GetInfo. */
  static final PermissionTable WITHOUT_GET_INFO = new PermissionTable.Builder()
      .require(CustosGrpc.getListDescriptorsMethod(), "onchain:read")
      .build();

  @BeforeAll
  static void start() throws Exception {
    TestKeystore.create(dir.resolve("data"));
    try (SecretBytes pass = TestKeystore.passphrase()) {
      server = CustosServer.builder(dir.resolve("data")).listen("127.0.0.1", 0).passphrase(pass)
          .authenticator(new TestAuthenticator()).env(Map.of()).permissions(WITHOUT_GET_INFO).start();
    }
    client = new TestClient("127.0.0.1", server.port(), server.tlsCertificate());
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    server.stop();
  }

  @Test
  void aMissingMacaroonIsUnauthenticated() {
    assertUnauthenticated(() -> client.stub().listDescriptors(ListDescriptorsRequest.getDefaultInstance()),
        "expected 1 macaroon, got 0");
  }

  @Test
  void twoMacaroonsAreRefusedEvenIfBothAreValid() {
    String admin = HexFormat.of().formatHex(TestAuthenticator.ADMIN);
    assertUnauthenticated(() -> client.stub(admin, admin).listDescriptors(ListDescriptorsRequest.getDefaultInstance()),
        "expected 1 macaroon, got 2");
  }

  @Test
  void hexIsAcceptedInEitherCase() {
    String upper = HexFormat.of().withUpperCase().formatHex(TestAuthenticator.ADMIN);
    assertThat(client.stub(upper).listDescriptors(ListDescriptorsRequest.getDefaultInstance()).getNetwork()).isEqualTo("regtest");
  }

  @Test
  void aMacaroonThatIsNotHexIsRefused() {
    assertUnauthenticated(() -> client.stub("not-hex!").listDescriptors(ListDescriptorsRequest.getDefaultInstance()),
        "macaroon is not hex");
  }

  @Test
  void theAuthenticatorsDenialReachesTheClientVerbatim() {
    assertUnauthenticated(() -> client.stub("00ff").listDescriptors(ListDescriptorsRequest.getDefaultInstance()),
        "verification failed: signature mismatch after caveat verification");
  }

  @Test
  void aMethodWithoutATableEntryIsRefusedEvenForAdmin() {
    assertUnauthenticated(() -> client.admin().getInfo(GetInfoRequest.getDefaultInstance()),
        "permission denied: custos.v1.Custos/GetInfo has no entry in the permission table");
    assertUnauthenticated(() -> client.admin().signPsbt(SignPsbtRequest.getDefaultInstance()),
        "permission denied: custos.v1.Custos/SignPsbt has no entry in the permission table");
  }

  private static void assertUnauthenticated(ThrowingCallable call, String description) {
    assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(e.getStatus().getDescription()).isEqualTo(description);
    });
  }
}
