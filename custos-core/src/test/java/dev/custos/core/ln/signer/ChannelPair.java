package dev.custos.core.ln.signer;

import dev.custos.core.ln.bolt3.Bolt3Scripts;
import dev.custos.core.ln.bolt3.ChannelParameters;
import dev.custos.core.ln.bolt3.ChannelType;
import dev.custos.core.ln.bolt3.CommitmentBuilder;
import dev.custos.core.ln.bolt3.CommitmentSpec;
import dev.custos.core.ln.bolt3.CommitmentTransaction;
import dev.custos.core.ln.bolt3.FeeratePerKw;
import dev.custos.core.ln.bolt3.Htlc;
import dev.custos.core.ln.bolt3.HtlcDirection;
import dev.custos.core.ln.bolt3.HtlcTransactions;
import dev.custos.core.ln.bolt3.MilliSatoshi;
import dev.custos.core.ln.bolt3.Side;
import dev.custos.core.ln.signer.ChannelCommand.RevokeHolderCommitment;
import dev.custos.core.ln.signer.ChannelCommand.SetupChannel;
import dev.custos.core.ln.signer.ChannelCommand.SignCounterpartyCommitment;
import dev.custos.core.ln.signer.ChannelCommand.ValidateCounterpartyRevocation;
import dev.custos.core.ln.signer.ChannelCommand.ValidateHolderCommitment;
import dev.custos.core.secret.SecretBytes;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.Crypto;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxId;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Two Custos channel signers, Alice (funder) and Bob, on the two ends of one channel; the test
 * plays both nodes: it builds the proposals a node would (with the BOLT 3 engine) and carries
 * signatures and secrets between the signers. Each signer only ever sees its own keys.
 */
final class ChannelPair {
  static final ChannelId ID = ChannelId.fromHex("c4".repeat(32));
  static final long FUNDING_SAT = 10_000_000;
  static final long FEERATE = 2_500;
  static final ByteVector WALLET_A = Bolt3Scripts.p2wpkh(fr.acinq.bitcoin.PrivateKey.fromHex("11".repeat(32)).publicKey());
  static final ByteVector WALLET_B = Bolt3Scripts.p2wpkh(fr.acinq.bitcoin.PrivateKey.fromHex("22".repeat(32)).publicKey());

  final ChannelType type;
  final SecretBytes nodeA = SecretBytes.copyOf(filled(0xa1));
  final SecretBytes nodeB = SecretBytes.copyOf(filled(0xb2));
  final ChannelKeys keysA = ChannelKeys.derive(nodeA, ID);
  final ChannelKeys keysB = ChannelKeys.derive(nodeB, ID);
  SignerLimits limitsA = SignerLimits.defaults(Set.of(WALLET_A));
  SignerLimits limitsB = SignerLimits.defaults(Set.of(WALLET_B));
  PaymentLedger paymentsA = TestPayments.approvingAll();
  PaymentLedger paymentsB = TestPayments.approvingAll();
  final Transaction fundingTx;
  Optional<ChannelState> a = Optional.empty();
  Optional<ChannelState> b = Optional.empty();
  /** Bob's last signatures on Alice's commitment, and Alice's on Bob's. */
  ChannelReply.CommitmentSignatures bobOnAlice;
  ChannelReply.CommitmentSignatures aliceOnBob;

  ChannelPair(ChannelType type) {
    this.type = type;
    ByteVector fundingScript = Bolt3Scripts.funding(keysA.publicKeys().fundingPubkey(), keysB.publicKeys().fundingPubkey());
    fundingTx = new Transaction(2, List.of(new TxIn(new OutPoint(new TxId(new ByteVector32("aa".repeat(32))), 0), new byte[0], 0xfffffffdL)),
        List.of(new TxOut(new Satoshi(FUNDING_SAT), Bolt3Scripts.p2wsh(fundingScript))), 0);
  }

  static byte[] filled(int b) {
    byte[] out = new byte[32];
    Arrays.fill(out, (byte) b);
    return out;
  }

  static byte[] typeBits(ChannelType type) {
    return type.hasAnchors() ? new byte[] {0x40, 0x10, 0x00} : new byte[] {0x10, 0x00};
  }

  SetupChannel setupA() {
    return new SetupChannel(ID, new OutPoint(fundingTx, 0), new Satoshi(FUNDING_SAT), typeBits(type), Side.HOLDER, 144,
        new Satoshi(546), keysB.publicKeys(), 144, new Satoshi(546), Optional.of(WALLET_A), Optional.of(WALLET_B));
  }

  SetupChannel setupB() {
    return new SetupChannel(ID, new OutPoint(fundingTx, 0), new Satoshi(FUNDING_SAT), typeBits(type), Side.COUNTERPARTY, 144,
        new Satoshi(546), keysA.publicKeys(), 144, new Satoshi(546), Optional.of(WALLET_B), Optional.of(WALLET_A));
  }

  ChannelPair open() {
    setupOnly();
    update(0, FUNDING_SAT * 1000, 0, List.of());
    return this;
  }

  /** Both signers set up, no commitment exchanged yet. */
  ChannelPair setupOnly() {
    a = Optional.of(applied(ChannelSigner.apply(a, setupA(), keysA, limitsA, paymentsA)).state());
    b = Optional.of(applied(ChannelSigner.apply(b, setupB(), keysB, limitsB, paymentsB)).state());
    return this;
  }

