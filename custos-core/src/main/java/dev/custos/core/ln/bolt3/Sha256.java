package dev.custos.core.ln.bolt3;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 over the concatenation of its arguments (the JDK provider). */
final class Sha256 {
  private Sha256() {}

  static byte[] of(byte[]... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (byte[] p : parts) {
        md.update(p);
      }
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
