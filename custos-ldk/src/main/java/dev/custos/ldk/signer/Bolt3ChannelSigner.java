package dev.custos.ldk.signer;

import dev.custos.core.ln.bolt3.Bolt3Exception;
import dev.custos.core.ln.bolt3.Bolt3Scripts;
import dev.custos.core.ln.bolt3.Bolt3Signatures;
import dev.custos.core.ln.bolt3.ChannelParameters;
import dev.custos.core.ln.bolt3.ChannelPublicKeys;
import dev.custos.core.ln.bolt3.ClosingTransaction;
import dev.custos.core.ln.bolt3.ClosingTransactions;
import dev.custos.core.ln.bolt3.CommitmentBuilder;
import dev.custos.core.ln.bolt3.CommitmentKeys;
import dev.custos.core.ln.bolt3.CommitmentTransaction;
import dev.custos.core.ln.bolt3.Htlc;
import dev.custos.core.ln.bolt3.HtlcTransaction;
import dev.custos.core.ln.bolt3.HtlcTransactions;
import dev.custos.core.ln.bolt3.KeyDerivation;
import dev.custos.core.ln.bolt3.MilliSatoshi;
import dev.custos.core.ln.bolt3.PerCommitmentSecrets;
import dev.custos.core.ln.bolt3.Shachain;
import dev.custos.core.ln.bolt3.Side;
import dev.custos.core.ln.signer.ChannelReply;
import dev.custos.core.secret.SecretBytes;
import dev.custos.ldk.signer.ChannelSignerException.Kind;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.SigHash;
import fr.acinq.bitcoin.SigVersion;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.secp256k1.Secp256k1;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link ChannelSignerPort} straight on the BOLT 3 engine: every transaction is rebuilt from the
 * semantic parameters and compared with the proposal, holder per-commitment points are checked,
 * the counterparty's signature on a holder commitment is verified with libsecp256k1, and revealed
 * counterparty secrets go through {@link Shachain} and must match the point of the commitment
 * they revoke.
 *
 * <p>Warning: this signer keeps no durable state and enforces no policy. It does not stop a
 * compromised node from asking it to sign a revoked holder commitment, a counterparty commitment
 * before the previous one is revoked, a close to a foreign address or an unbalanced HTLC; those
 * are the stateful channel signer's rules (VLS policy set), which implements the same port. The
 * counterparty's dust limit is not known to it (LDK 0.0.106 does not pass it), so trimming is
 * taken from the HTLC set of the proposal, and the counterparty's HTLC signatures are not checked.
 * Thread-safe.
 */
public final class Bolt3ChannelSigner implements ChannelSignerPort, AutoCloseable {
  private static final Secp256k1 SECP = Secp256k1.Companion.get();

  private final ChannelKeys keys;
  private final Shachain counterpartySecrets = new Shachain();
  private final Map<Long, PublicKey> counterpartyPoints = new HashMap<>();
  private ChannelParameters params;

  /** Takes ownership of {@code keys}: {@link #close()} zeroizes them. */
  public Bolt3ChannelSigner(ChannelKeys keys) {
    this.keys = keys;
  }

  public ChannelKeyId keyId() {
    return keys.id();
  }

  /** The bound parameters, or {@code null} before {@link #setup}. */
  public synchronized ChannelParameters parameters() {
    return params;
  }

  @Override
  public ChannelPublicKeys holderKeys() {
    return keys.publicKeys();
  }

  @Override
  public PublicKey perCommitmentPoint(long commitmentNumber) throws ChannelSignerException {
    try (SecretBytes secret = holderSecret(commitmentNumber)) {
      return KeyDerivation.publicKeyOf(secret);
    }
  }

  @Override
  public SecretBytes releaseCommitmentSecret(long commitmentNumber) throws ChannelSignerException {
    return holderSecret(commitmentNumber);
  }

  @Override
  public synchronized void setup(ChannelParameters parameters) throws ChannelSignerException {
    if (params != null) {
      throw new ChannelSignerException(Kind.CHANNEL_SETUP_REFUSED, "channel " + keys.id() + " is already set up");
    }
    if (!parameters.holder().keys().equals(keys.publicKeys())) {
      throw new ChannelSignerException(Kind.CHANNEL_SETUP_REFUSED,
          "channel " + keys.id() + ": the holder keys in the parameters are not this signer's");
    }
    params = parameters;
  }

  @Override
  public synchronized void validateHolderCommitment(CommitmentProposal proposal, ByteVector counterpartySignature,
      List<ByteVector> counterpartyHtlcSignatures) throws ChannelSignerException {
    holderCommitment(proposal, counterpartySignature);
  }

  @Override
  public synchronized CommitmentSignatures signCounterpartyCommitment(CommitmentProposal proposal)
      throws ChannelSignerException {
    CommitmentTransaction c = rebuild(Side.COUNTERPARTY, proposal, "counterparty commitment");
    ByteVector sig = Bolt3Signatures.signCommitment(c, keys.funding());
    List<ByteVector> htlcSigs = new ArrayList<>();
    try (SecretBytes htlcKey = KeyDerivation.derivePrivateKey(keys.htlcBase(), proposal.perCommitmentPoint())) {
      for (HtlcTransaction h : HtlcTransactions.build(params, c)) {
        htlcSigs.add(Bolt3Signatures.signHtlc(h, false, htlcKey));
      }
    }
    counterpartyPoints.put(proposal.spec().commitmentNumber(), proposal.perCommitmentPoint());
    return new CommitmentSignatures(sig, htlcSigs);
  }

