package dev.custos.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.custos.core.psbt.Psbt;
import dev.custos.core.psbt.PsbtCodec;
import dev.custos.core.testkit.IndependentCheck;
import dev.custos.proto.v1.ApplyPolicyRequest;
import dev.custos.proto.v1.AuditRecord;
import dev.custos.proto.v1.CheckPolicyRequest;
import dev.custos.proto.v1.CheckPsbtRequest;
import dev.custos.proto.v1.CheckPsbtResponse;
import dev.custos.proto.v1.ExportAuditRequest;
import dev.custos.proto.v1.GetInfoRequest;
import dev.custos.proto.v1.GetInfoResponse;
import dev.custos.proto.v1.ListDescriptorsRequest;
import dev.custos.proto.v1.ShowPolicyRequest;
import dev.custos.proto.v1.SignPsbtRequest;
import dev.custos.proto.v1.SignPsbtResponse;
import dev.custos.proto.v1.Verdict;
import dev.custos.proto.v1.VerifyAuditRequest;
import dev.custos.proto.v1.VerifyAuditResponse;
import dev.custos.core.secret.SecretBytes;
import dev.custos.server.status.StatusMapper;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server on a free loopback port, a real grpc-java client over TLS that trusts the
 * generated certificate, a keystore and a SQLite store in a temporary directory.
 */
class ServerEndToEndTest {
  /** Allows up to 0.02 BTC per transaction; asks for approvers above 0.015 BTC. */
  static final String POLICY = """
      version: 1
      limits:
        max-per-transaction: 0.02 BTC
        velocity:
          - {window: 24h, per: wallet, max-amount: 1 BTC}
      approval:
        above-amount: 0.015 BTC
      """;

  @TempDir
  static Path dir;

  static TestKeystore keystore;
  static CustosServer server;
  static TestClient client;

  @BeforeAll
  static void start() throws Exception {
    keystore = TestKeystore.create(dir.resolve("data"));
    try (SecretBytes pass = TestKeystore.passphrase()) {
      server = CustosServer.builder(dir.resolve("data")).listen("127.0.0.1", 0).passphrase(pass)
          .authenticator(new TestAuthenticator()).env(java.util.Map.of()).start();
    }
    client = new TestClient("127.0.0.1", server.port(), server.tlsCertificate());
    client.admin().applyPolicy(ApplyPolicyRequest.newBuilder().setText(POLICY).setSource("test.yaml").build());
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    server.stop();
  }

  @Test
  void getInfoDescribesTheWallet() {
    GetInfoResponse info = client.admin().getInfo(GetInfoRequest.getDefaultInstance());
    assertThat(info.getNetwork()).isEqualTo("regtest");
    // BIP32 fingerprint of the "abandon ... about" seed.
    assertThat(info.getMasterFingerprint()).isEqualTo("73c5da0a");
    assertThat(info.getUnlocked()).isTrue();
    assertThat(info.getPolicyVersion()).isEqualTo(1);
    assertThat(info.getVersion()).isEqualTo("0.1.0-SNAPSHOT");
    assertThat(info.getAuditKey()).hasSize(64);
  }

  @Test
  void listDescriptorsGivesEveryAccount() {
    var r = client.readonly().listDescriptors(ListDescriptorsRequest.getDefaultInstance());
    assertThat(r.getAccountsList()).extracting(a -> a.getType()).containsExactly("BIP44", "BIP49", "BIP84", "BIP86");
    assertThat(r.getAccounts(2).getReceiveDescriptor()).startsWith("wpkh([73c5da0a/84'/1'/0']tpub");
    assertThat(r.getAccounts(2).getFirstReceiveAddress()).startsWith("bcrt1q");
  }

  @Test
  void signPsbtAllowedReturnsSignaturesAnIndependentInterpreterAccepts() throws Exception {
    TestPsbts spend = TestPsbts.spend(keystore.wpkh, 1, 1_000_000);
    SignPsbtResponse r = client.admin().signPsbt(SignPsbtRequest.newBuilder().setPsbt(spend.bytes()).build());
    assertThat(r.getDecision().getVerdict()).isEqualTo(Verdict.ALLOW);
    assertThat(r.getSignatures()).isEqualTo(1);
    assertThat(r.getAnalysis().getAmountLeavingSat()).isEqualTo(1_000_000);
    assertThat(r.getAnalysis().getFeeSat()).isEqualTo(1_000);
    Psbt signed = PsbtCodec.parse(r.getSignedPsbt().toByteArray());
    IndependentCheck.finalizeAndVerify(signed, List.of(IndependentCheck.Template.P2WPKH), List.of(spend.previous()));
  }

  @Test
  void signPsbtDeniedIsPermissionDeniedWithTheTags() {
    TestPsbts spend = TestPsbts.spend(keystore.wpkh, 2, 3_000_000);
    assertThatThrownBy(() -> client.admin().signPsbt(SignPsbtRequest.newBuilder().setPsbt(spend.bytes()).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
          assertThat(e.getStatus().getDescription()).startsWith("denied by policy: policy-amount-max-per-tx: ");
          assertThat(e.getTrailers().getAll(StatusMapper.POLICY_TAGS)).containsExactly("policy-amount-max-per-tx");
          assertThat(e.getStatus().getCause()).isNull();
        });
  }

  @Test
  void signPsbtAboveTheApprovalThresholdIsFailedPreconditionWithTheRequestId() {
    TestPsbts spend = TestPsbts.spend(keystore.wpkh, 3, 1_800_000);
    String txid = spend.psbt().unsignedTransaction().txid.toString();
    assertThatThrownBy(() -> client.admin().signPsbt(SignPsbtRequest.newBuilder().setPsbt(spend.bytes()).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
          assertThat(e.getStatus().getDescription()).startsWith("pending approval: request 73c5da0a:" + txid + " ");
          assertThat(e.getTrailers().get(StatusMapper.APPROVAL_REQUEST)).isEqualTo("73c5da0a:" + txid);
          assertThat(e.getTrailers().getAll(StatusMapper.POLICY_TAGS)).isNotEmpty();
        });
  }

