package dev.custos.ldk.adapter;

import dev.custos.core.ln.bolt3.ChannelParameters;
import dev.custos.core.ln.bolt3.PerCommitmentSecrets;
import dev.custos.core.ln.bolt3.Side;
import dev.custos.core.ln.signer.ChannelReply;
import dev.custos.core.secret.SecretBytes;
import dev.custos.ldk.signer.ChannelKeyId;
import dev.custos.ldk.signer.ChannelSignerException;
import dev.custos.ldk.signer.ChannelSignerException.Kind;
import dev.custos.ldk.signer.ChannelSignerPort;
import dev.custos.ldk.signer.CommitmentProposal;
import dev.custos.ldk.signer.CommitmentSignatures;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.secp256k1.Secp256k1;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ldk.structs.BaseSign;
import org.ldk.structs.ChannelTransactionParameters;
import org.ldk.structs.ClosingTransaction;
import org.ldk.structs.CommitmentTransaction;
import org.ldk.structs.HTLCOutputInCommitment;
import org.ldk.structs.HolderCommitmentTransaction;
import org.ldk.structs.Result_C2Tuple_SignatureCVec_SignatureZZNoneZ;
import org.ldk.structs.Result_C2Tuple_SignatureSignatureZNoneZ;
import org.ldk.structs.Result_NoneNoneZ;
import org.ldk.structs.Result_SignatureNoneZ;
import org.ldk.structs.Sign;
import org.ldk.structs.TwoTuple_SignatureCVec_SignatureZZ;
import org.ldk.structs.TwoTuple_SignatureSignatureZ;
import org.ldk.structs.UnsignedChannelAnnouncement;

/**
 * LDK 0.0.106's {@code Sign}/{@code BaseSign} for one channel, answered by a
 * {@link ChannelSignerPort}. Each call converts LDK's structures to protocol values
 * ({@link LdkCommitments}, {@link LdkChannelParameters}), lets the port rebuild and sign, and
 * converts the DER signatures to LDK's 64-byte compact form. Nothing LDK hands over is signed as
 * is: commitments and closes are rebuilt by the port and compared, sweeps are signed over the
 * witness script the port derives from the channel's keys.
 *
 * <p>A refusal becomes LDK's {@code Err(())} and is reported, with its reason, to the
 * {@link SignerRefusalListener}. Only {@code get_per_commitment_point} and
 * {@code release_commitment_secret} have no error channel in LDK 0.0.106; they fail (with an
 * unchecked exception) only for an index outside {@code [0, 2^48-1]}, which LDK never sends.
 *
 * <p>Warning: {@code release_commitment_secret} must hand the secret to LDK as a Java array (LDK
 * sends it to the peer in {@code revoke_and_ack}); that copy is LDK's to drop.
 */
final class CustosSign implements BaseSign.BaseSignInterface, Sign.SignInterface {
  private static final Secp256k1 SECP = Secp256k1.Companion.get();

  private final ChannelSignerPort port;
  private final ChannelKeyId keyId;
  private final long channelValueSatoshis;
  private final SignerRefusalListener listener;
  private ChannelParameters params;
  private byte[] ldkParameters;

  CustosSign(ChannelSignerPort port, ChannelKeyId keyId, long channelValueSatoshis, SignerRefusalListener listener) {
    this.port = port;
    this.keyId = keyId;
    this.channelValueSatoshis = channelValueSatoshis;
    this.listener = listener;
  }

  /** The LDK object wrapping this signer. */
  Sign asSign() {
    return Sign.new_impl(this, this, LdkChannelParameters.toLdk(port.holderKeys()));
  }

  /** Restores the parameters a persisted record carries, as {@code ready_channel} would. */
  void restore(ChannelTransactionParameters ldk) throws ChannelSignerException {
    ready(ldk);
  }

  @Override
  public byte[] get_per_commitment_point(long idx) {
    try {
      return port.perCommitmentPoint(number(idx)).value.toByteArray();
    } catch (ChannelSignerException e) {
      listener.refused("get_per_commitment_point", e);
      throw new IllegalStateException(e.getMessage());
    }
  }

  @Override
  public byte[] release_commitment_secret(long idx) {
    try (SecretBytes secret = port.releaseCommitmentSecret(number(idx))) {
      return secret.copy();
    } catch (ChannelSignerException e) {
      listener.refused("release_commitment_secret", e);
      throw new IllegalStateException(e.getMessage());
    }
  }

