package dev.custos.core.keys;

import fr.acinq.bitcoin.Crypto;
import fr.acinq.bitcoin.PublicKey;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two hashes BIP32 is built on: HMAC-SHA512 for key derivation (BIP32 "Child key derivation
 * functions") and HASH160 for key identifiers and fingerprints (BIP32 "Key identifiers").
 */
final class Bip32Hashes {
  private Bip32Hashes() {}

  /**
   * HMAC-SHA512 from the JDK. The caller zeroizes {@code data} and the result. Note: the JDK keeps
   * its own copy of {@code key} (a chain code, or the public constant "Bitcoin seed") inside the
   * {@link Mac} until it is garbage-collected; {@link SecretKeySpec} cannot be destroyed.
   */
  static byte[] hmacSha512(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA512");
      mac.init(new SecretKeySpec(key, "HmacSHA512"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA512 is not available in this JDK", e);
    }
  }

  /** First 4 bytes of HASH160 of the compressed public key, as a big-endian int. */
  static int fingerprint(PublicKey key) {
    byte[] h = Crypto.hash160(key.value.toByteArray());
    return ((h[0] & 0xFF) << 24) | ((h[1] & 0xFF) << 16) | ((h[2] & 0xFF) << 8) | (h[3] & 0xFF);
  }

  /** Writes {@code value} as 4 big-endian bytes (BIP32 ser32) at {@code offset}. */
  static void ser32(long value, byte[] out, int offset) {
    out[offset] = (byte) (value >>> 24);
    out[offset + 1] = (byte) (value >>> 16);
    out[offset + 2] = (byte) (value >>> 8);
    out[offset + 3] = (byte) value;
  }
}
