package dev.custos.core.frost;

import java.io.Serial;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * An <b>insecure</b> SecureRandom for vector tests: each {@code nextBytes} call returns the next
 * scripted chunk, which must have exactly the requested length; running out fails the test.
 */
final class ScriptedSecureRandom extends SecureRandom {
  @Serial private static final long serialVersionUID = 1L;
  private final transient Deque<byte[]> chunks;

  ScriptedSecureRandom(List<byte[]> chunks) {
    this.chunks = new ArrayDeque<>(chunks);
  }

  @Override
  public synchronized void nextBytes(byte[] bytes) {
    byte[] next = chunks.poll();
    if (next == null || next.length != bytes.length) {
      throw new AssertionError("unexpected randomness request of " + bytes.length + " bytes");
    }
    System.arraycopy(next, 0, bytes, 0, bytes.length);
  }

  boolean exhausted() {
    return chunks.isEmpty();
  }
}
