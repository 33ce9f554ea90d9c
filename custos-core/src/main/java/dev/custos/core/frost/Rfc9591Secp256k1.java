package dev.custos.core.frost;

import java.util.Arrays;

/**
 * FROST(secp256k1, SHA-256) exactly as RFC 9591 §6.5: context string
 * {@code FROST-secp256k1-SHA256-v1}, {@code H2 = hash_to_field(R || PK || msg, ctx || "chal")}
 * over compressed points, no even-y normalization, signature {@code SerializeElement(R) ||
 * SerializeScalar(z)} (65 bytes). Its signatures are <b>not</b> BIP340 signatures.
 */
public final class Rfc9591Secp256k1 implements FrostDialect {
  public static final Rfc9591Secp256k1 INSTANCE = new Rfc9591Secp256k1();

  private Rfc9591Secp256k1() {}

  @Override
  public String contextString() {
    return "FROST-secp256k1-SHA256-v1";
  }

  @Override
  public Scalar challenge(GroupElement groupCommitment, GroupElement groupKey, byte[] message) {
    return HashToField.toPublicScalar(
        contextString() + "chal", groupCommitment.encode(), groupKey.encode(), message);
  }

  @Override
  public boolean normalizesToEvenY() {
    return false;
  }

  @Override
  public byte[] encodeSignature(GroupElement groupCommitment, Scalar z) {
    byte[] out = new byte[65];
    System.arraycopy(groupCommitment.encode(), 0, out, 0, 33);
    System.arraycopy(z.encode(), 0, out, 33, 32);
    return out;
  }

  @Override
  public FrostSignature decodeSignature(byte[] bytes) throws FrostException {
    if (bytes == null || bytes.length != 65) {
      throw new FrostException(FrostException.Kind.MALFORMED_ENCODING, "RFC 9591 secp256k1 signature must be 65 bytes");
    }
    GroupElement r = GroupElement.decode(Arrays.copyOfRange(bytes, 0, 33));
    Scalar z = Scalar.decode(Arrays.copyOfRange(bytes, 33, 65));
    return new FrostSignature(r, z, bytes);
  }
}