  @Override
  public synchronized void validateCounterpartyRevocation(long commitmentNumber, SecretBytes perCommitmentSecret)
      throws ChannelSignerException {
    checkCommitmentNumber(commitmentNumber);
    PublicKey expected = counterpartyPoints.get(commitmentNumber);
    if (expected != null && !expected.equals(KeyDerivation.publicKeyOf(perCommitmentSecret))) {
      throw new ChannelSignerException(Kind.REVOCATION_SECRET_INVALID, "channel " + keys.id()
          + ": the secret revoking counterparty commitment " + commitmentNumber + " does not match its point");
    }
    try {
      counterpartySecrets.insert(PerCommitmentSecrets.indexOf(commitmentNumber), perCommitmentSecret);
    } catch (Bolt3Exception e) {
      throw new ChannelSignerException(Kind.REVOCATION_SECRET_INVALID, "channel " + keys.id() + ": " + e.getMessage());
    }
    counterpartyPoints.remove(commitmentNumber);
  }

  @Override
  public synchronized CommitmentSignatures signHolderCommitment(CommitmentProposal proposal,
      ByteVector counterpartySignature) throws ChannelSignerException {
    CommitmentTransaction c = holderCommitment(proposal, counterpartySignature);
    ByteVector sig = Bolt3Signatures.signCommitment(c, keys.funding());
    List<ByteVector> htlcSigs = new ArrayList<>();
    try (SecretBytes htlcKey = KeyDerivation.derivePrivateKey(keys.htlcBase(), proposal.perCommitmentPoint())) {
      for (HtlcTransaction h : HtlcTransactions.build(params, c)) {
        htlcSigs.add(Bolt3Signatures.signHtlc(h, true, htlcKey));
      }
    }
    return new CommitmentSignatures(sig, htlcSigs);
  }

  @Override
  public synchronized ByteVector signMutualClose(Satoshi holderAmount, Satoshi counterpartyAmount,
      ByteVector holderScript, ByteVector counterpartyScript, Transaction proposed) throws ChannelSignerException {
    requireReady("mutual close");
    ClosingTransaction closing;
    try {
      closing = ClosingTransactions.legacy(params, msat(holderAmount), msat(counterpartyAmount), holderScript,
          counterpartyScript, new Satoshi(0), new Satoshi(1));
    } catch (IllegalArgumentException e) {
      throw new ChannelSignerException(Kind.MALFORMED_REQUEST, "channel " + keys.id() + " mutual close: " + e.getMessage());
    }
    compare("mutual close", closing.tx(), proposed);
    return Bolt3Signatures.signClosing(closing, keys.funding());
  }

  @Override
  public synchronized ByteVector signJusticeToLocal(Transaction sweep, int input, Satoshi amount,
      SecretBytes perCommitmentSecret) throws ChannelSignerException {
    requireReady("justice (to_local)");
    checkInput(sweep, input);
    CommitmentKeys k = CommitmentKeys.derive(params, Side.COUNTERPARTY, KeyDerivation.publicKeyOf(perCommitmentSecret));
    ByteVector script = Bolt3Scripts.toLocal(k.revocationKey(), params.counterparty().toSelfDelay(), k.localDelayedKey());
    try (SecretBytes revocationKey = KeyDerivation.revocationPrivateKey(keys.revocationBase(), perCommitmentSecret)) {
      return Bolt3Signatures.sign(sweep, input, script, amount, SigHash.SIGHASH_ALL, revocationKey);
    }
  }

  @Override
  public synchronized ByteVector signJusticeHtlc(Transaction sweep, int input, Satoshi amount,
      SecretBytes perCommitmentSecret, Htlc htlc) throws ChannelSignerException {
    requireReady("justice (HTLC)");
    checkInput(sweep, input);
    CommitmentKeys k = CommitmentKeys.derive(params, Side.COUNTERPARTY, KeyDerivation.publicKeyOf(perCommitmentSecret));
    try (SecretBytes revocationKey = KeyDerivation.revocationPrivateKey(keys.revocationBase(), perCommitmentSecret)) {
      return Bolt3Signatures.sign(sweep, input, htlcScript(k, htlc), amount, SigHash.SIGHASH_ALL, revocationKey);
    }
  }

  @Override
  public synchronized ByteVector signCounterpartyHtlcClaim(Transaction sweep, int input, Satoshi amount,
      PublicKey perCommitmentPoint, Htlc htlc) throws ChannelSignerException {
    requireReady("counterparty HTLC claim");
    checkInput(sweep, input);
    CommitmentKeys k = CommitmentKeys.derive(params, Side.COUNTERPARTY, perCommitmentPoint);
    try (SecretBytes htlcKey = KeyDerivation.derivePrivateKey(keys.htlcBase(), perCommitmentPoint)) {
      return Bolt3Signatures.sign(sweep, input, htlcScript(k, htlc), amount, SigHash.SIGHASH_ALL, htlcKey);
    }
  }

