package dev.custos.core.ln.signer;

import static dev.custos.core.ln.signer.ChannelPair.FUNDING_SAT;
import static dev.custos.core.ln.signer.ChannelPair.ID;
import static dev.custos.core.ln.signer.ChannelPair.WALLET_A;
import static dev.custos.core.ln.signer.ChannelPair.WALLET_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.ln.bolt3.Bolt3Scripts;
import dev.custos.core.ln.bolt3.ChannelType;
import dev.custos.core.ln.bolt3.ClosingTransaction;
import dev.custos.core.ln.bolt3.ClosingTransactions;
import dev.custos.core.ln.bolt3.CommitmentBuilder;
import dev.custos.core.ln.bolt3.CommitmentOutput;
import dev.custos.core.ln.bolt3.CommitmentTransaction;
import dev.custos.core.ln.bolt3.FeeratePerKw;
import dev.custos.core.ln.bolt3.Htlc;
import dev.custos.core.ln.bolt3.HtlcDirection;
import dev.custos.core.ln.bolt3.HtlcTransaction;
import dev.custos.core.ln.bolt3.HtlcTransactions;
import dev.custos.core.ln.bolt3.KeyDerivation;
import dev.custos.core.ln.bolt3.MilliSatoshi;
import dev.custos.core.ln.bolt3.Side;
import dev.custos.core.ln.bolt3.SpendPath;
import dev.custos.core.ln.bolt3.SweepTransaction;
import dev.custos.core.ln.bolt3.Sweeps;
import dev.custos.core.ln.signer.ChannelCommand.SignHolderCommitment;
import dev.custos.core.ln.signer.ChannelCommand.SignMutualClose;
import dev.custos.core.ln.signer.ChannelCommand.SignSweep;
import dev.custos.core.ln.signer.ChannelCommand.SweepSource;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.ScriptFlags;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxOut;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A channel between two Custos signers through open, HTLC updates with revocations, force close,
 * sweeps and mutual close. Every signature the signers release is put into its transaction and
 * judged by bitcoin-kmp's script interpreter ({@code correctlySpends}, Bitcoin Core's standard
 * flags) against the output it spends; counterparty signatures are checked by the other signer
 * with libsecp256k1 before it accepts them.
 */
class ChannelSignerTest {
  private static final int FLAGS = ScriptFlags.STANDARD_SCRIPT_VERIFY_FLAGS;
  static final long BOB_MSAT = 2_000_000_000L;
  static final List<Htlc> HTLCS = List.of(
      ChannelPair.htlc(HtlcDirection.OFFERED, 50_000_000, 1, 800_100),
      ChannelPair.htlc(HtlcDirection.RECEIVED, 30_000_000, 2, 800_200),
      ChannelPair.htlc(HtlcDirection.OFFERED, 100_000, 3, 800_300));

  static Stream<ChannelType> types() {
    return Stream.of(ChannelType.STATIC_REMOTE_KEY, ChannelType.ANCHORS_ZERO_FEE_HTLC_TX);
  }

  static long aliceMsat(List<Htlc> htlcs) {
    return FUNDING_SAT * 1000 - BOB_MSAT - htlcs.stream().mapToLong(h -> h.amount().value()).sum();
  }

