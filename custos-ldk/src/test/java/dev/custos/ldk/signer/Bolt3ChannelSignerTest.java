package dev.custos.ldk.signer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.ln.bolt3.Bolt3Scripts;
import dev.custos.core.ln.bolt3.Bolt3Signatures;
import dev.custos.core.ln.bolt3.ChannelParameters;
import dev.custos.core.ln.bolt3.ChannelSide;
import dev.custos.core.ln.bolt3.ChannelType;
import dev.custos.core.ln.bolt3.CommitmentBuilder;
import dev.custos.core.ln.bolt3.CommitmentSpec;
import dev.custos.core.ln.bolt3.CommitmentTransaction;
import dev.custos.core.ln.bolt3.FeeratePerKw;
import dev.custos.core.ln.bolt3.Htlc;
import dev.custos.core.ln.bolt3.HtlcDirection;
import dev.custos.core.ln.bolt3.MilliSatoshi;
import dev.custos.core.ln.bolt3.Side;
import dev.custos.core.secret.SecretBytes;
import dev.custos.ldk.signer.ChannelSignerException.Kind;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.ScriptFlags;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxHash;
import fr.acinq.bitcoin.TxOut;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The port contract without LDK: what matches is signed (checked by bitcoin-kmp's script
 * interpreter), a one-field tampering is refused with its kind. Holder is "us", counterparty is a
 * second Custos seed standing in for the peer.
 */
class Bolt3ChannelSignerTest {
  private static final OutPoint FUNDING = new OutPoint(new TxHash(new byte[32]), 0);
  private static final Satoshi AMOUNT = new Satoshi(1_000_000);

  private ChannelKeys us;
  private ChannelKeys peer;
  private ChannelParameters params;
  private Bolt3ChannelSigner signer;

  @BeforeEach
  void setUp() throws ChannelSignerException {
    us = keys(1);
    peer = keys(2);
    params = new ChannelParameters(FUNDING, AMOUNT, ChannelType.STATIC_REMOTE_KEY,
        new ChannelSide(us.publicKeys(), 144, new Satoshi(1)), new ChannelSide(peer.publicKeys(), 144, new Satoshi(1)),
        Side.HOLDER);
    signer = new Bolt3ChannelSigner(keys(1));
    signer.setup(params);
  }

  @Test
  void signsACounterpartyCommitmentAndItsHtlcThatTheInterpreterAccepts() throws Exception {
    var point = fr.acinq.bitcoin.PublicKey.fromHex("032c0b7cf95324a07d05398b240174dc0c2be444d96b159aa6c7f7b1e668680991");
    CommitmentTransaction c = CommitmentBuilder.build(params, Side.COUNTERPARTY, spec(3), point);
    CommitmentSignatures sigs = signer.signCounterpartyCommitment(new CommitmentProposal(spec(3), point, c.tx()));
    assertThat(sigs.htlcSignatures()).hasSize(1);

    ByteVector peerSig = Bolt3Signatures.signCommitment(c, peer.funding());
    Transaction signed = c.withFundingWitness(peerSig, sigs.commitmentSignature());
    signed.correctlySpends(Map.of(FUNDING, new TxOut(AMOUNT, Bolt3Scripts.p2wsh(c.fundingScript()))),
        ScriptFlags.STANDARD_SCRIPT_VERIFY_FLAGS);
  }

  @Test
  void refusesACommitmentThatDiffersFromItsRebuild() throws Exception {
    var point = signer.perCommitmentPoint(3);
    Transaction built = CommitmentBuilder.build(params, Side.COUNTERPARTY, spec(3), point).tx();
    Transaction otherLocktime = new Transaction(built.version, built.txIn, built.txOut, built.lockTime ^ 1);
    List<TxOut> outs = new java.util.ArrayList<>(built.txOut);
    outs.set(0, new TxOut(outs.get(0).amount.plus(new Satoshi(1)), outs.get(0).publicKeyScript));
    Transaction otherAmount = new Transaction(built.version, built.txIn, outs, built.lockTime);

    assertRefused(Kind.TRANSACTION_MISMATCH, () -> signer.signCounterpartyCommitment(new CommitmentProposal(spec(3), point, otherLocktime)));
    assertRefused(Kind.TRANSACTION_MISMATCH, () -> signer.signCounterpartyCommitment(new CommitmentProposal(spec(3), point, otherAmount)));
  }

