package dev.custos.core.seal;

import java.io.Serial;
import java.security.SecureRandom;

/**
 * A deterministic, <b>insecure</b> SecureRandom for tests and golden files: it yields the bytes
 * {@code start, start+1, start+2, ...} (mod 256), forever the same on every JVM.
 */
public final class FixedSecureRandom extends SecureRandom {
  @Serial private static final long serialVersionUID = 1L;
  private int next;

  public FixedSecureRandom(int start) {
    this.next = start & 0xff;
  }

  @Override
  public synchronized void nextBytes(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) next;
      next = (next + 1) & 0xff;
    }
  }

  @Override
  public String getAlgorithm() {
    return "fixed-test-sequence";
  }
}
