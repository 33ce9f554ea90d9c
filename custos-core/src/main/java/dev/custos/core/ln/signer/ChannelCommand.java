package dev.custos.core.ln.signer;

import dev.custos.core.ln.bolt3.ChannelPublicKeys;
import dev.custos.core.ln.bolt3.CommitmentSpec;
import dev.custos.core.ln.bolt3.FeeratePerKw;
import dev.custos.core.ln.bolt3.Side;
import dev.custos.core.secret.SecretBytes;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.Transaction;
import java.util.List;
import java.util.Optional;

/**
 * What a front door (LDK adapter, CLN hsmd, gRPC) asks the channel signer to do: the same commands
 * for all of them. Each carries semantic parameters; transactions the node built travel only as
 * {@link ProposedTransaction}s to compare against.
 */
public sealed interface ChannelCommand {
  ChannelId channelId();

  /**
   * Binds a channel (BOLT 2 {@code open_channel}/{@code accept_channel}/{@code funding_created}).
   *
   * @param channelTypeBits the BOLT 2 {@code channel_type} bitfield, big-endian
   * @param holderToSelfDelay the delay on our commitments, chosen by the counterparty
   * @param counterpartyToSelfDelay the delay on the counterparty's commitments, chosen by us
   */
  record SetupChannel(ChannelId channelId, OutPoint fundingOutpoint, Satoshi fundingAmount, byte[] channelTypeBits,
      Side funder, int holderToSelfDelay, Satoshi holderDustLimit, ChannelPublicKeys counterpartyKeys,
      int counterpartyToSelfDelay, Satoshi counterpartyDustLimit, Optional<ByteVector> holderShutdownScript,
      Optional<ByteVector> counterpartyShutdownScript) implements ChannelCommand {
    public SetupChannel {
      channelTypeBits = channelTypeBits.clone();
    }

    @Override
    public byte[] channelTypeBits() {
      return channelTypeBits.clone();
    }
  }

  /** Whether the funding transaction may be signed: its output and our countersigned commitment 0. */
  record CheckFundingTransaction(ChannelId channelId, Transaction fundingTx) implements ChannelCommand {}

  /** The per-commitment point of our commitment {@code number} (for {@code *_per_commitment_point}). */
  record GetPerCommitmentPoint(ChannelId channelId, long number) implements ChannelCommand {}

  /**
   * BOLT 2 {@code commitment_signed} received: the counterparty's signature on our next commitment
   * {@code spec} (our point of view) and its HTLC signatures in output order.
   */
  record ValidateHolderCommitment(ChannelId channelId, CommitmentSpec spec, ByteVector counterpartySignature,
      List<ByteVector> counterpartyHtlcSignatures) implements ChannelCommand {
    public ValidateHolderCommitment {
      counterpartyHtlcSignatures = List.copyOf(counterpartyHtlcSignatures);
    }
  }

  /** BOLT 2 {@code revoke_and_ack} to send: release the secret of our commitment {@code number}. */
  record RevokeHolderCommitment(ChannelId channelId, long number) implements ChannelCommand {}

  /**
   * BOLT 2 {@code commitment_signed} to send: sign the counterparty's commitment {@code spec} (its
   * point of view) keyed with its {@code point}, and its HTLC transactions.
   */
  record SignCounterpartyCommitment(ChannelId channelId, CommitmentSpec spec, PublicKey point,
      ProposedTransaction commitment, List<ProposedTransaction> htlcTransactions) implements ChannelCommand {
    public SignCounterpartyCommitment {
      htlcTransactions = List.copyOf(htlcTransactions);
    }
  }

  /**
   * BOLT 2 {@code revoke_and_ack} received: the secret of counterparty commitment {@code number}.
   * The command owns {@code secret}; the signer does not close it.
   */
  record ValidateCounterpartyRevocation(ChannelId channelId, long number, SecretBytes secret) implements ChannelCommand {}

  /** Force close: our signature on our latest commitment and our HTLC-transaction signatures. */
  record SignHolderCommitment(ChannelId channelId, long number, ProposedTransaction commitment) implements ChannelCommand {}

  /** BOLT 2 {@code closing_signed}: our signature on a mutual close paying these scripts. */
  record SignMutualClose(ChannelId channelId, Transaction closingTx, ByteVector holderScript,
      ByteVector counterpartyScript) implements ChannelCommand {}

  /**
   * BOLT 7 {@code channel_announcement}: our node signature and our bitcoin (funding key)
   * signature over the announcement's unsigned part ({@link
   * dev.custos.core.ln.bolt7.UnsignedChannelAnnouncement}: everything after the four signatures).
   * Signed only when the message parses ({@code policy-announcement-format}), names our node's
   * chain ({@code policy-announcement-chain-hash}), the channel's commitment 0 was counter-signed
   * ({@code policy-announcement-channel-open}), the node ids are in ascending order and one is ours
   * ({@code policy-announcement-node-id}), the bitcoin keys at the same positions are our and the
   * counterparty's funding pubkeys ({@code policy-announcement-funding-pubkey}), and the
   * {@code short_channel_id}'s output index is the funding outpoint's
   * ({@code policy-announcement-short-channel-id}). Block height and transaction index are not
   * checked: that needs a chain oracle.
   */
  record SignChannelAnnouncement(ChannelId channelId, byte[] unsignedAnnouncement) implements ChannelCommand {
    public SignChannelAnnouncement {
      unsignedAnnouncement = unsignedAnnouncement.clone();
    }

    @Override
    public byte[] unsignedAnnouncement() {
      return unsignedAnnouncement.clone();
    }
  }

  /** Our signature on a sweep of a channel output to {@code destination}. */
  record SignSweep(ChannelId channelId, SweepSource source, ByteVector destination, FeeratePerKw feerate,
      Transaction sweepTx) implements ChannelCommand {}

  /**
   * Our signature (SIGHASH_ALL) on input {@code input} of {@code sweepTx}, a sweep that may gather
   * several channel outputs (LDK's justice and HTLC-claim transactions do, and so does a sweep of
   * our own outputs after a force close, {@code SweepInput.HolderToLocal} and
   * {@code CounterpartyToRemote}): the
   * signer rebuilds that input's witness script from {@code source}, checks the whole
   * transaction's destinations and format, and bounds the fee as far as one input's
   * {@code amount} allows (see {@code SweepInputSigning}).
   */
  record SignSweepInput(ChannelId channelId, Transaction sweepTx, int input, Satoshi amount, SweepInput source)
      implements ChannelCommand {}

  /** Which channel output a {@link SignSweep} spends. */
  sealed interface SweepSource {
    /** Our {@code to_local} on our latest commitment, after {@code to_self_delay}. */
    record HolderToLocal() implements SweepSource {}

    /** Our balance on a counterparty commitment that was broadcast. */
    record CounterpartyToRemote(Transaction counterpartyCommitment) implements SweepSource {}

    /** Justice: the counterparty's {@code to_local} on its revoked commitment {@code number}. */
    record RevokedToLocal(long number, Transaction revokedCommitment) implements SweepSource {}
  }
}
