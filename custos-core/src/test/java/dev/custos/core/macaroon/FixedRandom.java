package dev.custos.core.macaroon;

import java.security.SecureRandom;
import java.util.Arrays;

/** A "random" source that always yields the same byte, for reproducible third-party caveats. */
final class FixedRandom extends SecureRandom {
  private static final long serialVersionUID = 1L;
  private final byte value;

  FixedRandom(int value) {
    this.value = (byte) value;
  }

  @Override
  public void nextBytes(byte[] bytes) {
    Arrays.fill(bytes, value);
  }
}
