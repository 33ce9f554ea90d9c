package dev.custos.core.policy;

import java.math.BigDecimal;

/** Formats satoshi amounts for reasons: {@code 0.6 BTC}, {@code 1500 sat} below 0.001 BTC. */
public final class Amounts {
  private Amounts() {}

  public static String format(long sat) {
    if (Math.abs(sat) < 100_000) {
      return sat + " sat";
    }
    return BigDecimal.valueOf(sat).movePointLeft(8).stripTrailingZeros().toPlainString() + " BTC";
  }
}
