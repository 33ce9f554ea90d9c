package dev.custos.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custos.core.psbt.Psbt;
import dev.custos.core.psbt.PsbtCodec;
import dev.custos.core.secret.SecretBytes;
import dev.custos.core.testkit.IndependentCheck;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST gateway end to end: a real server on free loopback ports, java.net.http over TLS
 * trusting only the generated certificate, macaroons in {@code Grpc-Metadata-macaroon} as LND's
 * REST proxy takes them.
 */
class RestGatewayEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ADMIN = HexFormat.of().formatHex(TestAuthenticator.ADMIN);
  private static final String READONLY = HexFormat.of().formatHex(TestAuthenticator.READONLY);

  @TempDir
  static Path dir;

  static TestKeystore keystore;
  static CustosServer server;
  static HttpClient http;

  @BeforeAll
  static void start() throws Exception {
    keystore = TestKeystore.create(dir.resolve("data"));
    try (SecretBytes pass = TestKeystore.passphrase()) {
      server = CustosServer.builder(dir.resolve("data")).listen("127.0.0.1", 0).restListen("127.0.0.1", 0).passphrase(pass)
          .authenticator(new TestAuthenticator()).env(Map.of()).start();
    }
    http = HttpClient.newBuilder().sslContext(trusting(server.tlsCertificate())).connectTimeout(Duration.ofSeconds(10)).build();
    String apply = JSON.writeValueAsString(Map.of("text", ServerEndToEndTest.POLICY, "source", "rest.yaml"));
    HttpResponse<String> applied = send("POST", "/v1/policy", apply, ADMIN);
    assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    http.close();
    server.stop();
  }

  @Test
  void getInfoWithTheAdminMacaroonIsTheProtoMessageWithProtoFieldNames() throws Exception {
    HttpResponse<String> r = send("GET", "/v1/getinfo", null, ADMIN);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode info = JSON.readTree(r.body());
    assertThat(info.get("network").asText()).isEqualTo("regtest");
    assertThat(info.get("master_fingerprint").asText()).isEqualTo("73c5da0a");
    assertThat(info.get("unlocked").asBoolean()).isTrue();
    assertThat(info.get("policy_version").asInt()).isEqualTo(1);
  }

  @Test
  void aMissingMacaroonIs401WithLndsMessage() throws Exception {
    HttpResponse<String> r = send("GET", "/v1/getinfo", null);
    assertThat(r.statusCode()).isEqualTo(401);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("code").asInt()).isEqualTo(16);
    assertThat(body.get("message").asText()).isEqualTo("expected 1 macaroon, got 0");
    assertThat(body.get("details").isArray()).isTrue();
  }

  @Test
  void twoMacaroonsOrABadOneAre401() throws Exception {
    assertThat(JSON.readTree(send("GET", "/v1/getinfo", null, ADMIN, READONLY).body()).get("message").asText())
        .isEqualTo("expected 1 macaroon, got 2");
    HttpResponse<String> bad = send("GET", "/v1/getinfo", null, "00ff");
    assertThat(bad.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(bad.body()).get("message").asText())
        .isEqualTo("verification failed: signature mismatch after caveat verification");
  }

  @Test
  void signAllowedReturnsAPsbtAnIndependentInterpreterAccepts() throws Exception {
    TestPsbts spend = TestPsbts.spend(keystore.wpkh, 11, 1_000_000);
    HttpResponse<String> r = send("POST", "/v1/psbt/sign", psbtBody(spend), ADMIN);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode reply = JSON.readTree(r.body());
    assertThat(reply.at("/decision/verdict").asText()).isEqualTo("ALLOW");
    assertThat(reply.get("signatures").asInt()).isEqualTo(1);
    Psbt signed = PsbtCodec.parse(Base64.getDecoder().decode(reply.get("signed_psbt").asText()));
    IndependentCheck.finalizeAndVerify(signed, List.of(IndependentCheck.Template.P2WPKH), List.of(spend.previous()));
  }

  @Test
  void signDeniedByPolicyIs403WithTheTags() throws Exception {
    HttpResponse<String> r = send("POST", "/v1/psbt/sign", psbtBody(TestPsbts.spend(keystore.wpkh, 12, 3_000_000)), ADMIN);
    assertThat(r.statusCode()).isEqualTo(403);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("code").asInt()).isEqualTo(7);
    assertThat(body.get("message").asText()).startsWith("denied by policy: policy-amount-max-per-tx: ");
    assertThat(body.get("policy_tags")).extracting(JsonNode::asText).containsExactly("policy-amount-max-per-tx");
    assertThat(r.body()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void signPendingApprovalIs409WithTheRequestId() throws Exception {
    TestPsbts spend = TestPsbts.spend(keystore.wpkh, 13, 1_800_000);
    HttpResponse<String> r = send("POST", "/v1/psbt/sign", psbtBody(spend), ADMIN);
    assertThat(r.statusCode()).isEqualTo(409);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("code").asInt()).isEqualTo(9);
    assertThat(body.get("approval_request").asText())
        .isEqualTo("73c5da0a:" + spend.psbt().unsignedTransaction().txid.toString());
  }

  @Test
  void aReadOnlyMacaroonCannotSignButCanCheck() throws Exception {
    String body = psbtBody(TestPsbts.spend(keystore.wpkh, 14, 3_000_000));
    HttpResponse<String> sign = send("POST", "/v1/psbt/sign", body, READONLY);
    assertThat(sign.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(sign.body()).get("message").asText()).isEqualTo("permission denied");
    HttpResponse<String> check = send("POST", "/v1/psbt/check", body, READONLY);
    assertThat(check.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(check.body()).at("/decision/verdict").asText()).isEqualTo("DENY");
  }

  @Test
  void malformedJsonIs400NamingTheBody() throws Exception {
    HttpResponse<String> r = send("POST", "/v1/psbt/sign", "{\"psbt\": ", ADMIN);
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("code").asInt()).isEqualTo(3);
    assertThat(body.get("message").asText()).startsWith("body: not a custos.v1.SignPsbtRequest in JSON");
    HttpResponse<String> unknown = send("POST", "/v1/psbt/sign", "{\"psbtt\": \"AA==\"}", ADMIN);
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(unknown.body()).get("message").asText()).contains("psbtt");
    HttpResponse<String> empty = send("POST", "/v1/psbt/check", "", READONLY);
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(empty.body()).get("message").asText()).isEqualTo("psbt: required (binary PSBT)");
  }

  @Test
  void unknownRouteIs404AndWrongMethodIs405() throws Exception {
    HttpResponse<String> missing = send("GET", "/v1/nothing", null, ADMIN);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(missing.body()).get("code").asInt()).isEqualTo(5);
    HttpResponse<String> wrong = send("DELETE", "/v1/getinfo", null, ADMIN);
    assertThat(wrong.statusCode()).isEqualTo(405);
    assertThat(wrong.headers().firstValue("Allow")).hasValue("GET");
    assertThat(send("GET", "/v1/psbt/sign", null, ADMIN).statusCode()).isEqualTo(405);
    assertThat(send("GET", "/v1/policy", null, READONLY).statusCode()).isEqualTo(200);
  }

  @Test
  void aBodyOver16MiBIs413() throws Exception {
    HttpResponse<String> r = send("POST", "/v1/policy/check", "x".repeat(16 * 1024 * 1024 + 1), READONLY);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(JSON.readTree(r.body()).get("code").asInt()).isEqualTo(8);
  }

  @Test
  void policyShowAndCheckAgree() throws Exception {
    JsonNode shown = JSON.readTree(send("GET", "/v1/policy", null, READONLY).body());
    assertThat(shown.get("text").asText()).isEqualTo(ServerEndToEndTest.POLICY);
    assertThat(shown.get("applied_by").asText()).isEqualTo("test:admin");
    HttpResponse<String> checked = send("POST", "/v1/policy/check",
        JSON.writeValueAsString(Map.of("text", ServerEndToEndTest.POLICY)), READONLY);
    assertThat(JSON.readTree(checked.body()).get("sha256").asText()).isEqualTo(shown.get("sha256").asText());
    HttpResponse<String> invalid = send("POST", "/v1/policy/check", "{\"text\": \"version: 1\\nlimits: 3\\n\"}", READONLY);
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(invalid.body()).get("message").asText()).startsWith("text: ");
  }

  @Test
  void auditVerifiesAndExportsAsJsonLines() throws Exception {
    assertThat(JSON.readTree(send("GET", "/v1/audit/verify", null, READONLY).body()).get("intact").asBoolean()).isTrue();
    HttpResponse<String> all = send("GET", "/v1/audit/export", null, READONLY);
    assertThat(all.statusCode()).isEqualTo(200);
    assertThat(all.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
    List<JsonNode> records = new ArrayList<>();
    for (String line : all.body().split("\n")) {
      records.add(JSON.readTree(line));
    }
    assertThat(records).hasSizeGreaterThanOrEqualTo(2);
    for (int i = 0; i < records.size(); i++) {
      assertThat(records.get(i).get("seq").asLong()).isEqualTo(i);
    }
    assertThat(records).extracting(n -> n.get("type").asText()).contains("key.unlock", "policy.apply");
    String tail = send("GET", "/v1/audit/export?from_seq=1", null, READONLY).body();
    assertThat(tail.split("\n")).hasSize(records.size() - 1);
    HttpResponse<String> badQuery = send("GET", "/v1/audit/export?from_seq=minus", null, READONLY);
    assertThat(badQuery.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(badQuery.body()).get("message").asText()).startsWith("query: ");
  }

  @Test
  void healthNeedsNoMacaroon() throws Exception {
    HttpResponse<String> r = send("GET", "/v1/health", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).get("status").asText()).isEqualTo("SERVING");
  }

  private static String psbtBody(TestPsbts spend) throws Exception {
    return JSON.writeValueAsString(Map.of("psbt", Base64.getEncoder().encodeToString(spend.bytes().toByteArray())));
  }

  private static HttpResponse<String> send(String method, String path, String body, String... macaroons) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.restPort() + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
    for (String m : macaroons) {
      request.header("Grpc-Metadata-macaroon", m);
    }
    return http.send(request.build(), BodyHandlers.ofString());
  }

  static SSLContext trusting(Path certificate) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(certificate)) {
      trust.setCertificateEntry("custos", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }
}
