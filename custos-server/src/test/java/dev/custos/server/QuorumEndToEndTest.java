package dev.custos.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custos.core.approval.ApproverSet;
import dev.custos.core.keys.Network;
import dev.custos.core.psbt.Psbt;
import dev.custos.core.psbt.PsbtCodec;
import dev.custos.core.secret.SecretBytes;
import dev.custos.core.testkit.IndependentCheck;
import dev.custos.proto.v1.ApplyPolicyRequest;
import dev.custos.proto.v1.AuditRecord;
import dev.custos.proto.v1.BakeMacaroonRequest;
import dev.custos.proto.v1.ExportAuditRequest;
import dev.custos.proto.v1.ListProposalsRequest;
import dev.custos.proto.v1.MacaroonPermission;
import dev.custos.proto.v1.PolicyChange;
import dev.custos.proto.v1.ProposalInfo;
import dev.custos.proto.v1.ProposeAdminChangeRequest;
import dev.custos.proto.v1.ShowPolicyRequest;
import dev.custos.proto.v1.ShowProposalRequest;
import dev.custos.proto.v1.SignPsbtRequest;
import dev.custos.proto.v1.SignPsbtResponse;
import dev.custos.proto.v1.SubmitApprovalRequest;
import dev.custos.proto.v1.Verdict;
import dev.custos.server.status.StatusMapper;
import dev.custos.service.approval.ApprovalTimes;
import dev.custos.service.approval.ApproverSetText;
import dev.custos.service.approval.QuorumService;
import dev.custos.store.Store;
import dev.custos.store.StoreFactory;
import fr.acinq.secp256k1.Secp256k1;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The M-of-N quorum through a real, unlocked server with its real macaroons (first-start
 * {@code admin.macaroon} and {@code readonly.macaroon}, and one baked over the API): a 2-of-3 admin
 * set whose keys live only in this test. Approvals are signed here with libsecp256k1 (BIP340, and
 * BIP-137 via compact ECDSA and its recovery id) over the text the server shows, and handed in
 * over gRPC and REST. The released signature is checked by bitcoin-kmp's script interpreter.
 */
class QuorumEndToEndTest {
  static final String POLICY_V2 = ServerEndToEndTest.POLICY.replace("max-amount: 1 BTC", "max-amount: 2 BTC");
  static final Secp256k1 SECP = Secp256k1.Companion.get();
  static final SecureRandom RANDOM = new SecureRandom();
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;

  static TestKeystore keystore;
  static CustosServer server;
  static TestClient client;
  static TestHttps https;
  static final byte[][] adminKeys = new byte[3][];
  /** admin.macaroon: the operator who proposes and initiates spends. */
  static String operator;
  /** Baked over the API under a fresh root key id: another credential, which hands approvals in. */
  static String courier;
  static String readonly;

  @BeforeAll
  static void start() throws Exception {
    Path data = dir.resolve("data");
    keystore = TestKeystore.create(data);
    for (int i = 0; i < 3; i++) {
      adminKeys[i] = new byte[32];
      do {
        RANDOM.nextBytes(adminKeys[i]);
      } while (!SECP.secKeyVerify(adminKeys[i]));
    }
    try (SecretBytes pass = TestKeystore.passphrase()) {
      server = CustosServer.builder(data).listen("127.0.0.1", 0).passphrase(pass).env(Map.of()).start();
    }
    client = new TestClient("127.0.0.1", server.port(), server.tlsCertificate());
    https = new TestHttps(server.tlsCertificate(), server.restPort());
    operator = HexFormat.of().formatHex(Files.readAllBytes(data.resolve("admin.macaroon")));
    readonly = HexFormat.of().formatHex(Files.readAllBytes(data.resolve("readonly.macaroon")));
    // Before an admin set exists: the first policy applies directly, and a second approval-capable credential can be baked.
    client.stub(operator).applyPolicy(ApplyPolicyRequest.newBuilder().setText(ServerEndToEndTest.POLICY).setSource("test.yaml").build());
    courier = client.stub(operator).bakeMacaroon(approvingBake().build()).getMacaroon();
    // As `custos init --admin-key K1 --admin-key K2 --admin-key K3 --admin-threshold 2` (the CLI's path, on the node's store).
    try (Store store = StoreFactory.open("jdbc:sqlite:" + data.resolve("custos.db"))) {
      ApproverSet admins = ApproverSetText.of(List.of(xOnlyHex(adminKeys[0]), compressedHex(adminKeys[1]), compressedHex(adminKeys[2])),
          2, Network.REGTEST);
      new QuorumService(store, Network.REGTEST, ApprovalTimes.DEFAULTS, Clock.systemUTC(), RANDOM).initialize(admins, Optional.empty(), "test");
    }
  }