  @Override
  public Result_NoneNoneZ validate_holder_commitment(HolderCommitmentTransaction holderTx, byte[][] preimages) {
    try {
      List<ByteVector> htlcSigs = new ArrayList<>();
      for (byte[] compact : convert("counterparty HTLC signatures", () -> LdkCommitments.counterpartyHtlcSignatures(holderTx))) {
        htlcSigs.add(der(compact));
      }
      port.validateHolderCommitment(holderProposal(holderTx), der(holderTx.get_counterparty_sig()), htlcSigs);
      return Result_NoneNoneZ.ok();
    } catch (ChannelSignerException | RuntimeException e) {
      listener.refused("validate_holder_commitment", refusal(e));
      return Result_NoneNoneZ.err();
    }
  }

  @Override
  public byte[] channel_keys_id() {
    return keyId.encode();
  }

  @Override
  public Result_C2Tuple_SignatureCVec_SignatureZZNoneZ sign_counterparty_commitment(CommitmentTransaction commitmentTx,
      byte[][] preimages) {
    try {
      ChannelParameters channel = ready();
      CommitmentProposal p = convert("counterparty commitment", () -> LdkCommitments.proposal(channel, Side.COUNTERPARTY, commitmentTx));
      return ok(port.signCounterpartyCommitment(p));
    } catch (ChannelSignerException | RuntimeException e) {
      listener.refused("sign_counterparty_commitment", refusal(e));
      return Result_C2Tuple_SignatureCVec_SignatureZZNoneZ.err();
    }
  }

  @Override
  public Result_NoneNoneZ validate_counterparty_revocation(long idx, byte[] secret) {
    try (SecretBytes s = SecretBytes.copyOf(secret)) {
      port.validateCounterpartyRevocation(number(idx), s);
      return Result_NoneNoneZ.ok();
    } catch (ChannelSignerException | RuntimeException e) {
      listener.refused("validate_counterparty_revocation", refusal(e));
      return Result_NoneNoneZ.err();
    }
  }

  @Override
  public Result_C2Tuple_SignatureCVec_SignatureZZNoneZ sign_holder_commitment_and_htlcs(HolderCommitmentTransaction commitmentTx) {
    try {
      return ok(port.signHolderCommitment(holderProposal(commitmentTx), der(commitmentTx.get_counterparty_sig())));
    } catch (ChannelSignerException | RuntimeException e) {
      listener.refused("sign_holder_commitment_and_htlcs", refusal(e));
      return Result_C2Tuple_SignatureCVec_SignatureZZNoneZ.err();
    }
  }

  @Override
  public Result_SignatureNoneZ sign_justice_revoked_output(byte[] justiceTx, long input, long amount, byte[] perCommitmentKey) {
    try (SecretBytes key = SecretBytes.copyOf(perCommitmentKey)) {
      Transaction tx = convert("justice transaction", () -> Transaction.read(justiceTx));
      return sig(port.signJusticeToLocal(tx, index(input), new Satoshi(amount), key));
    } catch (ChannelSignerException | RuntimeException e) {
      listener.refused("sign_justice_revoked_output", refusal(e));
      return Result_SignatureNoneZ.err();
    }
  }

  @Override
  public Result_SignatureNoneZ sign_justice_revoked_htlc(byte[] justiceTx, long input, long amount, byte[] perCommitmentKey,
      HTLCOutputInCommitment htlc) {
    try (SecretBytes key = SecretBytes.copyOf(perCommitmentKey)) {
      Transaction tx = convert("justice transaction", () -> Transaction.read(justiceTx));
      return sig(port.signJusticeHtlc(tx, index(input), new Satoshi(amount), key, convert("HTLC", () -> LdkCommitments.htlc(htlc))));
    } catch (ChannelSignerException | RuntimeException e) {
      listener.refused("sign_justice_revoked_htlc", refusal(e));
      return Result_SignatureNoneZ.err();
    }
  }

  @Override
  public Result_SignatureNoneZ sign_counterparty_htlc_transaction(byte[] htlcTx, long input, long amount,
      byte[] perCommitmentPoint, HTLCOutputInCommitment htlc) {
    try {
      Transaction tx = convert("HTLC claim transaction", () -> Transaction.read(htlcTx));
      PublicKey point = convert("per-commitment point", () -> new PublicKey(perCommitmentPoint));
      return sig(port.signCounterpartyHtlcClaim(tx, index(input), new Satoshi(amount), point,
          convert("HTLC", () -> LdkCommitments.htlc(htlc))));
    } catch (ChannelSignerException | RuntimeException e) {
      listener.refused("sign_counterparty_htlc_transaction", refusal(e));
      return Result_SignatureNoneZ.err();
    }
  }

  @Override
  public Result_SignatureNoneZ sign_closing_transaction(ClosingTransaction closingTx) {
    try {
      Transaction proposed = convert("closing transaction", () -> Transaction.read(closingTx.trust().built_transaction()));
      return sig(port.signMutualClose(new Satoshi(closingTx.to_holder_value_sat()),
          new Satoshi(closingTx.to_counterparty_value_sat()), new ByteVector(closingTx.to_holder_script()),
          new ByteVector(closingTx.to_counterparty_script()), proposed));
    } catch (ChannelSignerException | RuntimeException e) {
      listener.refused("sign_closing_transaction", refusal(e));
      return Result_SignatureNoneZ.err();
    }
  }

