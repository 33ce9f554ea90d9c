package dev.custos.core.ln.signer;

import static dev.custos.core.ln.signer.ChannelPair.ID;
import static dev.custos.core.ln.signer.ChannelPair.WALLET_A;
import static dev.custos.core.ln.signer.ChannelPair.WALLET_B;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.ln.bolt3.Bolt3Scripts;
import dev.custos.core.ln.bolt3.ChannelType;
import dev.custos.core.ln.bolt3.CommitmentBuilder;
import dev.custos.core.ln.bolt3.CommitmentOutput;
import dev.custos.core.ln.bolt3.CommitmentTransaction;
import dev.custos.core.ln.bolt3.Side;
import dev.custos.core.ln.signer.ChannelCommand.SignSweepInput;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.ScriptFlags;
import fr.acinq.bitcoin.ScriptWitness;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code SignSweepInput} on our own outputs after a force close ({@code HolderToLocal},
 * {@code CounterpartyToRemote}): each signed sweep is judged by bitcoin-kmp's script interpreter
 * ({@code correctlySpends}, standard flags) against the commitment built by the BOLT 3 engine;
 * then each rule refuses one mutation with its tag and changes nothing.
 */
class HolderSweepInputsTest {
  private static final int FLAGS = ScriptFlags.STANDARD_SCRIPT_VERIFY_FLAGS;
  private static final long RBF = 0xfffffffdL;
  private static final long BOB_MSAT = ChannelSignerTest.BOB_MSAT;
  private static final long ALICE_MSAT = ChannelSignerTest.aliceMsat(List.of());

  static Stream<ChannelType> types() {
    return ChannelSignerTest.types();
  }

  /** Both sides at commitment 1 (commitment 0 revoked), no HTLC. */
  private static ChannelPair atOne(ChannelType type) {
    ChannelPair pair = new ChannelPair(type).open();
    pair.update(1, ALICE_MSAT, BOB_MSAT, List.of());
    return pair;
  }

  private static CommitmentTransaction alices(ChannelPair pair) {
    return CommitmentBuilder.build(pair.a.get().params(), Side.HOLDER, ChannelPair.aliceSpec(1, ALICE_MSAT, BOB_MSAT, List.of()),
        pair.keysA.perCommitmentPoint(1));
  }

  private static CommitmentTransaction bobs(ChannelPair pair) {
    return CommitmentBuilder.build(pair.b.get().params(), Side.HOLDER, ChannelPair.bobSpec(1, ALICE_MSAT, BOB_MSAT, List.of()),
        pair.keysB.perCommitmentPoint(1));
  }

  private static int index(CommitmentTransaction ct, Class<? extends CommitmentOutput> kind) {
    return IntStream.range(0, ct.outputs().size()).filter(i -> kind.isInstance(ct.outputs().get(i))).findFirst().orElseThrow();
  }

  private static Transaction sweep(Transaction spent, int output, long sequence, long fee, ByteVector destination) {
    return new Transaction(2, List.of(new TxIn(new OutPoint(spent, output), new byte[0], sequence)),
        List.of(new TxOut(new Satoshi(spent.txOut.get(output).amount.toLong() - fee), destination)), 0);
  }

  private static SignSweepInput toLocal(ChannelPair pair, long sequence, ByteVector destination, long extraAmount,
      PublicKey point) {
    Transaction commitment = alices(pair).tx();
    int i = index(alices(pair), CommitmentOutput.ToLocal.class);
    return new SignSweepInput(ID, sweep(commitment, i, sequence, 1_000, destination), 0,
        new Satoshi(commitment.txOut.get(i).amount.toLong() + extraAmount), new SweepInput.HolderToLocal(point));
  }

  private static SignSweepInput toRemote(ChannelPair pair, long sequence) {
    Transaction commitment = bobs(pair).tx();
    int i = index(bobs(pair), CommitmentOutput.ToRemote.class);
    return new SignSweepInput(ID, sweep(commitment, i, sequence, 1_000, WALLET_A), 0, commitment.txOut.get(i).amount,
        new SweepInput.CounterpartyToRemote());
  }

  private static ByteVector signed(ChannelPair pair, SignSweepInput c) {
    return ((ChannelReply.SweepSignature) pair.runA(c)).signature().concat((byte) 1);
  }

