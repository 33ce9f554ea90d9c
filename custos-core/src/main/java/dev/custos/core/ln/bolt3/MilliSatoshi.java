package dev.custos.core.ln.bolt3;

import fr.acinq.bitcoin.Satoshi;

/** A non-negative amount in millisatoshis (BOLT {@code *_msat} fields). */
public record MilliSatoshi(long value) implements Comparable<MilliSatoshi> {
  public MilliSatoshi {
    if (value < 0) {
      throw new IllegalArgumentException("millisatoshi amount must be >= 0, got " + value);
    }
  }

  /** Rounded down to whole satoshis, as BOLT 3 requires for every output. */
  public Satoshi truncateToSatoshi() {
    return new Satoshi(value / 1000);
  }

  @Override
  public int compareTo(MilliSatoshi o) {
    return Long.compare(value, o.value);
  }
}
