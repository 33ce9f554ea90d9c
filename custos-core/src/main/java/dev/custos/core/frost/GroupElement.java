package dev.custos.core.frost;

import fr.acinq.secp256k1.Secp256k1;
import fr.acinq.secp256k1.Secp256k1Exception;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A point of secp256k1 other than the identity, held as its 33-byte SEC1 compressed encoding (RFC
 * 9591 §6.5 {@code SerializeElement}). libsecp256k1 cannot represent the point at infinity, so
 * every operation whose result would be the identity throws {@link FrostException} with kind
 * {@link FrostException.Kind#IDENTITY_OR_ZERO}: RFC 9591 forbids serializing the identity and
 * {@code DeserializeElement} rejects it.
 *
 * <p>All arithmetic is performed by libsecp256k1 (secp256k1-kmp); none is written here.
 */
public final class GroupElement {
  private static final Secp256k1 SECP = Secp256k1.Companion.get();

  private final byte[] compressed;

  private GroupElement(byte[] compressed) {
    this.compressed = compressed;
  }

  /** Strict RFC 9591 {@code DeserializeElement}: 33 bytes, prefix 02/03, x on the curve. */
  public static GroupElement decode(byte[] bytes) throws FrostException {
    if (bytes == null || bytes.length != 33 || (bytes[0] != 2 && bytes[0] != 3)) {
      throw new FrostException(
          FrostException.Kind.MALFORMED_ENCODING, "element must be a 33-byte compressed point");
    }
    try {
      return new GroupElement(SECP.pubKeyCompress(SECP.pubkeyParse(bytes)));
    } catch (Secp256k1Exception notOnCurve) {
      throw new FrostException(FrostException.Kind.MALFORMED_ENCODING, "element is not a point of secp256k1");
    }
  }

  /** The point with x-coordinate {@code x32} and even y (BIP340 {@code lift_x}). */
  public static GroupElement liftX(byte[] x32) throws FrostException {
    if (x32 == null || x32.length != 32) {
      throw new FrostException(FrostException.Kind.MALFORMED_ENCODING, "x-only element must be 32 bytes");
    }
    byte[] c = new byte[33];
    c[0] = 2;
    System.arraycopy(x32, 0, c, 1, 32);
    return decode(c);
  }

  /** {@code G * k} for a public scalar {@code k}; the identity (k = 0) is refused. */
  public static GroupElement generatorTimes(Scalar k) throws FrostException {
    if (k.isZero()) {
      throw new FrostException(FrostException.Kind.IDENTITY_OR_ZERO, "G * 0 is the identity");
    }
    return fromLibsecp(SECP.pubkeyCreate(k.encode()));
  }

  /** {@code G * k} for a secret 32-byte scalar; the caller keeps and zeroizes {@code secret32}. */
  static GroupElement generatorTimesSecret(byte[] secret32) throws FrostException {
    try {
      return fromLibsecp(SECP.pubkeyCreate(secret32));
    } catch (Secp256k1Exception invalid) {
      throw new FrostException(FrostException.Kind.IDENTITY_OR_ZERO, "secret scalar is zero or not below n");
    }
  }

  /** {@code this * k}; refused when k = 0 (the identity). */
  public GroupElement multiply(Scalar k) throws FrostException {
    if (k.isZero()) {
      throw new FrostException(FrostException.Kind.IDENTITY_OR_ZERO, "element * 0 is the identity");
    }
    if (k.equals(Scalar.ONE)) {
      return this;
    }
    return fromLibsecp(SECP.pubKeyTweakMul(compressed, k.encode()));
  }

  /** {@code -this}. */
  public GroupElement negate() {
    return new GroupElement(SECP.pubKeyCompress(SECP.pubKeyNegate(compressed)));
  }

  /** {@code this + other}; refused when the sum is the identity. */
  public GroupElement add(GroupElement other) throws FrostException {
    return sum(List.of(this, other));
  }

  /** The sum of {@code terms} (at least one); refused when the sum is the identity. */
  public static GroupElement sum(List<GroupElement> terms) throws FrostException {
    if (terms.isEmpty()) {
      throw new FrostException(FrostException.Kind.IDENTITY_OR_ZERO, "empty sum is the identity");
    }
    if (terms.size() == 1) {
      return terms.getFirst();
    }
    byte[][] keys = terms.stream().map(t -> t.compressed).toArray(byte[][]::new);
    try {
      return fromLibsecp(SECP.pubKeyCombine(keys));
    } catch (Secp256k1Exception infinity) {
      throw new FrostException(FrostException.Kind.IDENTITY_OR_ZERO, "sum of elements is the identity");
    }
  }

  /** True when the y-coordinate is even (compressed prefix 02), as BIP340 requires of keys and R. */
  public boolean hasEvenY() {
    return compressed[0] == 2;
  }

  /** The point with the same x and even y: {@code this} or {@code -this}. */
  public GroupElement withEvenY() {
    return hasEvenY() ? this : negate();
  }

  /** The 32-byte x-coordinate (BIP340 {@code bytes(P)}). */
  public byte[] xOnly() {
    return Arrays.copyOfRange(compressed, 1, 33);
  }

  /** The 33-byte compressed encoding. */
  public byte[] encode() {
    return compressed.clone();
  }

  private static GroupElement fromLibsecp(byte[] point) {
    return new GroupElement(SECP.pubKeyCompress(point));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GroupElement g && Arrays.equals(compressed, g.compressed);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(compressed);
  }

  @Override
  public String toString() {
    return "GroupElement[" + HexFormat.of().formatHex(compressed) + "]";
  }
}
