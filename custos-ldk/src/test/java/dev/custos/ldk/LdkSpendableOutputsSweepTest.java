package dev.custos.ldk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.audit.AuditRecord;
import dev.custos.core.ln.bolt3.Bolt3Scripts;
import dev.custos.core.ln.bolt3.FeeratePerKw;
import dev.custos.core.ln.signer.ApprovedPayment;
import dev.custos.core.ln.signer.LnPolicy;
import dev.custos.ldk.harness.ChannelScenario;
import dev.custos.ldk.harness.CountingSignerPort;
import dev.custos.ldk.harness.CustosNodes;
import dev.custos.ldk.harness.FakeChain;
import dev.custos.ldk.harness.LdkNative;
import dev.custos.ldk.harness.LdkNode;
import dev.custos.ldk.harness.StoredChannels;
import dev.custos.ldk.signer.ChannelKeyId;
import dev.custos.ldk.signer.ChannelSignerException;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.PrivateKey;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ldk.structs.Event;
import org.ldk.structs.SpendableOutputDescriptor;

/**
 * After closes, node A (on {@code PolicyChannelSigner} over SQLite, against a KeysManager node)
 * gets {@code Event.SpendableOutputs}; {@code CustosSpendableOutputs} sweeps them with signatures
 * from Custos, and the fake chain runs the sweep through bitcoin-kmp's script interpreter before
 * mining it. Each sweep pays A's destination the spent outputs' value (read from the closing and
 * commitment transactions on chain, not from the descriptors) less a fee matching the fee rate.
 * Sweeping to any other script is refused with {@code policy-sweep-destination-allowlisted}.
 */
class LdkSpendableOutputsSweepTest {
  private static final FeeratePerKw FEERATE = new FeeratePerKw(1_000);
  private static final ByteVector FOREIGN = Bolt3Scripts.p2wpkh(PrivateKey.fromHex("42".repeat(32)).publicKey());

  @TempDir Path dir;

  @BeforeAll
  static void nativeLibrary() {
    LdkNative.assumeLoaded();
  }

  private static ChannelScenario scenario(FakeChain chain, CustosNodes.StatefulNode a, LdkNode b) {
    ChannelScenario s = new ChannelScenario(chain, a.node(), b);
    s.approvePaymentsWith(a.node(), (hash, msat) -> a.payments().approve(
        new ApprovedPayment(new ByteVector32(hash), msat, 0, Instant.parse("2026-03-01T13:00:00Z"))));
    s.connect();
    return s;
  }

  private static List<SpendableOutputDescriptor> spendables(LdkNode node) {
    return ChannelScenario.eventsOf(node, Event.SpendableOutputs.class).stream().flatMap(e -> Arrays.stream(e.outputs)).toList();
  }

  @Test
  void ourDelayedToLocalAfterAForceCloseAndOurMutualCloseOutputAreSweptToOurDestination() throws Exception {
    FakeChain chain = new FakeChain();
    List<String> refusals = CustosNodes.newRefusals();
    CustosNodes.StatefulNode a = CustosNodes.stateful("A", 61, chain, CountingSignerPort.newCounts(), refusals, dir, s -> s);
    LdkNode b = CustosNodes.keysManager("B", 62, chain);
    ChannelScenario s = scenario(chain, a, b);
    OutPoint first = s.openChannel(a.node(), b, 300_000, 1);
    s.pay(a.node(), b, 30_000_000);
    Transaction close = s.closeCooperatively(a.node(), first);
    OutPoint second = s.openChannel(a.node(), b, 400_000, 2);
    s.pay(a.node(), b, 40_000_000);
    Transaction commitment = s.forceClose(a.node(), second);
    s.mine(200);

    List<SpendableOutputDescriptor> descriptors = spendables(a.node());
    assertThat(descriptors).hasAtLeastOneElementOfType(SpendableOutputDescriptor.DelayedPaymentOutput.class)
        .hasAtLeastOneElementOfType(SpendableOutputDescriptor.StaticOutput.class);
    Transaction sweep = a.spendable().spend(descriptors, FEERATE);
    assertSweptToDestination(chain, s, a, sweep, List.of(close, commitment));
    List<AuditRecord> audit = StoredChannels.audit(a.store());
    assertThat(audit).anyMatch(r -> "SignSweepInput".equals(r.fields().get("operation")))
        .anyMatch(r -> "SignDestinationInput".equals(r.fields().get("operation")) && !r.fields().containsKey("channel"))
        .noneMatch(r -> r.type().equals("channel.refusal"));

    var delayed = descriptors.stream().filter(SpendableOutputDescriptor.DelayedPaymentOutput.class::isInstance)
        .map(d -> ((SpendableOutputDescriptor.DelayedPaymentOutput) d).delayed_payment_output).findFirst().orElseThrow();
    int toLocal = inputSpending(sweep, delayed.get_outpoint().get_index());
    Transaction foreign = payingForeign(sweep);
    assertRefusedForeign(() -> a.signers().signerFor(ChannelKeyId.decode(delayed.get_channel_keys_id()))
        .signHolderToLocalSweep(foreign, toLocal, amountOf(sweep.txIn.get(toLocal), List.of(commitment)),
            new fr.acinq.bitcoin.PublicKey(delayed.get_per_commitment_point())));
    int atDestination = inputSpendingTx(sweep, close);
    assertRefusedForeign(() -> a.signers().signDestinationSweep(foreign, atDestination,
        amountOf(sweep.txIn.get(atDestination), List.of(close))));
    assertThat(StoredChannels.audit(a.store()).stream().filter(r -> r.type().equals("channel.refusal")))
        .hasSize(2).allMatch(r -> LnPolicy.SWEEP_DESTINATION_ALLOWLISTED.tag().value().equals(r.fields().get("tag")));
    assertThat(refusals).isEmpty();
  }

