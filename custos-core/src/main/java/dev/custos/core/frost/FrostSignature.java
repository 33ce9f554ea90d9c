package dev.custos.core.frost;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An aggregated FROST signature {@code (R, z)} (RFC 9591 §5.3) and its encoding in the dialect
 * that produced it ({@link FrostDialect#encodeSignature}): 65 bytes for RFC 9591, 64-byte BIP340
 * for the taproot dialect.
 */
public final class FrostSignature {
  private final GroupElement groupCommitment;
  private final Scalar z;
  private final byte[] encoded;

  FrostSignature(GroupElement groupCommitment, Scalar z, byte[] encoded) {
    this.groupCommitment = groupCommitment;
    this.z = z;
    this.encoded = encoded.clone();
  }

  public GroupElement groupCommitment() {
    return groupCommitment;
  }

  public Scalar z() {
    return z;
  }

  public byte[] encode() {
    return encoded.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FrostSignature s && Arrays.equals(encoded, s.encoded);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encoded);
  }

  @Override
  public String toString() {
    return "FrostSignature[" + HexFormat.of().formatHex(encoded) + "]";
  }
}
