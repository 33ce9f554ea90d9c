package dev.custos.ldk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.ldk.harness.ChannelScenario;
import dev.custos.ldk.harness.CountingSignerPort;
import dev.custos.ldk.harness.CustosNodes;
import dev.custos.ldk.harness.FakeChain;
import dev.custos.ldk.harness.LdkNative;
import dev.custos.ldk.harness.LdkNode;
import dev.custos.core.ln.signer.ChannelState;
import dev.custos.ldk.harness.StoredChannels;
import fr.acinq.bitcoin.OutPoint;
import dev.custos.core.ln.signer.ApprovedPayment;
import dev.custos.core.policy.VelocityLedger;
import dev.custos.core.policy.VelocityLimit;
import dev.custos.ldk.harness.SpendingPolicy;
import fr.acinq.bitcoin.ByteVector32;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import fr.acinq.bitcoin.Transaction;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ldk.structs.Event;

/**
 * Real LDK nodes whose channel signatures all come from Custos (keys from a Custos seed,
 * transactions rebuilt by the BOLT 3 engine and compared with LDK's, signatures by libsecp256k1).
 * The peer checks every commitment and HTLC signature as LDK does, and the fake chain runs every
 * broadcast transaction through bitcoin-kmp's script interpreter: a wrong signature fails the
 * test either way.
 */
class CustosSignerLifecycleTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  @BeforeAll
  static void nativeLibrary() {
    LdkNative.assumeLoaded();
  }

  @Test
  void custosFunderAgainstKeysManagerOpensPaysBothWaysClosesAndForceCloses() {
    Map<String, AtomicInteger> counts = CountingSignerPort.newCounts();
    List<String> refusals = CustosNodes.newRefusals();
    FakeChain chain = new FakeChain();
    LdkNode a = CustosNodes.custos("A", 11, chain, counts, refusals);
    LdkNode b = CustosNodes.keysManager("B", 12, chain);
    lifecycle(chain, a, b);

    assertThat(refusals).isEmpty();
    assertThat(counts.get("setup").get()).isEqualTo(2);
    assertThat(counts.get("signCounterpartyCommitment").get()).isGreaterThanOrEqualTo(10);
    assertThat(counts.get("counterpartyHtlcSignatures").get()).isGreaterThanOrEqualTo(3);
    assertThat(counts.get("validateHolderCommitment").get()).isGreaterThanOrEqualTo(10);
    assertThat(counts.get("validateCounterpartyRevocation").get()).isGreaterThanOrEqualTo(6);
    assertThat(counts.get("releaseCommitmentSecret").get()).isGreaterThanOrEqualTo(6);
    assertThat(counts.get("signMutualClose").get()).isGreaterThanOrEqualTo(1);
    assertThat(counts.get("signHolderCommitment").get()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void statefulPolicySignerAgainstKeysManager(@TempDir Path dir) throws Exception {
    Map<String, AtomicInteger> counts = CountingSignerPort.newCounts();
    List<String> refusals = CustosNodes.newRefusals();
    FakeChain chain = new FakeChain();
    CustosNodes.StatefulNode a = CustosNodes.stateful("A", 31, chain, counts, refusals, dir, port -> port);
    LdkNode b = CustosNodes.keysManager("B", 32, chain);
    lifecycle(chain, a.node(), b, s -> s.approvePaymentsWith(a.node(), (hash, msat) -> a.payments().approve(
        new ApprovedPayment(new ByteVector32(hash), msat, 0, NOW.plusSeconds(3600)))));

    assertThat(refusals).isEmpty();
    assertThat(counts.get("setup").get()).isEqualTo(2);
    assertThat(counts.get("signCounterpartyCommitment").get()).isGreaterThanOrEqualTo(10);
    assertThat(counts.get("counterpartyHtlcSignatures").get()).isGreaterThanOrEqualTo(3);
    assertThat(counts.get("validateHolderCommitment").get()).isGreaterThanOrEqualTo(10);
    assertThat(counts.get("validateCounterpartyRevocation").get()).isGreaterThanOrEqualTo(6);
    assertThat(counts.get("releaseCommitmentSecret").get()).isGreaterThanOrEqualTo(6);
    assertThat(counts.get("signMutualClose").get()).isGreaterThanOrEqualTo(1);
    assertThat(counts.get("signHolderCommitment").get()).isGreaterThanOrEqualTo(1);
    // Both channels are stored, each transition audited, and both ended with a closing signature.
    List<ChannelState> states = StoredChannels.states(a.store());
    assertThat(states).hasSize(2).allMatch(ChannelState::closingSigned);
    assertThat(StoredChannels.auditTypes(a.store())).contains("channel.operation").doesNotContain("channel.refusal");
    // A's three payments (100,000 + 5,000 + 50,000 sat) were debited from the wallet's on-chain budget.
    assertThat(a.store().<VelocityLedger.Totals>read(tx -> tx.totals(VelocityLimit.Scope.WALLET, SpendingPolicy.WALLET,
        Duration.ofDays(1), NOW))).isEqualTo(new VelocityLedger.Totals(155_000, 3));
    a.store().close();
  }

  @Test
  void bothNodesOnCustos() {
    Map<String, AtomicInteger> counts = CountingSignerPort.newCounts();
    List<String> refusals = CustosNodes.newRefusals();
    FakeChain chain = new FakeChain();
    LdkNode a = CustosNodes.custos("A", 21, chain, counts, refusals);
    LdkNode b = CustosNodes.custos("B", 22, chain, counts, refusals);
    lifecycle(chain, a, b);

    assertThat(refusals).isEmpty();
    assertThat(counts.get("setup").get()).isEqualTo(4);
    assertThat(counts.get("signMutualClose").get()).isGreaterThanOrEqualTo(2);
  }

  private static void lifecycle(FakeChain chain, LdkNode a, LdkNode b) {
    lifecycle(chain, a, b, s -> {});
  }

  private static void lifecycle(FakeChain chain, LdkNode a, LdkNode b, Consumer<ChannelScenario> setup) {
    ChannelScenario s = new ChannelScenario(chain, a, b);
    setup.accept(s);
    s.connect();

    OutPoint first = s.openChannel(a, b, 1_000_000, 1);
    s.pay(a, b, 100_000_000);
    s.pay(b, a, 30_000_000);
    s.pay(a, b, 5_000_000);
    Transaction close = s.closeCooperatively(a, first);
    assertThat(close.txOut).hasSize(2);
    assertThat(close.txOut.stream().mapToLong(o -> o.amount.toLong()).sum()).isGreaterThan(990_000);

    OutPoint second = s.openChannel(a, b, 500_000, 2);
    s.pay(a, b, 50_000_000);
    s.pay(b, a, 20_000_000);
    Transaction commitment = s.forceClose(a, second);
    assertThat(commitment.lockTime >>> 24).isEqualTo(0x20);
    s.mine(200);
    assertThat(ChannelScenario.eventsOf(a, Event.SpendableOutputs.class)).isNotEmpty();
    assertThat(ChannelScenario.eventsOf(b, Event.SpendableOutputs.class)).isNotEmpty();
    assertThat(chain.invalid()).isEmpty();
    // LDK logs the requested force close (and the peer's reaction to it) at error level.
    assertThat(a.problems()).noneMatch(p -> p.contains("Error") && !p.contains("Force-closing channel"));
    assertThat(b.problems()).noneMatch(p -> p.contains("Error") && !p.contains("Force-closing channel"));
  }
}