  @Test
  void aReadOnlyMacaroonCannotSign() {
    TestPsbts spend = TestPsbts.spend(keystore.wpkh, 5, 1_000_000);
    assertThatThrownBy(() -> client.readonly().signPsbt(SignPsbtRequest.newBuilder().setPsbt(spend.bytes()).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
          assertThat(e.getStatus().getDescription()).isEqualTo("permission denied");
        });
  }

  @Test
  void checkPsbtReportsADenialAsDataAndWritesNothing() {
    long before = auditCount();
    TestPsbts spend = TestPsbts.spend(keystore.wpkh, 4, 3_000_000);
    CheckPsbtResponse r = client.readonly().checkPsbt(CheckPsbtRequest.newBuilder().setPsbt(spend.bytes()).build());
    assertThat(r.getDecision().getVerdict()).isEqualTo(Verdict.DENY);
    assertThat(r.getDecision().getFindingsList()).extracting(f -> f.getTag()).contains("policy-amount-max-per-tx");
    assertThat(auditCount()).isEqualTo(before);
  }

  @Test
  void malformedPsbtIsInvalidArgumentNamingTheField() {
    assertThatThrownBy(() -> client.admin().signPsbt(SignPsbtRequest.newBuilder()
        .setPsbt(ByteString.copyFromUtf8("psbt\u00ffnot really")).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription()).startsWith("psbt: ");
        });
    assertThatThrownBy(() -> client.admin().checkPsbt(CheckPsbtRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription()).isEqualTo("psbt: required (binary PSBT)");
        });
  }

  @Test
  void aPsbtWithNoInputOfThisWalletIsInvalidArgument() {
    TestPsbts stranger = TestPsbts.spend(otherWalletAccount(), 0, 1_000_000);
    assertThatThrownBy(() -> client.admin().signPsbt(SignPsbtRequest.newBuilder().setPsbt(stranger.bytes()).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription()).startsWith("psbt: no input of this PSBT belongs to wallet 73c5da0a");
        });
  }

  @Test
  void policyShowAndCheck() {
    var shown = client.readonly().showPolicy(ShowPolicyRequest.getDefaultInstance());
    assertThat(shown.getApplied()).isTrue();
    assertThat(shown.getText()).isEqualTo(POLICY);
    assertThat(shown.getAppliedBy()).isEqualTo("test:admin");
    var checked = client.readonly().checkPolicy(CheckPolicyRequest.newBuilder().setText(POLICY).build());
    assertThat(checked.getSha256()).isEqualTo(shown.getSha256());
    assertThat(checked.getNetwork()).isEqualTo("regtest");
    assertThatThrownBy(() -> client.readonly().checkPolicy(CheckPolicyRequest.newBuilder().setText("version: 1\nlimits: 3\n").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription()).startsWith("text: ");
        });
  }

  @Test
  void auditLogVerifiesAndExportsInOrder() {
    VerifyAuditResponse v = client.readonly().verifyAudit(VerifyAuditRequest.getDefaultInstance());
    assertThat(v.getIntact()).as(v.getReason()).isTrue();
    List<AuditRecord> records = new ArrayList<>();
    client.readonly().exportAudit(ExportAuditRequest.getDefaultInstance()).forEachRemaining(records::add);
    assertThat(records).hasSizeGreaterThanOrEqualTo(3);
    for (int i = 0; i < records.size(); i++) {
      assertThat(records.get(i).getSeq()).isEqualTo(i);
    }
    assertThat(records).extracting(AuditRecord::getType).contains("key.unlock", "policy.apply");
    assertThat(records.stream().filter(r -> r.getType().equals("policy.apply")).findFirst().orElseThrow().getFieldsMap())
        .containsEntry("appliedBy", "test:admin").containsEntry("source", "test.yaml");
    List<AuditRecord> tail = new ArrayList<>();
    client.readonly().exportAudit(ExportAuditRequest.newBuilder().setFromSeq(1).build()).forEachRemaining(tail::add);
    assertThat(tail).isEqualTo(records.subList(1, records.size()));
  }

  @Test
  void healthNeedsNoMacaroonAndReportsServing() {
    var health = HealthGrpc.newBlockingStub(client.channel);
    assertThat(health.check(HealthCheckRequest.newBuilder().setService("").build()).getStatus())
        .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    assertThat(health.check(HealthCheckRequest.newBuilder().setService("custos.v1.Custos").build()).getStatus())
        .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
  }

  @Test
  void theCertificateNamesLocalhostToo() throws Exception {
    try (TestClient byName = new TestClient("localhost", server.port(), server.tlsCertificate())) {
      assertThat(byName.admin().getInfo(GetInfoRequest.getDefaultInstance()).getNetwork()).isEqualTo("regtest");
    }
  }

  private static long auditCount() {
    List<AuditRecord> all = new ArrayList<>();
    client.readonly().exportAudit(ExportAuditRequest.getDefaultInstance()).forEachRemaining(all::add);
    return all.size();
  }

  private static dev.custos.core.keys.Account otherWalletAccount() {
    try (var master = dev.custos.core.testkit.TestWallets.master(dev.custos.core.testkit.TestWallets.ZOO)) {
      return dev.custos.core.keys.Account.derive(master, dev.custos.core.keys.AccountType.BIP84, dev.custos.core.keys.Network.REGTEST, 0);
    }
  }
}
