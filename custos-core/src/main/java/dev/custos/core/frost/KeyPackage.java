package dev.custos.core.frost;

/**
 * What one participant holds to sign: its identifier, its secret {@link SigningShare}, its public
 * verifying share {@code G * s_i}, the group key and the threshold. {@link #of} checks that the
 * verifying share matches the secret share. Closing the package zeroizes the share.
 */
public record KeyPackage(
    Identifier identifier, SigningShare signingShare, GroupElement verifyingShare, GroupElement groupKey, int minSigners)
    implements AutoCloseable {

  public KeyPackage {
    if (identifier == null || signingShare == null || verifyingShare == null || groupKey == null) {
      throw new IllegalArgumentException("key package fields must not be null");
    }
    if (minSigners < 1) {
      throw new IllegalArgumentException("minSigners must be >= 1, got " + minSigners);
    }
  }

  /**
   * A key package whose verifying share is derived from {@code signingShare}; takes ownership of
   * the share.
   */
  public static KeyPackage of(Identifier identifier, SigningShare signingShare, GroupElement groupKey, int minSigners)
      throws FrostException {
    return new KeyPackage(identifier, signingShare, signingShare.verifyingShare(), groupKey, minSigners);
  }

  @Override
  public void close() {
    signingShare.close();
  }
}
