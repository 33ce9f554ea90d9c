package dev.custos.core.frost;

import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.Crypto;
import fr.acinq.secp256k1.Secp256k1;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Checks a Schnorr signature with libsecp256k1 and bitcoin-kmp only (none of the code under
 * test): {@code G * z == R + c * P}. For BIP340 signatures of 32-byte messages it is libsecp256k1's
 * own {@code verifySchnorr}; for other message lengths (which secp256k1-kmp's wrapper refuses) the
 * BIP340 equation is assembled from libsecp256k1 point operations and bitcoin-kmp's tagged hash.
 */
final class IndependentSchnorrCheck {
  private static final Secp256k1 SECP = Secp256k1.Companion.get();
  private static final BigInteger N =
      new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);

  private IndependentSchnorrCheck() {}

  /** BIP340 verification of a 64-byte signature for the x-only key {@code xOnlyKey}. */
  static boolean bip340(byte[] signature64, byte[] message, byte[] xOnlyKey) {
    if (message.length == 32) {
      return SECP.verifySchnorr(signature64, message, xOnlyKey);
    }
    byte[] rx = Arrays.copyOfRange(signature64, 0, 32);
    byte[] z = Arrays.copyOfRange(signature64, 32, 64);
    byte[] preimage = concat(rx, xOnlyKey, message);
    ByteVector32 e = Crypto.taggedHash(preimage, "BIP0340/challenge");
    BigInteger c = new BigInteger(1, e.toByteArray()).mod(N);
    return equation(concat(new byte[] {2}, rx), z, concat(new byte[] {2}, xOnlyKey), c);
  }

  /** {@code G * z == R + c * P} with compressed R and P. */
  static boolean equation(byte[] r33, byte[] z32, byte[] p33, BigInteger c) {
    byte[] lhs = SECP.pubKeyCompress(SECP.pubkeyCreate(z32));
    byte[] cP = SECP.pubKeyTweakMul(SECP.pubkeyParse(p33), toBytes32(c));
    byte[] rhs = SECP.pubKeyCompress(SECP.pubKeyCombine(new byte[][] {SECP.pubkeyParse(r33), cP}));
    return Arrays.equals(lhs, rhs);
  }

  static byte[] toBytes32(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(32, raw.length);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return out;
  }

  static byte[] concat(byte[]... parts) {
    int len = 0;
    for (byte[] p : parts) {
      len += p.length;
    }
    byte[] out = new byte[len];
    int off = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, off, p.length);
      off += p.length;
    }
    return out;
  }
}
