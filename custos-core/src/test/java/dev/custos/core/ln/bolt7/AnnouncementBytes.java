package dev.custos.core.ln.bolt7;

import fr.acinq.bitcoin.PublicKey;
import java.io.ByteArrayOutputStream;

/**
 * Writes the unsigned part of a BOLT 7 {@code channel_announcement} field by field, independently
 * of the parser under test: {@code u16 len, features, chain_hash, short_channel_id (8, big-endian),
 * node_id_1, node_id_2, bitcoin_key_1, bitcoin_key_2, excess}.
 */
public record AnnouncementBytes(byte[] features, byte[] chainHash, long shortChannelId, PublicKey nodeId1,
    PublicKey nodeId2, PublicKey bitcoinKey1, PublicKey bitcoinKey2, byte[] excess) {

  public byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(features.length >>> 8);
    out.write(features.length);
    out.writeBytes(features);
    out.writeBytes(chainHash);
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.write((int) (shortChannelId >>> shift));
    }
    out.writeBytes(nodeId1.value.toByteArray());
    out.writeBytes(nodeId2.value.toByteArray());
    out.writeBytes(bitcoinKey1.value.toByteArray());
    out.writeBytes(bitcoinKey2.value.toByteArray());
    out.writeBytes(excess);
    return out.toByteArray();
  }

  public AnnouncementBytes withChainHash(byte[] hash) {
    return new AnnouncementBytes(features, hash, shortChannelId, nodeId1, nodeId2, bitcoinKey1, bitcoinKey2, excess);
  }

  public AnnouncementBytes withShortChannelId(long scid) {
    return new AnnouncementBytes(features, chainHash, scid, nodeId1, nodeId2, bitcoinKey1, bitcoinKey2, excess);
  }

  public AnnouncementBytes withNodeIds(PublicKey one, PublicKey two) {
    return new AnnouncementBytes(features, chainHash, shortChannelId, one, two, bitcoinKey1, bitcoinKey2, excess);
  }

  public AnnouncementBytes withBitcoinKeys(PublicKey one, PublicKey two) {
    return new AnnouncementBytes(features, chainHash, shortChannelId, nodeId1, nodeId2, one, two, excess);
  }
}
