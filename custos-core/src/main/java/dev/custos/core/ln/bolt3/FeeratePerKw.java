package dev.custos.core.ln.bolt3;

import fr.acinq.bitcoin.Satoshi;

/** A BOLT 2 {@code feerate_per_kw}: satoshis per 1000 weight units. */
public record FeeratePerKw(long value) {
  public FeeratePerKw {
    if (value < 0 || value > 0xffffffffL) {
      throw new IllegalArgumentException("feerate_per_kw must be a u32, got " + value);
    }
  }

  /** {@code feerate_per_kw * weight / 1000}, rounded down (BOLT 3 "Fee Calculation"). */
  public Satoshi feeForWeight(long weight) {
    return new Satoshi(Math.multiplyExact(value, weight) / 1000);
  }
}
