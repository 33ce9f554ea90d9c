package dev.custos.core.ln.bolt3;

import fr.acinq.bitcoin.Satoshi;

/**
 * What one node contributes to a channel and what applies to the commitments it broadcasts.
 *
 * @param keys its funding pubkey and basepoints
 * @param toSelfDelay blocks its own {@code to_local} and second-stage HTLC outputs are delayed on
 *     its commitments (the {@code to_self_delay} its peer chose), 1..65535
 * @param dustLimit its {@code dust_limit_satoshis}, applied when trimming its commitments
 */
public record ChannelSide(ChannelPublicKeys keys, int toSelfDelay, Satoshi dustLimit) {
  public ChannelSide {
    if (keys == null || dustLimit == null) {
      throw new IllegalArgumentException("channel side needs keys and a dust limit");
    }
    if (toSelfDelay < 1 || toSelfDelay > 0xffff) {
      throw new IllegalArgumentException("to_self_delay must be in [1, 65535], got " + toSelfDelay);
    }
    if (dustLimit.toLong() < 0) {
      throw new IllegalArgumentException("dust_limit_satoshis must be >= 0, got " + dustLimit.toLong());
    }
  }
}