  static BakeMacaroonRequest.Builder approvingBake() {
    var bake = BakeMacaroonRequest.newBuilder().setLabel("approvals courier");
    for (String p : List.of("admin:read", "admin:write", "approval:read", "approval:write", "audit:read")) {
      String[] ea = p.split(":");
      bake.addPermissions(MacaroonPermission.newBuilder().setEntity(ea[0]).setAction(ea[1]));
    }
    return bake;
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    server.stop();
  }

  @Test
  void aPolicyProposalTakesEffectWithTwoAdminSignaturesAndNotBefore() throws Exception {
    ProposalInfo proposed = client.stub(operator).proposeAdminChange(ProposeAdminChangeRequest.newBuilder()
        .setPolicy(PolicyChange.newBuilder().setText(POLICY_V2).setSource("v2.yaml")).build()).getProposal();
    assertThat(proposed.getKind()).isEqualTo("policy-apply");
    assertThat(proposed.getStateLine()).isEqualTo("PENDING 0/2");
    assertThat(proposed.getInitiator()).startsWith("macaroon:");
    String id = proposed.getId();

    // Anyone with admin:read sees the exact text to sign; the readonly macaroon cannot hand in an approval.
    ProposalInfo shown = client.stub(readonly).showProposal(ShowProposalRequest.newBuilder().setId(id.substring(0, 8)).build()).getProposal();
    String text = shown.getApproveText();
    assertThat(text).startsWith("custos/v1 approve policy-apply regtest request=" + id + " expires=").doesNotEndWith("\n");
    assertThat(shown.getRejectText()).startsWith("custos/v1 reject policy-apply regtest request=" + id);
    SubmitApprovalRequest byAdmin0 = bip340(id, text, 0, xOnlyHex(adminKeys[0]));
    assertThatThrownBy(() -> client.stub(readonly).approveProposal(byAdmin0)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(e.getStatus().getDescription()).isEqualTo("permission denied");
    });

    // The initiating macaroon cannot approve, whoever signed.
    assertRefused(() -> client.stub(operator).approveProposal(byAdmin0), "approval-self-approval");

    // One approval (BIP340, over gRPC) is not enough.
    ProposalInfo one = client.stub(courier).approveProposal(byAdmin0).getProposal();
    assertThat(one.getStateLine()).isEqualTo("PENDING 1/2");
    assertThat(client.stub(operator).showPolicy(ShowPolicyRequest.getDefaultInstance()).getText()).isEqualTo(ServerEndToEndTest.POLICY);
    assertRefused(() -> client.stub(courier).approveProposal(byAdmin0), "approval-duplicate-approver");

    // The second (BIP-137, over REST) applies it.
    String body = "{\"id\": \"" + id + "\", \"approver\": \"" + compressedHex(adminKeys[1]) + "\", \"format\": \"bip137\", \"signature\": \""
        + bip137(text, adminKeys[1]) + "\"}";
    HttpResponse<String> two = https.send("POST", "/v1/admin/proposal/approve", body, courier);
    assertThat(two.statusCode()).as(two.body()).isEqualTo(200);
    JsonNode applied = JSON.readTree(two.body()).get("proposal");
    assertThat(applied.get("state").asText()).isEqualTo("APPLIED");
    assertThat(applied.get("counted")).hasSize(2);
    var policy = client.stub(operator).showPolicy(ShowPolicyRequest.getDefaultInstance());
    assertThat(policy.getText()).isEqualTo(POLICY_V2);
    assertThat(policy.getAppliedBy().split("[:,]")).containsExactlyInAnyOrder("quorum", xOnlyHex(adminKeys[0]), compressedHex(adminKeys[1]));

