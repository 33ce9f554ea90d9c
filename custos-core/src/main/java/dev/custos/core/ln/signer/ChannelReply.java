package dev.custos.core.ln.signer;

import dev.custos.core.ln.bolt3.ChannelPublicKeys;
import dev.custos.core.secret.SecretBytes;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.PublicKey;
import java.util.List;

/**
 * What the signer answers to a {@link ChannelCommand} it applied. Signatures are DER without the
 * sighash byte, as BOLT 2 messages carry them. A reply holding a secret is {@link AutoCloseable}.
 */
public sealed interface ChannelReply {
  /** The channel is bound: our keys for {@code accept_channel}/{@code open_channel}. */
  record ChannelReady(ChannelPublicKeys holderKeys, PublicKey firstPerCommitmentPoint) implements ChannelReply {}

  /** The funding transaction may be signed. */
  record FundingApproved() implements ChannelReply {}

  record PerCommitmentPoint(long number, PublicKey point) implements ChannelReply {}

  /** Our commitment {@code number} is valid and counter-signed. */
  record HolderCommitmentValidated(long number) implements ChannelReply {}

  /**
   * {@code revoke_and_ack}: the released secret of commitment {@code number} and the point of
   * commitment {@code number + 2}. Close after sending.
   */
  record HolderRevocation(long number, SecretBytes secret, PublicKey nextPoint) implements ChannelReply, AutoCloseable {
    @Override
    public void close() {
      secret.close();
    }
  }

  /** {@code commitment_signed}: the commitment signature and HTLC signatures in output order. */
  record CommitmentSignatures(long number, ByteVector signature, List<ByteVector> htlcSignatures) implements ChannelReply {
    public CommitmentSignatures {
      htlcSignatures = List.copyOf(htlcSignatures);
    }
  }

  /** The counterparty's revocation was checked and its secret stored. */
  record CounterpartyRevoked(long number) implements ChannelReply {}

  record ClosingSignature(ByteVector signature) implements ChannelReply {}

  record SweepSignature(ByteVector signature) implements ChannelReply {}

  /**
   * BOLT 7 {@code announcement_signatures}: our node key's and our funding key's signatures of the
   * {@code channel_announcement}, and which position ({@code 1} or {@code 2}) our node holds in it.
   */
  record AnnouncementSignatures(ByteVector nodeSignature, ByteVector bitcoinSignature, int position)
      implements ChannelReply {}
}
