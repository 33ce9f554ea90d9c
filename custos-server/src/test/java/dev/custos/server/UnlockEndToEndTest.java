package dev.custos.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.custos.proto.v1.AuditRecord;
import dev.custos.proto.v1.CustosGrpc;
import dev.custos.proto.v1.ExportAuditRequest;
import dev.custos.proto.v1.GetInfoRequest;
import dev.custos.proto.v1.UnlockRequest;
import dev.custos.proto.v1.UnlockerGrpc;
import dev.custos.server.rpc.UnlockBackoff;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server started without its passphrase (the real macaroon authenticator over the stored root
 * keys): locked until Unlock, over gRPC/TLS and over the REST gateway.
 */
class UnlockEndToEndTest {
  private static final Duration BASE = Duration.ofMillis(200);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void aLockedServerServesOnlyUnlockAndOpensWithTheRightPassphrase() throws Exception {
    Path data = dir.resolve("data");
    TestKeystore.create(data);
    try (CustosServer server = CustosServer.builder(data).listen("127.0.0.1", 0).env(Map.of())
            .unlockBackoff(new UnlockBackoff(BASE, Duration.ofSeconds(5))).start();
        TestClient client = new TestClient("127.0.0.1", server.port(), server.tlsCertificate())) {
      TestHttps rest = new TestHttps(server.tlsCertificate(), server.restPort());
      var unlocker = UnlockerGrpc.newBlockingStub(client.channel).withDeadlineAfter(30, TimeUnit.SECONDS);

      // Locked: no macaroon files yet, every Custos call refused before its macaroon is looked at.
      assertThat(data.resolve("admin.macaroon")).doesNotExist();
      assertStatus(() -> client.stub("00").getInfo(GetInfoRequest.getDefaultInstance()), Status.Code.FAILED_PRECONDITION,
          "wallet locked: call Unlock first");
      HttpResponse<String> lockedRest = rest.send("GET", "/v1/getinfo", null, "00");
      assertThat(lockedRest.statusCode()).isEqualTo(409);
      assertThat(JSON.readTree(lockedRest.body()).get("message").asText()).isEqualTo("wallet locked: call Unlock first");
      assertThat(health(client, CustosGrpc.SERVICE_NAME)).isEqualTo(ServingStatus.NOT_SERVING);
      assertThat(health(client, UnlockerGrpc.SERVICE_NAME)).isEqualTo(ServingStatus.SERVING);

      // Wrong passphrases: UNAUTHENTICATED, each failure answered later than the one before.
      long first = timed(() -> assertStatus(() -> unlocker.unlock(request("wrong one")), Status.Code.UNAUTHENTICATED,
          "unlock failed: wrong passphrase (or corrupted seed.sealed); 1 consecutive failed attempt, each further failure waits longer"));
      long second = timed(() -> assertStatus(() -> unlocker.unlock(request("wrong two")), Status.Code.UNAUTHENTICATED,
          "unlock failed: wrong passphrase (or corrupted seed.sealed); 2 consecutive failed attempts, each further failure waits longer"));
      assertThat(first).isGreaterThanOrEqualTo(BASE.toMillis());
      assertThat(second).isGreaterThanOrEqualTo(2 * BASE.toMillis());
      assertStatus(() -> unlocker.unlock(UnlockRequest.getDefaultInstance()), Status.Code.INVALID_ARGUMENT,
          "passphrase: required (the keystore passphrase, UTF-8 bytes)");

      // One attempt at a time: while the third failure waits (800 ms), another attempt is refused.
      CompletableFuture<Void> third = CompletableFuture.runAsync(() -> assertStatus(() -> unlocker.unlock(request("wrong three")),
          Status.Code.UNAUTHENTICATED, "unlock failed: wrong passphrase"));
      Thread.sleep(300);
      assertStatus(() -> unlocker.unlock(request(TestKeystore.PASSPHRASE)), Status.Code.ABORTED,
          "another unlock attempt is in progress; try again when it has finished");
      third.get(10, TimeUnit.SECONDS);
      assertThat(health(client, CustosGrpc.SERVICE_NAME)).isEqualTo(ServingStatus.NOT_SERVING);

      // The right one, through the REST gateway: the first-start macaroons are baked now.
      String body = "{\"passphrase\": \"" + Base64.getEncoder().encodeToString(TestKeystore.PASSPHRASE.getBytes(StandardCharsets.UTF_8)) + "\"}";
      HttpResponse<String> opened = rest.send("POST", "/v1/unlock", body);
      assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
      assertThat(JSON.readTree(opened.body()).get("baked_macaroon_files").toString())
          .isEqualTo("[\"admin.macaroon\",\"readonly.macaroon\",\"signer.macaroon\"]");
      for (String name : List.of("admin", "readonly", "signer")) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(name + ".macaroon")))).isEqualTo("rw-------");
      }
      assertThat(health(client, CustosGrpc.SERVICE_NAME)).isEqualTo(ServingStatus.SERVING);
      assertThat(health(client, UnlockerGrpc.SERVICE_NAME)).isEqualTo(ServingStatus.NOT_SERVING);
      String admin = HexFormat.of().formatHex(Files.readAllBytes(data.resolve("admin.macaroon")));
      assertThat(client.stub(admin).getInfo(GetInfoRequest.getDefaultInstance()).getUnlocked()).isTrue();

      // Twice is an error; a body that is not the unlock message is refused without a call.
      assertStatus(() -> unlocker.unlock(request(TestKeystore.PASSPHRASE)), Status.Code.FAILED_PRECONDITION, "wallet already unlocked");
      HttpResponse<String> extra = rest.send("POST", "/v1/unlock", "{\"passphrase\": \"AA==\", \"x\": 1}");
      assertThat(extra.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(extra.body()).get("message").asText()).isEqualTo("body: the only field is \"passphrase\" (once)");

      // Every attempt is audited, without the passphrase.
      List<AuditRecord> unlocks = new ArrayList<>();
      client.stub(admin).exportAudit(ExportAuditRequest.getDefaultInstance()).forEachRemaining(r -> {
        if (r.getType().equals("key.unlock")) {
          unlocks.add(r);
        }
      });
      assertThat(unlocks).extracting(r -> r.getFieldsMap().get("outcome"))
          .containsExactly("wrong passphrase", "wrong passphrase", "wrong passphrase", "unlocked");
      assertThat(unlocks).extracting(r -> r.getFieldsMap().get("consecutiveFailures")).containsExactly("1", "2", "3", null);
      assertThat(unlocks.toString()).doesNotContain("wrong one", "wrong two", TestKeystore.PASSPHRASE);
    }
    // A second locked start reuses the macaroon files.
    byte[] before = Files.readAllBytes(data.resolve("signer.macaroon"));
    try (CustosServer server = CustosServer.builder(data).listen("127.0.0.1", 0).env(Map.of()).start();
        TestClient client = new TestClient("127.0.0.1", server.port(), server.tlsCertificate())) {
      var reply = UnlockerGrpc.newBlockingStub(client.channel).unlock(request(TestKeystore.PASSPHRASE));
      assertThat(reply.getBakedMacaroonFilesList()).isEmpty();
      assertThat(Files.readAllBytes(data.resolve("signer.macaroon"))).isEqualTo(before);
      String signer = HexFormat.of().formatHex(before);
      assertThat(client.stub(signer).getInfo(GetInfoRequest.getDefaultInstance()).getNetwork()).isEqualTo("regtest");
    }
  }

  private static UnlockRequest request(String passphrase) {
    return UnlockRequest.newBuilder().setPassphrase(ByteString.copyFromUtf8(passphrase)).build();
  }

  private static ServingStatus health(TestClient client, String service) {
    return HealthGrpc.newBlockingStub(client.channel).check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
  }

  private static long timed(Runnable r) {
    long start = System.nanoTime();
    r.run();
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  private static void assertStatus(ThrowingCallable call, Status.Code code, String descriptionPrefix) {
    assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
      assertThat(e.getStatus().getCode()).isEqualTo(code);
      assertThat(e.getStatus().getDescription()).startsWith(descriptionPrefix);
    });
  }
}
