package dev.custos.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.psbt.Psbt;
import dev.custos.core.psbt.PsbtCodec;
import dev.custos.core.secret.SecretBytes;
import dev.custos.core.testkit.IndependentCheck;
import dev.custos.proto.v1.ApplyPolicyRequest;
import dev.custos.proto.v1.AuditRecord;
import dev.custos.proto.v1.CheckPsbtRequest;
import dev.custos.proto.v1.CheckPsbtResponse;
import dev.custos.proto.v1.ExportAuditRequest;
import dev.custos.proto.v1.SignPsbtRequest;
import dev.custos.proto.v1.SignPsbtResponse;
import dev.custos.proto.v1.Verdict;
import dev.custos.server.status.StatusMapper;
import fr.acinq.bitcoin.Bitcoin;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Custos caveats enforced by a real, unlocked server: a macaroon's {@code custos-*} caveats narrow
 * the policy for its own requests only, on every call, a replayed ALLOW included.
 */
class MacaroonCaveatsEndToEndTest {
  @TempDir
  static Path dir;

  static final TestMacaroons macaroons = new TestMacaroons();
  static TestKeystore keystore;
  static CustosServer server;
  static TestClient client;

  @BeforeAll
  static void start() throws Exception {
    keystore = TestKeystore.create(dir.resolve("data"));
    try (SecretBytes pass = TestKeystore.passphrase()) {
      server = CustosServer.builder(dir.resolve("data")).listen("127.0.0.1", 0).passphrase(pass)
          .authenticator(macaroons.authenticator()).env(Map.of()).start();
    }
    client = new TestClient("127.0.0.1", server.port(), server.tlsCertificate());
    client.stub(macaroons.admin().toHex())
        .applyPolicy(ApplyPolicyRequest.newBuilder().setText(ServerEndToEndTest.POLICY).setSource("test.yaml").build());
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    server.stop();
  }

  private static SignPsbtResponse sign(String macaroonHex, TestPsbts spend) {
    return client.stub(macaroonHex).signPsbt(SignPsbtRequest.newBuilder().setPsbt(spend.bytes()).build());
  }

  @Test
  void aMaxAmountCaveatSignsBelowItAndRefusesAboveEvenAfterAnUnconstrainedAllow() throws Exception {
    String constrained = macaroons.admin("custos-max-amount 10000").toHex();
    String unconstrained = macaroons.admin().toHex();

    TestPsbts small = TestPsbts.spend(keystore.wpkh, 21, 5_000);
    SignPsbtResponse ok = sign(constrained, small);
    assertThat(ok.getDecision().getVerdict()).isEqualTo(Verdict.ALLOW);
    Psbt signed = PsbtCodec.parse(ok.getSignedPsbt().toByteArray());
    IndependentCheck.finalizeAndVerify(signed, List.of(IndependentCheck.Template.P2WPKH), List.of(small.previous()));

    TestPsbts large = TestPsbts.spend(keystore.wpkh, 22, 50_000);
    assertThat(sign(unconstrained, large).getDecision().getVerdict()).isEqualTo(Verdict.ALLOW);
    assertThatThrownBy(() -> sign(constrained, large)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
      assertThat(e.getStatus().getDescription())
          .isEqualTo("denied by policy: policy-macaroon-max-amount: amount 50000 sat > macaroon max 10000 sat");
      assertThat(e.getTrailers().getAll(StatusMapper.POLICY_TAGS)).containsExactly("policy-macaroon-max-amount");
    });
    CheckPsbtResponse dryRun = client.stub(constrained).checkPsbt(CheckPsbtRequest.newBuilder().setPsbt(large.bytes()).build());
    assertThat(dryRun.getReplayed()).isTrue();
    assertThat(dryRun.getDecision().getVerdict()).isEqualTo(Verdict.DENY);
    // The earlier ALLOW still stands for the unconstrained macaroon.
    assertThat(sign(unconstrained, large).getReplayed()).isTrue();

    List<AuditRecord> decisions = new ArrayList<>();
    client.stub(unconstrained).exportAudit(ExportAuditRequest.getDefaultInstance()).forEachRemaining(r -> {
      if (r.getType().equals("policy.decision") && r.getFieldsMap().getOrDefault("verdict", "").equals("DENY")) {
        decisions.add(r);
      }
    });
    assertThat(decisions).anySatisfy(r -> {
      assertThat(r.getFieldsMap()).containsEntry("basis", "replayed").containsEntry("credential", "macaroon:30");
      assertThat(r.getFieldsMap().values()).contains("DENY policy-macaroon-max-amount: amount 50000 sat > macaroon max 10000 sat");
    });
  }

  @Test
  void aDestinationCaveatRefusesAnyOtherPayee() {
    String elsewhere = Bitcoin.addressFromPublicKeyScript(fr.acinq.bitcoin.Block.RegtestGenesisBlock.hash,
        keystore.wpkh.scriptPubKey(0, 99).toByteArray()).getRight();
    String limited = macaroons.admin("custos-destinations " + elsewhere).toHex();
    CheckPsbtResponse r = client.stub(limited)
        .checkPsbt(CheckPsbtRequest.newBuilder().setPsbt(TestPsbts.spend(keystore.wpkh, 23, 5_000).bytes()).build());
    assertThat(r.getDecision().getVerdict()).isEqualTo(Verdict.DENY);
    assertThat(r.getDecision().getFindingsList()).extracting(f -> f.getTag()).containsExactly("policy-macaroon-destination");
  }

  @Test
  void anAccountCaveatRefusesInputsOfAnotherAccount() {
    String otherAccount = macaroons.admin("custos-account m/84'/1'/1'").toHex();
    assertThatThrownBy(() -> sign(otherAccount, TestPsbts.spend(keystore.wpkh, 24, 5_000)))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
            assertThat(e.getTrailers().getAll(StatusMapper.POLICY_TAGS)).containsExactly("policy-macaroon-account"));
    assertThat(sign(macaroons.admin("custos-account m/84'/1'/0'").toHex(), TestPsbts.spend(keystore.wpkh, 25, 5_000))
        .getDecision().getVerdict()).isEqualTo(Verdict.ALLOW);
  }
}
