package dev.custos.core.ln.signer;

import static dev.custos.core.ln.signer.ChannelPair.ID;
import static dev.custos.core.ln.signer.ChannelPair.WALLET_A;
import static dev.custos.core.ln.signer.ChannelPair.WALLET_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.ln.bolt3.ChannelType;
import dev.custos.core.ln.bolt3.CommitmentBuilder;
import dev.custos.core.ln.bolt3.CommitmentOutput;
import dev.custos.core.ln.bolt3.CommitmentTransaction;
import dev.custos.core.ln.bolt3.Htlc;
import dev.custos.core.ln.bolt3.HtlcDirection;
import dev.custos.core.ln.bolt3.Side;
import dev.custos.core.ln.bolt3.SpendPath;
import dev.custos.core.ln.signer.ChannelCommand.SignSweepInput;
import dev.custos.core.secret.SecretBytes;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.ScriptFlags;
import fr.acinq.bitcoin.ScriptWitness;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code SignSweepInput}: Alice punishes Bob's revoked commitment and claims HTLCs from his
 * current one with multi-input transactions, one signature per input, each judged by bitcoin-kmp's
 * script interpreter ({@code correctlySpends}, standard flags); then each rule refuses one mutation
 * with its tag and leaves the state unchanged.
 */
class SweepInputSigningTest {
  private static final int FLAGS = ScriptFlags.STANDARD_SCRIPT_VERIFY_FLAGS;
  private static final long RBF = 0xfffffffdL;
  private static final long BOB_MSAT = ChannelSignerTest.BOB_MSAT;
  private static final List<Htlc> HTLCS = ChannelSignerTest.HTLCS;

  static Stream<ChannelType> types() {
    return ChannelSignerTest.types();
  }

  /** Bob's commitment 1 (with HTLCS) revoked, his commitment 2 (the same HTLCS) current. */
  private static ChannelPair revokedOnce(ChannelType type) {
    ChannelPair pair = new ChannelPair(type).open();
    long alice = ChannelSignerTest.aliceMsat(HTLCS);
    pair.update(1, alice, BOB_MSAT, HTLCS);
    pair.update(2, alice, BOB_MSAT, HTLCS);
    return pair;
  }

  private static CommitmentTransaction bobs(ChannelPair pair, long n) {
    return CommitmentBuilder.build(pair.b.get().params(), Side.HOLDER,
        ChannelPair.bobSpec(n, ChannelSignerTest.aliceMsat(HTLCS), BOB_MSAT, HTLCS), pair.keysB.perCommitmentPoint(n));
  }

  /** One input per listed output of {@code spent}, all paying {@code total - fee} to {@code destination}. */
  private static Transaction sweep(Transaction spent, List<Integer> outputs, long sequence, long lockTime, long fee,
      ByteVector destination) {
    List<TxIn> in = outputs.stream().map(i -> new TxIn(new OutPoint(spent, i), new byte[0], sequence)).toList();
    long total = outputs.stream().mapToLong(i -> spent.txOut.get(i).amount.toLong()).sum();
    return new Transaction(2, in, List.of(new TxOut(new Satoshi(total - fee), destination)), lockTime);
  }

