package dev.custos.ldk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.audit.AuditRecord;
import dev.custos.core.ln.bolt3.Bolt3Scripts;
import dev.custos.core.ln.signer.ApprovedPayment;
import dev.custos.ldk.harness.ChannelScenario;
import dev.custos.ldk.harness.CountingSignerPort;
import dev.custos.ldk.harness.CustosNodes;
import dev.custos.ldk.harness.FakeChain;
import dev.custos.ldk.harness.LdkNative;
import dev.custos.ldk.harness.LdkNode;
import dev.custos.ldk.harness.StoredChannels;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Transaction;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Justice behind LDK: node A on the stateful {@code PolicyChannelSigner} (SQLite), node B on LDK's
 * KeysManager. B broadcasts one of its revoked commitments, one that carried a pending HTLC; A's
 * channel monitor builds its (multi-input) justice transaction, Custos signs every input through
 * {@code SignSweepInput}, and the fake chain, which runs each spend through bitcoin-kmp's
 * interpreter, mines it: B's {@code to_local} and the HTLC output end up at A's destination.
 */
class LdkJusticeTest {
  @TempDir Path dir;

  @BeforeAll
  static void nativeLibrary() {
    LdkNative.assumeLoaded();
  }

  @Test
  void aRevokedCommitmentBroadcastByTheCounterpartyIsPunishedWithSignaturesFromCustos() throws Exception {
    FakeChain chain = new FakeChain();
    List<String> refusals = CustosNodes.newRefusals();
    CustosNodes.StatefulNode a = CustosNodes.stateful("A", 51, chain, CountingSignerPort.newCounts(), refusals, dir, s -> s);
    LdkNode b = CustosNodes.keysManager("B", 52, chain);
    ChannelScenario scenario = new ChannelScenario(chain, a.node(), b);
    scenario.approvePaymentsWith(a.node(), (hash, msat) -> a.payments().approve(
        new ApprovedPayment(new ByteVector32(hash), msat, 0, Instant.parse("2026-03-01T13:00:00Z"))));
    scenario.connect();
    scenario.openChannel(a.node(), b, 400_000, 1);
    scenario.pay(a.node(), b, 40_000_000);

    Transaction revoked = scenario.revokedCommitmentWithHtlc(a.node(), b, 20_000_000);
    List<Integer> wsh = new ArrayList<>();
    for (int i = 0; i < revoked.txOut.size(); i++) {
      if (revoked.txOut.get(i).publicKeyScript.size() == 34) {
        wsh.add(i);
      }
    }
    assertThat(wsh).as("B's to_local and the HTLC output").hasSize(2);

    chain.broadcast(revoked);
    scenario.mine(1);
    assertThat(chain.isConfirmed(revoked.txid)).isTrue();
    scenario.mine(6);

    ByteVector ours = Bolt3Scripts.p2wpkh(a.destination());
    for (int i : wsh) {
      List<Transaction> spends = chain.confirmedSpendsOf(new OutPoint(revoked, i));
      assertThat(spends).as("output %d of the revoked commitment is punished; LDK said %s", i, a.node().problems())
          .singleElement().satisfies(t -> assertThat(t.txOut).allMatch(o -> o.publicKeyScript.equals(ours)));
    }
    Transaction justice = chain.confirmedSpendsOf(new OutPoint(revoked, wsh.getFirst())).getFirst();
    assertThat(justice.txIn).as("LDK aggregates both revoked outputs into one justice transaction").hasSize(2);
    List<AuditRecord> sweeps = StoredChannels.audit(a.store()).stream()
        .filter(r -> "SignSweepInput".equals(r.fields().get("operation"))).toList();
    assertThat(sweeps).hasSizeGreaterThanOrEqualTo(justice.txIn.size()).allMatch(r -> r.type().equals("channel.operation"));
    assertThat(refusals).isEmpty();
    assertThat(chain.invalid()).isEmpty();
  }

  /**
   * B pays A; A's node claims the payment (its monitor learns the preimage) but B force-closes
   * before it hears of the fulfilment, so B's broadcast commitment still carries the HTLC. A's
   * monitor claims that HTLC output with the preimage: Custos signs that input through {@code SignSweepInput} (an HTLC of an unrevoked
   * counterparty commitment whose point and spec it signed), and the claim pays A's destination.
   */
  @Test
  void anHtlcOnTheCounterpartysBroadcastCommitmentIsClaimedWithThePreimage() throws Exception {
    FakeChain chain = new FakeChain();
    List<String> refusals = CustosNodes.newRefusals();
    CustosNodes.StatefulNode a = CustosNodes.stateful("A", 53, chain, CountingSignerPort.newCounts(), refusals, dir, s -> s);
    LdkNode b = CustosNodes.keysManager("B", 54, chain);
    ChannelScenario scenario = new ChannelScenario(chain, a.node(), b);
    scenario.approvePaymentsWith(a.node(), (hash, msat) -> a.payments().approve(
        new ApprovedPayment(new ByteVector32(hash), msat, 0, Instant.parse("2026-03-01T13:00:00Z"))));
    scenario.connect();
    OutPoint funding = scenario.openChannel(a.node(), b, 400_000, 1);
    scenario.pay(a.node(), b, 40_000_000);
    byte[] preimage = scenario.pendingPayment(b, a.node(), 15_000_000);

    assertThat(a.node().channelManager.claim_funds(preimage)).isTrue();
    Transaction broadcast = scenario.forceClose(b, funding);
    int htlc = -1;
    for (int i = 0; i < broadcast.txOut.size(); i++) {
      if (broadcast.txOut.get(i).amount.toLong() == 15_000) {
        htlc = i;
      }
    }
    assertThat(htlc).as("B's commitment carries the pending HTLC").isNotNegative();
    scenario.mine(6);

    ByteVector ours = Bolt3Scripts.p2wpkh(a.destination());
    assertThat(chain.confirmedSpendsOf(new OutPoint(broadcast, htlc)))
        .as("the HTLC output is claimed; LDK said %s; refusals %s; mempool %s", a.node().problems(), refusals, chain.mempool())
        .singleElement().satisfies(t -> assertThat(t.txOut).allMatch(o -> o.publicKeyScript.equals(ours)));
    assertThat(StoredChannels.audit(a.store())).anyMatch(r -> r.type().equals("channel.operation")
        && "SignSweepInput".equals(r.fields().get("operation")));
    assertThat(refusals).isEmpty();
    assertThat(chain.invalid()).isEmpty();
  }
}