  @ParameterizedTest
  @MethodSource("types")
  void forceCloseSignaturesSpendFundingAndHtlcOutputs(ChannelType type) {
    ChannelPair pair = new ChannelPair(type).open();
    pair.update(1, aliceMsat(HTLCS), BOB_MSAT, HTLCS);
    assertThat(pair.a.get().holderRevoked()).isEqualTo(1);
    assertThat(pair.a.get().counterpartyRevoked()).isEqualTo(1);

    CommitmentTransaction ct = CommitmentBuilder.build(pair.a.get().params(), Side.HOLDER,
        ChannelPair.aliceSpec(1, aliceMsat(HTLCS), BOB_MSAT, HTLCS), pair.keysA.perCommitmentPoint(1));
    var ours = (ChannelReply.CommitmentSignatures) pair.runA(new SignHolderCommitment(ID, 1, ChannelPair.proposal(ct)));
    Transaction signed = ct.withFundingWitness(ours.signature(), pair.bobOnAlice.signature());
    signed.correctlySpends(Map.of(new OutPoint(pair.fundingTx, 0), pair.fundingTx.txOut.get(0)), FLAGS);

    List<HtlcTransaction> htlcs = HtlcTransactions.build(pair.a.get().params(), ct);
    assertThat(htlcs).hasSize(2).hasSameSizeAs(ours.htlcSignatures());
    for (int i = 0; i < htlcs.size(); i++) {
      HtlcTransaction h = htlcs.get(i);
      var preimage = h.isSuccess() ? ChannelPair.preimage(2) : null;
      Transaction t = h.withWitness(pair.bobOnAlice.htlcSignatures().get(i), ours.htlcSignatures().get(i), preimage);
      t.correctlySpends(List.of(signed), FLAGS);
    }

    int toLocal = indexOf(ct, CommitmentOutput.ToLocal.class);
    SweepTransaction sweep = Sweeps.build(new OutPoint(signed, toLocal), signed.txOut.get(toLocal),
        ct.outputs().get(toLocal).witnessScript(), new SpendPath.DelayedToLocal(144), WALLET_A, new FeeratePerKw(2000));
    var sig = (ChannelReply.SweepSignature) pair.runA(new SignSweep(ID, new SweepSource.HolderToLocal(), WALLET_A,
        new FeeratePerKw(2000), sweep.tx()));
    sweep.withWitness(sig.signature()).correctlySpends(List.of(signed), FLAGS);
  }

  @ParameterizedTest
  @MethodSource("types")
  void justiceAndToRemoteSweepsSpendTheCounterpartysCommitments(ChannelType type) {
    ChannelPair pair = new ChannelPair(type).open();
    pair.update(1, aliceMsat(List.of()), BOB_MSAT, List.of());
    pair.update(2, aliceMsat(List.of()) - 1_000_000, BOB_MSAT + 1_000_000, List.of());
    assertThat(pair.a.get().counterpartyRevoked()).isEqualTo(2);

    CommitmentTransaction revoked = CommitmentBuilder.build(pair.b.get().params(), Side.HOLDER,
        ChannelPair.bobSpec(1, aliceMsat(List.of()), BOB_MSAT, List.of()), pair.keysB.perCommitmentPoint(1));
    int toLocal = indexOf(revoked, CommitmentOutput.ToLocal.class);
    SweepTransaction justice = Sweeps.build(new OutPoint(revoked.tx(), toLocal), revoked.tx().txOut.get(toLocal),
        revoked.outputs().get(toLocal).witnessScript(), new SpendPath.RevokedToLocal(), WALLET_A, new FeeratePerKw(5000));
    var sig = (ChannelReply.SweepSignature) pair.runA(new SignSweep(ID, new SweepSource.RevokedToLocal(1, revoked.tx()),
        WALLET_A, new FeeratePerKw(5000), justice.tx()));
    justice.withWitness(sig.signature()).correctlySpends(List.of(revoked.tx()), FLAGS);

    CommitmentTransaction current = CommitmentBuilder.build(pair.b.get().params(), Side.HOLDER,
        ChannelPair.bobSpec(2, aliceMsat(List.of()) - 1_000_000, BOB_MSAT + 1_000_000, List.of()), pair.keysB.perCommitmentPoint(2));
    int toRemote = indexOf(current, CommitmentOutput.ToRemote.class);
    var path = type.hasAnchors() ? new SpendPath.ToRemoteAnchors()
        : new SpendPath.ToRemoteP2wpkh(pair.keysA.publicKeys().paymentBasepoint());
    SweepTransaction claim = Sweeps.build(new OutPoint(current.tx(), toRemote), current.tx().txOut.get(toRemote),
        current.outputs().get(toRemote).witnessScript(), path, WALLET_A, new FeeratePerKw(5000));
    var claimSig = (ChannelReply.SweepSignature) pair.runA(new SignSweep(ID, new SweepSource.CounterpartyToRemote(current.tx()),
        WALLET_A, new FeeratePerKw(5000), claim.tx()));
    claim.withWitness(claimSig.signature()).correctlySpends(List.of(current.tx()), FLAGS);
  }

