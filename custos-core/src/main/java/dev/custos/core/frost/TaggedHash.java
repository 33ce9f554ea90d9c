package dev.custos.core.frost;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * BIP340 tagged hash {@code SHA256(SHA256(tag) || SHA256(tag) || m_1 || ... || m_k)}, fed part by
 * part so that secret inputs (an ECDH secret) are never copied into a concatenation buffer. Used
 * for Custos's own DKG ceremony domains ({@code custos/frost-dkg/...}).
 */
final class TaggedHash {
  private TaggedHash() {}

  static byte[] of(String tag, byte[]... parts) {
    MessageDigest sha = sha256();
    byte[] tagHash = sha.digest(tag.getBytes(StandardCharsets.US_ASCII));
    sha.update(tagHash);
    sha.update(tagHash);
    for (byte[] p : parts) {
      sha.update(p);
    }
    return sha.digest();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