  @Test
  void ourToRemoteOnTheCounterpartysForceCloseIsSweptToOurDestination() throws Exception {
    FakeChain chain = new FakeChain();
    List<String> refusals = CustosNodes.newRefusals();
    CustosNodes.StatefulNode a = CustosNodes.stateful("A", 63, chain, CountingSignerPort.newCounts(), refusals, dir, s -> s);
    LdkNode b = CustosNodes.keysManager("B", 64, chain);
    ChannelScenario s = scenario(chain, a, b);
    OutPoint funding = s.openChannel(a.node(), b, 400_000, 1);
    s.pay(a.node(), b, 40_000_000);
    Transaction commitment = s.forceClose(b, funding);
    s.mine(10);

    List<SpendableOutputDescriptor> descriptors = spendables(a.node());
    assertThat(descriptors).singleElement().isInstanceOf(SpendableOutputDescriptor.StaticPaymentOutput.class);
    Transaction sweep = a.spendable().spend(descriptors, FEERATE);
    assertSweptToDestination(chain, s, a, sweep, List.of(commitment));

    var toRemote = ((SpendableOutputDescriptor.StaticPaymentOutput) descriptors.getFirst()).static_payment_output;
    assertRefusedForeign(() -> a.signers().signerFor(ChannelKeyId.decode(toRemote.get_channel_keys_id()))
        .signToRemoteSweep(payingForeign(sweep), 0, amountOf(sweep.txIn.getFirst(), List.of(commitment))));
    assertThat(StoredChannels.audit(a.store())).anyMatch(r -> r.type().equals("channel.refusal")
        && LnPolicy.SWEEP_DESTINATION_ALLOWLISTED.tag().value().equals(r.fields().get("tag")));
    assertThat(refusals).isEmpty();
  }

  /**
   * The sweep is mined (so the interpreter accepted every input), has one output paying A's
   * destination, and its fee is the fee rate over its weight (within the 73-byte signature
   * allowance per input).
   */
  private static void assertSweptToDestination(FakeChain chain, ChannelScenario s, CustosNodes.StatefulNode a,
      Transaction sweep, List<Transaction> spent) {
    chain.broadcast(sweep);
    s.mine(1);
    assertThat(chain.isConfirmed(sweep.txid)).as("mined; invalid: %s", chain.invalid()).isTrue();
    assertThat(chain.invalid()).isEmpty();
    assertThat(sweep.txOut).singleElement()
        .satisfies(o -> assertThat(o.publicKeyScript).isEqualTo(Bolt3Scripts.p2wpkh(a.destination())));
    long in = sweep.txIn.stream().mapToLong(i -> amountOf(i, spent).toLong()).sum();
    long fee = in - sweep.txOut.getFirst().amount.toLong();
    long weight = sweep.weight();
    assertThat(fee * 1000).isBetween(FEERATE.value() * weight - 1000, FEERATE.value() * (weight + 3L * sweep.txIn.size()));
  }

  private static fr.acinq.bitcoin.Satoshi amountOf(TxIn in, List<Transaction> spent) {
    return spent.stream().filter(t -> t.txid.equals(in.outPoint.txid)).findFirst()
        .map(t -> t.txOut.get((int) in.outPoint.index).amount)
        .orElseThrow(() -> new AssertionError("the sweep spends " + in.outPoint + ", not an output of the closes"));
  }

  private static int inputSpending(Transaction sweep, short index) {
    for (int i = 0; i < sweep.txIn.size(); i++) {
      if (sweep.txIn.get(i).sequence != 0xfffffffdL && sweep.txIn.get(i).outPoint.index == Short.toUnsignedLong(index)) {
        return i;
      }
    }
    throw new AssertionError("no delayed input");
  }

  private static int inputSpendingTx(Transaction sweep, Transaction spent) {
    for (int i = 0; i < sweep.txIn.size(); i++) {
      if (sweep.txIn.get(i).outPoint.txid.equals(spent.txid)) {
        return i;
      }
    }
    throw new AssertionError("no input spends " + spent.txid);
  }

  /** The same sweep, unsigned, paying a foreign P2WPKH instead. */
  private static Transaction payingForeign(Transaction sweep) {
    List<TxIn> unsigned = sweep.txIn.stream().map(i -> new TxIn(i.outPoint, new byte[0], i.sequence)).toList();
    return new Transaction(2, unsigned, List.of(new TxOut(sweep.txOut.getFirst().amount, FOREIGN)), sweep.lockTime);
  }

  private interface Signing {
    ByteVector sign() throws ChannelSignerException;
  }

  private static void assertRefusedForeign(Signing signing) {
    assertThatThrownBy(signing::sign).isInstanceOfSatisfying(ChannelSignerException.class,
        e -> assertThat(e.rule()).contains(LnPolicy.SWEEP_DESTINATION_ALLOWLISTED));
  }
}