  private static List<Integer> indexes(CommitmentTransaction ct, Class<? extends CommitmentOutput> kind) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < ct.outputs().size(); i++) {
      if (kind.isInstance(ct.outputs().get(i))) {
        out.add(i);
      }
    }
    return out;
  }

  private static ByteVector signed(ChannelPair pair, Transaction tx, int input, Satoshi amount, SweepInput source) {
    var reply = (ChannelReply.SweepSignature) pair.runA(new SignSweepInput(ID, tx, input, amount, source));
    return reply.signature().concat((byte) 1);
  }

  @ParameterizedTest
  @MethodSource("types")
  void multiInputJusticeSpendsEveryOutputOfTheRevokedCommitment(ChannelType type) {
    ChannelPair pair = revokedOnce(type);
    ChannelState before = pair.a.get();
    CommitmentTransaction revoked = bobs(pair, 1);
    List<Integer> spent = new ArrayList<>(indexes(revoked, CommitmentOutput.ToLocal.class));
    spent.addAll(indexes(revoked, CommitmentOutput.HtlcOutput.class));
    assertThat(spent).hasSize(3);
    Transaction tx = sweep(revoked.tx(), spent, RBF, 0, 5_000, WALLET_A);
    List<ScriptWitness> witnesses = new ArrayList<>();
    try (SecretBytes secret = pair.keysB.perCommitmentSecret(1)) {
      PublicKey revocationKey = revoked.keys().revocationKey();
      for (int i = 0; i < spent.size(); i++) {
        CommitmentOutput out = revoked.outputs().get(spent.get(i));
        Satoshi amount = out.txOut().amount;
        List<ByteVector> items = new ArrayList<>();
        if (out instanceof CommitmentOutput.HtlcOutput h) {
          items.addAll(new SpendPath.RevokedHtlc(revocationKey).stack(signed(pair, tx, i, amount,
              new SweepInput.RevokedHtlc(secret, h.htlc()))));
        } else {
          items.addAll(new SpendPath.RevokedToLocal().stack(signed(pair, tx, i, amount, new SweepInput.RevokedToLocal(secret))));
        }
        items.add(out.witnessScript());
        witnesses.add(new ScriptWitness(items));
      }
    }
    tx.updateWitnesses(witnesses).correctlySpends(List.of(revoked.tx()), FLAGS);
    assertThat(pair.a.get()).isEqualTo(before);
  }

  @ParameterizedTest
  @MethodSource("types")
  void htlcClaimsOnTheCounterpartysCurrentCommitmentSpendWithPreimageAndTimeout(ChannelType type) {
    ChannelPair pair = revokedOnce(type);
    CommitmentTransaction current = bobs(pair, 2);
    List<Integer> htlcs = indexes(current, CommitmentOutput.HtlcOutput.class);
    long timeout = htlcs.stream().map(i -> ((CommitmentOutput.HtlcOutput) current.outputs().get(i)).htlc())
        .filter(h -> h.direction() == HtlcDirection.RECEIVED).mapToLong(Htlc::cltvExpiry).max().orElseThrow();
    Transaction tx = sweep(current.tx(), htlcs, type.hasAnchors() ? 1 : RBF, timeout, 3_000, WALLET_A);
    List<ScriptWitness> witnesses = new ArrayList<>();
    for (int i = 0; i < htlcs.size(); i++) {
      var out = (CommitmentOutput.HtlcOutput) current.outputs().get(htlcs.get(i));
      ByteVector sig = signed(pair, tx, i, out.txOut().amount,
          new SweepInput.CounterpartyHtlc(pair.keysB.perCommitmentPoint(2), out.htlc()));
      ByteVector second = out.htlc().direction() == HtlcDirection.OFFERED ? ChannelPair.preimage(2) : ByteVector.empty;
      witnesses.add(new ScriptWitness(List.of(sig, second, out.witnessScript())));
    }
    tx.updateWitnesses(witnesses).correctlySpends(List.of(current.tx()), FLAGS);
  }

  /** A mutation of a valid single-input justice (Bob's revoked to_local) and the tag refusing it. */
  record Mutation(String name, LnPolicy rule, Function<ChannelPair, SignSweepInput> command) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static SignSweepInput justice(ChannelPair pair, long sequence, long lockTime, long fee, ByteVector destination,
      int version) {
    CommitmentTransaction revoked = bobs(pair, 1);
    int toLocal = indexes(revoked, CommitmentOutput.ToLocal.class).getFirst();
    Transaction tx = sweep(revoked.tx(), List.of(toLocal), sequence, lockTime, fee, destination);
    tx = new Transaction(version, tx.txIn, tx.txOut, tx.lockTime);
    return new SignSweepInput(ID, tx, 0, revoked.tx().txOut.get(toLocal).amount,
        new SweepInput.RevokedToLocal(pair.keysB.perCommitmentSecret(1)));
  }

  private static SignSweepInput claim(ChannelPair pair, long commitment, HtlcDirection bobsDirection, long lockTime,
      long sequence, Function<Htlc, Htlc> change) {
    CommitmentTransaction ct = bobs(pair, Math.max(commitment, 1));
    int index = indexes(ct, CommitmentOutput.HtlcOutput.class).stream()
        .filter(i -> ((CommitmentOutput.HtlcOutput) ct.outputs().get(i)).htlc().direction() == bobsDirection).findFirst().orElseThrow();
    var out = (CommitmentOutput.HtlcOutput) ct.outputs().get(index);
    Transaction tx = sweep(ct.tx(), List.of(index), sequence, lockTime, 1_000, WALLET_A);
    return new SignSweepInput(ID, tx, 0, out.txOut().amount,
        new SweepInput.CounterpartyHtlc(pair.keysB.perCommitmentPoint(commitment), change.apply(out.htlc())));
  }

  static Stream<Mutation> mutations() {
    return Stream.of(
        new Mutation("baseline", null, p -> justice(p, RBF, 0, 1_000, WALLET_A, 2)),
        new Mutation("output to a foreign script", LnPolicy.SWEEP_DESTINATION_ALLOWLISTED,
            p -> justice(p, RBF, 0, 1_000, WALLET_B, 2)),
        new Mutation("version 1", LnPolicy.SWEEP_VERSION, p -> justice(p, RBF, 0, 1_000, WALLET_A, 1)),
        new Mutation("sequence with a relative lock", LnPolicy.SWEEP_SEQUENCE, p -> justice(p, 5, 0, 1_000, WALLET_A, 2)),
        new Mutation("locktime a timestamp", LnPolicy.SWEEP_LOCKTIME, p -> justice(p, RBF, 500_000_000, 1_000, WALLET_A, 2)),
        new Mutation("fee of the whole output", LnPolicy.SWEEP_FEE_RANGE,
            p -> justice(p, RBF, 0, BOB_MSAT / 1000 - 1, WALLET_A, 2)),
        new Mutation("fee zero", LnPolicy.SWEEP_FEE_RANGE, p -> justice(p, RBF, 0, 0, WALLET_A, 2)),
        new Mutation("input index outside the transaction", LnPolicy.SWEEP_OTHER, p -> {
          SignSweepInput c = justice(p, RBF, 0, 1_000, WALLET_A, 2);
          return new SignSweepInput(ID, c.sweepTx(), 1, c.amount(), c.source());
        }),
        new Mutation("secret of the unrevoked commitment 2", LnPolicy.SWEEP_OTHER, p -> {
          SignSweepInput c = justice(p, RBF, 0, 1_000, WALLET_A, 2);
          return new SignSweepInput(ID, c.sweepTx(), 0, c.amount(), new SweepInput.RevokedToLocal(p.keysB.perCommitmentSecret(2)));
        }),
        new Mutation("secret of Alice's own commitment", LnPolicy.SWEEP_OTHER, p -> {
          SignSweepInput c = justice(p, RBF, 0, 1_000, WALLET_A, 2);
          return new SignSweepInput(ID, c.sweepTx(), 0, c.amount(), new SweepInput.RevokedToLocal(p.keysA.perCommitmentSecret(1)));
        }),
        new Mutation("claim baseline (timeout)", null, p -> claim(p, 2, HtlcDirection.RECEIVED, 800_100, seq(p), h -> h)),
        new Mutation("timeout before cltv_expiry", LnPolicy.SWEEP_LOCKTIME,
            p -> claim(p, 2, HtlcDirection.RECEIVED, 800_099, seq(p), h -> h)),
        new Mutation("timeout with a final sequence", LnPolicy.SWEEP_SEQUENCE,
            p -> claim(p, 2, HtlcDirection.RECEIVED, 800_100, 0xffffffffL, h -> h)),
        new Mutation("claim with the point of revoked commitment 1", LnPolicy.SWEEP_OTHER,
            p -> claim(p, 1, HtlcDirection.RECEIVED, 800_100, seq(p), h -> h)),
        new Mutation("claim of an HTLC the commitment does not carry", LnPolicy.SWEEP_OTHER,
            p -> claim(p, 2, HtlcDirection.OFFERED, 0, seq(p), h -> new Htlc(h.direction(), h.amount(), h.paymentHash(), h.cltvExpiry() + 1))),
        new Mutation("claim amount other than the HTLC output", LnPolicy.SWEEP_OTHER, p -> {
          SignSweepInput c = claim(p, 2, HtlcDirection.OFFERED, 0, seq(p), h -> h);
          return new SignSweepInput(ID, c.sweepTx(), 0, new Satoshi(c.amount().toLong() + 1), c.source());
        }));
  }

  /** The counterparty-HTLC claim sequence BOLT 3 wants: 1 with anchors (CSV 1), RBF otherwise. */
  private static long seq(ChannelPair p) {
    return p.type.hasAnchors() ? 1 : RBF;
  }

  @ParameterizedTest
  @MethodSource("mutations")
  void eachRuleRefusesItsMutationAndChangesNothing(Mutation m) {
    for (ChannelType type : types().toList()) {
      ChannelPair pair = revokedOnce(type);
      ChannelOutcome outcome = pair.tryA(m.command().apply(pair));
      if (m.rule() == null) {
        assertThat(outcome).isInstanceOf(ChannelOutcome.Applied.class);
        assertThat(((ChannelOutcome.Applied) outcome).state()).isEqualTo(pair.a.get());
      } else {
        assertThat(outcome).as(type + ": " + m).isInstanceOfSatisfying(ChannelOutcome.Refused.class, r -> {
          assertThat(r.rule()).isEqualTo(m.rule());
          assertThat(r.state()).isEqualTo(pair.a);
        });
      }
    }
  }

  @Test
  void anchorsClaimWithoutTheOneBlockCsvIsRefused() {
    ChannelPair pair = revokedOnce(ChannelType.ANCHORS_ZERO_FEE_HTLC_TX);
    ChannelOutcome outcome = pair.tryA(claim(pair, 2, HtlcDirection.OFFERED, 0, RBF, h -> h));
    assertThat(outcome).isInstanceOfSatisfying(ChannelOutcome.Refused.class,
        r -> assertThat(r.rule()).isEqualTo(LnPolicy.SWEEP_SEQUENCE));
  }

  @Test
  void revokedHtlcWithAnotherPaymentHashDoesNotSpend() {
    ChannelPair pair = revokedOnce(ChannelType.STATIC_REMOTE_KEY);
    CommitmentTransaction revoked = bobs(pair, 1);
    int index = indexes(revoked, CommitmentOutput.HtlcOutput.class).getFirst();
    var out = (CommitmentOutput.HtlcOutput) revoked.outputs().get(index);
    Htlc other = new Htlc(out.htlc().direction(), out.htlc().amount(), ChannelPair.preimage(9), out.htlc().cltvExpiry());
    Transaction tx = sweep(revoked.tx(), List.of(index), RBF, 0, 1_000, WALLET_A);
    try (SecretBytes secret = pair.keysB.perCommitmentSecret(1)) {
      ByteVector sig = signed(pair, tx, 0, out.txOut().amount, new SweepInput.RevokedHtlc(secret, other));
      Transaction spend = tx.updateWitness(0, new ScriptWitness(List.of(sig, revoked.keys().revocationKey().value, out.witnessScript())));
      assertThatThrownBy(() -> spend.correctlySpends(List.of(revoked.tx()), FLAGS))
          .isInstanceOf(RuntimeException.class);
    }
  }
}
