package dev.custos.core.ln.bolt3;

import fr.acinq.bitcoin.ByteVector32;

/**
 * One committed HTLC, from the broadcaster's point of view.
 *
 * @param paymentHash SHA256 of the payment preimage
 * @param cltvExpiry the absolute block height of {@code update_add_htlc.cltv_expiry}
 */
public record Htlc(HtlcDirection direction, MilliSatoshi amount, ByteVector32 paymentHash, long cltvExpiry) {
  public Htlc {
    if (direction == null || amount == null || paymentHash == null) {
      throw new IllegalArgumentException("HTLC needs a direction, an amount and a payment hash");
    }
    if (cltvExpiry < 0 || cltvExpiry >= 500_000_000L) {
      throw new IllegalArgumentException("cltv_expiry must be a block height below 500000000, got " + cltvExpiry);
    }
  }
}
