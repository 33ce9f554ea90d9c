package dev.custos.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.util.concurrent.ListenableFuture;
import dev.custos.core.secret.SecretBytes;
import dev.custos.proto.v1.CustosGrpc;
import dev.custos.proto.v1.GetInfoRequest;
import dev.custos.proto.v1.GetInfoResponse;
import dev.custos.server.auth.AuthResult;
import dev.custos.server.auth.MacaroonInterceptor;
import dev.custos.server.tls.SelfSignedTls;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start, stop, lock state, TLS files and start failures. */
class ServerLifecycleTest {
  @TempDir
  Path dir;

  /** An unlocked server (the passphrase is used during start only). */
  private CustosServer.Builder builder(Path data) {
    return CustosServer.builder(data).listen("127.0.0.1", 0).authenticator(new TestAuthenticator()).env(Map.of())
        .passphrase(TestKeystore.passphrase());
  }

  @Test
  void theGeneratedCertificateIsReusedOnTheNextStart() throws Exception {
    TestKeystore.create(dir.resolve("data"));
    byte[] first;
    try (CustosServer server = builder(dir.resolve("data")).start()) {
      first = Files.readAllBytes(server.tlsCertificate());
      assertThat(server.tlsCertificate()).isEqualTo(dir.resolve("data").resolve(SelfSignedTls.CERT_FILE).toAbsolutePath());
    }
    try (CustosServer server = builder(dir.resolve("data")).start();
        TestClient client = new TestClient("127.0.0.1", server.port(), dir.resolve("data/tls.cert"))) {
      assertThat(Files.readAllBytes(server.tlsCertificate())).isEqualTo(first);
      assertThat(client.admin().getInfo(GetInfoRequest.getDefaultInstance()).getNetwork()).isEqualTo("regtest");
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("data/tls.key")))).isEqualTo("rw-------");
  }

  @Test
  void anOperatorSuppliedCertificateIsUsedInsteadOfGeneratingOne() throws Exception {
    Path tlsDir = Files.createDirectories(dir.resolve("operator"));
    var identity = SelfSignedTls.ensure(tlsDir, List.of("custos.internal"), Clock.systemUTC(), new SecureRandom());
    TestKeystore.create(dir.resolve("data"));
    try (CustosServer server = builder(dir.resolve("data")).tlsIdentity(identity.certificate(), identity.privateKey()).start();
        TestClient client = new TestClient("127.0.0.1", server.port(), identity.certificate())) {
      assertThat(client.admin().getInfo(GetInfoRequest.getDefaultInstance()).getNetwork()).isEqualTo("regtest");
      assertThat(server.tlsCertificate()).isEqualTo(identity.certificate());
    }
    assertThat(dir.resolve("data/tls.cert")).doesNotExist();
  }

  @Test
  void stopLetsAnInFlightCallFinishAndRefusesNewOnes() throws Exception {
    TestKeystore.create(dir.resolve("data"));
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    TestAuthenticator admin = new TestAuthenticator();
    CustosServer server = CustosServer.builder(dir.resolve("data")).listen("127.0.0.1", 0).env(Map.of()).passphrase(TestKeystore.passphrase())
        .shutdownGrace(Duration.ofSeconds(20)).authenticator((macaroon, discharges, method, required, remote) -> {
          if (new String(macaroon, StandardCharsets.US_ASCII).equals("slow")) {
            entered.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return new AuthResult.Granted("test:slow");
          }
          return admin.authenticate(macaroon, discharges, method, required, remote);
        }).start();
    try (TestClient client = new TestClient("127.0.0.1", server.port(), server.tlsCertificate())) {
      Metadata slow = new Metadata();
      slow.put(MacaroonInterceptor.MACAROON, HexFormat.of().formatHex("slow".getBytes(StandardCharsets.US_ASCII)));
      ListenableFuture<GetInfoResponse> inFlight = CustosGrpc.newFutureStub(client.channel)
          .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(slow)).getInfo(GetInfoRequest.getDefaultInstance());
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);
      // New calls are refused while the old one runs (the listener is closed once shutdown began).
      awaitRefusal(client);
      assertThat(stopping).isNotDone();
      release.countDown();
      assertThat(inFlight.get(10, TimeUnit.SECONDS).getNetwork()).isEqualTo("regtest");
      stopping.get(10, TimeUnit.SECONDS);
    } finally {
      release.countDown();
      server.stop();
    }
  }

  @Test
  void startFailsClearlyAndLeavesNothingRunning() throws Exception {
    TestKeystore.create(dir.resolve("data"));
    try (SecretBytes wrong = SecretBytes.copyOf("wrong".getBytes(StandardCharsets.UTF_8))) {
      assertThatThrownBy(() -> builder(dir.resolve("data")).passphrase(wrong).start())
          .isInstanceOf(ServerStartException.class).hasMessageStartingWith("wrong passphrase");
    }
    try (SecretBytes empty = SecretBytes.copyOf(new byte[0])) {
      assertThatThrownBy(() -> builder(dir.resolve("data")).passphrase(empty).start())
          .isInstanceOf(ServerStartException.class).hasMessage("the passphrase is empty");
    }
    assertThatThrownBy(() -> builder(dir.resolve("missing")).start())
        .isInstanceOf(ServerStartException.class).hasMessageContaining("does not exist");
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> builder(dir.resolve("data")).listen("127.0.0.1", taken.getLocalPort()).start())
          .isInstanceOf(ServerStartException.class).hasMessageStartingWith("cannot listen on 127.0.0.1:" + taken.getLocalPort());
    }
    // The store was closed after each failure: a server starts on the same directory.
    builder(dir.resolve("data")).start().stop();
  }

  private static void awaitRefusal(TestClient client) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try {
        client.admin().withDeadlineAfter(2, TimeUnit.SECONDS).getInfo(GetInfoRequest.getDefaultInstance());
      } catch (StatusRuntimeException e) {
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the server kept accepting new calls after stop()");
  }
}