  /**
   * Not offered: without state this signer cannot tell whether the channel is open, and it has no
   * node key nor chain to check the announcement against ({@link PolicyChannelSigner} does).
   */
  @Override
  public ChannelReply.AnnouncementSignatures signChannelAnnouncement(byte[] unsignedAnnouncement)
      throws ChannelSignerException {
    throw new ChannelSignerException(Kind.NOT_OFFERED, "channel " + keys.id()
        + ": channel_announcement is signed only by the stateful signer");
  }

  @Override
  public synchronized void close() {
    keys.close();
    counterpartySecrets.close();
  }

  @Override
  public String toString() {
    return "Bolt3ChannelSigner[" + keys.id() + "]";
  }

  private CommitmentTransaction holderCommitment(CommitmentProposal proposal, ByteVector counterpartySignature)
      throws ChannelSignerException {
    long n = proposal.spec().commitmentNumber();
    if (!perCommitmentPoint(n).equals(proposal.perCommitmentPoint())) {
      throw new ChannelSignerException(Kind.PER_COMMITMENT_POINT_MISMATCH,
          "channel " + keys.id() + ": holder commitment " + n + " is keyed with a point that is not ours");
    }
    CommitmentTransaction c = rebuild(Side.HOLDER, proposal, "holder commitment");
    byte[] sighash = c.tx().hashForSigning(0, c.fundingScript().toByteArray(), SigHash.SIGHASH_ALL, c.fundingAmount(),
        SigVersion.SIGVERSION_WITNESS_V0);
    byte[] pubkey = params.counterparty().keys().fundingPubkey().value.toByteArray();
    boolean valid;
    try {
      valid = SECP.verify(SECP.der2compact(counterpartySignature.toByteArray()), sighash, pubkey);
    } catch (RuntimeException e) {
      valid = false;
    }
    if (!valid) {
      throw new ChannelSignerException(Kind.COUNTERPARTY_SIGNATURE_INVALID,
          "channel " + keys.id() + ": the counterparty signature on holder commitment " + n + " does not verify");
    }
    return c;
  }

  private CommitmentTransaction rebuild(Side broadcaster, CommitmentProposal proposal, String what)
      throws ChannelSignerException {
    requireReady(what);
    CommitmentTransaction c;
    try {
      c = CommitmentBuilder.build(params, broadcaster, proposal.spec(), proposal.perCommitmentPoint());
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ChannelSignerException(Kind.MALFORMED_REQUEST, "channel " + keys.id() + " " + what + ": " + e.getMessage());
    }
    compare(what + " " + proposal.spec().commitmentNumber(), c.tx(), proposal.proposed());
    return c;
  }

  private void compare(String what, Transaction rebuilt, Transaction proposed) throws ChannelSignerException {
    if (!rebuilt.equals(proposed)) {
      throw new ChannelSignerException(Kind.TRANSACTION_MISMATCH, "channel " + keys.id() + " " + what
          + ": rebuilt txid " + rebuilt.txid + " differs from proposed txid " + proposed.txid);
    }
  }

  private ByteVector htlcScript(CommitmentKeys k, Htlc htlc) {
    return switch (htlc.direction()) {
      case OFFERED -> Bolt3Scripts.offeredHtlc(params.type(), k, htlc.paymentHash());
      case RECEIVED -> Bolt3Scripts.receivedHtlc(params.type(), k, htlc.paymentHash(), htlc.cltvExpiry());
    };
  }

  private SecretBytes holderSecret(long commitmentNumber) throws ChannelSignerException {
    checkCommitmentNumber(commitmentNumber);
    try {
      return PerCommitmentSecrets.generateFromSeed(keys.commitmentSeed(), PerCommitmentSecrets.indexOf(commitmentNumber));
    } catch (Bolt3Exception e) {
      throw new ChannelSignerException(Kind.MALFORMED_REQUEST, e.getMessage());
    }
  }

  private static void checkCommitmentNumber(long n) throws ChannelSignerException {
    if (n < 0 || n > PerCommitmentSecrets.MAX_INDEX) {
      throw new ChannelSignerException(Kind.MALFORMED_REQUEST, "commitment number " + n + " is outside [0, 2^48-1]");
    }
  }

  private static void checkInput(Transaction tx, int input) throws ChannelSignerException {
    if (input < 0 || input >= tx.txIn.size()) {
      throw new ChannelSignerException(Kind.MALFORMED_REQUEST,
          "input " + input + " does not exist in a transaction with " + tx.txIn.size() + " inputs");
    }
  }

  private void requireReady(String what) throws ChannelSignerException {
    if (params == null) {
      throw new ChannelSignerException(Kind.CHANNEL_NOT_READY, "channel " + keys.id() + ": " + what + " before setup");
    }
  }

  private static MilliSatoshi msat(Satoshi s) {
    return new MilliSatoshi(Math.multiplyExact(s.toLong(), 1000L));
  }
}
