package dev.custos.core.ln.bolt3;

import dev.custos.core.ln.bolt3.Bolt3Exception.Kind;
import java.util.BitSet;

/**
 * Reads a BOLT 2 {@code channel_type} (a BOLT 9 feature bitfield, big-endian, bit 0 the least
 * significant bit of the last byte) into the commitment format it selects.
 *
 * <p>Accepted: {@code option_static_remotekey} (bit 12), and {@code option_anchors} (bits 22 and
 * 12); either may add {@code option_scid_alias} (46) and {@code option_zeroconf} (50), which do
 * not change BOLT 3 transactions and are not reported. Refused, each with its own
 * {@link Kind}: no static_remotekey (legacy), {@code option_anchor_outputs} (bit 20, HTLC
 * transactions with fees), odd bits, any other bit (for example taproot), more than 32 bytes.
 */
public final class ChannelTypeBits {
  public static final int STATIC_REMOTE_KEY = 12;
  public static final int ANCHOR_OUTPUTS = 20;
  public static final int ANCHORS_ZERO_FEE_HTLC_TX = 22;
  public static final int SCID_ALIAS = 46;
  public static final int ZEROCONF = 50;
  private static final int MAX_BYTES = 32;

  private ChannelTypeBits() {}

  /**
   * The commitment format of {@code channelType}.
   *
   * @throws Bolt3Exception {@code MALFORMED_CHANNEL_TYPE}, {@code UNKNOWN_CHANNEL_TYPE},
   *     {@code LEGACY_COMMITMENT_REFUSED} or {@code PLAIN_ANCHORS_REFUSED}
   */
  public static ChannelType parse(byte[] channelType) throws Bolt3Exception {
    if (channelType == null) {
      throw new Bolt3Exception(Kind.MALFORMED_CHANNEL_TYPE, "channel_type is missing");
    }
    if (channelType.length > MAX_BYTES) {
      throw new Bolt3Exception(Kind.MALFORMED_CHANNEL_TYPE,
          "channel_type is " + channelType.length + " bytes, at most " + MAX_BYTES + " are defined");
    }
    BitSet bits = new BitSet();
    for (int i = 0; i < channelType.length; i++) {
      int b = channelType[channelType.length - 1 - i] & 0xff;
      for (int j = 0; j < 8; j++) {
        if ((b & (1 << j)) != 0) {
          bits.set(i * 8 + j);
        }
      }
    }
    for (int bit = bits.nextSetBit(0); bit >= 0; bit = bits.nextSetBit(bit + 1)) {
      if (bit % 2 != 0) {
        throw new Bolt3Exception(Kind.MALFORMED_CHANNEL_TYPE, "channel_type sets odd (optional) bit " + bit);
      }
    }
    if (bits.get(ANCHOR_OUTPUTS)) {
      throw new Bolt3Exception(Kind.PLAIN_ANCHORS_REFUSED,
          "channel_type sets option_anchor_outputs (bit 20): HTLC transactions with fees are not supported,"
              + " use option_anchors (bits 12+22)");
    }
    if (!bits.get(STATIC_REMOTE_KEY)) {
      throw new Bolt3Exception(Kind.LEGACY_COMMITMENT_REFUSED,
          "channel_type lacks option_static_remotekey (bit 12): legacy commitments are not supported");
    }
    BitSet unknown = (BitSet) bits.clone();
    unknown.clear(STATIC_REMOTE_KEY);
    unknown.clear(ANCHORS_ZERO_FEE_HTLC_TX);
    unknown.clear(SCID_ALIAS);
    unknown.clear(ZEROCONF);
    if (!unknown.isEmpty()) {
      throw new Bolt3Exception(Kind.UNKNOWN_CHANNEL_TYPE,
          "channel_type sets bit " + unknown.nextSetBit(0) + ", which this engine does not implement");
    }
    return bits.get(ANCHORS_ZERO_FEE_HTLC_TX) ? ChannelType.ANCHORS_ZERO_FEE_HTLC_TX : ChannelType.STATIC_REMOTE_KEY;
  }
}
