package dev.custos.core.frost;

import fr.acinq.secp256k1.Secp256k1;
import fr.acinq.secp256k1.Secp256k1Exception;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Arithmetic on <b>secret</b> scalars (signing shares, nonces, polynomial coefficients), done by
 * libsecp256k1's {@code privKey*} functions so that no secret becomes an immutable
 * {@link BigInteger}. Every input and output is a fresh 32-byte big-endian array that the caller
 * owns and must zeroize. libsecp256k1 cannot hold zero as a secret key: a result that would be
 * zero throws {@link FrostException.Kind#IDENTITY_OR_ZERO} (probability 2^-256 for honest
 * randomness).
 */
final class SecretArithmetic {
  private static final Secp256k1 SECP = Secp256k1.Companion.get();
  /** 2^256 mod n. */
  private static final Scalar TWO_POW_256 = Scalar.reduce(BigInteger.ONE.shiftLeft(256));
  /** 2^128 (below n). */
  private static final Scalar TWO_POW_128 = new Scalar(BigInteger.ONE.shiftLeft(128));

  private SecretArithmetic() {}

  /** {@code a + b mod n}. */
  static byte[] add(byte[] a, byte[] b) throws FrostException {
    try {
      return SECP.privKeyTweakAdd(a, b);
    } catch (Secp256k1Exception zero) {
      throw new FrostException(FrostException.Kind.IDENTITY_OR_ZERO, "secret sum is zero");
    }
  }

  /** {@code a * k mod n} for a public, non-zero {@code k}. */
  static byte[] multiply(byte[] a, Scalar k) throws FrostException {
    if (k.isZero()) {
      throw new FrostException(FrostException.Kind.IDENTITY_OR_ZERO, "secret times zero");
    }
    try {
      return SECP.privKeyTweakMul(a, k.encode());
    } catch (Secp256k1Exception invalid) {
      throw new FrostException(FrostException.Kind.IDENTITY_OR_ZERO, "secret scalar is zero or not below n");
    }
  }

  /** {@code -a mod n}. */
  static byte[] negate(byte[] a) throws FrostException {
    try {
      return SECP.privKeyNegate(a);
    } catch (Secp256k1Exception invalid) {
      throw new FrostException(FrostException.Kind.IDENTITY_OR_ZERO, "secret scalar is zero or not below n");
    }
  }

  /** A copy of {@code a}, negated when {@code negate} is true. */
  static byte[] conditionalNegate(byte[] a, boolean negate) throws FrostException {
    return negate ? negate(a) : a.clone();
  }

  /** True when {@code a} is a valid libsecp256k1 secret key: {@code 0 < a < n}. */
  static boolean isValid(byte[] a) {
    return a != null && a.length == 32 && SECP.secKeyVerify(a);
  }

  /**
   * {@code OS2IP(wide) mod n} for 48 secret bytes (RFC 9380 §5.2 {@code hash_to_field} with L=48),
   * as {@code hi * 2^256 + mid * 2^128 + lo} with the three parts below n, combined in libsecp256k1.
   */
  static byte[] reduceWide(byte[] wide48) throws FrostException {
    byte[] hi = new byte[32];
    byte[] mid = new byte[32];
    byte[] lo = new byte[32];
    byte[] acc = null;
    try {
      System.arraycopy(wide48, 0, hi, 16, 16);
      System.arraycopy(wide48, 16, mid, 16, 16);
      System.arraycopy(wide48, 32, lo, 16, 16);
      acc = accumulate(acc, hi, TWO_POW_256);
      acc = accumulate(acc, mid, TWO_POW_128);
      acc = accumulate(acc, lo, Scalar.ONE);
      if (acc == null) {
        throw new FrostException(FrostException.Kind.IDENTITY_OR_ZERO, "hashed scalar is zero");
      }
      return acc;
    } finally {
      Arrays.fill(hi, (byte) 0);
      Arrays.fill(mid, (byte) 0);
      Arrays.fill(lo, (byte) 0);
    }
  }

  private static byte[] accumulate(byte[] acc, byte[] part, Scalar weight) throws FrostException {
    if (!isValid(part)) {
      return acc;
    }
    byte[] term = weight.equals(Scalar.ONE) ? part.clone() : multiply(part, weight);
    if (acc == null) {
      return term;
    }
    try {
      return add(acc, term);
    } finally {
      Arrays.fill(acc, (byte) 0);
      Arrays.fill(term, (byte) 0);
    }
  }
}
