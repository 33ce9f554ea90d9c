package dev.custos.core.frost;

/**
 * A participant's round-two output {@code z_i} (RFC 9591 §5.2). Public once computed. Encoding:
 * {@code SerializeScalar(z_i)}, 32 bytes; the identifier travels beside it.
 */
public record SignatureShare(Identifier identifier, Scalar z) {
  public SignatureShare {
    if (identifier == null || z == null) {
      throw new IllegalArgumentException("signature share fields must not be null");
    }
  }

  public byte[] encode() {
    return z.encode();
  }

  /** Strict inverse of {@link #encode()}: 32 bytes, below n. */
  public static SignatureShare decode(Identifier identifier, byte[] bytes) throws FrostException {
    return new SignatureShare(identifier, Scalar.decode(bytes));
  }
}
