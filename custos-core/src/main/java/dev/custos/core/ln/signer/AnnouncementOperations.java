package dev.custos.core.ln.signer;

import dev.custos.core.ln.bolt3.ChannelParameters;
import dev.custos.core.ln.bolt7.Bolt7FormatException;
import dev.custos.core.ln.bolt7.UnsignedChannelAnnouncement;
import dev.custos.core.ln.signer.ChannelCommand.SignChannelAnnouncement;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.PublicKey;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@link SignChannelAnnouncement}: checks a BOLT 7 {@code channel_announcement} against the
 * channel's bound parameters and the node's identity, then signs its double-SHA256 with the node
 * key and the funding key. The check order is the order of the tags in
 * {@link ChannelCommand.SignChannelAnnouncement}; nothing changes in the channel state.
 */
final class AnnouncementOperations {
  private AnnouncementOperations() {}

  static ChannelOutcome sign(ChannelState s, SignChannelAnnouncement c, ChannelKeys keys, Optional<NodeIdentity> node)
      throws ChannelPolicyException {
    NodeIdentity identity = node.orElseThrow(() -> new ChannelPolicyException(LnPolicy.GENERIC_ERROR, "channel " + s.id()
        + ": this signer has no node identity, so it signs no channel_announcement"));
    UnsignedChannelAnnouncement a;
    try {
      a = UnsignedChannelAnnouncement.parse(c.unsignedAnnouncement());
    } catch (Bolt7FormatException e) {
      throw new ChannelPolicyException(LnPolicy.ANNOUNCEMENT_FORMAT, "channel " + s.id() + ": " + e.getMessage());
    }
    ByteVector32 chain = identity.network().chainHash().value;
    if (!a.chainHash().equals(chain)) {
      throw new ChannelPolicyException(LnPolicy.ANNOUNCEMENT_CHAIN_HASH, "channel " + s.id() + ": chain_hash "
          + a.chainHash().toHex() + " is not the " + identity.network().id() + " genesis hash " + chain.toHex());
    }
    if (s.nextHolderNumber() == 0) {
      throw new ChannelPolicyException(LnPolicy.ANNOUNCEMENT_CHANNEL_OPEN, "channel " + s.id()
          + ": our commitment 0 was not counter-signed yet, so the funding transaction is not published");
    }
    int position = position(s, a, identity.nodeId());
    ChannelParameters p = s.params();
    PublicKey ours = p.holder().keys().fundingPubkey();
    PublicKey theirs = p.counterparty().keys().fundingPubkey();
    PublicKey announcedOurs = position == 1 ? a.bitcoinKey1() : a.bitcoinKey2();
    PublicKey announcedTheirs = position == 1 ? a.bitcoinKey2() : a.bitcoinKey1();
    if (!announcedOurs.equals(ours) || !announcedTheirs.equals(theirs)) {
      throw new ChannelPolicyException(LnPolicy.ANNOUNCEMENT_FUNDING_PUBKEY, "channel " + s.id() + ": bitcoin_key_1 "
          + a.bitcoinKey1() + " and bitcoin_key_2 " + a.bitcoinKey2() + " are not " + (position == 1 ? "our and the counterparty's"
              : "the counterparty's and our") + " funding pubkeys " + (position == 1 ? ours + ", " + theirs : theirs + ", " + ours));
    }
    long fundingIndex = p.fundingOutpoint().index;
    if (a.shortChannelId().outputIndex() != fundingIndex) {
      throw new ChannelPolicyException(LnPolicy.ANNOUNCEMENT_SHORT_CHANNEL_ID, "channel " + s.id() + ": short_channel_id "
          + a.shortChannelId() + " names output " + a.shortChannelId().outputIndex() + ", the funding outpoint is "
          + p.fundingOutpoint().txid + ":" + fundingIndex);
    }
    ByteVector32 digest = a.digest();
    return new ChannelOutcome.Applied(s, new ChannelReply.AnnouncementSignatures(identity.sign(digest),
        NodeIdentity.signDigest(keys.funding(), digest), position));
  }

  /** Our position, 1 or 2, after checking the node ids are strictly ascending and one is ours. */
  private static int position(ChannelState s, UnsignedChannelAnnouncement a, PublicKey ourNodeId)
      throws ChannelPolicyException {
    byte[] one = a.nodeId1().value.toByteArray();
    byte[] two = a.nodeId2().value.toByteArray();
    if (Arrays.compareUnsigned(one, two) >= 0) {
      throw new ChannelPolicyException(LnPolicy.ANNOUNCEMENT_NODE_ID, "channel " + s.id() + ": node_id_1 " + a.nodeId1()
          + " is not lexicographically below node_id_2 " + a.nodeId2());
    }
    if (a.nodeId1().equals(ourNodeId)) {
      return 1;
    }
    if (a.nodeId2().equals(ourNodeId)) {
      return 2;
    }
    throw new ChannelPolicyException(LnPolicy.ANNOUNCEMENT_NODE_ID, "channel " + s.id() + ": neither node_id_1 "
        + a.nodeId1() + " nor node_id_2 " + a.nodeId2() + " is our node id " + ourNodeId);
  }
}