  /** Alice's outcome for {@code c}, not applied: her state stays {@link #a}. */
  ChannelOutcome tryA(ChannelCommand c) {
    return ChannelSigner.apply(a, c, keysA, limitsA, paymentsA);
  }

  /** A payment preimage, distinct per tag. */
  static ByteVector32 preimage(int tag) {
    return new ByteVector32(filled(tag));
  }

  /** An HTLC from Alice's point of view. */
  static Htlc htlc(HtlcDirection direction, long msat, int preimageTag, long cltv) {
    return new Htlc(direction, new MilliSatoshi(msat), new ByteVector32(Crypto.sha256(preimage(preimageTag).toByteArray())), cltv);
  }

  /** Alice's view of commitment {@code n}. */
  static CommitmentSpec aliceSpec(long n, long aliceMsat, long bobMsat, List<Htlc> htlcs) {
    return new CommitmentSpec(n, new FeeratePerKw(FEERATE), new MilliSatoshi(aliceMsat), new MilliSatoshi(bobMsat), htlcs);
  }

  /** Bob's view of the same commitment: balances swapped, HTLC directions flipped. */
  static CommitmentSpec bobSpec(long n, long aliceMsat, long bobMsat, List<Htlc> htlcs) {
    List<Htlc> flipped = htlcs.stream().map(h -> new Htlc(h.direction() == HtlcDirection.OFFERED ? HtlcDirection.RECEIVED
        : HtlcDirection.OFFERED, h.amount(), h.paymentHash(), h.cltvExpiry())).toList();
    return new CommitmentSpec(n, new FeeratePerKw(FEERATE), new MilliSatoshi(bobMsat), new MilliSatoshi(aliceMsat), flipped);
  }

  /** What a node proposes for the counterparty commitment it asks its signer to sign. */
  static SignCounterpartyCommitment signCommand(ChannelParameters params, CommitmentSpec spec, fr.acinq.bitcoin.PublicKey point) {
    CommitmentTransaction ct = CommitmentBuilder.build(params, Side.COUNTERPARTY, spec, point);
    return new SignCounterpartyCommitment(ID, spec, point, proposal(ct), htlcProposals(params, ct));
  }

  static ProposedTransaction proposal(CommitmentTransaction ct) {
    return new ProposedTransaction(ct.tx(), ct.outputs().stream().map(o -> o.witnessScript()).toList());
  }

  static List<ProposedTransaction> htlcProposals(ChannelParameters params, CommitmentTransaction ct) {
    ByteVector out = Bolt3Scripts.toLocal(ct.keys().revocationKey(), params.side(ct.broadcaster()).toSelfDelay(),
        ct.keys().localDelayedKey());
    return HtlcTransactions.build(params, ct).stream().map(h -> new ProposedTransaction(h.tx(), List.of(out))).toList();
  }

  /** Both sides move to commitment {@code n} (revoking {@code n-1}), Alice first. */
  void update(long n, long aliceMsat, long bobMsat, List<Htlc> htlcs) {
    CommitmentSpec bobs = bobSpec(n, aliceMsat, bobMsat, htlcs);
    aliceOnBob = (ChannelReply.CommitmentSignatures) runA(signCommand(a.get().params(), bobs, keysB.perCommitmentPoint(n)));
    runB(new ValidateHolderCommitment(ID, bobs, aliceOnBob.signature(), aliceOnBob.htlcSignatures()));
    if (n > 0) {
      try (var r = (ChannelReply.HolderRevocation) runB(new RevokeHolderCommitment(ID, n - 1))) {
        runA(new ValidateCounterpartyRevocation(ID, n - 1, r.secret()));
      }
    }
    CommitmentSpec alices = aliceSpec(n, aliceMsat, bobMsat, htlcs);
    bobOnAlice = (ChannelReply.CommitmentSignatures) runB(signCommand(b.get().params(), alices, keysA.perCommitmentPoint(n)));
    runA(new ValidateHolderCommitment(ID, alices, bobOnAlice.signature(), bobOnAlice.htlcSignatures()));
    if (n > 0) {
      try (var r = (ChannelReply.HolderRevocation) runA(new RevokeHolderCommitment(ID, n - 1))) {
        runB(new ValidateCounterpartyRevocation(ID, n - 1, r.secret()));
      }
    }
  }

  ChannelReply runA(ChannelCommand c) {
    ChannelOutcome.Applied o = applied(ChannelSigner.apply(a, c, keysA, limitsA, paymentsA));
    a = Optional.of(o.state());
    return o.reply();
  }

  ChannelReply runB(ChannelCommand c) {
    ChannelOutcome.Applied o = applied(ChannelSigner.apply(b, c, keysB, limitsB, paymentsB));
    b = Optional.of(o.state());
    return o.reply();
  }

  static ChannelOutcome.Applied applied(ChannelOutcome o) {
    if (o instanceof ChannelOutcome.Refused r) {
      throw new AssertionError("refused " + r.rule().tag() + ": " + r.reason());
    }
    return (ChannelOutcome.Applied) o;
  }
}
