package dev.custos.core.sign;

import java.io.Serial;
import java.security.SecureRandom;

/**
 * An <b>insecure</b> SecureRandom for BIP340 vectors: it hands out one given 32-byte auxiliary
 * randomness exactly once, and fails the test on any other request, so a vector pins both the
 * bytes {@link Schnorr} draws and how many it draws.
 */
final class AuxRandStub extends SecureRandom {
  @Serial private static final long serialVersionUID = 1L;
  private final byte[] aux;
  private boolean used;

  AuxRandStub(byte[] aux32) {
    if (aux32.length != 32) {
      throw new IllegalArgumentException("BIP340 aux_rand is 32 bytes, got " + aux32.length);
    }
    this.aux = aux32.clone();
  }

  @Override
  public synchronized void nextBytes(byte[] bytes) {
    if (used || bytes.length != aux.length) {
      throw new AssertionError("expected one request for 32 aux bytes, got a request for " + bytes.length
          + (used ? " after the aux bytes were already used" : ""));
    }
    System.arraycopy(aux, 0, bytes, 0, aux.length);
    used = true;
  }

  @Override
  public String getAlgorithm() {
    return "bip340-aux-rand-stub";
  }
}
