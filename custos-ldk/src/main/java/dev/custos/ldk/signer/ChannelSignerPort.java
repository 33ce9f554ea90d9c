package dev.custos.ldk.signer;

import dev.custos.core.ln.bolt3.ChannelParameters;
import dev.custos.core.ln.bolt3.ChannelPublicKeys;
import dev.custos.core.ln.bolt3.Htlc;
import dev.custos.core.ln.signer.ChannelReply;
import dev.custos.core.secret.SecretBytes;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.Transaction;
import java.util.List;

/**
 * What a Lightning node front door (the LDK adapter today, CLN hsmd and gRPC later) asks of the
 * signer of one channel, in protocol terms and without any node library's types. Commitment
 * numbers count up from 0 (BOLT 3); "holder" is this signer's side.
 *
 * <p>Contract every implementation keeps: transactions are rebuilt from the semantic parameters
 * with the BOLT 3 engine and a proposal that differs is refused with
 * {@link ChannelSignerException.Kind#TRANSACTION_MISMATCH}; a proposed transaction is never
 * signed as handed over. {@link Bolt3ChannelSigner} implements exactly that and nothing more;
 * {@link PolicyChannelSigner}, the stateful channel signer (revocation invariants, VLS policies,
 * persistence with debit before sign), implements this same interface behind the adapter.
 */
public interface ChannelSignerPort {
  /** This side's funding pubkey and basepoints (BOLT 2 {@code open_channel}/{@code accept_channel}). */
  ChannelPublicKeys holderKeys();

  /** {@code per_commitment_point} of holder commitment {@code commitmentNumber}. */
  PublicKey perCommitmentPoint(long commitmentNumber) throws ChannelSignerException;

  /**
   * Reveals the {@code per_commitment_secret} of holder commitment {@code commitmentNumber} (BOLT
   * 2 {@code revoke_and_ack}); the caller closes it. Warning: once released, broadcasting that
   * commitment loses the channel's funds to the counterparty.
   */
  SecretBytes releaseCommitmentSecret(long commitmentNumber) throws ChannelSignerException;

  /** Binds the channel parameters once the funding outpoint is known; signing needs it first. */
  void setup(ChannelParameters params) throws ChannelSignerException;

  /**
   * Validates a holder commitment the counterparty signed, with its signature and its HTLC
   * signatures in commitment output order (DER).
   */
  void validateHolderCommitment(CommitmentProposal proposal, ByteVector counterpartySignature,
      List<ByteVector> counterpartyHtlcSignatures) throws ChannelSignerException;

  /** Signs a counterparty commitment and, as the non-broadcaster, its HTLC transactions. */
  CommitmentSignatures signCounterpartyCommitment(CommitmentProposal proposal) throws ChannelSignerException;

  /** Records the counterparty's revocation of its commitment {@code commitmentNumber}. */
  void validateCounterpartyRevocation(long commitmentNumber, SecretBytes perCommitmentSecret)
      throws ChannelSignerException;

  /** Signs a holder commitment for broadcast (force close), and as broadcaster its HTLC transactions. */
  CommitmentSignatures signHolderCommitment(CommitmentProposal proposal, ByteVector counterpartySignature)
      throws ChannelSignerException;

  /** Signs a mutual close paying {@code holderAmount} and {@code counterpartyAmount} (fee already taken). */
  ByteVector signMutualClose(Satoshi holderAmount, Satoshi counterpartyAmount, ByteVector holderScript,
      ByteVector counterpartyScript, Transaction proposed) throws ChannelSignerException;

  /** Signs input {@code input} of {@code sweep}, spending {@code to_local} of a revoked counterparty commitment. */
  ByteVector signJusticeToLocal(Transaction sweep, int input, Satoshi amount, SecretBytes perCommitmentSecret)
      throws ChannelSignerException;

  /** Signs input {@code input} of {@code sweep}, spending an HTLC output of a revoked counterparty commitment. */
  ByteVector signJusticeHtlc(Transaction sweep, int input, Satoshi amount, SecretBytes perCommitmentSecret, Htlc htlc)
      throws ChannelSignerException;

  /**
   * Signs input {@code input} of {@code sweep}, claiming an HTLC output of the counterparty's
   * commitment keyed with {@code perCommitmentPoint} (timeout or preimage path).
   */
  ByteVector signCounterpartyHtlcClaim(Transaction sweep, int input, Satoshi amount, PublicKey perCommitmentPoint,
      Htlc htlc) throws ChannelSignerException;

  /**
   * BOLT 7 {@code channel_announcement}: the node signature and the bitcoin (funding key) signature
   * over the double-SHA256 of {@code unsignedAnnouncement}, the message after its four signatures.
   * Signed only for this channel, on the node's chain, once the channel is open (see custos-core
   * {@code ChannelCommand.SignChannelAnnouncement}).
   */
  ChannelReply.AnnouncementSignatures signChannelAnnouncement(byte[] unsignedAnnouncement) throws ChannelSignerException;
}