    // Replaying an approval of the applied proposal is refused; the REST body names the tag.
    String replay = "{\"id\": \"" + id + "\", \"approver\": \"" + compressedHex(adminKeys[2]) + "\", \"format\": \"bip340\", \"signature\": \""
        + byAdmin(text, 2) + "\"}";
    HttpResponse<String> refused = https.send("POST", "/v1/admin/proposal/approve", replay, courier);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(refused.body()).get("approval_refusal").asText()).isEqualTo("approval-replayed");
    assertThat(JSON.readTree(refused.body()).get("message").asText()).startsWith("approval refused: approval-replayed: ");

    List<AuditRecord> records = audit();
    assertThat(records).filteredOn(r -> r.getType().equals("approval.submit") && id.equals(r.getFieldsMap().get("proposal")))
        .extracting(r -> r.getFieldsMap().get("format")).containsExactly("bip340", "bip137");
    assertThat(records).filteredOn(r -> r.getType().equals("approval.refused") && id.equals(r.getFieldsMap().get("proposal")))
        .extracting(r -> r.getFieldsMap().get("tag"))
        .containsExactly("approval-self-approval", "approval-duplicate-approver", "approval-replayed");
    assertThat(records).anySatisfy(r -> assertThat(r.getType()).isEqualTo("policy.apply"));
    assertThat(records).anySatisfy(r -> {
      assertThat(r.getType()).isEqualTo("approval.state");
      assertThat(r.getFieldsMap()).containsEntry("proposal", id).containsValue("APPLIED");
    });
  }

  @Test
  void aLargeSpendWaitsForTwoApprovalsOverRestAndIsThenSigned() throws Exception {
    TestPsbts large = TestPsbts.spend(keystore.wpkh, 41, 1_800_000);
    SignPsbtRequest sign = SignPsbtRequest.newBuilder().setPsbt(large.bytes()).build();
    String[] request = new String[1];
    assertThatThrownBy(() -> client.stub(operator).signPsbt(sign)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
      request[0] = e.getTrailers().get(StatusMapper.APPROVAL_REQUEST);
    });
    String id = request[0];
    assertThat(id).matches("[0-9a-f]{64}");
    assertThat(client.stub(readonly).listApprovals(ListProposalsRequest.getDefaultInstance()).getProposalsList())
        .extracting(ProposalInfo::getId).contains(id);

    HttpResponse<String> shown = https.send("GET", "/v1/approval?id=" + id, null, readonly);
    assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
    String text = JSON.readTree(shown.body()).get("proposal").get("approve_text").asText();
    assertThat(text).startsWith("custos/v1 approve spend regtest request=" + id).contains("summary=spend 0.01800000 BTC from wallet 73c5da0a");

    // The credential that initiated the spend cannot approve it, even with a valid signature.
    assertRefused(() -> client.stub(operator).approve(bip340(id, text, 0, xOnlyHex(adminKeys[0]))), "approval-self-approval");
    // A readonly macaroon cannot approve over REST either.
    HttpResponse<String> denied = https.send("POST", "/v1/approval/approve", json(id, text, 0, xOnlyHex(adminKeys[0])), readonly);
    assertThat(denied.statusCode()).isEqualTo(401);

    for (int admin : new int[] {0, 2}) {
      String approver = admin == 0 ? xOnlyHex(adminKeys[0]) : compressedHex(adminKeys[2]);
      HttpResponse<String> r = https.send("POST", "/v1/approval/approve", json(id, text, admin, approver), courier);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
    assertThat(client.stub(courier).showApproval(ShowProposalRequest.newBuilder().setId(id).build()).getProposal().getState())
        .isEqualTo("SCHEDULED");

    SignPsbtResponse signed = client.stub(operator).signPsbt(sign);
    assertThat(signed.getDecision().getVerdict()).isEqualTo(Verdict.ALLOW);
    Psbt psbt = PsbtCodec.parse(signed.getSignedPsbt().toByteArray());
    IndependentCheck.finalizeAndVerify(psbt, List.of(IndependentCheck.Template.P2WPKH), List.of(large.previous()));
    assertThat(client.stub(courier).showApproval(ShowProposalRequest.newBuilder().setId(id).build()).getProposal().getState())
        .isEqualTo("APPLIED");
  }

  @Test
  void underAnAdminSetApprovalCapableMacaroonsAreBakedOnlyUnderTheCallersOwnRootKeyId() throws Exception {
    assertThatThrownBy(() -> client.stub(operator).bakeMacaroon(approvingBake().build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
          assertThat(e.getStatus().getDescription()).startsWith("an admin set exists: a macaroon with admin:write or approval:write");
        });
    String own = HexFormat.of().formatHex(dev.custos.core.macaroon.MacaroonId.decode(
        dev.custos.core.macaroon.Macaroon.decode(HexFormat.of().parseHex(operator)).identifier()).storageId());
    var sameCredential = client.stub(operator).bakeMacaroon(approvingBake().setRootKeyId(own).build());
    assertThat(sameCredential.getRootKeyId()).isEqualTo(own);
    // Read-only and signing macaroons are still baked under fresh ids.
    var reader = client.stub(operator).bakeMacaroon(BakeMacaroonRequest.newBuilder()
        .addPermissions(MacaroonPermission.newBuilder().setEntity("approval").setAction("read")).build());
    assertThat(reader.getRootKeyId()).isNotEqualTo(own);
  }

  @Test
  void quorumFailuresAreSpecificStatuses() {
    assertThatThrownBy(() -> client.stub(courier).showApproval(ShowProposalRequest.newBuilder().setId("00000000").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    assertThatThrownBy(() -> client.stub(courier).approve(SubmitApprovalRequest.newBuilder().setId("00000000").setApprover("zz")
        .setFormat("bip340").setSignature("00").build())).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription()).startsWith("approver: ");
        });
    assertThatThrownBy(() -> client.stub(courier).proposeAdminChange(ProposeAdminChangeRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getDescription())
            .isEqualTo("change: required: one of policy, admin_set, approver_set"));
  }

  private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String tag) {
    assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
      assertThat(e.getStatus().getDescription()).startsWith("approval refused: " + tag + ": ");
      assertThat(e.getTrailers().get(StatusMapper.APPROVAL_REFUSAL)).isEqualTo(tag);
    });
  }

  private static List<AuditRecord> audit() {
    List<AuditRecord> out = new ArrayList<>();
    client.stub(courier).exportAudit(ExportAuditRequest.getDefaultInstance()).forEachRemaining(out::add);
    return out;
  }

  private static SubmitApprovalRequest bip340(String id, String text, int admin, String approver) throws Exception {
    return SubmitApprovalRequest.newBuilder().setId(id).setApprover(approver).setFormat("bip340").setSignature(byAdmin(text, admin)).build();
  }

  private static String json(String id, String text, int admin, String approver) throws Exception {
    return "{\"id\": \"" + id + "\", \"approver\": \"" + approver + "\", \"format\": \"bip340\", \"signature\": \"" + byAdmin(text, admin) + "\"}";
  }

  /** BIP340 over sha256_tag("CustosSignedMessage", text), the tagged hash computed here (BIP340 §Design). */
  private static String byAdmin(String text, int admin) throws Exception {
    byte[] tag = MessageDigest.getInstance("SHA-256").digest("CustosSignedMessage".getBytes(StandardCharsets.US_ASCII));
    MessageDigest h = MessageDigest.getInstance("SHA-256");
    h.update(tag);
    h.update(tag);
    byte[] digest = h.digest(text.getBytes(StandardCharsets.UTF_8));
    byte[] aux = new byte[32];
    RANDOM.nextBytes(aux);
    return HexFormat.of().formatHex(SECP.signSchnorr(digest, adminKeys[admin], aux));
  }

  /**
   * BIP-137 "Bitcoin Signed Message": compact ECDSA over SHA256d("\x18Bitcoin Signed
   * Message:\n" || len || text), header 31 + recovery id (compressed key), the recovery id found
   * by libsecp256k1's own recovery.
   */
  private static String bip137(String text, byte[] key) throws Exception {
    byte[] message = text.getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream m = new ByteArrayOutputStream();
    m.write(0x18);
    m.write("Bitcoin Signed Message:\n".getBytes(StandardCharsets.US_ASCII));
    m.write(message.length);
    m.write(message);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    byte[] hash = sha.digest(sha.digest(m.toByteArray()));
    byte[] sig = SECP.sign(hash, key, null);
    byte[] pub = SECP.pubkeyCreate(key);
    for (int recid = 0; recid < 4; recid++) {
      byte[] recovered;
      try {
        recovered = SECP.ecdsaRecover(sig, hash, recid);
      } catch (RuntimeException e) {
        continue;
      }
      if (Arrays.equals(recovered, pub)) {
        byte[] out = new byte[65];
        out[0] = (byte) (31 + recid);
        System.arraycopy(sig, 0, out, 1, 64);
        return Base64.getEncoder().encodeToString(out);
      }
    }
    throw new AssertionError("no recovery id recovers the key");
  }

  private static String compressedHex(byte[] key) {
    return HexFormat.of().formatHex(SECP.pubKeyCompress(SECP.pubkeyCreate(key)));
  }

  private static String xOnlyHex(byte[] key) {
    return compressedHex(key).substring(2);
  }
}