  @ParameterizedTest
  @MethodSource("types")
  void delayedToLocalOfTheForceClosedCommitmentSpends(ChannelType type) {
    ChannelPair pair = atOne(type);
    ChannelState before = pair.a.get();
    CommitmentTransaction ct = alices(pair);
    SignSweepInput c = toLocal(pair, 144, WALLET_A, 0, pair.keysA.perCommitmentPoint(1));
    ByteVector script = ct.outputs().get(index(ct, CommitmentOutput.ToLocal.class)).witnessScript();
    c.sweepTx().updateWitness(0, new ScriptWitness(List.of(signed(pair, c), ByteVector.empty, script)))
        .correctlySpends(List.of(ct.tx()), FLAGS);
    assertThat(pair.a.get()).isEqualTo(before);
  }

  @ParameterizedTest
  @MethodSource("types")
  void toRemoteOnTheCounterpartysCommitmentSpends(ChannelType type) {
    ChannelPair pair = atOne(type);
    CommitmentTransaction ct = bobs(pair);
    SignSweepInput c = toRemote(pair, type.hasAnchors() ? 1 : RBF);
    PublicKey paymentKey = pair.keysA.publicKeys().paymentBasepoint();
    List<ByteVector> witness = type.hasAnchors()
        ? List.of(signed(pair, c), Bolt3Scripts.toRemoteAnchors(paymentKey))
        : List.of(signed(pair, c), paymentKey.value);
    c.sweepTx().updateWitness(0, new ScriptWitness(witness)).correctlySpends(List.of(ct.tx()), FLAGS);
  }

  /** A mutation of a valid sweep of our own output and the tag refusing it ({@code null}: applied). */
  record Mutation(String name, LnPolicy rule, Function<ChannelPair, SignSweepInput> command) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Mutation> mutations() {
    return Stream.of(
        new Mutation("to_local baseline", null, p -> toLocal(p, 144, WALLET_A, 0, p.keysA.perCommitmentPoint(1))),
        new Mutation("to_local to a foreign script", LnPolicy.SWEEP_DESTINATION_ALLOWLISTED,
            p -> toLocal(p, 144, WALLET_B, 0, p.keysA.perCommitmentPoint(1))),
        new Mutation("to_local before to_self_delay", LnPolicy.SWEEP_SEQUENCE,
            p -> toLocal(p, 143, WALLET_A, 0, p.keysA.perCommitmentPoint(1))),
        new Mutation("to_local amount other than the output", LnPolicy.SWEEP_OTHER,
            p -> toLocal(p, 144, WALLET_A, 1, p.keysA.perCommitmentPoint(1))),
        new Mutation("to_local of revoked commitment 0", LnPolicy.SWEEP_OTHER,
            p -> toLocal(p, 144, WALLET_A, 0, p.keysA.perCommitmentPoint(0))),
        new Mutation("to_local input spending the counterparty's commitment", LnPolicy.SWEEP_OTHER, p -> {
          SignSweepInput c = toRemote(p, RBF);
          return new SignSweepInput(ID, c.sweepTx(), 0, c.amount(), new SweepInput.HolderToLocal(p.keysA.perCommitmentPoint(1)));
        }),
        new Mutation("to_remote baseline", null, p -> toRemote(p, p.type.hasAnchors() ? 1 : RBF)),
        new Mutation("to_remote with a relative lock", LnPolicy.SWEEP_SEQUENCE, p -> toRemote(p, 5)));
  }

  @ParameterizedTest
  @MethodSource("mutations")
  void eachRuleRefusesItsMutationAndChangesNothing(Mutation m) {
    for (ChannelType type : types().toList()) {
      ChannelPair pair = atOne(type);
      ChannelOutcome outcome = pair.tryA(m.command().apply(pair));
      if (m.rule() == null) {
        assertThat(outcome).as(type + ": " + m).isInstanceOf(ChannelOutcome.Applied.class);
      } else {
        assertThat(outcome).as(type + ": " + m).isInstanceOfSatisfying(ChannelOutcome.Refused.class, r -> {
          assertThat(r.rule()).isEqualTo(m.rule());
          assertThat(r.state()).isEqualTo(pair.a);
        });
      }
    }
  }
}
