package dev.custos.core.frost;

import java.math.BigInteger;

/**
 * A <b>public</b> element of the secp256k1 scalar field, {@code 0 <= value < n}: binding factors,
 * challenges, Lagrange coefficients, signature shares and identifiers. Secret scalars (signing
 * shares, nonces, polynomial coefficients) never use this type; they stay in {@code byte[]}
 * buffers that are zeroized and are combined by libsecp256k1 ({@link SecretArithmetic}).
 *
 * <p>Encoding is RFC 9591 §6.5 {@code SerializeScalar}: 32 bytes, big-endian; decoding rejects
 * values {@code >= n}.
 */
public record Scalar(BigInteger value) implements Comparable<Scalar> {
  /** The order n of the secp256k1 group. */
  public static final BigInteger ORDER =
      new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);

  public static final Scalar ZERO = new Scalar(BigInteger.ZERO);
  public static final Scalar ONE = new Scalar(BigInteger.ONE);

  public Scalar {
    if (value == null || value.signum() < 0 || value.compareTo(ORDER) >= 0) {
      throw new IllegalArgumentException("scalar out of range [0, n)");
    }
  }

  /** {@code value mod n}. */
  public static Scalar reduce(BigInteger value) {
    return new Scalar(value.mod(ORDER));
  }

  /** Strict RFC 9591 {@code DeserializeScalar}: exactly 32 bytes, big-endian, below n. */
  public static Scalar decode(byte[] bytes) throws FrostException {
    if (bytes == null || bytes.length != 32) {
      throw new FrostException(
          FrostException.Kind.MALFORMED_ENCODING,
          "scalar must be 32 bytes, got " + (bytes == null ? "none" : bytes.length));
    }
    BigInteger v = new BigInteger(1, bytes);
    if (v.compareTo(ORDER) >= 0) {
      throw new FrostException(FrostException.Kind.MALFORMED_ENCODING, "scalar is not below the group order");
    }
    return new Scalar(v);
  }

  /** 32 bytes, big-endian. */
  public byte[] encode() {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[32];
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
    return out;
  }

  public boolean isZero() {
    return value.signum() == 0;
  }

  public Scalar add(Scalar other) {
    return reduce(value.add(other.value));
  }

  public Scalar subtract(Scalar other) {
    return reduce(value.subtract(other.value));
  }

  public Scalar multiply(Scalar other) {
    return reduce(value.multiply(other.value));
  }

  public Scalar negate() {
    return reduce(value.negate());
  }

  /** The multiplicative inverse; the caller guarantees {@code this != 0}. */
  public Scalar invert() {
    if (isZero()) {
      throw new ArithmeticException("zero has no inverse");
    }
    return new Scalar(value.modInverse(ORDER));
  }

  @Override
  public int compareTo(Scalar other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return "Scalar[" + java.util.HexFormat.of().formatHex(encode()) + "]";
  }
}
