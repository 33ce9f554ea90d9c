package dev.custos.core.frost;

import java.math.BigInteger;

/**
 * A participant identifier: a non-zero scalar (RFC 9591 §3.1 / §5). Small integers are the usual
 * choice ({@link #of(int)}); any non-zero scalar is accepted ({@link #decode(byte[])}), as ZF
 * FROST allows identifiers derived by hashing. Ordering is by scalar value, which is the order of
 * RFC 9591's commitment lists.
 */
public record Identifier(Scalar value) implements Comparable<Identifier> {
  public Identifier {
    if (value == null || value.isZero()) {
      throw new IllegalArgumentException("identifier must be a non-zero scalar");
    }
  }

  /** The identifier {@code i}, {@code i >= 1}. */
  public static Identifier of(int i) {
    if (i < 1) {
      throw new IllegalArgumentException("identifier must be >= 1, got " + i);
    }
    return new Identifier(new Scalar(BigInteger.valueOf(i)));
  }

  /** 32 big-endian bytes of a non-zero scalar below n. */
  public static Identifier decode(byte[] bytes) throws FrostException {
    Scalar s = Scalar.decode(bytes);
    if (s.isZero()) {
      throw new FrostException(FrostException.Kind.MALFORMED_ENCODING, "identifier must not be zero");
    }
    return new Identifier(s);
  }

  /** RFC 9591 {@code SerializeScalar(identifier)}. */
  public byte[] encode() {
    return value.encode();
  }

  @Override
  public int compareTo(Identifier other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value.value().bitLength() <= 31 ? "Identifier[" + value.value() + "]" : "Identifier[" + value + "]";
  }
}
