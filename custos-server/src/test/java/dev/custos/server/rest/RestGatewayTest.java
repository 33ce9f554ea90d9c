package dev.custos.server.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.macaroon.Permission;
import dev.custos.proto.v1.CheckPsbtRequest;
import dev.custos.proto.v1.CheckPsbtResponse;
import dev.custos.proto.v1.CustosGrpc;
import dev.custos.proto.v1.GetInfoRequest;
import dev.custos.proto.v1.GetInfoResponse;
import dev.custos.proto.v1.ShowPolicyRequest;
import dev.custos.proto.v1.ShowPolicyResponse;
import dev.custos.server.auth.AuthResult;
import dev.custos.server.auth.MacaroonInterceptor;
import dev.custos.server.auth.PermissionTable;
import dev.custos.server.auth.RequestAuthenticator;
import dev.custos.server.tls.SelfSignedTls;
import dev.custos.server.tls.TlsIdentity;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway around a stub service: peer forwarding, internal errors, the HTTP status table. */
class RestGatewayTest {
  @TempDir
  Path dir;

  private final List<Optional<InetAddress>> peers = new CopyOnWriteArrayList<>();
  private final List<List<String>> dischargesSeen = new CopyOnWriteArrayList<>();
  private RestGateway gateway;
  private HttpClient http;

  @BeforeEach
  void start() throws Exception {
    TlsIdentity tls = SelfSignedTls.ensure(dir, List.of(), Clock.systemUTC(), new SecureRandom());
    RequestAuthenticator recording = (byte[] macaroon, List<byte[]> discharges, String method, Set<Permission> required,
        Optional<InetAddress> remote) -> {
      peers.add(remote);
      dischargesSeen.add(discharges.stream().map(d -> new String(d, StandardCharsets.US_ASCII)).toList());
      return new AuthResult.Granted("test");
    };
    var service = ServerInterceptors.intercept(new StubService(), new MacaroonInterceptor(PermissionTable.DEFAULT, recording));
    gateway = RestGateway.start(new InetSocketAddress("127.0.0.1", 0), tls, List.of(service));
    http = HttpClient.newBuilder().sslContext(trusting(tls.certificate())).build();
  }

  @AfterEach
  void stop() {
    http.close();
    gateway.stop(Duration.ofSeconds(1));
  }

  @Test
  void theCallerSeesTheHttpPeerAndCannotForgeIt() throws Exception {
    HttpResponse<String> r = http.send(request("/v1/getinfo").header("custos-rest-peer", "10.1.2.3")
        .header("Grpc-Metadata-custos-rest-peer", "10.1.2.3").GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("\"network\":\"stub\"");
    assertThat(peers).containsExactly(Optional.of(InetAddress.ofLiteral("127.0.0.1")));
  }

  @Test
  void dischargeHeadersAreForwardedRepeatedOrCommaSeparated() throws Exception {
    String a = HexFormat.of().formatHex("d1".getBytes(StandardCharsets.US_ASCII));
    String b = HexFormat.of().formatHex("d2".getBytes(StandardCharsets.US_ASCII));
    String c = HexFormat.of().formatHex("d3".getBytes(StandardCharsets.US_ASCII));
    HttpResponse<String> r = http.send(request("/v1/getinfo").header("Grpc-Metadata-discharge-macaroon", a + ", " + b)
        .header("Grpc-Metadata-discharge-macaroon", c).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    HttpResponse<String> none = http.send(request("/v1/getinfo").GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(none.statusCode()).as(none.body()).isEqualTo(200);
    assertThat(dischargesSeen).containsExactly(List.of("d1", "d2", "d3"), List.of());
  }

  @Test
  void aServiceThatThrowsIs500WithoutItsMessageOrStackTrace() throws Exception {
    HttpResponse<String> r = http.send(request("/v1/psbt/check").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).startsWith("{\"code\":2,").doesNotContain("Illegal", "Exception", "secret", "\tat ");
  }

  @Test
  void stopLetsAnInFlightRequestFinishAndRefusesNewConnections() throws Exception {
    var inFlight = http.sendAsync(request("/v1/policy").GET().build(), HttpResponse.BodyHandlers.ofString());
    Thread.sleep(300);
    gateway.stop(Duration.ofSeconds(5));
    assertThat(inFlight.get().statusCode()).isEqualTo(200);
    assertThat(inFlight.get().body()).contains("\"text\":\"slow\"");
    assertThatThrownBy(() -> HttpClient.newBuilder().sslContext(http.sslContext()).build()
        .send(request("/v1/getinfo").GET().build(), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(java.io.IOException.class);
  }

  @Test
  void grpcCodesMapToTheDocumentedHttpStatuses() {
    assertThat(RestError.httpStatus(Status.Code.UNAUTHENTICATED)).isEqualTo(401);
    assertThat(RestError.httpStatus(Status.Code.PERMISSION_DENIED)).isEqualTo(403);
    assertThat(RestError.httpStatus(Status.Code.INVALID_ARGUMENT)).isEqualTo(400);
    assertThat(RestError.httpStatus(Status.Code.FAILED_PRECONDITION)).isEqualTo(409);
    assertThat(RestError.httpStatus(Status.Code.UNAVAILABLE)).isEqualTo(503);
    assertThat(RestError.httpStatus(Status.Code.NOT_FOUND)).isEqualTo(404);
    assertThat(RestError.httpStatus(Status.Code.INTERNAL)).isEqualTo(500);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + gateway.address().getPort() + path))
        .header("Grpc-Metadata-macaroon", HexFormat.of().formatHex(new byte[] {1, 2, 3}));
  }

  private static SSLContext trusting(Path certificate) throws Exception {
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

  private static final class StubService extends CustosGrpc.CustosImplBase {
    @Override
    public void getInfo(GetInfoRequest request, StreamObserver<GetInfoResponse> reply) {
      reply.onNext(GetInfoResponse.newBuilder().setNetwork("stub").build());
      reply.onCompleted();
    }

    @Override
    public void showPolicy(ShowPolicyRequest request, StreamObserver<ShowPolicyResponse> reply) {
      try {
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      reply.onNext(ShowPolicyResponse.newBuilder().setText("slow").build());
      reply.onCompleted();
    }

    @Override
    public void checkPsbt(CheckPsbtRequest request, StreamObserver<CheckPsbtResponse> reply) {
      throw new IllegalStateException("secret detail that must stay in the server log");
    }
  }
}
