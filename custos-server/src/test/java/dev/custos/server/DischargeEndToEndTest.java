package dev.custos.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custos.core.macaroon.Macaroon;
import dev.custos.core.secret.SecretBytes;
import dev.custos.proto.v1.CheckPsbtRequest;
import dev.custos.proto.v1.CheckPsbtResponse;
import dev.custos.proto.v1.GetInfoRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Third-party caveats through a real server: discharge macaroons travel as {@code
 * discharge-macaroon} metadata (gRPC) and {@code Grpc-Metadata-discharge-macaroon} headers (REST),
 * and only a discharge bound to the request macaroon, for its caveat id, with satisfied caveats,
 * lets the call through.
 */
class DischargeEndToEndTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String APPROVER = "https://approver.example";
  private static final byte[] CAVEAT_ID = "approver-ticket-1".getBytes(StandardCharsets.UTF_8);
  private static final byte[] CAVEAT_KEY = new byte[32];
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;

  static final TestMacaroons macaroons = new TestMacaroons();
  static TestKeystore keystore;
  static CustosServer server;
  static TestClient client;
  static HttpClient http;
  /** Needs a discharge from {@link #APPROVER}. */
  static Macaroon root;

  @BeforeAll
  static void start() throws Exception {
    RANDOM.nextBytes(CAVEAT_KEY);
    keystore = TestKeystore.create(dir.resolve("data"));
    server = CustosServer.builder(dir.resolve("data")).listen("127.0.0.1", 0).authenticator(macaroons.authenticator())
        .env(Map.of()).passphrase(TestKeystore.passphrase()).start();
    client = new TestClient("127.0.0.1", server.port(), server.tlsCertificate());
    http = HttpClient.newBuilder().sslContext(RestGatewayEndToEndTest.trusting(server.tlsCertificate()))
        .connectTimeout(Duration.ofSeconds(10)).build();
    try (SecretBytes key = SecretBytes.copyOf(CAVEAT_KEY)) {
      root = macaroons.admin().addThirdPartyCaveat(key, CAVEAT_ID, APPROVER, RANDOM);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    http.close();
    client.close();
    server.stop();
  }

  /** What the approver mints: a discharge for {@code caveatId} with these first-party caveats, not yet bound. */
  private static Macaroon discharge(byte[] caveatId, String... caveats) {
    Macaroon d;
    try (SecretBytes key = SecretBytes.copyOf(CAVEAT_KEY)) {
      d = Macaroon.mint(key, caveatId, APPROVER);
    }
    for (String c : caveats) {
      d = d.addFirstPartyCaveat(c);
    }
    return d;
  }

  private static String bound(String... caveats) {
    return discharge(CAVEAT_ID, caveats).bindForRequest(root).toHex();
  }

  private static String getInfo(String... discharges) {
    return client.withDischarges(root.toHex(), List.of(discharges)).getInfo(GetInfoRequest.getDefaultInstance()).getNetwork();
  }

  @Test
  void aBoundDischargeIsAcceptedAndNothingElse() {
    assertThat(getInfo(bound())).isEqualTo("regtest");
    assertThat(getInfo(bound("time-before " + Instant.now().plusSeconds(600)))).isEqualTo("regtest");

    assertUnauthenticated(() -> getInfo(), "verification failed: cannot find discharge macaroon for a third-party caveat");
    assertUnauthenticated(() -> getInfo(discharge(CAVEAT_ID).toHex()),
        "verification failed: signature mismatch after caveat verification");
    Macaroon otherRoot = macaroons.admin();
    assertUnauthenticated(() -> getInfo(discharge(CAVEAT_ID).bindForRequest(otherRoot).toHex()),
        "verification failed: signature mismatch after caveat verification");
    assertUnauthenticated(() -> getInfo(discharge("approver-ticket-2".getBytes(StandardCharsets.UTF_8)).bindForRequest(root).toHex()),
        "verification failed: cannot find discharge macaroon for a third-party caveat");
    assertUnauthenticated(() -> getInfo(bound("time-before 2020-01-01T00:00:00Z")), "macaroon has expired");
    assertUnauthenticated(() -> getInfo(bound(), bound()), "verification failed: discharge macaroon 1 was not used");
  }

  @Test
  void theTransportBoundsAndChecksTheDischarges() {
    String[] nine = Collections.nCopies(9, bound()).toArray(String[]::new);
    assertUnauthenticated(() -> getInfo(nine), "expected at most 8 discharge macaroons, got 9");
    assertUnauthenticated(() -> getInfo(bound(), "zz"), "discharge macaroon 1 is not hex");
    assertUnauthenticated(() -> getInfo("0202"), "cannot decode discharge macaroon 0: " + decodeError("0202"));
    assertUnauthenticated(() -> getInfo("ab".repeat(8 * 1024 + 1)), "discharge macaroon 0 is longer than 16384 hex digits");
    // Discharges without a third-party caveat to use them are refused, as go-macaroon does.
    assertUnauthenticated(() -> client.withDischarges(macaroons.admin().toHex(), List.of(bound())).getInfo(GetInfoRequest.getDefaultInstance()),
        "verification failed: discharge macaroon 0 was not used");
  }

  @Test
  void custosCaveatsInsideADischargeNarrowThePolicyToo() {
    TestPsbts spend = TestPsbts.spend(keystore.wpkh, 31, 5_000);
    CheckPsbtResponse r = client.withDischarges(root.toHex(), List.of(bound("custos-max-amount 1000")))
        .checkPsbt(CheckPsbtRequest.newBuilder().setPsbt(spend.bytes()).build());
    assertThat(r.getDecision().getFindingsList()).extracting(f -> f.getTag())
        .contains("policy-macaroon-max-amount");
  }

  @Test
  void overRestDischargesAreHeadersRepeatedOrCommaSeparated() throws Exception {
    assertThat(rest(List.of(bound())).statusCode()).isEqualTo(200);
    assertThat(restMessage(List.of())).isEqualTo("verification failed: cannot find discharge macaroon for a third-party caveat");
    assertThat(restMessage(List.of(discharge(CAVEAT_ID).toHex())))
        .isEqualTo("verification failed: signature mismatch after caveat verification");
    assertThat(restMessage(List.of(bound("time-before 2020-01-01T00:00:00Z")))).isEqualTo("macaroon has expired");
    assertThat(restMessage(List.of(String.join(",", Collections.nCopies(9, bound())))))
        .isEqualTo("expected at most 8 discharge macaroons, got 9");
    assertThat(restMessage(List.of(bound(), bound()))).isEqualTo("verification failed: discharge macaroon 1 was not used");
    assertThat(restMessage(List.of(bound() + "," + bound()))).isEqualTo("verification failed: discharge macaroon 1 was not used");
  }

  private static HttpResponse<String> rest(List<String> dischargeHeaders) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.restPort() + "/v1/getinfo"))
        .header("Grpc-Metadata-macaroon", root.toHex()).GET();
    dischargeHeaders.forEach(h -> b.header("Grpc-Metadata-discharge-macaroon", h));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String restMessage(List<String> dischargeHeaders) throws Exception {
    HttpResponse<String> r = rest(dischargeHeaders);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
    return JSON.readTree(r.body()).get("message").asText();
  }

  private static String decodeError(String hex) {
    try {
      Macaroon.fromHex(hex);
      throw new AssertionError(hex + " decodes");
    } catch (dev.custos.core.macaroon.MacaroonFormatException e) {
      return e.getMessage();
    }
  }

  private static void assertUnauthenticated(ThrowingCallable call, String description) {
    assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(e.getStatus().getDescription()).isEqualTo(description);
    });
  }
}
