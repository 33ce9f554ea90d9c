package dev.custos.core.ln.bolt3;

import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Satoshi;

/**
 * Everything fixed when a channel is set up (BOLT 2 {@code open_channel}, {@code accept_channel},
 * {@code funding_created}) that BOLT 3 transactions depend on. With a {@link CommitmentSpec} and a
 * per-commitment point it determines every commitment and HTLC transaction byte for byte.
 *
 * @param funder the side that opened (funded) the channel: it pays the commitment fee and anchors
 *     and its payment basepoint comes first in the commitment-number obscuring hash
 */
public record ChannelParameters(
    OutPoint fundingOutpoint,
    Satoshi fundingAmount,
    ChannelType type,
    ChannelSide holder,
    ChannelSide counterparty,
    Side funder) {

  public ChannelParameters {
    if (fundingOutpoint == null || fundingAmount == null || type == null || holder == null
        || counterparty == null || funder == null) {
      throw new IllegalArgumentException("channel parameters must all be present");
    }
    if (fundingAmount.toLong() <= 0) {
      throw new IllegalArgumentException("funding amount must be > 0, got " + fundingAmount.toLong());
    }
  }

  public ChannelSide side(Side side) {
    return side == Side.HOLDER ? holder : counterparty;
  }
}
