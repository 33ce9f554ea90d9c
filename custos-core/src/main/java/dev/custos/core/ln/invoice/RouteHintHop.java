package dev.custos.core.ln.invoice;

import fr.acinq.bitcoin.PublicKey;

/**
 * One entry of a BOLT 11 {@code r} field (51 bytes): the node at the start of a private channel,
 * the channel's {@code short_channel_id}, and the channel's {@code fee_base_msat},
 * {@code fee_proportional_millionths} (both unsigned 32-bit) and {@code cltv_expiry_delta}
 * (unsigned 16-bit), as in BOLT 7's {@code channel_update}.
 */
public record RouteHintHop(PublicKey nodeId, long shortChannelId, long feeBaseMsat, long feeProportionalMillionths,
    int cltvExpiryDelta) {
  public RouteHintHop {
    if (nodeId == null || feeBaseMsat < 0 || feeBaseMsat > 0xffffffffL || feeProportionalMillionths < 0
        || feeProportionalMillionths > 0xffffffffL || cltvExpiryDelta < 0 || cltvExpiryDelta > 0xffff) {
      throw new IllegalArgumentException("route hint hop out of range");
    }
  }

  /** The {@code short_channel_id} as {@code block x txindex x output}. */
  public String shortChannelIdText() {
    return (shortChannelId >>> 40) + "x" + ((shortChannelId >>> 16) & 0xffffff) + "x" + (shortChannelId & 0xffff);
  }
}