  @Override
  public Result_C2Tuple_SignatureSignatureZNoneZ sign_channel_announcement(UnsignedChannelAnnouncement msg) {
    try {
      ChannelReply.AnnouncementSignatures s = port.signChannelAnnouncement(msg.write());
      return Result_C2Tuple_SignatureSignatureZNoneZ.ok(TwoTuple_SignatureSignatureZ.of(compact(s.nodeSignature()),
          compact(s.bitcoinSignature())));
    } catch (ChannelSignerException | RuntimeException e) {
      listener.refused("sign_channel_announcement", refusal(e));
      return Result_C2Tuple_SignatureSignatureZNoneZ.err();
    }
  }

  @Override
  public void ready_channel(ChannelTransactionParameters channelParameters) {
    try {
      ready(channelParameters);
    } catch (ChannelSignerException | RuntimeException e) {
      listener.refused("ready_channel", refusal(e));
    }
  }

  @Override
  public synchronized byte[] write() {
    return new SignerRecord(keyId, channelValueSatoshis, Optional.ofNullable(ldkParameters)).encode();
  }

  /**
   * A refusal for the listener. An unchecked exception means the port or a library failed on input
   * LDK sent (for example libsecp256k1 rejecting a point): it becomes a malformed-request refusal
   * naming its class, because an exception must not unwind into LDK's native frames.
   */
  private ChannelSignerException refusal(Exception e) {
    if (e instanceof ChannelSignerException c) {
      return c;
    }
    return new ChannelSignerException(Kind.MALFORMED_REQUEST, "channel " + keyId + ": " + e.getClass().getSimpleName()
        + ": " + e.getMessage());
  }

  private synchronized void ready(ChannelTransactionParameters ldk) throws ChannelSignerException {
    ChannelParameters p = LdkChannelParameters.from(ldk, channelValueSatoshis);
    port.setup(p);
    params = p;
    ldkParameters = ldk.write();
  }

  private synchronized ChannelParameters ready() throws ChannelSignerException {
    if (params == null) {
      throw new ChannelSignerException(Kind.CHANNEL_NOT_READY, "channel " + keyId + " was not set up (ready_channel refused or not called)");
    }
    return params;
  }

  private CommitmentProposal holderProposal(HolderCommitmentTransaction holder) throws ChannelSignerException {
    ChannelParameters p = ready();
    return convert("holder commitment", () -> LdkCommitments.proposal(p, Side.HOLDER, LdkCommitments.inner(holder)));
  }

  private static long number(long idx) throws ChannelSignerException {
    if (idx < 0 || idx > PerCommitmentSecrets.MAX_INDEX) {
      throw new ChannelSignerException(Kind.MALFORMED_REQUEST, "commitment index " + idx + " is outside [0, 2^48-1]");
    }
    return PerCommitmentSecrets.MAX_INDEX - idx;
  }

  private static int index(long input) throws ChannelSignerException {
    if (input < 0 || input > Integer.MAX_VALUE) {
      throw new ChannelSignerException(Kind.MALFORMED_REQUEST, "input index " + input + " is out of range");
    }
    return (int) input;
  }

  private static ByteVector der(byte[] compact) throws ChannelSignerException {
    return convert("counterparty signature", () -> new ByteVector(SECP.compact2der(compact)));
  }

  private static byte[] compact(ByteVector der) {
    return SECP.der2compact(der.toByteArray());
  }

  private static Result_SignatureNoneZ sig(ByteVector der) {
    return Result_SignatureNoneZ.ok(compact(der));
  }

  private static Result_C2Tuple_SignatureCVec_SignatureZZNoneZ ok(CommitmentSignatures s) {
    byte[][] htlcs = s.htlcSignatures().stream().map(CustosSign::compact).toArray(byte[][]::new);
    return Result_C2Tuple_SignatureCVec_SignatureZZNoneZ.ok(TwoTuple_SignatureCVec_SignatureZZ.of(compact(s.commitmentSignature()), htlcs));
  }

  /** Runs an LDK-to-protocol conversion, turning any decoding failure into a specific refusal. */
  private static <T> T convert(String what, Conversion<T> conversion) throws ChannelSignerException {
    try {
      return conversion.run();
    } catch (RuntimeException e) {
      throw new ChannelSignerException(Kind.MALFORMED_REQUEST, what + " from LDK: " + e.getMessage());
    }
  }

  @FunctionalInterface
  private interface Conversion<T> {
    T run();
  }
}