  @ParameterizedTest
  @MethodSource("types")
  void mutualCloseSignedByBothSpendsTheFundingOutput(ChannelType type) {
    ChannelPair pair = new ChannelPair(type).open();
    pair.update(1, aliceMsat(List.of()), BOB_MSAT, List.of());
    ClosingTransaction closing = ClosingTransactions.legacy(pair.a.get().params(), new MilliSatoshi(aliceMsat(List.of())),
        new MilliSatoshi(BOB_MSAT), WALLET_A, WALLET_B, new Satoshi(1_000), new Satoshi(546));
    var alice = (ChannelReply.ClosingSignature) pair.runA(new SignMutualClose(ID, closing.tx(), WALLET_A, WALLET_B));
    var bob = (ChannelReply.ClosingSignature) pair.runB(new SignMutualClose(ID, closing.tx(), WALLET_B, WALLET_A));
    closing.withFundingWitness(alice.signature(), bob.signature())
        .correctlySpends(Map.of(new OutPoint(pair.fundingTx, 0), pair.fundingTx.txOut.get(0)), FLAGS);
    assertThat(pair.a.get().closingSigned()).isTrue();
  }

  @ParameterizedTest
  @MethodSource("types")
  void revocationReleasesTheSecretOfThePointAnnouncedAndTheSecondNextPoint(ChannelType type) {
    ChannelPair pair = new ChannelPair(type).open();
    var point0 = (ChannelReply.PerCommitmentPoint) pair.runA(new ChannelCommand.GetPerCommitmentPoint(ID, 0));
    var point2 = (ChannelReply.PerCommitmentPoint) pair.runA(new ChannelCommand.GetPerCommitmentPoint(ID, 2));
    CommitmentTransaction ct = CommitmentBuilder.build(pair.b.get().params(), Side.COUNTERPARTY,
        ChannelPair.aliceSpec(1, aliceMsat(List.of()), BOB_MSAT, List.of()), pair.keysA.perCommitmentPoint(1));
    var bobSig = (ChannelReply.CommitmentSignatures) pair.runB(new ChannelCommand.SignCounterpartyCommitment(ID,
        ChannelPair.aliceSpec(1, aliceMsat(List.of()), BOB_MSAT, List.of()), pair.keysA.perCommitmentPoint(1),
        ChannelPair.proposal(ct), List.of()));
    pair.runA(new ChannelCommand.ValidateHolderCommitment(ID, ChannelPair.aliceSpec(1, aliceMsat(List.of()), BOB_MSAT, List.of()),
        bobSig.signature(), bobSig.htlcSignatures()));
    try (var r = (ChannelReply.HolderRevocation) pair.runA(new ChannelCommand.RevokeHolderCommitment(ID, 0))) {
      assertThat(KeyDerivation.publicKeyOf(r.secret())).isEqualTo(point0.point());
      assertThat(r.nextPoint()).isEqualTo(point2.point());
      String hex = r.secret().use(s -> java.util.HexFormat.of().formatHex(s));
      assertThat(r.toString()).contains("<secret>").doesNotContain((CharSequence) hex);
    }
  }

  @ParameterizedTest
  @MethodSource("types")
  void refusalsLeaveTheStateAsItWas(ChannelType type) {
    ChannelPair pair = new ChannelPair(type).open();
    ChannelState before = pair.a.get();
    ChannelOutcome o = ChannelSigner.apply(pair.a, new ChannelCommand.RevokeHolderCommitment(ID, 0), pair.keysA, pair.limitsA, pair.paymentsA);
    assertThat(o).isInstanceOf(ChannelOutcome.Refused.class);
    assertThat(((ChannelOutcome.Refused) o).state()).contains(before);
    assertThatThrownBy(() -> pair.runA(new ChannelCommand.RevokeHolderCommitment(ID, 0)))
        .hasMessageContaining(LnPolicy.REVOKE_NEW_COMMITMENT_SIGNED.tag().value());
  }

  private static int indexOf(CommitmentTransaction ct, Class<?> kind) {
    for (int i = 0; i < ct.outputs().size(); i++) {
      if (kind.isInstance(ct.outputs().get(i))) {
        return i;
      }
    }
    throw new AssertionError("no " + kind.getSimpleName() + " output");
  }

  static TxOut fundingOutput(ChannelPair pair) {
    return new TxOut(new Satoshi(FUNDING_SAT), Bolt3Scripts.p2wsh(Bolt3Scripts.funding(
        pair.keysA.publicKeys().fundingPubkey(), pair.keysB.publicKeys().fundingPubkey())));
  }
}
