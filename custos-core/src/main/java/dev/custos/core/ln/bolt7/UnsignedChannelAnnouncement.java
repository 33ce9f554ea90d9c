package dev.custos.core.ln.bolt7;

import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.Crypto;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.secp256k1.Secp256k1;
import fr.acinq.secp256k1.Secp256k1Exception;
import java.util.Arrays;

/**
 * The part of a BOLT 7 {@code channel_announcement} that its four signatures cover: everything
 * after the signatures ("beginning at offset 256"), which is what LDK's
 * {@code UnsignedChannelAnnouncement.write()} produces:
 *
 * <pre>
 * u16 len, len*byte features, chain_hash (32), short_channel_id (8),
 * point node_id_1, point node_id_2, point bitcoin_key_1, point bitcoin_key_2, excess data
 * </pre>
 *
 * Points are 33-byte compressed secp256k1 keys, checked by libsecp256k1. {@link #digest()} is the
 * double-SHA256 of exactly the parsed bytes, the message every signature signs.
 *
 * <p>The parser checks the layout only; whether the announcement is ours to sign (chain, node ids,
 * order, funding keys) is the channel signer's decision.
 */
public final class UnsignedChannelAnnouncement {
  private static final Secp256k1 SECP = Secp256k1.Companion.get();
  private static final int POINT = 33;

  private final ByteVector features;
  private final ByteVector32 chainHash;
  private final ShortChannelId shortChannelId;
  private final PublicKey nodeId1;
  private final PublicKey nodeId2;
  private final PublicKey bitcoinKey1;
  private final PublicKey bitcoinKey2;
  private final ByteVector excessData;
  private final ByteVector encoded;

  private UnsignedChannelAnnouncement(ByteVector features, ByteVector32 chainHash, ShortChannelId shortChannelId,
      PublicKey nodeId1, PublicKey nodeId2, PublicKey bitcoinKey1, PublicKey bitcoinKey2, ByteVector excessData,
      ByteVector encoded) {
    this.features = features;
    this.chainHash = chainHash;
    this.shortChannelId = shortChannelId;
    this.nodeId1 = nodeId1;
    this.nodeId2 = nodeId2;
    this.bitcoinKey1 = bitcoinKey1;
    this.bitcoinKey2 = bitcoinKey2;
    this.excessData = excessData;
    this.encoded = encoded;
  }

  /**
   * Parses the unsigned part.
   *
   * @throws Bolt7FormatException when it is truncated, its feature length runs past its end, or a
   *     point is not a valid compressed secp256k1 key; the message names the field and offset
   */
  public static UnsignedChannelAnnouncement parse(byte[] message) throws Bolt7FormatException {
    if (message == null) {
      throw new Bolt7FormatException("channel_announcement: no message");
    }
    Reader r = new Reader(message);
    int featuresLength = r.u16("features length");
    ByteVector features = new ByteVector(r.bytes("features", featuresLength));
    ByteVector32 chainHash = new ByteVector32(r.bytes("chain_hash", 32));
    byte[] scid = r.bytes("short_channel_id", 8);
    long scidValue = 0;
    for (byte b : scid) {
      scidValue = (scidValue << 8) | (b & 0xff);
    }
    PublicKey node1 = r.point("node_id_1");
    PublicKey node2 = r.point("node_id_2");
    PublicKey bitcoin1 = r.point("bitcoin_key_1");
    PublicKey bitcoin2 = r.point("bitcoin_key_2");
    ByteVector excess = new ByteVector(r.bytes("excess data", message.length - r.offset));
    return new UnsignedChannelAnnouncement(features, chainHash, ShortChannelId.fromLong(scidValue), node1, node2, bitcoin1,
        bitcoin2, excess, new ByteVector(message.clone()));
  }

  /** The channel feature bits, big-endian, as announced (not interpreted). */
  public ByteVector features() {
    return features;
  }

  /** The genesis block hash of the chain, in the byte order the message carries. */
  public ByteVector32 chainHash() {
    return chainHash;
  }

  public ShortChannelId shortChannelId() {
    return shortChannelId;
  }

  public PublicKey nodeId1() {
    return nodeId1;
  }

  public PublicKey nodeId2() {
    return nodeId2;
  }

  /** The funding pubkey of {@link #nodeId1()}. */
  public PublicKey bitcoinKey1() {
    return bitcoinKey1;
  }

  /** The funding pubkey of {@link #nodeId2()}. */
  public PublicKey bitcoinKey2() {
    return bitcoinKey2;
  }

  /** Bytes after the last field (fields of later BOLT versions), signed as they are. */
  public ByteVector excessData() {
    return excessData;
  }

  /** Exactly the bytes parsed. */
  public ByteVector encoded() {
    return encoded;
  }

  /** {@code SHA256(SHA256(unsigned part))}: what the node and bitcoin signatures sign (BOLT 7). */
  public ByteVector32 digest() {
    return new ByteVector32(Crypto.hash256(encoded.toByteArray()));
  }

  /** Reads fields front to back, naming the field and offset when the message ends too early. */
  private static final class Reader {
    private final byte[] in;
    private int offset;

    Reader(byte[] in) {
      this.in = in;
    }

    int u16(String field) throws Bolt7FormatException {
      byte[] b = bytes(field, 2);
      return ((b[0] & 0xff) << 8) | (b[1] & 0xff);
    }

    byte[] bytes(String field, int length) throws Bolt7FormatException {
      if (in.length - offset < length) {
        throw new Bolt7FormatException("channel_announcement: " + field + " at offset " + offset + " needs " + length
            + " bytes, only " + (in.length - offset) + " left");
      }
      byte[] out = Arrays.copyOfRange(in, offset, offset + length);
      offset += length;
      return out;
    }

    PublicKey point(String field) throws Bolt7FormatException {
      int at = offset;
      byte[] b = bytes(field, POINT);
      if (b[0] != 0x02 && b[0] != 0x03) {
        throw new Bolt7FormatException("channel_announcement: " + field + " at offset " + at
            + " is not a compressed point (prefix 0x" + String.format("%02x", b[0] & 0xff) + ")");
      }
      try {
        SECP.pubkeyParse(b);
      } catch (Secp256k1Exception e) {
        throw new Bolt7FormatException("channel_announcement: " + field + " at offset " + at + " is not on secp256k1");
      }
      return new PublicKey(b);
    }
  }

  @Override
  public String toString() {
    return "UnsignedChannelAnnouncement[" + shortChannelId + ", " + nodeId1 + ", " + nodeId2 + "]";
  }
}
