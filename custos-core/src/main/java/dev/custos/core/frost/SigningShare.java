package dev.custos.core.frost;

import dev.custos.core.secret.SecretBytes;
import java.util.Arrays;

/**
 * A participant's long-lived secret share {@code s_i} of the group key (RFC 9591 §4.1
 * {@code sk_i}): a scalar {@code 0 < s_i < n} held in {@link SecretBytes}. Never printed, zeroized
 * by {@link #close()}.
 */
public final class SigningShare implements AutoCloseable {
  private final SecretBytes secret;

  private SigningShare(SecretBytes secret) {
    this.secret = secret;
  }

  /**
   * Takes ownership of {@code secret} (32 big-endian bytes). Refused, and {@code secret} closed,
   * when it is not a scalar in {@code (0, n)}.
   */
  public static SigningShare of(SecretBytes secret) throws FrostException {
    boolean valid = secret.length() == 32 && secret.use(SecretArithmetic::isValid);
    if (!valid) {
      secret.close();
      throw new FrostException(FrostException.Kind.MALFORMED_ENCODING, "signing share must be a 32-byte scalar in (0, n)");
    }
    return new SigningShare(secret);
  }

  /** Takes ownership of {@code raw} (see {@link #of(SecretBytes)}). */
  static SigningShare ofOwned(byte[] raw) throws FrostException {
    return of(SecretBytes.takeOwnership(raw));
  }

  /** {@code G * s_i}: the share's public verifying share. */
  public GroupElement verifyingShare() throws FrostException {
    byte[] s = secret.copy();
    try {
      return GroupElement.generatorTimesSecret(s);
    } finally {
      Arrays.fill(s, (byte) 0);
    }
  }

  /** A copy of the 32 secret bytes; the caller must zeroize it. */
  byte[] copy() {
    return secret.copy();
  }

  /** The secret bytes, for sealing; the caller owns and closes the returned copy. */
  public SecretBytes toSecretBytes() {
    return SecretBytes.takeOwnership(secret.copy());
  }

  @Override
  public void close() {
    secret.close();
  }

  @Override
  public String toString() {
    return "<secret>";
  }
}
