package dev.custos.core.frost;

import dev.custos.core.secret.SecretBytes;
import java.util.Arrays;

/**
 * A participant's secret round-one nonces {@code (hiding_nonce, binding_nonce)} and their public
 * {@link SigningCommitments} (RFC 9591 §5.1).
 *
 * <p><b>Warning: a nonce pair signs at most one message.</b> Signing two different messages (or
 * the same message with a different commitment list) with the same nonces reveals the signing
 * share. {@link Frost#sign} consumes this object: it is zeroized before the share is returned and
 * refused ({@link FrostException.Kind#NONCE_REUSED}) if offered again. A caller that persists
 * nonces ({@link #toSecretBytes()}) must store them as UNUSED, mark them USED durably
 * <i>before</i> calling {@link Frost#sign}, and never restore a nonce marked USED.
 */
public final class SigningNonces implements AutoCloseable {
  /** Length of {@link #toSecretBytes()}: hiding nonce then binding nonce, 32 bytes each. */
  public static final int SECRET_LENGTH = 64;

  private final SecretBytes hiding;
  private final SecretBytes binding;
  private final SigningCommitments commitments;

  private SigningNonces(SecretBytes hiding, SecretBytes binding, SigningCommitments commitments) {
    this.hiding = hiding;
    this.binding = binding;
    this.commitments = commitments;
  }

  /** Takes ownership of both 32-byte nonces and derives their commitments. */
  static SigningNonces ofOwned(Identifier identifier, byte[] hidingNonce, byte[] bindingNonce) throws FrostException {
    SecretBytes h = SecretBytes.takeOwnership(hidingNonce);
    SecretBytes b = SecretBytes.takeOwnership(bindingNonce);
    try {
      SigningCommitments c = new SigningCommitments(
          identifier, GroupElement.generatorTimesSecret(hidingNonce), GroupElement.generatorTimesSecret(bindingNonce));
      return new SigningNonces(h, b, c);
    } catch (FrostException | RuntimeException e) {
      h.close();
      b.close();
      throw e;
    }
  }

  /**
   * Restores nonces persisted with {@link #toSecretBytes()} for participant {@code identifier}.
   * The caller must have checked that they are still UNUSED. {@code secret} is not consumed.
   */
  public static SigningNonces fromSecretBytes(Identifier identifier, SecretBytes secret) throws FrostException {
    if (secret.length() != SECRET_LENGTH) {
      throw new FrostException(
          FrostException.Kind.MALFORMED_ENCODING, "signing nonces must be " + SECRET_LENGTH + " bytes, got " + secret.length());
    }
    byte[] all = secret.copy();
    try {
      byte[] h = Arrays.copyOfRange(all, 0, 32);
      byte[] b = Arrays.copyOfRange(all, 32, 64);
      if (!SecretArithmetic.isValid(h) || !SecretArithmetic.isValid(b)) {
        Arrays.fill(h, (byte) 0);
        Arrays.fill(b, (byte) 0);
        throw new FrostException(FrostException.Kind.MALFORMED_ENCODING, "signing nonce is not a scalar in (0, n)");
      }
      return ofOwned(identifier, h, b);
    } finally {
      Arrays.fill(all, (byte) 0);
    }
  }

  /** The public commitments to send to the coordinator. */
  public SigningCommitments commitments() {
    return commitments;
  }

  /** {@code hiding || binding} (64 bytes) for sealed persistence; the caller closes the copy. */
  public SecretBytes toSecretBytes() {
    byte[] out = new byte[SECRET_LENGTH];
    hiding.use(h -> {
      System.arraycopy(h, 0, out, 0, 32);
      return null;
    });
    binding.use(b -> {
      System.arraycopy(b, 0, out, 32, 32);
      return null;
    });
    return SecretBytes.takeOwnership(out);
  }

  /** True once consumed by {@link Frost#sign} or closed. */
  public boolean isConsumed() {
    return hiding.isDestroyed() || binding.isDestroyed();
  }

  byte[] hidingCopy() {
    return hiding.copy();
  }

  byte[] bindingCopy() {
    return binding.copy();
  }

  @Override
  public void close() {
    hiding.close();
    binding.close();
  }

  @Override
  public String toString() {
    return "SigningNonces[" + commitments.identifier() + ", <secret>]";
  }
}