  @Test
  void refusesAHolderCommitmentWithAForeignPointOrABadCounterpartySignature() throws Exception {
    var ours = signer.perCommitmentPoint(4);
    CommitmentTransaction c = CommitmentBuilder.build(params, Side.HOLDER, spec(4), ours);
    ByteVector peerSig = Bolt3Signatures.signCommitment(c, peer.funding());
    signer.validateHolderCommitment(new CommitmentProposal(spec(4), ours, c.tx()), peerSig, List.of());

    var foreign = signer.perCommitmentPoint(5);
    Transaction withForeign = CommitmentBuilder.build(params, Side.HOLDER, spec(4), foreign).tx();
    assertRefused(Kind.PER_COMMITMENT_POINT_MISMATCH,
        () -> signer.signHolderCommitment(new CommitmentProposal(spec(4), foreign, withForeign), peerSig));
    ByteVector ownSig = Bolt3Signatures.signCommitment(c, us.funding());
    assertRefused(Kind.COUNTERPARTY_SIGNATURE_INVALID,
        () -> signer.signHolderCommitment(new CommitmentProposal(spec(4), ours, c.tx()), ownSig));
  }

  @Test
  void refusesARevocationSecretThatIsNotTheSignedCommitmentsPoint() throws Exception {
    Bolt3ChannelSigner peerSigner = new Bolt3ChannelSigner(keys(2));
    var point0 = peerSigner.perCommitmentPoint(0);
    Transaction c0 = CommitmentBuilder.build(params, Side.COUNTERPARTY, spec(0), point0).tx();
    signer.signCounterpartyCommitment(new CommitmentProposal(spec(0), point0, c0));
    try (SecretBytes wrong = peerSigner.releaseCommitmentSecret(1); SecretBytes right = peerSigner.releaseCommitmentSecret(0)) {
      assertRefused(Kind.REVOCATION_SECRET_INVALID, () -> signer.validateCounterpartyRevocation(0, wrong));
      signer.validateCounterpartyRevocation(0, right);
    }
  }

  @Test
  void refusesToSignBeforeSetupAndASetupNamingOtherKeys() throws Exception {
    Bolt3ChannelSigner fresh = new Bolt3ChannelSigner(keys(1));
    var point = fresh.perCommitmentPoint(0);
    assertRefused(Kind.CHANNEL_NOT_READY, () -> fresh.signCounterpartyCommitment(
        new CommitmentProposal(spec(0), point, CommitmentBuilder.build(params, Side.COUNTERPARTY, spec(0), point).tx())));
    Bolt3ChannelSigner other = new Bolt3ChannelSigner(keys(3));
    assertRefused(Kind.CHANNEL_SETUP_REFUSED, () -> other.setup(params));
    assertRefused(Kind.CHANNEL_SETUP_REFUSED, () -> signer.setup(params));
  }

  private static CommitmentSpec spec(long n) {
    Htlc htlc = new Htlc(HtlcDirection.OFFERED, new MilliSatoshi(50_000_000), new ByteVector32(new byte[32]), 500);
    return new CommitmentSpec(n, new FeeratePerKw(253), new MilliSatoshi(700_000_000), new MilliSatoshi(250_000_000), List.of(htlc));
  }

  private static ChannelKeys keys(int seedByte) {
    byte[] seed = new byte[32];
    java.util.Arrays.fill(seed, (byte) seedByte);
    try (ExtendedPrivateKey master = ExtendedPrivateKey.fromSeed(SecretBytes.takeOwnership(seed))) {
      return ChannelKeys.derive(master, new ChannelKeyId(0, 0));
    }
  }

  private static void assertRefused(Kind kind, ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(ChannelSignerException.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }
}
