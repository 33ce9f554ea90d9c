package dev.custos.core.frost;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * RFC 9380 §5.2 {@code hash_to_field} into the secp256k1 scalar field with
 * {@code expand_message_xmd} (§5.3.1) over SHA-256, {@code count = 1} and {@code L = 48}, as RFC
 * 9591 §6.5 prescribes for H1, H2 and H3. The message is given in parts so that secret parts are
 * hashed without being copied into a buffer.
 */
final class HashToField {
  private static final int L = 48;
  private static final int B_IN_BYTES = 32;
  private static final int S_IN_BYTES = 64;

  private HashToField() {}

  /** A public scalar, e.g. a binding factor or challenge. */
  static Scalar toPublicScalar(String dst, byte[]... msg) {
    byte[] wide = expand(dst, msg);
    return Scalar.reduce(new BigInteger(1, wide));
  }

  /** A secret scalar (a nonce) as a fresh 32-byte array the caller must zeroize. */
  static byte[] toSecretScalar(String dst, byte[]... msg) throws FrostException {
    byte[] wide = expand(dst, msg);
    try {
      return SecretArithmetic.reduceWide(wide);
    } finally {
      Arrays.fill(wide, (byte) 0);
    }
  }

  /** {@code expand_message_xmd(msg, DST, 48)} with SHA-256. */
  static byte[] expand(String dst, byte[]... msg) {
    byte[] dstBytes = dst.getBytes(StandardCharsets.US_ASCII);
    if (dstBytes.length > 255) {
      throw new IllegalArgumentException("DST longer than 255 bytes");
    }
    byte[] dstPrime = Arrays.copyOf(dstBytes, dstBytes.length + 1);
    dstPrime[dstBytes.length] = (byte) dstBytes.length;
    MessageDigest h = sha256();
    h.update(new byte[S_IN_BYTES]);
    for (byte[] part : msg) {
      h.update(part);
    }
    h.update(new byte[] {0, (byte) L, 0});
    h.update(dstPrime);
    byte[] b0 = h.digest();
    byte[] out = new byte[L];
    byte[] previous = new byte[B_IN_BYTES];
    byte[] chained = new byte[B_IN_BYTES];
    try {
      int ell = (L + B_IN_BYTES - 1) / B_IN_BYTES;
      for (int i = 1; i <= ell; i++) {
        for (int j = 0; j < B_IN_BYTES; j++) {
          chained[j] = (byte) (b0[j] ^ (i == 1 ? 0 : previous[j]));
        }
        h.update(chained);
        h.update((byte) i);
        h.update(dstPrime);
        byte[] bi = h.digest();
        System.arraycopy(bi, 0, out, (i - 1) * B_IN_BYTES, Math.min(B_IN_BYTES, L - (i - 1) * B_IN_BYTES));
        System.arraycopy(bi, 0, previous, 0, B_IN_BYTES);
        Arrays.fill(bi, (byte) 0);
      }
      return out;
    } finally {
      Arrays.fill(b0, (byte) 0);
      Arrays.fill(previous, (byte) 0);
      Arrays.fill(chained, (byte) 0);
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
    }
  }
}
