package dev.custos.ldk.signer;

import dev.custos.core.ln.bolt3.Bolt3Scripts;
import dev.custos.core.ln.bolt3.ChannelParameters;
import dev.custos.core.ln.bolt3.ChannelPublicKeys;
import dev.custos.core.ln.bolt3.CommitmentBuilder;
import dev.custos.core.ln.bolt3.CommitmentOutput;
import dev.custos.core.ln.bolt3.CommitmentTransaction;
import dev.custos.core.ln.bolt3.Htlc;
import dev.custos.core.ln.bolt3.HtlcTransaction;
import dev.custos.core.ln.bolt3.HtlcTransactions;
import dev.custos.core.ln.bolt3.PerCommitmentSecrets;
import dev.custos.core.ln.bolt3.Side;
import dev.custos.core.ln.signer.ChannelCommand;
import dev.custos.core.ln.signer.ChannelId;
import dev.custos.core.ln.signer.ChannelKeys;
import dev.custos.core.ln.signer.ChannelReply;
import dev.custos.core.ln.signer.ChannelState;
import dev.custos.core.ln.signer.ProposedTransaction;
import dev.custos.core.ln.signer.SweepInput;
import dev.custos.core.secret.SecretBytes;
import dev.custos.ldk.signer.ChannelSignerException.Kind;
import dev.custos.service.channel.ChannelKeySource;
import dev.custos.service.channel.ChannelRefusedException;
import dev.custos.service.channel.ChannelSigner;
import dev.custos.store.StoreException;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxOut;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link ChannelSignerPort} on the stateful, persisted, policy-enforcing channel signer
 * (custos-service {@link ChannelSigner} over custos-core {@code ln.signer}): every request that
 * changes or depends on the channel's revocation state becomes a {@link ChannelCommand}, runs in
 * one store transaction, and its signature or secret is returned only after the new state and its
 * audit record are committed. A policy refusal is {@link Kind#POLICY_REFUSED} with its VLS rule.
 *
 * <p>Mapping (LDK 0.0.106 call → command):
 * <ul>
 *   <li>{@code ready_channel} → {@code SetupChannel}; a reloaded channel (the same parameters bound
 *       again after a restart) is recognised from the stored state and not set up twice;
 *   <li>{@code validate_holder_commitment} → {@code ValidateHolderCommitment} (with the
 *       counterparty's HTLC signatures);
 *   <li>{@code release_commitment_secret} → {@code RevokeHolderCommitment};
 *   <li>{@code sign_counterparty_commitment} → {@code SignCounterpartyCommitment};
 *   <li>{@code validate_counterparty_revocation} → {@code ValidateCounterpartyRevocation};
 *   <li>{@code sign_holder_commitment_and_htlcs} → {@code SignHolderCommitment};
 *   <li>{@code sign_closing_transaction} → {@code SignMutualClose};
 *   <li>{@code sign_justice_revoked_output}, {@code sign_justice_revoked_htlc} and
 *       {@code sign_counterparty_htlc_transaction} → {@code SignSweepInput} (one input of LDK's
 *       aggregated claim transaction, its script rebuilt from the stored shachain or from an
 *       unrevoked counterparty commitment's point and HTLC set).
 *   <li>{@code sign_channel_announcement} → {@code SignChannelAnnouncement} (node and funding key).
 * </ul>
 * {@code get_per_commitment_point} is derived directly (a point reveals nothing, LDK asks for the
 * first one before the channel exists, and it has no error channel). LDK does not hand the signer
 * the output witness scripts nor the counterparty's HTLC transactions: the witness scripts of
 * outputs whose scriptPubKey the engine rebuilds are taken from the rebuild (others stay empty, so
 * a mismatch is named less precisely), and the HTLC transactions are built from the commitment.
 *
 * <p>Every signing call of LDK 0.0.106's {@code BaseSign} is offered; what the core refuses comes
 * back as {@link Kind#POLICY_REFUSED} with its rule.
 */
public final class PolicyChannelSigner implements ChannelSignerPort {
  /** BOLT 2 {@code channel_type} with only {@code option_static_remotekey} (bit 12), big-endian. */
  private static final byte[] STATIC_REMOTE_KEY_BITS = {0x10, 0x00};

  private final ChannelSigner signer;
  private final ChannelKeySource keys;
  private final ChannelId id;
  private final ChannelPublicKeys holderKeys;
  private volatile ChannelParameters params;

  public PolicyChannelSigner(ChannelSigner signer, ChannelKeySource keys, ChannelKeyId keyId) {
    this.signer = signer;
    this.keys = keys;
    this.id = new ChannelId(new ByteVector32(keyId.encode()));
    try (ChannelKeys k = keys.keys(id)) {
      this.holderKeys = k.publicKeys();
    }
  }

  /** The id under which the channel's state is stored (LDK's {@code channel_keys_id}). */
  public ChannelId channelId() {
    return id;
  }

  @Override
  public ChannelPublicKeys holderKeys() {
    return holderKeys;
  }

  @Override
  public PublicKey perCommitmentPoint(long commitmentNumber) throws ChannelSignerException {
    checkNumber(commitmentNumber);
    try (ChannelKeys k = keys.keys(id)) {
      return k.perCommitmentPoint(commitmentNumber);
    }
  }

  @Override
  public SecretBytes releaseCommitmentSecret(long commitmentNumber) throws ChannelSignerException {
    var r = (ChannelReply.HolderRevocation) execute(new ChannelCommand.RevokeHolderCommitment(id, commitmentNumber));
    return r.secret();
  }

  @Override
  public synchronized void setup(ChannelParameters p) throws ChannelSignerException {
    if (!p.holder().keys().equals(holderKeys)) {
      throw new ChannelSignerException(Kind.CHANNEL_SETUP_REFUSED,
          "channel " + id + ": the holder keys in the parameters are not this signer's");
    }
    Optional<ChannelState> stored;
    try {
      stored = signer.state(id);
    } catch (StoreException e) {
      throw new ChannelSignerException(Kind.STORE_FAILED, "channel " + id + ": " + e.getMessage());
    }
    if (stored.isPresent()) {
      if (!stored.get().params().equals(p)) {
        throw new ChannelSignerException(Kind.CHANNEL_SETUP_REFUSED,
            "channel " + id + " is stored with other parameters than the ones bound again");
      }
      params = p;
      return;
    }
    execute(new ChannelCommand.SetupChannel(id, p.fundingOutpoint(), p.fundingAmount(), STATIC_REMOTE_KEY_BITS, p.funder(),
        p.holder().toSelfDelay(), p.holder().dustLimit(), p.counterparty().keys(), p.counterparty().toSelfDelay(),
        p.counterparty().dustLimit(), Optional.empty(), Optional.empty()));
    params = p;
  }

  @Override
  public void validateHolderCommitment(CommitmentProposal proposal, ByteVector counterpartySignature,
      List<ByteVector> counterpartyHtlcSignatures) throws ChannelSignerException {
    long n = proposal.spec().commitmentNumber();
    checkNumber(n);
    if (!perCommitmentPoint(n).equals(proposal.perCommitmentPoint())) {
      throw new ChannelSignerException(Kind.PER_COMMITMENT_POINT_MISMATCH,
          "channel " + id + ": holder commitment " + n + " is keyed with a point that is not ours");
    }
    execute(new ChannelCommand.ValidateHolderCommitment(id, proposal.spec(), counterpartySignature,
        counterpartyHtlcSignatures));
  }

  @Override
  public CommitmentSignatures signCounterpartyCommitment(CommitmentProposal proposal) throws ChannelSignerException {
    CommitmentTransaction rebuilt = rebuild(Side.COUNTERPARTY, proposal);
    ByteVector htlcOutput = Bolt3Scripts.toLocal(rebuilt.keys().revocationKey(), required().counterparty().toSelfDelay(),
        rebuilt.keys().localDelayedKey());
    List<ProposedTransaction> htlcs = new ArrayList<>();
    for (HtlcTransaction h : HtlcTransactions.build(required(), rebuilt)) {
      htlcs.add(new ProposedTransaction(h.tx(), List.of(htlcOutput)));
    }
    var r = (ChannelReply.CommitmentSignatures) execute(new ChannelCommand.SignCounterpartyCommitment(id, proposal.spec(),
        proposal.perCommitmentPoint(), proposed(proposal.proposed(), rebuilt), htlcs));
    return new CommitmentSignatures(r.signature(), r.htlcSignatures());
  }

  @Override
  public void validateCounterpartyRevocation(long commitmentNumber, SecretBytes perCommitmentSecret)
      throws ChannelSignerException {
    execute(new ChannelCommand.ValidateCounterpartyRevocation(id, commitmentNumber, perCommitmentSecret));
  }

  @Override
  public CommitmentSignatures signHolderCommitment(CommitmentProposal proposal, ByteVector counterpartySignature)
      throws ChannelSignerException {
    CommitmentTransaction rebuilt = rebuild(Side.HOLDER, proposal);
    var r = (ChannelReply.CommitmentSignatures) execute(new ChannelCommand.SignHolderCommitment(id,
        proposal.spec().commitmentNumber(), proposed(proposal.proposed(), rebuilt)));
    return new CommitmentSignatures(r.signature(), r.htlcSignatures());
  }

  @Override
  public ByteVector signMutualClose(Satoshi holderAmount, Satoshi counterpartyAmount, ByteVector holderScript,
      ByteVector counterpartyScript, Transaction proposed) throws ChannelSignerException {
    var r = (ChannelReply.ClosingSignature) execute(new ChannelCommand.SignMutualClose(id, proposed, holderScript,
        counterpartyScript));
    return r.signature();
  }

  @Override
  public ByteVector signJusticeToLocal(Transaction sweep, int input, Satoshi amount, SecretBytes perCommitmentSecret)
      throws ChannelSignerException {
    return sweepInput(sweep, input, amount, new SweepInput.RevokedToLocal(perCommitmentSecret));
  }

  @Override
  public ByteVector signJusticeHtlc(Transaction sweep, int input, Satoshi amount, SecretBytes perCommitmentSecret,
      Htlc htlc) throws ChannelSignerException {
    return sweepInput(sweep, input, amount, new SweepInput.RevokedHtlc(perCommitmentSecret, htlc));
  }

  @Override
  public ByteVector signCounterpartyHtlcClaim(Transaction sweep, int input, Satoshi amount, PublicKey perCommitmentPoint,
      Htlc htlc) throws ChannelSignerException {
    return sweepInput(sweep, input, amount, new SweepInput.CounterpartyHtlc(perCommitmentPoint, htlc));
  }

  /**
   * Input {@code input} of a sweep of our delayed {@code to_local} after a force close (LDK's
   * {@code DelayedPaymentOutput}): {@code SignSweepInput} with {@code HolderToLocal}, which
   * rebuilds our latest holder commitment and checks the input spends its {@code to_local} with
   * nSequence {@code to_self_delay}, and that every output pays an approved destination. Not part
   * of LDK's {@code BaseSign}: LDK leaves these outputs to the wallet.
   *
   * @return the DER signature without sighash byte (SIGHASH_ALL)
   */
  public ByteVector signHolderToLocalSweep(Transaction sweep, int input, Satoshi amount, PublicKey perCommitmentPoint)
      throws ChannelSignerException {
    return sweepInput(sweep, input, amount, new SweepInput.HolderToLocal(perCommitmentPoint));
  }

  /**
   * Input {@code input} of a sweep of our {@code to_remote} on a counterparty commitment that was
   * broadcast (LDK's {@code StaticPaymentOutput}): {@code SignSweepInput} with
   * {@code CounterpartyToRemote}, signed with the payment basepoint secret (static_remotekey).
   *
   * @return the DER signature without sighash byte (SIGHASH_ALL)
   */
  public ByteVector signToRemoteSweep(Transaction sweep, int input, Satoshi amount) throws ChannelSignerException {
    return sweepInput(sweep, input, amount, new SweepInput.CounterpartyToRemote());
  }

  @Override
  public ChannelReply.AnnouncementSignatures signChannelAnnouncement(byte[] unsignedAnnouncement)
      throws ChannelSignerException {
    return (ChannelReply.AnnouncementSignatures) execute(new ChannelCommand.SignChannelAnnouncement(id, unsignedAnnouncement));
  }

  @Override
  public String toString() {
    return "PolicyChannelSigner[" + id + "]";
  }

  private ChannelReply execute(ChannelCommand command) throws ChannelSignerException {
    try {
      return signer.execute(command);
    } catch (ChannelRefusedException e) {
      throw new ChannelSignerException(e.rule(), "channel " + id + ": " + e.getMessage());
    } catch (StoreException e) {
      throw new ChannelSignerException(Kind.STORE_FAILED, "channel " + id + " " + command.getClass().getSimpleName()
          + ": " + e.getMessage());
    }
  }

  private ByteVector sweepInput(Transaction sweep, int input, Satoshi amount, SweepInput source)
      throws ChannelSignerException {
    var r = (ChannelReply.SweepSignature) execute(new ChannelCommand.SignSweepInput(id, sweep, input, amount, source));
    return r.signature();
  }

  private CommitmentTransaction rebuild(Side broadcaster, CommitmentProposal proposal) throws ChannelSignerException {
    try {
      return CommitmentBuilder.build(required(), broadcaster, proposal.spec(), proposal.perCommitmentPoint());
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ChannelSignerException(Kind.MALFORMED_REQUEST, "channel " + id + " commitment "
          + proposal.spec().commitmentNumber() + ": " + e.getMessage());
    }
  }

  /**
   * LDK's transaction with a witness script for each output: the rebuilt one where the
   * scriptPubKey matches a rebuilt output, empty otherwise (LDK does not pass scripts).
   */
  private static ProposedTransaction proposed(Transaction tx, CommitmentTransaction rebuilt) {
    List<ByteVector> scripts = new ArrayList<>();
    for (TxOut out : tx.txOut) {
      scripts.add(rebuilt.outputs().stream().filter(o -> o.txOut().publicKeyScript.equals(out.publicKeyScript))
          .map(CommitmentOutput::witnessScript).findFirst().orElse(ByteVector.empty));
    }
    return new ProposedTransaction(tx, scripts);
  }

  private ChannelParameters required() throws ChannelSignerException {
    ChannelParameters p = params;
    if (p == null) {
      throw new ChannelSignerException(Kind.CHANNEL_NOT_READY, "channel " + id + " was not set up");
    }
    return p;
  }

  private static void checkNumber(long n) throws ChannelSignerException {
    if (n < 0 || n > PerCommitmentSecrets.MAX_INDEX) {
      throw new ChannelSignerException(Kind.MALFORMED_REQUEST, "commitment number " + n + " is outside [0, 2^48-1]");
    }
  }
}
